// `{{name}}` templates of the SMS/voice gateway. Expansion is one pass: a value that itself
// contains `{{…}}` is not expanded again, and every value is encoded for where it lands.

import type { FieldIssue } from '../../../domain/errors.js';

export const PLACEHOLDERS = [
  'phone',
  'name',
  'subject',
  'text',
  'level',
  'levelName',
  'title',
  'incidentNumber',
  'ackUrl',
  'resolveUrl',
  'idempotencyKey',
  'timestamp',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

export const BODY_CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'text/plain'] as const;
export type BodyContentType = (typeof BODY_CONTENT_TYPES)[number];

const PATTERN = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** Replaces each `{{name}}` with `encode(value)`; unknown names are left as they are (validation reports them). */
export function expand(template: string, values: TemplateValues, encode: (value: string) => string): string {
  return template.replace(PATTERN, (whole, name: string) => (isPlaceholder(name) ? encode(values[name]) : whole));
}

/** The inside of a JSON string literal: the template puts the quotes around the placeholder. */
export const jsonStringContent = (value: string): string => JSON.stringify(value).slice(1, -1);

export function bodyEncoder(contentType: BodyContentType): (value: string) => string {
  switch (contentType) {
    case 'application/json':
      return jsonStringContent;
    case 'application/x-www-form-urlencoded':
      return encodeURIComponent;
    case 'text/plain':
      return (value) => value;
  }
}

export function unknownPlaceholders(template: string, field: string): FieldIssue[] {
  const unknown = [...template.matchAll(PATTERN)].map((m) => m[1] ?? '').filter((name) => !isPlaceholder(name));
  return unknown.length === 0
    ? []
    : [{ field, message: `unknown placeholder(s) ${unknown.map((n) => `{{${n}}}`).join(', ')}; known: ${PLACEHOLDERS.join(', ')}` }];
}

/** Placeholders may fill the path and query, never the scheme, host or port. */
export function urlTemplateIssues(template: string, field: string): FieldIssue[] {
  const origin = /^https?:\/\/[^/?#{}]+(?=[/?#]|$)/.exec(template);
  if (origin === null) return [{ field, message: 'must start with http:// or https:// and a host without placeholders' }];
  try {
    new URL(expand(template, probeValues('x'), encodeURIComponent));
  } catch {
    return [{ field, message: 'is not a valid URL once filled in' }];
  }
  return [];
}

/** A JSON body template must stay valid JSON whatever the values; that holds only with every placeholder inside a string. */
export function jsonTemplateIssues(template: string, field: string): FieldIssue[] {
  try {
    JSON.parse(expand(template, probeValues('"\\\n中{'), jsonStringContent));
    return [];
  } catch {
    return [{ field, message: 'must be valid JSON with every placeholder inside a string, e.g. {"to": "{{phone}}"}' }];
  }
}

function probeValues(value: string): TemplateValues {
  return Object.fromEntries(PLACEHOLDERS.map((p) => [p, value])) as TemplateValues;
}
