import { addContactMethod, deleteContactMethod, listContactMethods } from '../../operations/oncall/manage-contact-methods.js';
import { listNotificationRules, setNotificationRules } from '../../operations/oncall/set-notification-rules.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import {
  ContactMethodSchema,
  CreateContactMethodBody,
  IdParam,
  MethodParams,
  NotificationRuleSchema,
  NotificationRulesBody,
} from '../oncall-schemas.js';
import { contactMethodJson, ruleJson } from '../oncall-presenters.js';
import { listOf } from '../schemas.js';

const tags = ['contact methods'];

/**
 * A person's contact methods and personal notification rules. Open to every role at the door; the
 * operation lets people manage only their own, admins anyone's.
 */
export function contactMethodRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/users/:id/contact-methods', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'A user’s contact methods (IM addresses masked)',
      params: IdParam,
      response: { 200: listOf(ContactMethodSchema) },
    },
    handler: async (request) => ({
      items: (await listContactMethods(contextOf(deps, request), request.params.id)).map(contactMethodJson),
      nextCursor: null,
    }),
  });
  app.post('/api/v1/users/:id/contact-methods', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Add a contact method (yourself, or anyone as admin); an IM URL and secret are stored sealed',
      params: IdParam,
      body: CreateContactMethodBody,
      response: { 201: ContactMethodSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(contactMethodJson(await addContactMethod(contextOf(deps, request), request.params.id, request.body))),
  });
  app.delete('/api/v1/users/:id/contact-methods/:methodId', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Remove a contact method and the rules that use it', params: MethodParams },
    handler: async (request, reply) => {
      await deleteContactMethod(contextOf(deps, request), request.params.id, request.params.methodId);
      return reply.status(204).send();
    },
  });
  app.get('/api/v1/users/:id/notification-rules', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'A user’s personal notification rules', params: IdParam, response: { 200: listOf(NotificationRuleSchema) } },
    handler: async (request) => ({
      items: (await listNotificationRules(contextOf(deps, request), request.params.id)).map(ruleJson),
      nextCursor: null,
    }),
  });
  app.put('/api/v1/users/:id/notification-rules', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Replace a user’s notification rules: [{contactMethodId, delayMinutes}], one at 0 minutes',
      params: IdParam,
      body: NotificationRulesBody,
      response: { 200: listOf(NotificationRuleSchema) },
    },
    handler: async (request) => ({
      items: (await setNotificationRules(contextOf(deps, request), request.params.id, request.body)).map(ruleJson),
      nextCursor: null,
    }),
  });
}
