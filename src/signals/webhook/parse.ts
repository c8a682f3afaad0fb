// Fenghuo's own generic JSON webhook → signals. One event, or a batch `{ "events": [...] }`.
// The mapping is documented in docs/integrations.md ("Generic webhook").
import { IMPACT_TYPES } from '../../domain/grading/policy.js';
import type { ParseResult, Signal, SignalAction } from '../../domain/signals/signal.js';
import {
  type JsonObject,
  type Link,
  Problems,
  accepted,
  boundedArray,
  failed,
  isObject,
  labelFacts,
  link,
  lowerOrNull,
  optionalEnum,
  optionalObject,
  optionalString,
  own,
  requiredString,
  sanitizeLabels,
  stableHash,
  textOrNull,
  toSummary,
} from '../validate.js';

const ACTIONS: readonly SignalAction[] = ['trigger', 'acknowledge', 'resolve'];
export const MAX_WEBHOOK_DEDUP_KEY_LENGTH = 512;

/**
 * The dedup key used when an event has none: sha256 (hex) of the canonical JSON
 * `{"labels":{…sorted…},"summary":"…"}` (summary as sent) — the same summary and labels always
 * give the same key.
 */
export function defaultWebhookDedupKey(summary: string, labels: Record<string, string>): string {
  return stableHash({ labels, summary });
}

/** Generic webhook body (one event or `{ events: [...] }`, at most 1000) → signals. */
export function parseGenericWebhook(body: unknown): ParseResult {
  if (!isObject(body)) return failed(['body must be a JSON object']);
  const problems = new Problems();
  if (!Object.hasOwn(body, 'events')) {
    const signal = parseEvent(body, '', problems);
    return signal && !problems.any ? accepted([signal]) : failed(problems);
  }
  const events = boundedArray(own(body, 'events'), 'events', problems);
  if (events === null) return failed(problems);
  const signals: Signal[] = [];
  events.forEach((event, i) => {
    const signal = parseEvent(event, `events[${i}]`, problems);
    if (signal) signals.push(signal);
  });
  return problems.any ? failed(problems) : accepted(signals);
}

function parseEvent(event: unknown, path: string, problems: Problems): Signal | null {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (!isObject(event)) {
    problems.add(`${path || 'body'} must be an object`);
    return null;
  }
  const before = problems.count;
  const summaryText = requiredString(event, 'summary', at('summary'), problems);
  const dedupKey = optionalString(event, 'dedupKey', at('dedupKey'), problems);
  if (dedupKey !== null && (dedupKey.trim() === '' || dedupKey.length > MAX_WEBHOOK_DEDUP_KEY_LENGTH)) {
    problems.add(`${at('dedupKey')} must be 1–${MAX_WEBHOOK_DEDUP_KEY_LENGTH} characters`);
  }
  const action = optionalEnum(event, 'action', at('action'), ACTIONS, problems) ?? 'trigger';
  const labels = sanitizeLabels(own(event, 'labels'), at('labels'), problems);
  const impact = optionalEnum(event, 'impact', at('impact'), IMPACT_TYPES, problems);
  const text = {
    severity: optionalString(event, 'severity', at('severity'), problems),
    service: optionalString(event, 'service', at('service'), problems),
    facility: optionalString(event, 'facility', at('facility'), problems),
    source: optionalString(event, 'source', at('source'), problems),
  };
  const details = optionalObject(event, 'details', at('details'), problems);
  const usersAffectedPct = boundedNumber(event, 'usersAffectedPct', at('usersAffectedPct'), problems, { max: 100 });
  const recordsExposed = boundedNumber(event, 'recordsExposed', at('recordsExposed'), problems, { integer: true });
  const occurredAt = eventTime(event, at('occurredAt'), problems);
  const links = eventLinks(own(event, 'links'), at('links'), problems);
  if (problems.count > before || summaryText === null) return null;

  const fromLabels = labelFacts(labels);
  return {
    dedupKey: dedupKey ?? defaultWebhookDedupKey(summaryText, labels),
    action,
    summary: toSummary(summaryText) ?? 'Webhook event',
    source: textOrNull(text.source),
    severity: lowerOrNull(text.severity) ?? fromLabels.severity,
    impact: impact ?? fromLabels.impact,
    service: textOrNull(text.service) ?? fromLabels.service,
    facility: textOrNull(text.facility) ?? fromLabels.facility,
    labels,
    details,
    usersAffectedPct,
    recordsExposed,
    occurredAt,
    links,
  };
}

function boundedNumber(
  event: JsonObject,
  key: string,
  path: string,
  problems: Problems,
  rules: { max?: number; integer?: boolean },
): number | null {
  const value = own(event, key);
  if (value === undefined || value === null) return null;
  const fits =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= (rules.max ?? Number.MAX_SAFE_INTEGER) &&
    (!rules.integer || Number.isSafeInteger(value));
  if (fits) return value;
  const range = rules.integer ? 'a whole number ≥ 0' : `a number from 0 to ${rules.max ?? 'any'}`;
  problems.add(`${path} must be ${range}`);
  return null;
}

/** An ISO 8601 string, or epoch milliseconds. */
function eventTime(event: JsonObject, path: string, problems: Problems): number | null {
  const value = own(event, 'occurredAt');
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isFinite(ms) && ms > 0) return ms;
  problems.add(`${path} must be an ISO 8601 timestamp or epoch milliseconds`);
  return null;
}

/** `["https://…", { "href": "https://…", "text": "Runbook" }]`, at most 20. */
function eventLinks(value: unknown, path: string, problems: Problems): Link[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 20) {
    problems.add(`${path} must be an array of at most 20 links`);
    return [];
  }
  const links: Link[] = [];
  value.forEach((item, i) => {
    const href = typeof item === 'string' ? item : isObject(item) ? own(item, 'href') : undefined;
    const text = isObject(item) ? own(item, 'text') : null;
    const made = typeof text === 'string' || text == null ? link(href, textOrNull(text)) : [];
    if (made.length === 0) problems.add(`${path}[${i}] must be a URL string or { "href": string, "text"?: string }`);
    links.push(...made);
  });
  return links;
}
