import type { SendOutcome } from '../channels/channel.js';
import { DEFAULT_TIMEOUT_MS } from '../channels/channel.js';
import { nodeHttpClient, type HttpClient } from '../channels/http.js';
import { httpOutcome } from '../channels/outcome.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from '../channels/webhook/signature.js';
import type { RenderedNotice } from './render-notice.js';
import type { StatusNotice } from './status-notice.js';

/**
 * The webhook of status-page subscribers: signed and keyed exactly like the paging webhook
 * (`channels/webhook/signature.ts`: X-Fenghuo-Timestamp, X-Fenghuo-Signature, Idempotency-Key =
 * the delivery id), with a body of its own — the public post, not a page about an incident.
 */

export interface StatusWebhookPayload {
  version: 1;
  type: 'status.update' | 'status.maintenance';
  idempotencyKey: string;
  locale: string;
  subject: string;
  text: string;
  page: { id: string; slug: string; name: string; url: string };
  incident?: { id: string; title: string; impact: string; stage: string };
  update?: { id: string; stage: string; body: string; at: string };
  maintenance?: { id: string; title: string; body: string; startsAt: string; endsAt: string };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Null for a confirm notice: webhooks are confirmed when an administrator adds them. */
export function statusWebhookPayload(notice: StatusNotice, rendered: RenderedNotice, idempotencyKey: string): StatusWebhookPayload | null {
  const base = {
    version: 1 as const,
    idempotencyKey,
    locale: notice.locale,
    subject: rendered.subject,
    text: rendered.text,
    page: notice.page,
  };
  switch (notice.kind) {
    case 'confirm':
      return null;
    case 'update':
      return { ...base, type: 'status.update', incident: notice.incident, update: { ...notice.update, at: iso(notice.update.at) } };
    case 'maintenance': {
      const m = notice.maintenance;
      return { ...base, type: 'status.maintenance', maintenance: { ...m, startsAt: iso(m.startsAt), endsAt: iso(m.endsAt) } };
    }
  }
}

export async function sendStatusWebhook(
  target: { url: string; secret: string },
  payload: StatusWebhookPayload,
  deps: { now(): number; http?: HttpClient; timeoutMs?: number },
): Promise<SendOutcome> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(deps.now() / 1000);
  const result = await (deps.http ?? nodeHttpClient)({
    method: 'POST',
    url: target.url,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
      [IDEMPOTENCY_HEADER]: payload.idempotencyKey,
    },
    body,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  return httpOutcome(result, deps.now());
}
