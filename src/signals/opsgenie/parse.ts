// Opsgenie Alert API: create (`POST /v2/alerts`) and close/acknowledge
// (`POST /v2/alerts/{identifier}/close|acknowledge?identifierType=…`) → one signal.
// Every error starts with the field it is about, so opsgenieInvalid() can key them like Opsgenie does.
import type { ParseResult, Signal } from '../../domain/signals/signal.js';
import {
  type JsonObject,
  Problems,
  accepted,
  checkLabelCount,
  failed,
  isObject,
  nonBlank,
  optionalString,
  own,
  signalFrom,
  sanitizeLabels,
  sha256Hex,
  textOrNull,
  toSummary,
  truncate,
} from '../validate.js';

export const OPSGENIE_ACCEPTED_STATUS = 202;
export const OPSGENIE_INVALID_STATUS = 422;
export const OPSGENIE_UNAUTHORIZED_STATUS = 401;
export const OPSGENIE_FORBIDDEN_STATUS = 403;

/** Opsgenie keeps at most 130 characters of a message (and truncates longer ones). */
export const OPSGENIE_MAX_MESSAGE_LENGTH = 130;
export const OPSGENIE_MAX_ALIAS_LENGTH = 512;
const MAX_DESCRIPTION_LENGTH = 15_000;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
const IDENTIFIER_TYPES = ['id', 'alias'] as const;

export function opsgenieAccepted(requestId: string, tookSeconds: number) {
  return { result: 'Request will be processed', took: tookSeconds, requestId };
}

/** Opsgenie's error body, e.g. 401 `Could not authenticate`. */
export function opsgenieError(message: string, requestId: string, tookSeconds = 0) {
  return { message, took: tookSeconds, requestId };
}

/** 422 body for parse errors: `errors` keyed by field, as Opsgenie answers validation failures. */
export function opsgenieInvalid(errors: string[], requestId: string, tookSeconds = 0) {
  const byField = new Map<string, string>();
  for (const error of errors) {
    const space = error.indexOf(' ');
    const field = space > 0 ? error.slice(0, space) : 'body';
    const text = space > 0 ? error.slice(space + 1) : error;
    const earlier = byField.get(field);
    byField.set(field, earlier === undefined ? text : `${earlier}; ${text}`);
  }
  return {
    message: 'Request body is not processable. Please check the errors.',
    errors: Object.fromEntries(byField),
    took: tookSeconds,
    requestId,
  };
}

/** An optional array; with `strings`, every item must be a string, else every item an object. */
function optionalArray(obj: JsonObject, key: string, items: 'strings' | 'objects', problems: Problems): unknown[] | null {
  const value = own(obj, key);
  if (value === undefined || value === null) return null;
  const fits = (item: unknown) => (items === 'strings' ? typeof item === 'string' : isObject(item));
  if (!Array.isArray(value) || !value.every(fits)) {
    problems.add(`${key} must be an array of ${items === 'strings' ? 'strings' : 'objects'}`);
    return null;
  }
  return value;
}

/** Create-alert body → one trigger signal, deduplicated by `alias` (or the message's sha256). */
export function parseOpsgenieCreate(body: unknown): ParseResult {
  if (!isObject(body)) return failed(['body must be a JSON object']);
  const problems = new Problems();
  const message = optionalString(body, 'message', 'message', problems);
  if (message === null ? own(body, 'message') == null : message.trim() === '') problems.add('message can not be empty');
  const alias = optionalString(body, 'alias', 'alias', problems);
  if (alias !== null && alias.length > OPSGENIE_MAX_ALIAS_LENGTH) {
    problems.add(`alias can be at most ${OPSGENIE_MAX_ALIAS_LENGTH} characters`);
  }
  const priority = opsgeniePriority(body, problems);
  const tags = optionalArray(body, 'tags', 'strings', problems) as string[] | null;
  const details = sanitizeLabels(own(body, 'details'), 'details', problems, { coerceScalars: true });
  const labels = tags && tags.length > 0 ? { ...details, tags: truncate(tags.join(','), 1024) } : details;
  checkLabelCount(labels, 'details', problems);
  const fields = {
    description: optionalString(body, 'description', 'description', problems),
    responders: optionalArray(body, 'responders', 'objects', problems),
    visibleTo: optionalArray(body, 'visibleTo', 'objects', problems),
    actions: optionalArray(body, 'actions', 'strings', problems),
    entity: optionalString(body, 'entity', 'entity', problems),
    source: optionalString(body, 'source', 'source', problems),
    user: optionalString(body, 'user', 'user', problems),
    note: optionalString(body, 'note', 'note', problems),
  };
  if (problems.any || message === null) return failed(problems);

  const signal = signalFrom(
    {
      dedupKey: nonBlank(alias) ?? sha256Hex(message),
      action: 'trigger',
      summary: toSummary(truncate(message.trim(), OPSGENIE_MAX_MESSAGE_LENGTH)) ?? 'Opsgenie alert',
      source: textOrNull(fields.entity) ?? textOrNull(fields.source),
      severity: priority.toLowerCase(),
      labels,
      details: {
        ...fields,
        description: fields.description === null ? null : truncate(fields.description, MAX_DESCRIPTION_LENGTH),
        message,
        alias,
        priority,
        tags,
        details,
      },
      occurredAt: null,
      links: [],
    },
    details,
  );

  return accepted([signal]);
}

/** P1–P5 (case-insensitive); absent or empty means Opsgenie's default, P3. */
function opsgeniePriority(body: JsonObject, problems: Problems): string {
  const value = optionalString(body, 'priority', 'priority', problems);
  if (value === null || value.trim() === '') return 'P3';
  const upper = value.trim().toUpperCase();
  if ((PRIORITIES as readonly string[]).includes(upper)) return upper;
  problems.add(`priority should be one of [ ${PRIORITIES.join(', ')} ]`);
  return 'P3';
}

/**
 * Close/acknowledge → one resolve/acknowledge signal. identifierType `alias` addresses our dedup
 * key; `id` (Opsgenie's default) addresses an alert id, returned as dedup key `id:<identifier>`
 * for the engine to resolve. `tiny` ids are not supported.
 */
export function parseOpsgenieAction(
  identifier: string,
  identifierType: string | undefined,
  body: unknown,
  action: 'close' | 'acknowledge',
): ParseResult {
  const problems = new Problems();
  const id = nonBlank(identifier) ?? '';
  if (id === '') problems.add('identifier can not be empty');
  else if (id.length > OPSGENIE_MAX_ALIAS_LENGTH) problems.add(`identifier can be at most ${OPSGENIE_MAX_ALIAS_LENGTH} characters`);
  const type = typeof identifierType === 'string' && identifierType.trim() !== '' ? identifierType.trim().toLowerCase() : 'id';
  if (!(IDENTIFIER_TYPES as readonly string[]).includes(type)) {
    problems.add(`identifierType should be one of [ ${IDENTIFIER_TYPES.join(', ')} ]`);
  }
  const request = body === undefined || body === null ? {} : body;
  if (!isObject(request)) return failed([...problems.errors(), 'body must be a JSON object']);
  const fields = {
    user: optionalString(request, 'user', 'user', problems),
    source: optionalString(request, 'source', 'source', problems),
    note: optionalString(request, 'note', 'note', problems),
  };
  if (problems.any) return failed(problems);

  const verb = action === 'close' ? 'Closed' : 'Acknowledged';
  const signal: Signal = {
    dedupKey: type === 'alias' ? id : `id:${id}`,
    action: action === 'close' ? 'resolve' : 'acknowledge',
    summary: toSummary(`${verb} via Opsgenie API: ${id}`) ?? verb,
    source: textOrNull(fields.source),
    severity: null,
    impact: null,
    service: null,
    facility: null,
    labels: {},
    details: { ...fields, identifier: id, identifierType: type },
    usersAffectedPct: null,
    recordsExposed: null,
    occurredAt: null,
    links: [],
  };
  return accepted([signal]);
}
