import { configSnapshot, type ConfigSnapshot } from '../operations/config-snapshot.js';
import type { Deps } from '../operations/context.js';
import { signActionLink, ACTION_LINK_TTL_MS } from '../operations/paging/action-links.js';
import { readPagingSettings, type PagingSettings } from '../operations/oncall/paging-settings.js';
import { readOrganisation } from '../operations/learn/organisation.js';
import { findUser } from '../store/access-repo.js';
import { findActionItem } from '../store/action-items-repo.js';
import { findIncident, type StoredIncident } from '../store/incidents-repo.js';
import type { StoredNotification } from '../store/notifications-repo.js';
import { findChannel } from '../store/channels-repo.js';
import { findContactMethod } from '../store/contacts-repo.js';
import { findReminder } from '../store/reminders-repo.js';
import type { Recipient, ChannelKind } from './channels/channel.js';
import type { EmailConfig } from './channels/email/email.js';
import { isChannelKind } from './channels/registry.js';
import { LOCALES, type Locale, type MessageKind, type PageMessage, type ReminderNote } from './message.js';

/**
 * Turns outbox rows into what a channel plugin sends: which plugin, its configuration (opened
 * from its sealed form), the recipients, and the message about the incident as it is now.
 */

export interface Route {
  kind: ChannelKind;
  config: unknown;
  recipients: Recipient[];
}

export type RouteResult = Route | { error: string };

export interface DeliveryOptions {
  publicUrl: string;
  smtp: { url: string; from: string } | null;
}

/** FENGHUO_SMTP_URL (`smtp://user:pass@host:587`, `smtps://…:465`) as the e-mail plugin's config. */
export function emailConfigFromUrl(smtp: { url: string; from: string }): EmailConfig {
  const url = new URL(smtp.url);
  const secure = url.protocol === 'smtps:';
  const config: EmailConfig = { host: url.hostname, port: url.port ? Number(url.port) : secure ? 465 : 587, secure, from: smtp.from };
  if (url.username) config.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  return config;
}

/** The plugin config of an IM contact method, from its sealed `{ address, secret? }`. */
export function imConfig(kind: ChannelKind, sealed: { address: string; secret?: string | null }): unknown {
  const secret = sealed.secret ?? undefined;
  switch (kind) {
    case 'webhook':
      return { url: sealed.address, secret: secret ?? '' };
    case 'slack':
    case 'wecom':
      return { webhookUrl: sealed.address };
    case 'dingtalk':
    case 'feishu':
      return secret ? { webhookUrl: sealed.address, secret } : { webhookUrl: sealed.address };
    case 'email':
    case 'sms-gateway':
      return null;
  }
}

function openJson<T>(deps: Deps, sealed: string): T {
  return JSON.parse(deps.secrets.open(sealed)) as T;
}

/**
 * openJson, kept (frozen) for this configuration generation: opening a seal (AES-GCM) cost a
 * page's send path more than reading the row it came from. Keyed by the sealed text itself, so
 * a changed secret is a new key even before the generation moves.
 */
function openCached<T>(deps: Deps, config: ConfigSnapshot, sealed: string): T {
  const key = `opened:${sealed}`;
  const known = config.peek<T>(key);
  if (known !== undefined) return known;
  const opened = openJson<T>(deps, sealed);
  config.put(key, opened);
  return opened;
}

/**
 * What a round of deliveries reads of the configuration: the paging settings, and (through the
 * ConfigSnapshot, cached per configuration generation) users, contact methods, channels and
 * service names, instead of reading them for every page.
 */
export interface DeliveryConfig {
  settings: PagingSettings;
  config: ConfigSnapshot;
}

export async function readDeliveryConfig(deps: Deps, known?: ConfigSnapshot): Promise<DeliveryConfig> {
  const db = deps.store.db;
  const config = known ?? (await configSnapshot(db, deps));
  return { settings: await config.cached('paging-settings', () => readPagingSettings(db)), config };
}

const cachedUser = (deps: Deps, config: ConfigSnapshot, id: string) =>
  config.cached(`delivery-user:${id}`, async () => {
    const user = await findUser(deps.store.db, { id });
    return user ? { email: user.email, name: user.name } : null;
  });
const cachedChannel = (deps: Deps, config: ConfigSnapshot, id: string) =>
  config.cached(`delivery-channel:${id}`, () => findChannel(deps.store.db, id));
const cachedMethod = (deps: Deps, config: ConfigSnapshot, userId: string, id: string) =>
  config.cached(`delivery-method:${userId}:${id}`, () => findContactMethod(deps.store.db, userId, id));

/** Where a notification goes and how; an error when it cannot go anywhere (recorded as failed). */
export async function routeOf(deps: Deps, options: DeliveryOptions, n: StoredNotification, round: DeliveryConfig): Promise<RouteResult> {
  const { settings, config } = round;
  if (n.channelId !== null) {
    const channel = await cachedChannel(deps, config, n.channelId);
    if (!channel || channel.disabled) return { error: 'the channel was deleted or disabled' };
    if (!isChannelKind(channel.kind)) return { error: `unknown channel kind ${channel.kind}` };
    return { kind: channel.kind, config: openCached(deps, config, channel.configSealed), recipients: [] };
  }
  if (n.contactMethodId === null || n.userId === null) return { error: 'no target' };
  const user = await cachedUser(deps, config, n.userId);
  if (!user) return { error: 'the user no longer exists' };
  if (n.contactMethodId.startsWith('account:')) return emailRoute(options, { address: user.email, name: user.name });
  const method = await cachedMethod(deps, config, n.userId, n.contactMethodId);
  if (!method) return { error: 'the contact method was deleted' };
  switch (method.kind) {
    case 'email':
      return emailRoute(options, { address: method.address ?? '', name: user.name });
    case 'sms':
    case 'voice': {
      const gatewayId = method.kind === 'sms' ? settings.smsGatewayChannelId : settings.voiceGatewayChannelId;
      if (!gatewayId) return { error: `no ${method.kind} gateway is configured (paging settings)` };
      const gateway = await cachedChannel(deps, config, gatewayId);
      if (!gateway || gateway.disabled || gateway.kind !== 'sms-gateway')
        return { error: `the ${method.kind} gateway channel is missing or disabled` };
      return {
        kind: 'sms-gateway',
        config: openCached(deps, config, gateway.configSealed),
        recipients: [{ address: method.address ?? '', name: user.name }],
      };
    }
    case 'im': {
      const kind = method.channel ?? 'webhook';
      if (!isChannelKind(kind) || !method.configSealed) return { error: 'the IM contact method is incomplete' };
      return { kind, config: imConfig(kind, openCached(deps, config, method.configSealed)), recipients: [] };
    }
    default:
      return { error: `unknown contact method kind ${method.kind}` };
  }
}

function emailRoute(options: DeliveryOptions, recipient: Recipient): RouteResult {
  if (!options.smtp) return { error: 'e-mail is not configured (FENGHUO_SMTP_URL)' };
  return { kind: 'email', config: emailConfigFromUrl(options.smtp), recipients: [recipient] };
}

export function localeOf(value: string): Locale {
  return (LOCALES as readonly string[]).includes(value) ? (value as Locale) : 'en';
}

function messageKind(n: StoredNotification, incident: StoredIncident): MessageKind {
  // A reminder stays one whatever the incident's state: a postmortem's incident is long resolved.
  if (n.kind === 'reminder') return 'reminder';
  if (n.kind === 'resolved' || incident.status === 'resolved') return 'resolved';
  if (n.kind === 'page' && ((n.step ?? 0) > 0 || (n.round ?? 0) > 0)) return 'escalation';
  return 'page';
}

/**
 * The deadline a `reminder` row delivers, read from the reminder the sweep recorded (and, for an
 * action item, its title as it is now); null when the row names no reminder that exists.
 */
async function reminderNote(deps: Deps, n: StoredNotification): Promise<ReminderNote | null> {
  if (n.reminderId === null) return null;
  const db = deps.store.db;
  const reminder = await findReminder(db, n.reminderId);
  if (!reminder) return null;
  const item = reminder.subjectType === 'action_item' ? await findActionItem(db, reminder.subjectId) : null;
  return {
    kind: reminder.kind,
    dueAt: reminder.dueAt,
    about: item?.title ?? null,
    dueDate: item?.dueDate ?? null,
    timeZone: (await readOrganisation(db)).timeZone,
  };
}

/**
 * The message for one outbox row, about the incident as it is now (`known`: as the transaction
 * that just committed the row left it); null when the incident (or a reminder row's reminder) is gone.
 */
export async function messageFor(
  deps: Deps,
  options: DeliveryOptions,
  n: StoredNotification,
  now: number,
  config?: ConfigSnapshot,
  known?: StoredIncident,
): Promise<PageMessage | null> {
  const incident = known ?? (await findIncident(deps.store.db, { id: n.incidentId }));
  if (!incident) return null;
  const reminder = n.kind === 'reminder' ? await reminderNote(deps, n) : null;
  if (n.kind === 'reminder' && !reminder) return null;
  const names = config ? catalogNames(config, incident.services) : await serviceNames(deps, incident.services);
  const open = incident.status !== 'resolved';
  // Links act in the name of the person paged; a post to a team channel has no such person.
  // A reminder is not a page either: it carries no acknowledge or resolve link.
  const link = (action: 'acknowledge' | 'resolve') =>
    n.userId === null || reminder !== null
      ? null
      : `${options.publicUrl}/respond/${action === 'acknowledge' ? 'ack' : 'resolve'}/${signActionLink(deps.secrets, {
          incidentId: incident.id,
          action,
          userId: n.userId,
          expiresAt: now + ACTION_LINK_TTL_MS,
        })}`;
  return {
    incidentId: incident.id,
    incidentNumber: incident.number,
    kind: messageKind(n, incident),
    level: incident.level,
    title: incident.title,
    services: incident.services.map((id) => names.get(id) ?? id),
    reasons: incident.levelReasons.map((r) => ({ rule: r.rule, detail: r.detail })),
    openedAt: incident.createdAt,
    now,
    drill: incident.drill,
    incidentUrl: `${options.publicUrl}/incidents/${incident.number}`,
    ackUrl: incident.status === 'triggered' ? link('acknowledge') : null,
    resolveUrl: open ? link('resolve') : null,
    ...(reminder ? { reminder } : {}),
  };
}

async function serviceNames(deps: Deps, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.store.db.selectFrom('services').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

function catalogNames(config: ConfigSnapshot, ids: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const id of ids) {
    const service = config.service(id);
    if (service) names.set(id, service.name);
  }
  return names;
}
