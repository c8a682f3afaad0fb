import { Type } from '@sinclair/typebox';
import { backupStatusOf } from '../../operations/services/backup-status.js';
import { createService } from '../../operations/services/create-service.js';
import { deleteService } from '../../operations/services/delete-service.js';
import { updateService } from '../../operations/services/update-service.js';
import { getService, listServices } from '../../operations/services/read-services.js';
import type { StoredService } from '../../store/services-repo.js';
import type { App, RouteDeps } from '../app-types.js';
import type { Context } from '../../operations/context.js';
import { contextOf } from '../context.js';
import { cursorAfterId, encodeCursor, serviceJson } from '../presenters.js';
import { CreateServiceBody, ErrorSchema, ListQuery, ServiceKindSchema, ServiceSchema, UpdateServiceBody, listOf } from '../schemas.js';

const tags = ['services'];
const IdParam = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** Services as JSON with their backup status (lastGoodBackupAt, rpoMet). */
async function withBackups(ctx: Context, services: StoredService[]) {
  const backups = await backupStatusOf(ctx, services);
  return services.map((s) => serviceJson(s, backups.get(s.id)));
}

async function withBackup(ctx: Context, service: StoredService) {
  return (await withBackups(ctx, [service]))[0] as ReturnType<typeof serviceJson>;
}

export function serviceRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/services', {
    config: { access: 'viewer' },
    schema: {
      tags,
      summary: 'List the service catalog',
      querystring: Type.Object({ ...ListQuery, kind: Type.Optional(ServiceKindSchema) }, { additionalProperties: false }),
      response: { 200: listOf(ServiceSchema) },
    },
    handler: async (request) => {
      const { cursor, limit = 50, kind } = request.query;
      const ctx = contextOf(deps, request);
      const page = await listServices(ctx, { after: cursorAfterId(cursor), limit, kind });
      const last = page.items.at(-1);
      return { items: await withBackups(ctx, page.items), nextCursor: page.hasMore && last ? encodeCursor({ a: last.id }) : null };
    },
  });

  app.get('/api/v1/services/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Get a service', params: IdParam, response: { 200: ServiceSchema, 404: ErrorSchema } },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      return withBackup(ctx, await getService(ctx, request.params.id));
    },
  });

  app.post('/api/v1/services', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Add a service to the catalog', body: CreateServiceBody, response: { 201: ServiceSchema } },
    handler: async (request, reply) => {
      const ctx = contextOf(deps, request);
      return reply.status(201).send(await withBackup(ctx, await createService(ctx, request.body)));
    },
  });

  app.patch('/api/v1/services/:id', {
    config: { access: 'responder' },
    schema: { tags, summary: 'Change a service', params: IdParam, body: UpdateServiceBody, response: { 200: ServiceSchema } },
    handler: async (request) => {
      const ctx = contextOf(deps, request);
      return withBackup(ctx, await updateService(ctx, request.params.id, request.body));
    },
  });

  app.delete('/api/v1/services/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Remove a service nothing depends on', params: IdParam },
    handler: async (request, reply) => {
      await deleteService(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });
}
