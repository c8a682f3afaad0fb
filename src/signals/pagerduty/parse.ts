// PagerDuty Events API v2 (`POST /v2/enqueue`) and the legacy v1 generic API
// (`/generic/2010-04-15/create_event.json`, what Alertmanager sends with `service_key`) → one signal.
// Errors read like PagerDuty's own, so senders' logs stay familiar.
import { MAX_SUMMARY_LENGTH, type Signal, type SignalAction } from '../../domain/signals/signal.js';
import {
  type JsonObject,
  type Link,
  Problems,
  checkLabelCount,
  codePointLength,
  isObject,
  link,
  lowerOrNull,
  nonBlank,
  own,
  sha256Hex,
  signalFrom,
  stringFields,
  textOrNull,
  timeOrNull,
  toSummary,
} from '../validate.js';

export type PagerDutyParse = { ok: true; routingKey: string; dedupKey: string; signal: Signal } | { ok: false; errors: string[] };

export const PAGERDUTY_V2_ACCEPTED_STATUS = 202;
export const PAGERDUTY_V1_ACCEPTED_STATUS = 200;
export const PAGERDUTY_INVALID_STATUS = 400;
export const MAX_DEDUP_KEY_LENGTH = 255;

const ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
const SEVERITIES = ['critical', 'warning', 'error', 'info'] as const;
const V1_ACTIONS_TEXT = 'trigger, acknowledge, resolve';

export function pagerDutyAccepted(dedupKey: string) {
  return { status: 'success', message: 'Event processed', dedup_key: dedupKey };
}

export function pagerDutyInvalid(errors: string[]) {
  return { status: 'invalid event', message: 'Event object is invalid', errors };
}

export function pagerDutyV1Accepted(incidentKey: string) {
  return { status: 'success', message: 'Event processed', incident_key: incidentKey };
}

export function pagerDutyV1Invalid(errors: string[]) {
  return { status: 'invalid event', message: 'Event object is invalid', errors };
}

/** `'a', 'b' or 'c'`, as PagerDuty lists allowed values. */
function oneOf(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}`;
}

/** Reads one string field the way PagerDuty validates it. `name` is how errors call the field. */
function pdString(
  obj: JsonObject,
  key: string,
  name: string,
  problems: Problems,
  rules: { required?: boolean; max?: number; style?: 'v1' | 'v2' } = {},
): string | null {
  const value = own(obj, key);
  const label = rules.style === 'v1' ? name : `'${name}'`;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (rules.required) problems.add(`${label} is missing or blank`);
    return null;
  }
  if (typeof value !== 'string') {
    problems.add(`${label} is invalid (must be a string)`);
    return null;
  }
  if (rules.max !== undefined && codePointLength(value) > rules.max) {
    problems.add(`${label} is too long (maximum is ${rules.max} characters)`);
    return null;
  }
  return value;
}

function pdAction(obj: JsonObject, key: string, name: string, problems: Problems, style: 'v1' | 'v2'): SignalAction | null {
  const value = pdString(obj, key, name, problems, { required: true, style });
  if (value === null) return null;
  if ((ACTIONS as readonly string[]).includes(value)) return value as SignalAction;
  problems.add(
    style === 'v1'
      ? `${name} is invalid (must be one of: ${V1_ACTIONS_TEXT})`
      : `'${name}' is invalid (must be one of the following: ${oneOf(ACTIONS)})`,
  );
  return null;
}

/** PagerDuty `links`/`contexts`: an array of objects with an `href`. */
function pdLinks(value: unknown, name: string, problems: Problems, keep: (item: JsonObject) => boolean): Link[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(`'${name}' is invalid (must be an array)`);
    return [];
  }
  const links: Link[] = [];
  value.slice(0, 100).forEach((item, i) => {
    if (!isObject(item)) problems.add(`'${name}[${i}]' is invalid (must be an object)`);
    else if (keep(item)) links.push(...link(own(item, 'href'), textOrNull(own(item, 'text'))));
  });
  return links;
}

/** Labels from string-valued custom details (one level), plus component/group/class. */
function pdLabels(details: unknown, extra: Record<string, string | null>, name: string, problems: Problems): Record<string, string> | null {
  const entries = stringFields(details);
  for (const [key, value] of Object.entries(extra)) if (value !== null) entries.push([key, value]);
  const labels = Object.fromEntries(entries);
  return checkLabelCount(labels, `'${name}'`, problems) ? labels : null;
}

/** A generated key; should the generator return a blank one, a hash of what names the event stands in. */
function generatedKey(generateKey: () => string, basis: string): string {
  return nonBlank(generateKey()) ?? sha256Hex(basis);
}

/** Events API v2 body → one signal. `generateKey` supplies a dedup key for a trigger without one. */
export function parsePagerDutyV2(body: unknown, generateKey: () => string): PagerDutyParse {
  if (!isObject(body)) return { ok: false, errors: ['Event object must be a JSON object'] };
  const problems = new Problems();
  const routingKey = pdString(body, 'routing_key', 'routing_key', problems, { required: true });
  const action = pdAction(body, 'event_action', 'event_action', problems, 'v2');
  const givenKey = pdString(body, 'dedup_key', 'dedup_key', problems, {
    required: action === 'acknowledge' || action === 'resolve',
    max: MAX_DEDUP_KEY_LENGTH,
  });
  const client = pdString(body, 'client', 'client', problems);
  const clientUrl = pdString(body, 'client_url', 'client_url', problems);
  const links = pdLinks(own(body, 'links'), 'links', problems, () => true);
  const images = own(body, 'images') ?? null;
  if (images !== null && !Array.isArray(images)) problems.add("'images' is invalid (must be an array)");
  const payload = action === 'trigger' ? v2Payload(own(body, 'payload'), problems) : null;
  if (problems.any || routingKey === null || action === null) return { ok: false, errors: problems.errors() };

  const dedupKey = givenKey ?? generatedKey(generateKey, `${routingKey}\n${payload?.summary ?? ''}`);
  const common = {
    dedupKey,
    action,
    details: { custom_details: payload?.customDetails ?? null, client, client_url: clientUrl, images },
    links: [...links, ...link(clientUrl, client)],
  };
  if (payload === null) {
    return { ok: true, routingKey, dedupKey, signal: followUpSignal(common, `PagerDuty ${action}: ${dedupKey}`) };
  }
  const signal = signalFrom(
    {
      dedupKey,
      action,
      summary: toSummary(payload.summary) ?? `PagerDuty event ${dedupKey}`,
      source: textOrNull(payload.source),
      severity: payload.severity,
      labels: payload.labels,
      details: common.details,
      occurredAt: timeOrNull(payload.timestamp),
      links: common.links,
    },
    // Routing and impact facts carried by custom details (`service`, `impact`, `users_affected_pct`…).
    isObject(payload.customDetails) ? payload.customDetails : {},
  );
  return { ok: true, routingKey, dedupKey, signal };
}

interface V2Payload {
  summary: string;
  source: string;
  severity: string;
  timestamp: string | null;
  customDetails: unknown;
  labels: Record<string, string>;
}

function v2Payload(value: unknown, problems: Problems): V2Payload | null {
  if (value === undefined || value === null) {
    problems.add("'payload' is missing or blank");
    return null;
  }
  if (!isObject(value)) {
    problems.add("'payload' is invalid (must be an object)");
    return null;
  }
  const summary = pdString(value, 'summary', 'payload.summary', problems, { required: true, max: MAX_SUMMARY_LENGTH });
  const source = pdString(value, 'source', 'payload.source', problems, { required: true });
  const severityText = pdString(value, 'severity', 'payload.severity', problems, { required: true });
  const severity = lowerOrNull(severityText);
  if (severityText !== null && !(SEVERITIES as readonly string[]).includes(severity ?? '')) {
    problems.add(`'payload.severity' is invalid (must be one of the following: ${oneOf(SEVERITIES)})`);
  }
  // An unreadable timestamp only loses occurredAt: refusing the page over it would be worse.
  const timestamp = pdString(value, 'timestamp', 'payload.timestamp', problems);
  const extra = {
    component: pdString(value, 'component', 'payload.component', problems),
    group: pdString(value, 'group', 'payload.group', problems),
    class: pdString(value, 'class', 'payload.class', problems),
  };
  const customDetails = own(value, 'custom_details') ?? null;
  const labels = pdLabels(customDetails, extra, 'payload.custom_details', problems);
  if (summary === null || source === null || severity === null || labels === null || problems.any) return null;
  return { summary, source, severity, timestamp, customDetails, labels };
}

/** Acknowledge/resolve carry no payload: the signal only names the alert and the action. */
function followUpSignal(common: Pick<Signal, 'dedupKey' | 'action' | 'details' | 'links'>, summary: string): Signal {
  return {
    dedupKey: common.dedupKey,
    action: common.action,
    summary: toSummary(summary) ?? common.action,
    source: null,
    severity: null,
    impact: null,
    service: null,
    facility: null,
    labels: {},
    details: common.details,
    usersAffectedPct: null,
    recordsExposed: null,
    occurredAt: null,
    links: common.links,
  };
}

/**
 * v1 generic events API body → one signal. Alertmanager's `service_key` receiver sends this shape
 * (with `"event_action": ""` and `"payload": null`, which v1 ignores, as do we).
 */
export function parsePagerDutyV1(body: unknown, generateKey: () => string): PagerDutyParse {
  if (!isObject(body)) return { ok: false, errors: ['Event object must be a JSON object'] };
  const problems = new Problems();
  const v1 = { style: 'v1' as const };
  const serviceKey = pdString(body, 'service_key', 'Service key', problems, { ...v1, required: true });
  const action = pdAction(body, 'event_type', 'Event type', problems, 'v1');
  const givenKey = pdString(body, 'incident_key', 'Incident key', problems, {
    ...v1,
    required: action === 'acknowledge' || action === 'resolve',
    max: MAX_DEDUP_KEY_LENGTH,
  });
  const description = pdString(body, 'description', 'Description', problems, {
    ...v1,
    required: action === 'trigger',
    max: MAX_SUMMARY_LENGTH,
  });
  const client = pdString(body, 'client', 'Client', problems, v1);
  const clientUrl = pdString(body, 'client_url', 'Client URL', problems, v1);
  const contexts = own(body, 'contexts') ?? null;
  const links = pdLinks(contexts, 'contexts', problems, (item) => own(item, 'type') !== 'image');
  const details = own(body, 'details') ?? null;
  const labels = pdLabels(details, {}, 'details', problems);
  if (problems.any || serviceKey === null || action === null || labels === null) return { ok: false, errors: problems.errors() };

  const dedupKey = givenKey ?? generatedKey(generateKey, `${serviceKey}\n${description ?? ''}`);
  const signal = signalFrom(
    {
      dedupKey,
      action,
      summary: toSummary(description) ?? `PagerDuty ${action}: ${dedupKey}`,
      source: textOrNull(client),
      // v1 has no severity field: a `severity` detail is the only one.
      severity: null,
      labels,
      details: { details, client, client_url: clientUrl, contexts },
      occurredAt: null,
      links: [...links, ...link(clientUrl, client)],
    },
    isObject(details) ? details : {},
  );
  return { ok: true, routingKey: serviceKey, dedupKey, signal };
}
