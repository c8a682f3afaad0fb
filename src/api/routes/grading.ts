import { Type } from '@sinclair/typebox';
import type { Level } from '../../domain/grading/policy.js';
import type { ResponseProfile } from '../../domain/response/profiles.js';
import { gradeImpact } from '../../operations/grade-impact.js';
import { listResponseProfiles, resetResponseProfile, setResponseProfile } from '../../operations/response-profiles.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import { EffectiveProfileSchema, GradeBody, GradeResultSchema, LevelParam, PolicySchema, ProfileSchema } from '../schemas.js';

const tags = ['grading'];

export function gradingRoutes(app: App, { deps }: RouteDeps): void {
  app.post('/api/v1/grade', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Grade impact facts against the policy without storing anything',
      body: GradeBody,
      response: { 200: GradeResultSchema },
    },
    handler: async (request) => gradeImpact(contextOf(deps, request), request.body),
  });

  app.get('/api/v1/policy', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'The grading policy in force', response: { 200: PolicySchema } },
    handler: () => deps.policy,
  });

  app.get('/api/v1/response-profiles', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'What each level obliges: ack target, paging, cadence, postmortem, regulator report',
      response: { 200: Type.Object({ items: Type.Array(EffectiveProfileSchema), nextCursor: Type.Null() }) },
    },
    handler: async () => ({ items: await listResponseProfiles(deps), nextCursor: null }),
  });

  app.put('/api/v1/response-profiles/:level', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: "Override a level's profile",
      params: LevelParam,
      body: ProfileSchema,
      response: { 200: EffectiveProfileSchema },
    },
    handler: async (request) =>
      setResponseProfile(contextOf(deps, request), request.params.level as Level, request.body as ResponseProfile),
  });

  app.delete('/api/v1/response-profiles/:level', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: "Drop the override: the policy file's profile applies again",
      params: LevelParam,
      response: { 200: EffectiveProfileSchema },
    },
    handler: async (request) => resetResponseProfile(contextOf(deps, request), request.params.level as Level),
  });
}
