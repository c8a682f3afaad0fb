// The HTTP check's configuration: its schema, what a schema cannot say, and the form `run` uses.

import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import { HeaderMap, Nullable, UrlString, headerIssues, schemaIssues, urlIssues } from '../config.js';
import { parseJsonPath, type JsonPathSegment } from './json-path.js';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Optional fields take these values when absent (the schema carries them as `default` too). */
export const HTTP_CHECK_DEFAULTS = {
  method: 'GET',
  headers: {},
  body: null,
  expectedStatus: ['200-299'],
  keyword: null,
  regex: null,
  invertKeyword: false,
  jsonPath: null,
  maxLatencyMs: null,
  followRedirects: true,
  verifyTls: true,
} as const;

const StatusRange = Type.String({
  pattern: '^[1-5][0-9]{2}(-[1-5][0-9]{2})?$',
  description: 'A status code ("204") or a range ("200-299")',
});

export const HttpCheckConfigSchema = Type.Object(
  {
    url: UrlString,
    method: Type.Optional(
      Type.Union(
        HTTP_METHODS.map((m) => Type.Literal(m)),
        { default: 'GET' },
      ),
    ),
    headers: Type.Optional(HeaderMap),
    body: Type.Optional(Nullable(Type.String({ maxLength: 65536 }))),
    expectedStatus: Type.Optional(Type.Array(StatusRange, { minItems: 1, maxItems: 20, default: ['200-299'] })),
    /** The body (its first 64 KB) must contain it; with `invertKeyword`, must not. */
    keyword: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1024 }))),
    /** A JavaScript regular expression (no flags) the body's first 64 KB must match. */
    regex: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 512 }))),
    invertKeyword: Type.Optional(Type.Boolean({ default: false })),
    jsonPath: Type.Optional(
      Nullable(
        Type.Object(
          {
            path: Type.String({ minLength: 1, maxLength: 256 }),
            equals: Type.Union([Type.String({ maxLength: 1024 }), Type.Number(), Type.Boolean(), Type.Null()]),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    /** Slower than this (to the final response's headers) is `degraded`. */
    maxLatencyMs: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600_000 }))),
    followRedirects: Type.Optional(Type.Boolean({ default: true })),
    verifyTls: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type HttpCheckConfig = Static<typeof HttpCheckConfigSchema>;

/** A config turned into what each run needs, computed once per config object. */
export interface PreparedHttpCheck {
  url: URL;
  method: HttpMethod;
  headers: Readonly<Record<string, string>>;
  body: Buffer | null;
  ranges: ReadonlyArray<readonly [number, number]>;
  /** "200-299 or 404", for the error line. */
  expected: string;
  keyword: string | null;
  invertKeyword: boolean;
  regex: RegExp | null;
  jsonPath: { path: string; segments: JsonPathSegment[]; equals: string | number | boolean | null } | null;
  maxLatencyMs: number | null;
  followRedirects: boolean;
  verifyTls: boolean;
  /** Whether anything looks at the body; if not, the answer is dropped after its headers. */
  readsBody: boolean;
}

function range(spec: string): [number, number] {
  const [lo, hi = lo] = spec.split('-').map(Number) as [number, number?];
  return [lo, hi];
}

export function validateHttpConfig(config: unknown): FieldIssue[] {
  const issues = schemaIssues(HttpCheckConfigSchema, config);
  if (issues.length > 0) return issues;
  const c = config as HttpCheckConfig;
  issues.push(...urlIssues(c.url, 'config.url'), ...headerIssues(c.headers ?? {}, 'config.headers'));
  (c.expectedStatus ?? []).forEach((spec, i) => {
    const [lo, hi] = range(spec);
    if (lo > hi) issues.push({ field: `config.expectedStatus[${i}]`, message: 'range must go from low to high' });
  });
  if (c.regex != null) {
    try {
      new RegExp(c.regex);
    } catch (err) {
      issues.push({ field: 'config.regex', message: `is not a valid regular expression: ${(err as Error).message}` });
    }
  }
  if (c.jsonPath != null) {
    const parsed = parseJsonPath(c.jsonPath.path);
    if ('error' in parsed) issues.push({ field: 'config.jsonPath.path', message: parsed.error });
  }
  const looksAtBody = c.keyword != null || c.regex != null || c.jsonPath != null;
  if (c.method === 'HEAD' && looksAtBody) issues.push({ field: 'config.method', message: 'HEAD has no body to check' });
  return issues;
}

/** Throws on a config `validateHttpConfig` would reject. */
export function prepareHttpCheck(c: HttpCheckConfig): PreparedHttpCheck {
  const url = new URL(c.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('URL must be http or https');
  const body = c.body == null ? null : Buffer.from(c.body, 'utf8');
  const headers: Record<string, string> = { ...c.headers };
  const names = Object.keys(headers).map((n) => n.toLowerCase());
  if (!names.includes('user-agent')) headers['user-agent'] = 'Fenghuo-Monitor/1';
  if (body !== null) headers['content-length'] = String(body.length);
  const specs = c.expectedStatus ?? HTTP_CHECK_DEFAULTS.expectedStatus;
  let jsonPath: PreparedHttpCheck['jsonPath'] = null;
  if (c.jsonPath != null) {
    const parsed = parseJsonPath(c.jsonPath.path);
    if ('error' in parsed) throw new Error(`jsonPath ${parsed.error}`);
    jsonPath = { path: c.jsonPath.path, segments: parsed.segments, equals: c.jsonPath.equals };
  }
  const method = c.method ?? HTTP_CHECK_DEFAULTS.method;
  const keyword = c.keyword ?? null;
  const regex = c.regex == null ? null : new RegExp(c.regex);
  return {
    url,
    method,
    headers,
    body,
    ranges: specs.map(range),
    expected: specs.join(' or '),
    keyword,
    invertKeyword: c.invertKeyword ?? false,
    regex,
    jsonPath,
    maxLatencyMs: c.maxLatencyMs ?? null,
    followRedirects: c.followRedirects ?? true,
    verifyTls: c.verifyTls ?? true,
    readsBody: method !== 'HEAD' && (keyword !== null || regex !== null || jsonPath !== null),
  };
}
