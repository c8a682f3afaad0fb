import {
  createEscalationPolicy,
  deleteEscalationPolicy,
  getEscalationPolicy,
  listEscalationPolicies,
  replaceEscalationPolicy,
} from '../../operations/oncall/manage-escalation-policies.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import { EscalationPolicyBody, EscalationPolicySchema, IdParam } from '../oncall-schemas.js';
import { policyJson } from '../oncall-presenters.js';
import { listOf } from '../schemas.js';

const tags = ['escalation policies'];

/** Escalation policies: ordered steps of targets (users, schedules, teams), repeated `repeat` more times. */
export function escalationPolicyRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/escalation-policies', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Escalation policies, by name', response: { 200: listOf(EscalationPolicySchema) } },
    handler: async (request) => ({
      items: (await listEscalationPolicies(contextOf(deps, request))).map(policyJson),
      nextCursor: null,
    }),
  });
  app.post('/api/v1/escalation-policies', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Create an escalation policy; every target must exist',
      body: EscalationPolicyBody,
      response: { 201: EscalationPolicySchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(policyJson(await createEscalationPolicy(contextOf(deps, request), request.body))),
  });
  app.get('/api/v1/escalation-policies/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'An escalation policy', params: IdParam, response: { 200: EscalationPolicySchema } },
    handler: async (request) => policyJson(await getEscalationPolicy(contextOf(deps, request), request.params.id)),
  });
  app.put('/api/v1/escalation-policies/:id', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Replace an escalation policy',
      params: IdParam,
      body: EscalationPolicyBody,
      response: { 200: EscalationPolicySchema },
    },
    handler: async (request) => policyJson(await replaceEscalationPolicy(contextOf(deps, request), request.params.id, request.body)),
  });
  app.delete('/api/v1/escalation-policies/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a policy no service follows (409 names the services)', params: IdParam },
    handler: async (request, reply) => {
      await deleteEscalationPolicy(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });
}
