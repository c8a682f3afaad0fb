// Prometheus Alertmanager webhook (payload version "4") → signals, one per alert.
// Grafana's contact-point webhook is the same group shape with a few extra fields, so the group
// walker here is shared with ../grafana/parse.ts.
import type { ParseResult, Signal } from '../../domain/signals/signal.js';
import {
  type JsonObject,
  type Link,
  Problems,
  accepted,
  boundedArray,
  failed,
  isObject,
  link,
  nonBlank,
  optionalEnum,
  optionalString,
  own,
  signalFrom,
  requiredString,
  sanitizeLabels,
  stableHash,
  textOrNull,
  timeOrNull,
  toSummary,
} from '../validate.js';

const ALERT_STATUSES = ['firing', 'resolved'] as const;
type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Annotations are free text, not labels: more of them are allowed, and none is cut. */
const MAX_ANNOTATIONS = 256;
const MAX_ANNOTATION_LENGTH = 65_536;

/**
 * Joins groupKey and fingerprint in a dedup key. Fingerprints are hex, so the last `|` always
 * splits the pair. (Not NUL: PostgreSQL `text` cannot hold it.) Stored keys depend on this value.
 */
export const DEDUP_KEY_SEPARATOR = '|';

/** What one sender adds to the Alertmanager group shape. */
export interface AlertGroupFlavour {
  /** Extra group-level fields kept in every signal's details (Grafana's orgId). */
  groupDetails(body: JsonObject, problems: Problems): Record<string, unknown>;
  /** Extra per-alert fields kept in details, and links built from them. */
  alertExtras(alert: JsonObject, path: string, problems: Problems): { details: Record<string, unknown>; links: Link[] };
}

const ALERTMANAGER: AlertGroupFlavour = {
  groupDetails: () => ({}),
  alertExtras: () => ({ details: {}, links: [] }),
};

/** Alertmanager webhook body → one signal per alert, deduplicated by groupKey + fingerprint. */
export function parseAlertmanager(body: unknown): ParseResult {
  return parseAlertGroup(body, ALERTMANAGER);
}

interface Group {
  groupKey: string;
  receiver: string | null;
  externalURL: string | null;
  status: AlertStatus | null;
  details: Record<string, unknown>;
}

/** Walks an Alertmanager-shaped notification (Alertmanager itself, Grafana). */
export function parseAlertGroup(body: unknown, flavour: AlertGroupFlavour): ParseResult {
  if (!isObject(body)) return failed(['body must be a JSON object']);
  const problems = new Problems();
  const groupKey = requiredString(body, 'groupKey', 'groupKey', problems);
  const group = {
    receiver: optionalString(body, 'receiver', 'receiver', problems),
    externalURL: optionalString(body, 'externalURL', 'externalURL', problems),
    status: optionalEnum(body, 'status', 'status', ALERT_STATUSES, problems),
    details: flavour.groupDetails(body, problems),
  };
  const alerts = boundedArray(own(body, 'alerts'), 'alerts', problems);
  if (groupKey === null || alerts === null) return failed(problems);

  const signals: Signal[] = [];
  alerts.forEach((alert, i) => {
    const signal = parseAlert(alert, `alerts[${i}]`, { groupKey, ...group }, flavour, problems);
    if (signal) signals.push(signal);
  });
  return problems.any ? failed(problems) : accepted(signals);
}

function parseAlert(alert: unknown, path: string, group: Group, flavour: AlertGroupFlavour, problems: Problems): Signal | null {
  if (!isObject(alert)) {
    problems.add(`${path} must be an object`);
    return null;
  }
  const before = problems.count;
  const status = optionalEnum(alert, 'status', `${path}.status`, ALERT_STATUSES, problems) ?? group.status ?? 'firing';
  const labels = sanitizeLabels(own(alert, 'labels'), `${path}.labels`, problems, { required: true });
  const annotations = sanitizeLabels(own(alert, 'annotations'), `${path}.annotations`, problems, {
    maxEntries: MAX_ANNOTATIONS,
    maxValueLength: MAX_ANNOTATION_LENGTH,
  });
  const startsAt = optionalString(alert, 'startsAt', `${path}.startsAt`, problems);
  const endsAt = optionalString(alert, 'endsAt', `${path}.endsAt`, problems);
  const generatorURL = optionalString(alert, 'generatorURL', `${path}.generatorURL`, problems);
  const fingerprint = optionalString(alert, 'fingerprint', `${path}.fingerprint`, problems);
  const extras = flavour.alertExtras(alert, path, problems);
  if (problems.count > before) return null;

  // Alertmanager always sends a fingerprint; alerts relayed by other tools may not.
  const identity = nonBlank(fingerprint) ?? stableHash(labels);
  const summary =
    toSummary(own(annotations, 'summary'), own(annotations, 'description'), own(labels, 'alertname')) ?? fallbackSummary(labels, identity);
  return signalFrom(
    {
      dedupKey: `${group.groupKey}${DEDUP_KEY_SEPARATOR}${identity}`,
      action: status === 'resolved' ? 'resolve' : 'trigger',
      summary,
      source: textOrNull(own(labels, 'instance')) ?? textOrNull(own(labels, 'job')),
      severity: null,
      labels,
      details: {
        annotations,
        groupKey: group.groupKey,
        receiver: group.receiver,
        externalURL: group.externalURL,
        generatorURL,
        // The zero time `0001-01-01T00:00:00Z` means "still firing": keep only real end times.
        endsAt: timeOrNull(endsAt) === null ? null : endsAt,
        ...group.details,
        ...extras.details,
      },
      occurredAt: timeOrNull(startsAt),
      links: [...link(generatorURL, 'Source'), ...extras.links],
    },
    labels,
    annotations,
  );
}

/** `{job="api", instance="a:9100"}` when nothing names the alert; a label-less alert gets its fingerprint. */
function fallbackSummary(labels: Record<string, string>, identity: string): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  return (pairs.length > 0 ? toSummary(`{${pairs.join(', ')}}`) : null) ?? `Alert ${identity}`;
}
