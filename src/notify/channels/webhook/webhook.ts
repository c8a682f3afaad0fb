import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import { levelName, type Locale, type PageMessage } from '../../message.js';
import { DEFAULT_TIMEOUT_MS, type Channel, type Delivery } from '../channel.js';
import { HeaderMap, SecretString, UrlString, headerIssues, schemaIssues, urlIssues } from '../config.js';
import { nodeHttpClient } from '../http.js';
import { httpOutcome } from '../outcome.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './signature.js';

export const WebhookConfigSchema = Type.Object(
  {
    url: UrlString,
    /** Key of the HMAC in X-Fenghuo-Signature (see signature.ts). */
    secret: SecretString,
    /** Extra headers, e.g. a receiver's own bearer token. */
    headers: Type.Optional(HeaderMap),
  },
  { additionalProperties: false },
);
export type WebhookConfig = Static<typeof WebhookConfigSchema>;

/** The JSON body of the generic webhook, version 1. */
export interface WebhookPayload {
  version: 1;
  idempotencyKey: string;
  locale: Locale;
  subject: string;
  text: string;
  markdown: string;
  /** Every message of this delivery is about a drill (each message says so for itself too). */
  drill: boolean;
  messages: WebhookMessage[];
}

export interface WebhookMessage {
  incidentId: string;
  incidentNumber: number;
  kind: PageMessage['kind'];
  level: PageMessage['level'];
  levelName: string;
  title: string;
  services: string[];
  reasons: Array<{ rule: string; detail: string }>;
  /** ISO 8601. */
  openedAt: string;
  note: string | null;
  ackUrl: string | null;
  resolveUrl: string | null;
  incidentUrl: string | null;
  /** A drill incident, not a real one. */
  drill: boolean;
  /** For kind `reminder`: the deadline it is about (`text` and `subject` say it in `locale`). */
  reminder: WebhookReminder | null;
}

export interface WebhookReminder {
  /** `postmortem.due_soon`, `action_item.overdue`, `regulator_report.half_time`, … */
  kind: string;
  /** ISO 8601. */
  dueAt: string;
  /** An action item's due date (`2025-06-13`); null for other kinds. */
  dueDate: string | null;
  /** An action item's title; null for other kinds. */
  about: string | null;
}

export function webhookPayload(delivery: Delivery<unknown>): WebhookPayload {
  const { locale, rendered } = delivery;
  return {
    version: 1,
    idempotencyKey: delivery.idempotencyKey,
    locale,
    subject: rendered.subject,
    text: rendered.text,
    markdown: rendered.markdown,
    drill: delivery.messages.length > 0 && delivery.messages.every((m) => m.drill === true),
    messages: delivery.messages.map((m) => ({
      incidentId: m.incidentId,
      incidentNumber: m.incidentNumber,
      kind: m.kind,
      level: m.level,
      levelName: levelName(m.level, locale),
      title: m.title,
      services: [...m.services],
      reasons: m.reasons.map((r) => ({ rule: r.rule, detail: r.detail })),
      openedAt: new Date(m.openedAt).toISOString(),
      note: m.note ?? null,
      ackUrl: m.ackUrl,
      resolveUrl: m.resolveUrl,
      incidentUrl: m.incidentUrl ?? null,
      drill: m.drill === true,
      reminder: m.reminder
        ? { kind: m.reminder.kind, dueAt: new Date(m.reminder.dueAt).toISOString(), dueDate: m.reminder.dueDate, about: m.reminder.about }
        : null,
    })),
  };
}

const RESERVED = ['content-type', TIMESTAMP_HEADER, SIGNATURE_HEADER, IDEMPOTENCY_HEADER];

export const webhookChannel: Channel<WebhookConfig> = {
  kind: 'webhook',
  addresses: 'endpoint',

  validateConfig(config: unknown): FieldIssue[] {
    const issues = schemaIssues(WebhookConfigSchema, config);
    if (issues.length > 0) return issues;
    const c = config as WebhookConfig;
    return [...urlIssues(c.url, 'config.url'), ...headerIssues(c.headers ?? {}, 'config.headers', RESERVED)];
  },

  async send(delivery, deps) {
    const { config } = delivery;
    const body = JSON.stringify(webhookPayload(delivery));
    const timestamp = Math.floor(deps.now() / 1000);
    const result = await (deps.http ?? nodeHttpClient)({
      method: 'POST',
      url: config.url,
      headers: {
        ...config.headers,
        'content-type': 'application/json; charset=utf-8',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(config.secret, timestamp, body),
        [IDEMPOTENCY_HEADER]: delivery.idempotencyKey,
      },
      body,
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // The receiver drops a repeat by the Idempotency-Key, so a kept-alive connection is safe.
      reuseConnection: true,
    });
    return httpOutcome(result, deps.now());
  },
};
