import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from '../../operations/oncall/manage-teams.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import { CreateTeamBody, IdParam, TeamSchema, UpdateTeamBody } from '../oncall-schemas.js';
import { teamJson } from '../oncall-presenters.js';
import { listOf } from '../schemas.js';

const tags = ['teams'];

/** Teams: a name and members; services, schedules, policies and channels belong to one. */
export function teamRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/teams', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Teams, by name', response: { 200: listOf(TeamSchema) } },
    handler: async (request) => ({ items: (await listTeams(contextOf(deps, request))).map(teamJson), nextCursor: null }),
  });
  app.post('/api/v1/teams', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Create a team; members must be existing users', body: CreateTeamBody, response: { 201: TeamSchema } },
    handler: async (request, reply) => reply.status(201).send(teamJson(await createTeam(contextOf(deps, request), request.body))),
  });
  app.get('/api/v1/teams/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'A team', params: IdParam, response: { 200: TeamSchema } },
    handler: async (request) => teamJson(await getTeam(contextOf(deps, request), request.params.id)),
  });
  app.patch('/api/v1/teams/:id', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Change a team (members, if given, replace the list)',
      params: IdParam,
      body: UpdateTeamBody,
      response: { 200: TeamSchema },
    },
    handler: async (request) => teamJson(await updateTeam(contextOf(deps, request), request.params.id, request.body)),
  });
  app.delete('/api/v1/teams/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a team nothing refers to (409 names what does)', params: IdParam },
    handler: async (request, reply) => {
      await deleteTeam(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });
}
