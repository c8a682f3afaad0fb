/**
 * Signature of Fenghuo's generic webhook.
 *
 * Each request is a POST with a JSON body (`Content-Type: application/json; charset=utf-8`) and:
 *
 *   X-Fenghuo-Timestamp: <unix time in seconds when the request was signed>
 *   X-Fenghuo-Signature: sha256=<lower-case hex of HMAC-SHA256(key = secret, message = timestamp + "." + body)>
 *   Idempotency-Key: <the same on every attempt of one delivery>
 *
 * `body` is the request body exactly as received, as bytes: compute the HMAC before parsing the
 * JSON. To verify: recompute, compare in constant time, refuse a timestamp more than five minutes
 * from your own clock (a replay), and drop a request whose Idempotency-Key you have already seen
 * (a retry of something that arrived). `verifyWebhookSignature` below does the first three.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-fenghuo-timestamp';
export const SIGNATURE_HEADER = 'x-fenghuo-signature';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const DEFAULT_TOLERANCE_SEC = 300;

/** `sha256=<hex>` for a timestamp (unix seconds, as it appears in the header) and a body. */
export function signWebhook(secret: string, timestamp: number | string, body: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`, 'utf8');
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}

export interface VerifyInput {
  secret: string;
  /** The X-Fenghuo-Timestamp header as received. */
  timestamp: string | undefined;
  /** The X-Fenghuo-Signature header as received. */
  signature: string | undefined;
  /** The raw request body. */
  body: string | Buffer;
  /** The receiver's clock, epoch ms. */
  nowMs: number;
  toleranceSec?: number;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Checks a received request's signature and timestamp, for receivers of the generic webhook. */
export function verifyWebhookSignature(input: VerifyInput): VerifyResult {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
  const tolerance = input.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  if (Math.abs(input.nowMs / 1000 - Number(timestamp)) > tolerance) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
