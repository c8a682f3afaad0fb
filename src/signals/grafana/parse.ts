// Grafana unified alerting (9+, 10, 11) webhook contact point → signals, one per alert.
// The body is Alertmanager's group shape (version "1") plus URLs, values and orgId.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ParseResult } from '../../domain/signals/signal.js';
import { type AlertGroupFlavour, parseAlertGroup } from '../alertmanager/parse.js';
import { type JsonObject, type Problems, link, optionalObject, optionalString, own } from '../validate.js';

/** Grafana's default signature header (the contact point lets users rename it). */
export const GRAFANA_SIGNATURE_HEADER = 'X-Grafana-Alerting-Signature';
/** Accepted clock skew for signed timestamps when the caller passes `nowMs`. */
export const GRAFANA_SIGNATURE_MAX_SKEW_SECONDS = 300;

const URL_FIELDS = [
  ['dashboardURL', 'Dashboard'],
  ['panelURL', 'Panel'],
  ['silenceURL', 'Silence'],
  ['imageURL', 'Image'],
] as const;

const GRAFANA: AlertGroupFlavour = {
  groupDetails(body: JsonObject, problems: Problems) {
    const orgId = own(body, 'orgId');
    if (orgId !== undefined && orgId !== null && typeof orgId !== 'number') problems.add('orgId must be a number');
    return { orgId: typeof orgId === 'number' ? orgId : null };
  },
  alertExtras(alert: JsonObject, path: string, problems: Problems) {
    const details: Record<string, unknown> = {};
    const links = [];
    for (const [field, text] of URL_FIELDS) {
      const url = optionalString(alert, field, `${path}.${field}`, problems);
      details[field] = url === '' ? null : url;
      links.push(...link(url, text));
    }
    details.values = optionalObject(alert, 'values', `${path}.values`, problems);
    details.valueString = optionalString(alert, 'valueString', `${path}.valueString`, problems);
    return { details, links };
  },
};

/** Grafana alerting webhook body → one signal per alert, deduplicated by groupKey + fingerprint. */
export function parseGrafana(body: unknown): ParseResult {
  return parseAlertGroup(body, GRAFANA);
}

export interface GrafanaSignatureOptions {
  /** The value of the contact point's timestamp header, when it sets one. */
  timestamp?: string;
  /** The current time in Unix seconds; with it, a signed timestamp outside the skew is refused. */
  nowSeconds?: number;
  maxSkewSeconds?: number;
}

/**
 * Checks Grafana's webhook HMAC: hex HMAC-SHA256 of the raw body, or of `timestamp:body` when the
 * contact point sets a timestamp header. The 4th argument is that header's value, or options that
 * also carry the current time for a replay check. Constant-time compare; an empty secret never verifies.
 */
export function verifyGrafanaSignature(
  rawBody: Buffer,
  headerValue: string | undefined,
  secret: string,
  timestampOrOptions?: string | GrafanaSignatureOptions,
): boolean {
  const options =
    typeof timestampOrOptions === 'object' && timestampOrOptions !== null ? timestampOrOptions : { timestamp: timestampOrOptions };
  const { timestamp } = options;
  if (typeof headerValue !== 'string' || typeof secret !== 'string' || secret === '' || !Buffer.isBuffer(rawBody)) return false;
  const given = headerValue.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  if (timestamp !== undefined && !timestampIsFresh(timestamp, options)) return false;

  const mac = createHmac('sha256', secret);
  if (timestamp !== undefined) mac.update(`${timestamp}:`, 'utf8');
  const expected = mac.update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** Grafana sends Unix seconds; a value too large for seconds is read as milliseconds. */
function timestampIsFresh(timestamp: string, options: GrafanaSignatureOptions): boolean {
  if (typeof timestamp !== 'string' || !/^\d{1,15}$/.test(timestamp.trim())) return false;
  if (typeof options.nowSeconds !== 'number' || !Number.isFinite(options.nowSeconds)) return true;
  const value = Number(timestamp.trim());
  const signedAt = value >= 1e11 ? value / 1000 : value;
  return Math.abs(options.nowSeconds - signedAt) <= (options.maxSkewSeconds ?? GRAFANA_SIGNATURE_MAX_SKEW_SECONDS);
}
