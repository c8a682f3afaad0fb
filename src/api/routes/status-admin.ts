import { addStatusUpdate } from '../../operations/status/add-status-update.js';
import { readStatusSnapshot } from '../../operations/status/build-snapshot.js';
import { createStatusIncident } from '../../operations/status/create-status-incident.js';
import {
  createStatusComponent,
  deleteStatusComponent,
  listStatusComponents,
  updateStatusComponent,
} from '../../operations/status/manage-status-components.js';
import {
  createStatusMaintenance,
  deleteStatusMaintenance,
  listStatusMaintenances,
  updateStatusMaintenance,
} from '../../operations/status/manage-status-maintenances.js';
import {
  createStatusPage,
  deleteStatusPage,
  getStatusPage,
  listStatusPages,
  updateStatusPage,
} from '../../operations/status/manage-status-pages.js';
import { getStatusIncident, listStatusIncidents } from '../../operations/status/read-status-incidents.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, parseTime } from '../context.js';
import { cursorAfterId, encodeCursor } from '../presenters.js';
import {
  AddStatusUpdateBody,
  ComponentParams,
  CreateStatusComponentBody,
  CreateStatusIncidentBody,
  CreateStatusMaintenanceBody,
  CreateStatusPageBody,
  MaintenanceParams,
  PagedQuery,
  PageParams,
  SnapshotSchema,
  StatusComponentSchema,
  StatusIncidentParams,
  StatusIncidentSchema,
  StatusMaintenanceSchema,
  StatusPageSchema,
  UpdateStatusComponentBody,
  UpdateStatusMaintenanceBody,
  UpdateStatusPageBody,
} from '../status-admin-schemas.js';
import {
  snapshotJson,
  statusComponentJson,
  statusIncidentJson,
  statusMaintenanceJson,
  statusPageJson,
} from '../status-admin-presenters.js';
import { listOf } from '../schemas.js';

const tags = ['status pages'];
const PAGE = '/api/v1/status-pages/:id';

const page = <T extends { id: string }>(items: T[], hasMore: boolean) => {
  const last = items.at(-1);
  return hasMore && last ? encodeCursor({ a: last.id }) : null;
};

/** Status pages and their settings. */
function pageRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/status-pages', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Status pages, by slug', response: { 200: listOf(StatusPageSchema) } },
    handler: async (request) => ({ items: (await listStatusPages(contextOf(deps, request))).map(statusPageJson), nextCursor: null }),
  });
  app.post('/api/v1/status-pages', {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Create a status page (slug and host names unique)',
      body: CreateStatusPageBody,
      response: { 201: StatusPageSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(statusPageJson(await createStatusPage(contextOf(deps, request), request.body))),
  });
  app.get(PAGE, {
    config: { access: 'viewer' },
    schema: { tags, summary: 'A status page', params: PageParams, response: { 200: StatusPageSchema } },
    handler: async (request) => statusPageJson(await getStatusPage(contextOf(deps, request), request.params.id)),
  });
  app.patch(PAGE, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Change a status page (host names, if given, replace the list)',
      params: PageParams,
      body: UpdateStatusPageBody,
      response: { 200: StatusPageSchema },
    },
    handler: async (request) => statusPageJson(await updateStatusPage(contextOf(deps, request), request.params.id, request.body)),
  });
  app.delete(PAGE, {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Delete a status page with its components, public incidents, maintenances and subscribers',
      params: PageParams,
    },
    handler: async (request, reply) => {
      await deleteStatusPage(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });
  app.get(`${PAGE}/snapshot`, {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'What the public page shows now (derived statuses, uptime bars, posts)',
      params: PageParams,
      response: { 200: SnapshotSchema },
    },
    handler: async (request) => snapshotJson(await readStatusSnapshot(contextOf(deps, request), request.params.id)),
  });
}

/** A page's components. */
function componentRoutes(app: App, { deps }: RouteDeps): void {
  app.get(`${PAGE}/components`, {
    config: { access: 'viewer' },
    schema: { tags, summary: 'A page’s components in display order', params: PageParams, response: { 200: listOf(StatusComponentSchema) } },
    handler: async (request) => ({
      items: (await listStatusComponents(contextOf(deps, request), request.params.id)).map(statusComponentJson),
      nextCursor: null,
    }),
  });
  app.post(`${PAGE}/components`, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Add a component mapped to catalog services',
      params: PageParams,
      body: CreateStatusComponentBody,
      response: { 201: StatusComponentSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(statusComponentJson(await createStatusComponent(contextOf(deps, request), request.params.id, request.body))),
  });
  app.patch(`${PAGE}/components/:componentId`, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Change a component (statusOverride: null derives the status again)',
      params: ComponentParams,
      body: UpdateStatusComponentBody,
      response: { 200: StatusComponentSchema },
    },
    handler: async (request) =>
      statusComponentJson(
        await updateStatusComponent(contextOf(deps, request), request.params.id, request.params.componentId, request.body),
      ),
  });
  app.delete(`${PAGE}/components/:componentId`, {
    config: { access: 'responder' },
    schema: { tags, summary: 'Remove a component', params: ComponentParams },
    handler: async (request, reply) => {
      await deleteStatusComponent(contextOf(deps, request), request.params.id, request.params.componentId);
      return reply.status(204).send();
    },
  });
}

/** Public incident posts and their updates. */
function incidentRoutes(app: App, { deps }: RouteDeps): void {
  app.get(`${PAGE}/incidents`, {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Public incidents, newest first',
      params: PageParams,
      querystring: PagedQuery,
      response: { 200: listOf(StatusIncidentSchema) },
    },
    handler: async (request) => {
      const opts = { beforeId: cursorAfterId(request.query.cursor), limit: request.query.limit ?? 50 };
      const result = await listStatusIncidents(contextOf(deps, request), request.params.id, opts);
      return { items: result.items.map(statusIncidentJson), nextCursor: page(result.items, result.hasMore) };
    },
  });
  app.post(`${PAGE}/incidents`, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Post a public incident with its first update',
      params: PageParams,
      body: CreateStatusIncidentBody,
      response: { 201: StatusIncidentSchema },
    },
    handler: async (request, reply) => {
      const { startedAt, ...rest } = request.body;
      const incident = await createStatusIncident(contextOf(deps, request), request.params.id, {
        ...rest,
        startedAt: startedAt ? parseTime(startedAt, 'body.startedAt') : null,
      });
      return reply.status(201).send(statusIncidentJson(incident));
    },
  });
  app.get(`${PAGE}/incidents/:statusIncidentId`, {
    config: { access: 'viewer' },
    schema: { tags, summary: 'A public incident with its updates', params: StatusIncidentParams, response: { 200: StatusIncidentSchema } },
    handler: async (request) =>
      statusIncidentJson(await getStatusIncident(contextOf(deps, request), request.params.id, request.params.statusIncidentId)),
  });
  app.post(`${PAGE}/incidents/:statusIncidentId/updates`, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Add an update (stage forward, or any stage to reopen a resolved one)',
      params: StatusIncidentParams,
      body: AddStatusUpdateBody,
      response: { 201: StatusIncidentSchema },
    },
    handler: async (request, reply) => {
      const { id, statusIncidentId } = request.params;
      return reply
        .status(201)
        .send(statusIncidentJson(await addStatusUpdate(contextOf(deps, request), id, statusIncidentId, request.body)));
    },
  });
}

/** Scheduled maintenance. */
function maintenanceRoutes(app: App, { deps }: RouteDeps): void {
  const times = (body: { startsAt?: string; endsAt?: string }) => ({
    ...(body.startsAt !== undefined ? { startsAt: parseTime(body.startsAt, 'body.startsAt') } : {}),
    ...(body.endsAt !== undefined ? { endsAt: parseTime(body.endsAt, 'body.endsAt') } : {}),
  });
  app.get(`${PAGE}/maintenances`, {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'Maintenances, newest first',
      params: PageParams,
      querystring: PagedQuery,
      response: { 200: listOf(StatusMaintenanceSchema) },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const opts = { beforeId: cursorAfterId(request.query.cursor), limit: request.query.limit ?? 50 };
      const result = await listStatusMaintenances(ctx, request.params.id, opts);
      const now = ctx.clock.now();
      return { items: result.items.map((m) => statusMaintenanceJson(m, now)), nextCursor: page(result.items, result.hasMore) };
    },
  });
  app.post(`${PAGE}/maintenances`, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Schedule maintenance of some components on [startsAt, endsAt)',
      params: PageParams,
      body: CreateStatusMaintenanceBody,
      response: { 201: StatusMaintenanceSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(deps, request);
      const { body } = request;
      const maintenance = await createStatusMaintenance(ctx, request.params.id, {
        ...body,
        startsAt: parseTime(body.startsAt, 'body.startsAt'),
        endsAt: parseTime(body.endsAt, 'body.endsAt'),
      });
      return reply.status(201).send(statusMaintenanceJson(maintenance, ctx.clock.now()));
    },
  });
  app.patch(`${PAGE}/maintenances/:maintenanceId`, {
    config: { access: 'responder' },
    schema: {
      tags,
      summary: 'Change a maintenance',
      params: MaintenanceParams,
      body: UpdateStatusMaintenanceBody,
      response: { 200: StatusMaintenanceSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      const { startsAt: _s, endsAt: _e, ...rest } = request.body;
      const maintenance = await updateStatusMaintenance(ctx, request.params.id, request.params.maintenanceId, {
        ...rest,
        ...times(request.body),
      });
      return statusMaintenanceJson(maintenance, ctx.clock.now());
    },
  });
  app.delete(`${PAGE}/maintenances/:maintenanceId`, {
    config: { access: 'responder' },
    schema: { tags, summary: 'Cancel (remove) a maintenance', params: MaintenanceParams },
    handler: async (request, reply) => {
      await deleteStatusMaintenance(contextOf(deps, request), request.params.id, request.params.maintenanceId);
      return reply.status(204).send();
    },
  });
}

/** The admin side of status pages: pages, components, public incidents, maintenances, and the snapshot. */
export function statusAdminRoutes(app: App, routeDeps: RouteDeps): void {
  pageRoutes(app, routeDeps);
  componentRoutes(app, routeDeps);
  incidentRoutes(app, routeDeps);
  maintenanceRoutes(app, routeDeps);
}
