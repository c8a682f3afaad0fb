// Shared checks for the inbound adapters. Everything here is pure and total: it never throws on
// any input, it reports problems by field path, and it never reads the clock.
import { createHash } from 'node:crypto';
import { IMPACT_TYPES, type ImpactType } from '../domain/grading/policy.js';
import { MAX_LABELS, MAX_LABEL_VALUE_LENGTH, MAX_SUMMARY_LENGTH, type ParseResult, type Signal } from '../domain/signals/signal.js';

/** Alerts (or events) accepted in one payload; more is refused, not truncated. */
export const MAX_SIGNALS_PER_PAYLOAD = 1000;
export const MAX_LABEL_KEY_LENGTH = 128;
/** Longest link href kept; longer ones are dropped (no one clicks a 10 kB URL). */
export const MAX_LINK_LENGTH = 4096;
/** Error lists stop growing here so a 1000-alert payload cannot produce a 1000-line answer. */
export const MAX_ERRORS = 50;

export type JsonObject = Record<string, unknown>;
export type Link = Signal['links'][number];

/** A plain JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** obj[key], but only for the object's own properties (never `constructor`, `__proto__`…). */
export function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Collects validation errors, capped at MAX_ERRORS. */
export class Problems {
  readonly list: string[] = [];
  #dropped = 0;

  add(message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(message);
    else this.#dropped++;
  }

  get count(): number {
    return this.list.length + this.#dropped;
  }

  get any(): boolean {
    return this.count > 0;
  }

  errors(): string[] {
    return this.#dropped > 0 ? [...this.list, `…and ${this.#dropped} more errors`] : [...this.list];
  }
}

export function failed(problems: Problems | string[]): { ok: false; errors: string[] } {
  return { ok: false, errors: Array.isArray(problems) ? problems : problems.errors() };
}

export function accepted(signals: Signal[]): ParseResult {
  return { ok: true, signals };
}

/** `path.key` for identifier-like keys, `path["odd key"]` otherwise. */
export function fieldPath(path: string, key: string): string {
  const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(shown)) return path ? `${path}.${shown}` : shown;
  return `${path}[${JSON.stringify(shown)}]`;
}

/** Cuts s to at most max UTF-16 units, never splitting a surrogate pair, and marks the cut with "…". */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}…`;
}

/** Length in code points (what senders mean by "characters"). */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function nonBlank(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The first candidate that is a non-blank string, squeezed to one line and cut to MAX_SUMMARY_LENGTH. */
export function toSummary(...candidates: unknown[]): string | null {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const line = candidate.replace(/\s+/g, ' ').trim();
    if (line !== '') return truncate(line, MAX_SUMMARY_LENGTH);
  }
  return null;
}

/** A trimmed, non-empty string (cut to `max`), else null. */
export function textOrNull(value: unknown, max = MAX_LABEL_VALUE_LENGTH): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : truncate(trimmed, max);
}

/** Severity/priority hints are kept lower-cased, as the domain's severity map expects. */
export function lowerOrNull(value: unknown): string | null {
  return textOrNull(value, 128)?.toLowerCase() ?? null;
}

export function impactOrNull(value: unknown): ImpactType | null {
  const hint = lowerOrNull(value);
  return (IMPACT_TYPES as readonly string[]).includes(hint ?? '') ? (hint as ImpactType) : null;
}

const DECIMAL = /^\s*\+?(\d+(?:\.\d+)?)\s*$/;

function decimalOrNull(value: unknown, allowPercentSign: boolean): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = allowPercentSign ? value.replace(/%\s*$/, '') : value;
  const match = DECIMAL.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** A share of users, 0–100, from a number or a numeric string ("12.5", "12.5%"). */
export function percentOrNull(value: unknown): number | null {
  const n = decimalOrNull(value, true);
  return n !== null && n >= 0 && n <= 100 ? n : null;
}

/** A whole, non-negative count from a number or a numeric string. */
export function countOrNull(value: unknown): number | null {
  const n = decimalOrNull(value, false);
  return n !== null && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** The first source that carries `key` as a usable number. */
export function impactFacts(...sources: JsonObject[]): Pick<Signal, 'usersAffectedPct' | 'recordsExposed'> {
  let usersAffectedPct: number | null = null;
  let recordsExposed: number | null = null;
  for (const source of sources) {
    usersAffectedPct ??= percentOrNull(own(source, 'users_affected_pct'));
    recordsExposed ??= countOrNull(own(source, 'records_exposed'));
  }
  return { usersAffectedPct, recordsExposed };
}

/** Severity, impact, service and facility as carried by labels. */
export function labelFacts(labels: JsonObject): Pick<Signal, 'severity' | 'impact' | 'service' | 'facility'> {
  return {
    severity: lowerOrNull(own(labels, 'severity')),
    impact: impactOrNull(own(labels, 'impact')),
    service: textOrNull(own(labels, 'service')),
    facility: textOrNull(own(labels, 'datacenter')) ?? textOrNull(own(labels, 'facility')),
  };
}

/** What an adapter read from one event; `signalFrom` adds what its labels and impact fields say. */
export type SignalParts = Pick<Signal, 'dedupKey' | 'action' | 'summary' | 'source' | 'labels' | 'details' | 'occurredAt' | 'links'> & {
  /** The sender's own severity (PagerDuty `severity`, Opsgenie priority); null: the `severity` label's. */
  severity: string | null;
};

/**
 * A signal from an adapter's parts, the routing facts of its labels (`service`, `datacenter`,
 * `impact`, `severity`) and the impact facts of `impactSources` (`users_affected_pct`,
 * `records_exposed`). Every field is written out: object spreads in the middle of a literal are
 * copied property by property: parsing a PagerDuty event took 17 µs with them, 4 µs without
 * (`npm run bench:parse`, docs/benchmarks.md).
 */
export function signalFrom(parts: SignalParts, ...impactSources: JsonObject[]): Signal {
  const facts = labelFacts(parts.labels);
  const impact = impactFacts(...impactSources);
  return {
    dedupKey: parts.dedupKey,
    action: parts.action,
    summary: parts.summary,
    source: parts.source,
    severity: parts.severity ?? facts.severity,
    impact: facts.impact,
    service: facts.service,
    facility: facts.facility,
    labels: parts.labels,
    details: parts.details,
    usersAffectedPct: impact.usersAffectedPct,
    recordsExposed: impact.recordsExposed,
    occurredAt: parts.occurredAt,
    links: parts.links,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Epoch ms of an ISO 8601 timestamp, or null when absent, unparsable or before 1970 — which covers
 * Go's zero time `0001-01-01T00:00:00Z` that Alertmanager and Grafana send as `endsAt` while firing.
 */
export function timeOrNull(value: unknown): number | null {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

export function link(href: unknown, text: string | null): Link[] {
  const target = textOrNull(href, Infinity);
  return target !== null && target.length <= MAX_LINK_LENGTH ? [{ href: target, text }] : [];
}

// ---------------------------------------------------------------------------
// Field readers: each validates one field, reports a problem by path, and returns null when the
// field is absent (undefined or null) or wrong.
// ---------------------------------------------------------------------------

export function optionalString(obj: JsonObject, key: string, path: string, problems: Problems): string | null {
  const value = own(obj, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    problems.add(`${path} must be a string`);
    return null;
  }
  return value;
}

export function requiredString(obj: JsonObject, key: string, path: string, problems: Problems): string | null {
  const value = own(obj, key);
  if (value === undefined || value === null) {
    problems.add(`${path} is missing`);
    return null;
  }
  if (typeof value !== 'string') {
    problems.add(`${path} must be a string`);
    return null;
  }
  if (value.trim() === '') {
    problems.add(`${path} must not be empty`);
    return null;
  }
  return value;
}

export function optionalEnum<T extends string>(
  obj: JsonObject,
  key: string,
  path: string,
  allowed: readonly T[],
  problems: Problems,
): T | null {
  const value = optionalString(obj, key, path, problems);
  if (value === null) return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.add(`${path} must be one of: ${allowed.join(', ')}`);
  return null;
}

/** An optional JSON object (anything goes inside); null when absent. */
export function optionalObject(obj: JsonObject, key: string, path: string, problems: Problems): JsonObject | null {
  const value = own(obj, key);
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    problems.add(`${path} must be an object`);
    return null;
  }
  return value;
}

/** An array of at most MAX_SIGNALS_PER_PAYLOAD items, or null with a problem. */
export function boundedArray(value: unknown, path: string, problems: Problems): unknown[] | null {
  if (!Array.isArray(value)) {
    problems.add(`${path} must be an array`);
    return null;
  }
  if (value.length > MAX_SIGNALS_PER_PAYLOAD) {
    problems.add(`${path} has ${value.length} items (at most ${MAX_SIGNALS_PER_PAYLOAD} per payload)`);
    return null;
  }
  return value;
}

export interface LabelRules {
  /** Absent (undefined/null) is an error rather than an empty set. */
  required?: boolean;
  /** Numbers and booleans become strings (Opsgenie `details`); otherwise only strings pass. */
  coerceScalars?: boolean;
  /** Most entries allowed; MAX_LABELS unless told. */
  maxEntries?: number;
  /** Values longer than this are cut; MAX_LABEL_VALUE_LENGTH unless told. */
  maxValueLength?: number;
}

/**
 * A flat string → string map: an object whose values are strings, at most MAX_LABELS entries,
 * names 1–128 characters, values cut to MAX_LABEL_VALUE_LENGTH. Anything else is a problem at `path`.
 */
export function sanitizeLabels(value: unknown, path: string, problems: Problems, rules: LabelRules = {}): Record<string, string> {
  if (value === undefined || value === null) {
    if (rules.required) problems.add(`${path} must be an object`);
    return {};
  }
  if (!isObject(value)) {
    problems.add(`${path} must be an object`);
    return {};
  }
  const keys = Object.keys(value);
  const maxEntries = rules.maxEntries ?? MAX_LABELS;
  if (keys.length > maxEntries) {
    problems.add(`${path} has ${keys.length} entries (at most ${maxEntries})`);
    return {};
  }
  const entries: Array<[string, string]> = [];
  for (const key of keys) {
    const text = labelValue(value[key], rules.coerceScalars === true);
    if (key === '') problems.add(`${path} has an empty name`);
    else if (key.length > MAX_LABEL_KEY_LENGTH)
      problems.add(`${fieldPath(path, key)} has a name longer than ${MAX_LABEL_KEY_LENGTH} characters`);
    else if (text === null) problems.add(`${fieldPath(path, key)} must be a string`);
    else entries.push([key, truncate(text, rules.maxValueLength ?? MAX_LABEL_VALUE_LENGTH)]);
  }
  // fromEntries defines own properties, so a `__proto__` label stays a label.
  return Object.fromEntries(entries);
}

function labelValue(value: unknown, coerceScalars: boolean): string | null {
  if (typeof value === 'string') return value;
  if (coerceScalars && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  return null;
}

/** The string-valued fields of an object (one level, others skipped), for label flattening. */
export function stringFields(value: unknown): Array<[string, string]> {
  if (!isObject(value)) return [];
  const out: Array<[string, string]> = [];
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && key !== '' && key.length <= MAX_LABEL_KEY_LENGTH) {
      out.push([key, truncate(v, MAX_LABEL_VALUE_LENGTH)]);
    }
  }
  return out;
}

/** Reports a merged label set that grew past MAX_LABELS. */
export function checkLabelCount(labels: Record<string, string>, path: string, problems: Problems): boolean {
  const n = Object.keys(labels).length;
  if (n <= MAX_LABELS) return true;
  problems.add(`${path} has ${n} labels (at most ${MAX_LABELS})`);
  return false;
}

// ---------------------------------------------------------------------------
// Hashing
// ---------------------------------------------------------------------------

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always serialise the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const parts = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 (hex) of canonicalJson(value): a stable identity for label sets and the like. */
export function stableHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
