import { FenghuoError } from '../../domain/errors.js';
import type { ChannelKind } from '../../notify/channels/channel.js';
import type { Locale } from '../../notify/message.js';
import {
  deleteChannel as removeChannel,
  findChannel,
  listChannels as queryChannels,
  saveChannel,
  type StoredChannel,
} from '../../store/channels-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import type { SecretBox } from '../secret-box.js';
import { channelConfigIssues } from './channel-config.js';
import { maskConfig } from './mask-secrets.js';
import { refuseIfReferenced, rejectIssues, unknownTeam } from './references.js';

export interface ChannelInput {
  name?: string;
  kind?: ChannelKind;
  teamId?: string | null;
  locale?: Locale;
  config?: Record<string, unknown>;
  disabled?: boolean;
}

/** A channel as shown through the API: its config with every secret masked. */
export interface PublicChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  teamId: string | null;
  locale: Locale;
  config: Record<string, unknown>;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export function publicChannel(secrets: SecretBox, c: StoredChannel): PublicChannel {
  const { configSealed, ...rest } = c;
  return {
    ...rest,
    kind: c.kind as ChannelKind,
    locale: c.locale as Locale,
    config: maskConfig(JSON.parse(secrets.open(configSealed))) as Record<string, unknown>,
  };
}

/** A channel's config opened, for sending. */
export function openChannelConfig(secrets: SecretBox, c: StoredChannel): unknown {
  return JSON.parse(secrets.open(c.configSealed));
}

async function checkChannel(db: Executor, channel: StoredChannel, config: unknown): Promise<void> {
  const issues = channel.name === '' ? [{ field: 'name', message: 'must not be blank' }] : [];
  if (config !== undefined) issues.push(...channelConfigIssues(channel.kind as ChannelKind, config));
  issues.push(...(await unknownTeam(db, channel.teamId, 'teamId')));
  rejectIssues(issues, 'invalid channel');
}

function notFound(id: string): FenghuoError {
  return new FenghuoError('not_found', `channel "${id}" not found`);
}

/** An outbound target (a chat robot, a webhook, the mail server, the SMS gateway); its config is stored sealed. */
export async function createChannel(
  ctx: Context,
  input: ChannelInput & Required<Pick<ChannelInput, 'name' | 'kind' | 'locale' | 'config'>>,
): Promise<PublicChannel> {
  const now = ctx.clock.now();
  const channel: StoredChannel = {
    id: ctx.ids.newId(),
    name: input.name.trim(),
    kind: input.kind,
    teamId: input.teamId ?? null,
    locale: input.locale,
    configSealed: ctx.secrets.seal(JSON.stringify(input.config)),
    disabled: input.disabled ?? false,
    createdAt: now,
    updatedAt: now,
  };
  const shown = publicChannel(ctx.secrets, channel);
  await ctx.store.db.transaction().execute(async (trx) => {
    await checkChannel(trx, channel, input.config);
    await saveChannel(trx, channel, true);
    await audit(ctx, trx, 'channel.create', { type: 'channel', id: channel.id }, { after: shown });
  });
  return shown;
}

/** Changes a channel; a new `config` replaces the old one whole (secrets included: they are never shown to copy). */
export async function updateChannel(ctx: Context, id: string, input: ChannelInput): Promise<PublicChannel> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findChannel(trx, id);
    if (!before) throw notFound(id);
    if (input.kind !== undefined && input.kind !== before.kind && input.config === undefined) {
      throw new FenghuoError('invalid_request', 'config: a new kind needs its config', [
        { field: 'config', message: 'is required when kind changes' },
      ]);
    }
    const channel: StoredChannel = {
      ...before,
      name: input.name?.trim() ?? before.name,
      kind: input.kind ?? before.kind,
      teamId: input.teamId !== undefined ? input.teamId : before.teamId,
      locale: input.locale ?? before.locale,
      configSealed: input.config !== undefined ? ctx.secrets.seal(JSON.stringify(input.config)) : before.configSealed,
      disabled: input.disabled ?? before.disabled,
      updatedAt: ctx.clock.now(),
    };
    await checkChannel(trx, channel, input.config);
    // A gateway named in the paging settings must stay a gateway.
    if (channel.kind !== before.kind) await refuseIfReferenced(trx, { kind: 'channel', id }, `channel "${before.name}"`);
    await saveChannel(trx, channel, false);
    const shown = publicChannel(ctx.secrets, channel);
    await audit(ctx, trx, 'channel.update', { type: 'channel', id }, { before: publicChannel(ctx.secrets, before), after: shown });
    return shown;
  });
}

/** Removes a channel the paging settings do not name as a gateway. */
export async function deleteChannel(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findChannel(trx, id);
    if (!before) throw notFound(id);
    await refuseIfReferenced(trx, { kind: 'channel', id }, `channel "${before.name}"`);
    await removeChannel(trx, id);
    await audit(ctx, trx, 'channel.delete', { type: 'channel', id }, { before: publicChannel(ctx.secrets, before) });
  });
}

export async function listChannels(ctx: Context): Promise<PublicChannel[]> {
  return (await queryChannels(ctx.store.db)).map((c) => publicChannel(ctx.secrets, c));
}

export async function getChannel(ctx: Context, id: string): Promise<PublicChannel> {
  const channel = await findChannel(ctx.store.db, id);
  if (!channel) throw notFound(id);
  return publicChannel(ctx.secrets, channel);
}
