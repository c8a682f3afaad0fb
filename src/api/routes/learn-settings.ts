import { getOrganisation, updateOrganisation } from '../../operations/learn/organisation.js';
import { findReminders } from '../../operations/learn/read-reminders.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import { OrganisationSchema, ReminderListQuery, ReminderSchema, UpdateOrganisationBody } from '../learn-schemas.js';
import { reminderJson } from '../learn-presenters.js';
import { cursorAfterId, encodeCursor } from '../presenters.js';
import { listOf } from '../schemas.js';

/** The organisation as documents name it, and the reminders fired about postmortems and reports. */
export function learnSettingRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/organisation', {
    config: { access: 'viewer' },
    schema: {
      tags: ['postmortems'],
      summary: 'Organisation name, time zone, accountability section',
      response: { 200: OrganisationSchema },
    },
    handler: async (request) => getOrganisation(contextOf(deps, request)),
  });

  app.patch('/api/v1/organisation', {
    config: { access: 'admin' },
    schema: {
      tags: ['postmortems'],
      summary: 'Change the organisation settings',
      body: UpdateOrganisationBody,
      response: { 200: OrganisationSchema },
    },
    handler: async (request) => updateOrganisation(contextOf(deps, request), request.body),
  });

  app.get('/api/v1/reminders', {
    config: { access: 'viewer' },
    schema: {
      tags: ['postmortems'],
      summary: 'Reminders fired, newest first',
      querystring: ReminderListQuery,
      response: { 200: listOf(ReminderSchema) },
    },
    handler: async (request) => {
      const { incidentId, subjectId, cursor, limit } = request.query;
      const page = await findReminders(contextOf(deps, request), {
        incidentId,
        subjectId,
        beforeId: cursorAfterId(cursor) ?? undefined,
        limit: limit ?? 50,
      });
      const last = page.items.at(-1);
      return { items: page.items.map(reminderJson), nextCursor: page.hasMore && last ? encodeCursor({ a: last.id }) : null };
    },
  });
}
