import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import { drillMark, levelName } from '../../message.js';
import { DEFAULT_TIMEOUT_MS, type Channel, type Delivery, type SendOutcome } from '../channel.js';
import { HeaderMap, UrlString, headerIssues, isHeaderValue, schemaIssues } from '../config.js';
import { nodeHttpClient } from '../http.js';
import { httpOutcome } from '../outcome.js';
import {
  BODY_CONTENT_TYPES,
  bodyEncoder,
  expand,
  jsonTemplateIssues,
  unknownPlaceholders,
  urlTemplateIssues,
  type TemplateValues,
} from './template.js';

export const SmsGatewayConfigSchema = Type.Object(
  {
    method: Type.Union([Type.Literal('GET'), Type.Literal('POST'), Type.Literal('PUT')]),
    /** Placeholders allowed in path and query, URL-encoded. */
    url: UrlString,
    /** Placeholders allowed in values; a filled-in value with a line break or non-ASCII is refused, not sent. */
    headers: Type.Optional(HeaderMap),
    /** How body placeholders are encoded, and the Content-Type sent. Required with a body. */
    contentType: Type.Optional(Type.Union(BODY_CONTENT_TYPES.map((t) => Type.Literal(t)))),
    bodyTemplate: Type.Optional(Type.String({ minLength: 1, maxLength: 8192 })),
  },
  { additionalProperties: false },
);
export type SmsGatewayConfig = Static<typeof SmsGatewayConfigSchema>;

const PHONE = /^\+?[0-9][0-9 -]{3,31}$/;

function semanticIssues(c: SmsGatewayConfig): FieldIssue[] {
  const issues = [...urlTemplateIssues(c.url, 'config.url'), ...unknownPlaceholders(c.url, 'config.url')];
  const headers = c.headers ?? {};
  issues.push(...headerIssues(headers, 'config.headers', ['content-type']));
  for (const [name, value] of Object.entries(headers)) issues.push(...unknownPlaceholders(value, `config.headers.${name}`));
  if (c.method === 'GET') {
    if (c.bodyTemplate !== undefined) issues.push({ field: 'config.bodyTemplate', message: 'a GET request has no body' });
    return issues;
  }
  if (c.contentType === undefined) issues.push({ field: 'config.contentType', message: `is required for ${c.method}` });
  if (c.bodyTemplate === undefined) return [...issues, { field: 'config.bodyTemplate', message: `is required for ${c.method}` }];
  issues.push(...unknownPlaceholders(c.bodyTemplate, 'config.bodyTemplate'));
  if (c.contentType === 'application/json') issues.push(...jsonTemplateIssues(c.bodyTemplate, 'config.bodyTemplate'));
  return issues;
}

function templateValues(delivery: Delivery<SmsGatewayConfig>, nowMs: number): TemplateValues {
  const { messages, rendered, locale } = delivery;
  const single = messages.length === 1 ? messages[0] : undefined;
  const level = Math.min(...messages.map((m) => m.level)) as 1 | 2 | 3 | 4;
  const recipient = delivery.recipients[0];
  return {
    phone: recipient?.address ?? '',
    name: recipient?.name ?? '',
    subject: rendered.subject,
    text: rendered.text,
    level: String(level),
    levelName: levelName(level, locale),
    // A template may say only {{title}}: a drill's title carries the mark too.
    title: single ? `${single.drill ? `${drillMark(locale)} ` : ''}${single.title}` : rendered.subject,
    incidentNumber: single ? String(single.incidentNumber) : '',
    ackUrl: single?.ackUrl ?? '',
    resolveUrl: single?.resolveUrl ?? '',
    idempotencyKey: delivery.idempotencyKey,
    timestamp: String(Math.floor(nowMs / 1000)),
  };
}

/**
 * Any SMS or voice-call provider with an HTTP API: the request is a template (method, URL,
 * headers, body) filled in per delivery. One delivery is one phone number.
 */
export const smsGatewayChannel: Channel<SmsGatewayConfig> = {
  kind: 'sms-gateway',
  addresses: 'people',

  validateConfig(config: unknown): FieldIssue[] {
    const issues = schemaIssues(SmsGatewayConfigSchema, config);
    return issues.length > 0 ? issues : semanticIssues(config as SmsGatewayConfig);
  },

  async send(delivery, deps): Promise<SendOutcome> {
    const { config, recipients } = delivery;
    if (recipients.length !== 1) return { status: 'failed', detail: `one phone number per delivery, got ${recipients.length}` };
    if (!PHONE.test(recipients[0]!.address)) return { status: 'failed', detail: 'the recipient is not a phone number' };
    const values = templateValues(delivery, deps.now());

    const headers: Record<string, string> = {};
    for (const [name, template] of Object.entries(config.headers ?? {})) {
      const value = expand(template, values, (v) => v);
      // Checked before anything is sent: a value must never end one header and start another.
      if (!isHeaderValue(value)) return { status: 'failed', detail: `header ${name} would carry a line break or non-ASCII text` };
      headers[name] = value;
    }
    let body: string | null = null;
    if (config.method !== 'GET' && config.bodyTemplate !== undefined && config.contentType !== undefined) {
      body = expand(config.bodyTemplate, values, bodyEncoder(config.contentType));
      headers['content-type'] =
        config.contentType === 'application/x-www-form-urlencoded' ? config.contentType : `${config.contentType}; charset=utf-8`;
    }
    const result = await (deps.http ?? nodeHttpClient)({
      method: config.method,
      url: expand(config.url, values, encodeURIComponent),
      headers,
      body,
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return httpOutcome(result, deps.now());
  },
};
