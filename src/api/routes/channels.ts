import { createChannel, deleteChannel, getChannel, listChannels, updateChannel } from '../../operations/oncall/manage-channels.js';
import { getPagingSettings, updatePagingSettings } from '../../operations/oncall/paging-settings.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf } from '../context.js';
import { ChannelSchema, CreateChannelBody, IdParam, PagingSettingsSchema, UpdateChannelBody } from '../oncall-schemas.js';
import { channelJson } from '../oncall-presenters.js';
import { listOf } from '../schemas.js';

/** Outbound channels (their configs hold secrets: admins write, everyone reads them masked) and paging settings. */
export function channelRoutes(app: App, { deps }: RouteDeps): void {
  const tags = ['channels'];
  app.get('/api/v1/channels', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'Channels, configs masked', response: { 200: listOf(ChannelSchema) } },
    handler: async (request) => ({ items: (await listChannels(contextOf(deps, request))).map(channelJson), nextCursor: null }),
  });
  app.post('/api/v1/channels', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Add a channel; the config is checked by its kind and stored sealed',
      body: CreateChannelBody,
      response: { 201: ChannelSchema },
    },
    handler: async (request, reply) => reply.status(201).send(channelJson(await createChannel(contextOf(deps, request), request.body))),
  });
  app.get('/api/v1/channels/:id', {
    config: { access: 'viewer' },
    schema: { tags, summary: 'A channel, config masked', params: IdParam, response: { 200: ChannelSchema } },
    handler: async (request) => channelJson(await getChannel(contextOf(deps, request), request.params.id)),
  });
  app.patch('/api/v1/channels/:id', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Change a channel; a config, if given, replaces the old one whole',
      params: IdParam,
      body: UpdateChannelBody,
      response: { 200: ChannelSchema },
    },
    handler: async (request) => channelJson(await updateChannel(contextOf(deps, request), request.params.id, request.body)),
  });
  app.delete('/api/v1/channels/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a channel the paging settings do not use', params: IdParam },
    handler: async (request, reply) => {
      await deleteChannel(contextOf(deps, request), request.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/paging-settings', {
    config: { access: 'viewer' },
    schema: {
      tags: ['paging'],
      summary: 'Leadership, incident commander and the SMS/voice gateways',
      response: { 200: PagingSettingsSchema },
    },
    handler: async (request) => getPagingSettings(contextOf(deps, request)),
  });
  app.put('/api/v1/paging-settings', {
    config: { access: 'admin' },
    schema: {
      tags: ['paging'],
      summary: 'Replace the paging settings',
      body: PagingSettingsSchema,
      response: { 200: PagingSettingsSchema },
    },
    handler: async (request) => updatePagingSettings(contextOf(deps, request), request.body),
  });
}
