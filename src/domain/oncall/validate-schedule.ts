import type { FieldIssue } from '../errors.js';
import { isValidTimeZone } from '../time/zone.js';
import {
  isCustomLength,
  isId,
  isInstant,
  isWeekday,
  MAX_CUSTOM_ROTATION_MINUTES,
  MAX_LAYERS,
  MAX_NAME_LENGTH,
  MAX_OVERRIDES,
  MAX_PARTICIPANTS,
  MAX_RESTRICTIONS,
  MIN_CUSTOM_ROTATION_MINUTES,
  parseClock,
  type Layer,
  type Override,
  type Schedule,
} from './schedule.js';

// Input may come straight from JSON: every field is checked for its type before use.
type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CLOCK_MESSAGE = 'must be a wall-clock time HH:MM (00:00–23:59)';

function checkName(value: unknown, field: string, issues: FieldIssue[]): void {
  if (typeof value !== 'string' || value.trim() === '') issues.push({ field, message: 'must be a non-empty name' });
  else if (value.length > MAX_NAME_LENGTH) issues.push({ field, message: `must be at most ${MAX_NAME_LENGTH} characters` });
}

function checkRotation(rotation: unknown, path: string, issues: FieldIssue[]): void {
  if (!isObject(rotation)) {
    issues.push({ field: path, message: 'must be an object with a kind: daily, weekly or custom' });
    return;
  }
  const kind = rotation.kind;
  if (kind === 'daily' || kind === 'weekly') {
    if (parseClock(rotation.handoffTime) === null) issues.push({ field: `${path}.handoffTime`, message: CLOCK_MESSAGE });
  } else if (kind === 'custom') {
    if (!isCustomLength(rotation.lengthMinutes)) {
      issues.push({
        field: `${path}.lengthMinutes`,
        message: `must be a whole number of minutes from ${MIN_CUSTOM_ROTATION_MINUTES} to ${MAX_CUSTOM_ROTATION_MINUTES}`,
      });
    }
  } else {
    issues.push({ field: `${path}.kind`, message: 'must be daily, weekly or custom' });
  }
}

function checkRestriction(r: unknown, path: string, issues: FieldIssue[]): void {
  if (!isObject(r) || (r.kind !== 'time-of-day' && r.kind !== 'weekly')) {
    issues.push({ field: `${path}.kind`, message: 'must be time-of-day or weekly' });
    return;
  }
  const start = parseClock(r.start);
  const end = parseClock(r.end);
  if (start === null) issues.push({ field: `${path}.start`, message: CLOCK_MESSAGE });
  if (end === null) issues.push({ field: `${path}.end`, message: CLOCK_MESSAGE });
  let sameDay = true;
  if (r.kind === 'weekly') {
    if (!isWeekday(r.startDay)) issues.push({ field: `${path}.startDay`, message: 'must be a day of the week, 0 (Sunday) to 6' });
    if (!isWeekday(r.endDay)) issues.push({ field: `${path}.endDay`, message: 'must be a day of the week, 0 (Sunday) to 6' });
    sameDay = r.startDay === r.endDay;
  }
  if (start !== null && start === end && sameDay) {
    issues.push({ field: `${path}.end`, message: 'must differ from start (for "always", give no restrictions)' });
  }
}

function checkList(value: unknown, path: string, min: number, max: number, what: string, issues: FieldIssue[]): unknown[] | null {
  if (!Array.isArray(value)) {
    issues.push({ field: path, message: `must be a list of ${what}` });
    return null;
  }
  if (value.length < min) issues.push({ field: path, message: `at least ${min} ${what} required` });
  if (value.length > max) issues.push({ field: path, message: `at most ${max} ${what} allowed` });
  return value as unknown[];
}

/** Issues with one layer, each field named under `path` (e.g. `layers[1].rotation.handoffTime`). */
export function layerIssues(layer: Layer, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const l: unknown = layer;
  if (!isObject(l)) return [{ field: path, message: 'must be an object' }];
  if (!isId(l.id)) issues.push({ field: `${path}.id`, message: 'must be a non-empty id' });
  checkName(l.name, `${path}.name`, issues);
  if (!isInstant(l.start)) issues.push({ field: `${path}.start`, message: 'must be a time (epoch ms)' });
  if (l.end != null) {
    if (!isInstant(l.end)) issues.push({ field: `${path}.end`, message: 'must be a time (epoch ms) or null' });
    else if (isInstant(l.start) && l.end <= l.start) issues.push({ field: `${path}.end`, message: 'must be after start' });
  }
  checkRotation(l.rotation, `${path}.rotation`, issues);
  const participants = checkList(l.participants, `${path}.participants`, 1, MAX_PARTICIPANTS, 'participants (user ids)', issues);
  participants?.forEach((p, i) => {
    if (!isId(p)) issues.push({ field: `${path}.participants[${i}]`, message: 'must be a user id' });
  });
  const restrictions = checkList(l.restrictions, `${path}.restrictions`, 0, MAX_RESTRICTIONS, 'restrictions', issues);
  restrictions?.forEach((r, i) => checkRestriction(r, `${path}.restrictions[${i}]`, issues));
  return issues;
}

/** Issues with one override, each field named under `path` (e.g. `overrides[3].end`). */
export function overrideIssues(override: Override, path: string): FieldIssue[] {
  const o: unknown = override;
  if (!isObject(o)) return [{ field: path, message: 'must be an object' }];
  const issues: FieldIssue[] = [];
  if (!isId(o.id)) issues.push({ field: `${path}.id`, message: 'must be a non-empty id' });
  if (!isId(o.userId)) issues.push({ field: `${path}.userId`, message: 'must be a user id' });
  if (!isInstant(o.start)) issues.push({ field: `${path}.start`, message: 'must be a time (epoch ms)' });
  if (!isInstant(o.end)) issues.push({ field: `${path}.end`, message: 'must be a time (epoch ms)' });
  else if (isInstant(o.start) && o.end <= o.start) issues.push({ field: `${path}.end`, message: 'must be after start' });
  return issues;
}

function checkUniqueIds(items: unknown[], path: string, issues: FieldIssue[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!isObject(item) || !isId(item.id)) return;
    if (seen.has(item.id)) issues.push({ field: `${path}[${i}].id`, message: `duplicate id ${JSON.stringify(item.id)}` });
    seen.add(item.id);
  });
}

/**
 * Validates a schedule as submitted; each issue names its field path (`timeZone`,
 * `layers[1].rotation.handoffTime`, `layers[0].restrictions[2].endDay`, `overrides[3].end`). The
 * schedule's id is not checked (it may not be assigned yet).
 */
export function validateSchedule(schedule: Schedule): FieldIssue[] {
  const s: unknown = schedule;
  if (!isObject(s)) return [{ field: '', message: 'must be an object' }];
  const issues: FieldIssue[] = [];
  checkName(s.name, 'name', issues);
  if (typeof s.timeZone !== 'string' || !isValidTimeZone(s.timeZone)) {
    issues.push({ field: 'timeZone', message: `unknown time zone ${JSON.stringify(s.timeZone)}: use an IANA name such as Asia/Shanghai` });
  }
  const layers = checkList(s.layers, 'layers', 1, MAX_LAYERS, 'layers', issues);
  if (layers !== null) {
    layers.forEach((layer, i) => issues.push(...layerIssues(layer as Layer, `layers[${i}]`)));
    checkUniqueIds(layers, 'layers', issues);
  }
  const overrides = checkList(s.overrides, 'overrides', 0, MAX_OVERRIDES, 'overrides', issues);
  if (overrides !== null) {
    overrides.forEach((o, i) => issues.push(...overrideIssues(o as Override, `overrides[${i}]`)));
    checkUniqueIds(overrides, 'overrides', issues);
  }
  return issues;
}
