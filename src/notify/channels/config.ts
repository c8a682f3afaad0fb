// Checks shared by the channels' validateConfig: a TypeBox schema first, then what a schema cannot say.

import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FieldIssue } from '../../domain/errors.js';
import { jsonPointerToField } from '../../domain/grading/parse-policy.js';

export const UrlString = Type.String({ minLength: 1, maxLength: 2048 });
export const SecretString = Type.String({ minLength: 1, maxLength: 512 });
export const HeaderMap = Type.Record(Type.String(), Type.String({ maxLength: 4096 }));

/** Schema errors as FieldIssues named `config.…`, at most ten, one per field. */
export function schemaIssues(schema: TSchema, value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const error of Value.Errors(schema, value)) {
    const field = jsonPointerToField(error.path, 'config');
    if (issues.some((i) => i.field === field)) continue;
    issues.push({ field, message: error.message });
    if (issues.length >= 10) break;
  }
  return issues;
}

/** An absolute http(s) URL without user:password (credentials belong in headers or a secret). */
export function urlIssues(value: string, field: string): FieldIssue[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ field, message: 'must be an absolute URL' }];
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return [{ field, message: 'must be an http or https URL' }];
  if (url.username !== '' || url.password !== '') return [{ field, message: 'must not carry a user name or password' }];
  return [];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII, space and tab: no CR/LF (header injection) and nothing Node would refuse to send. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
const ALWAYS_RESERVED = ['host', 'content-length', 'transfer-encoding', 'connection'];

export function isHeaderValue(value: string): boolean {
  return HEADER_VALUE.test(value);
}

/** Header names must be tokens, values printable ASCII; `reserved` names (lower case) are set by the channel. */
export function headerIssues(headers: Readonly<Record<string, string>>, field: string, reserved: readonly string[] = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const at = `${field}.${name}`;
    if (!TOKEN.test(name)) issues.push({ field: at, message: 'is not a valid header name' });
    else if (ALWAYS_RESERVED.includes(name.toLowerCase()) || reserved.includes(name.toLowerCase()))
      issues.push({ field: at, message: 'is set by the channel and cannot be configured' });
    else if (!isHeaderValue(value)) issues.push({ field: at, message: 'may hold only printable ASCII (no line breaks)' });
  }
  return issues;
}
