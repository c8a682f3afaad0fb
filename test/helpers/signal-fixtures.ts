import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ParseResult, Signal } from '../../src/domain/signals/signal.js';

/** test/fixtures, from dist/test/helpers/ (three levels up is the repo root). */
const FIXTURES = new URL('../../../test/fixtures/', import.meta.url);

/** A payload captured or documented for a sender: `test/fixtures/<kind>/<name>`. */
export function fixture(kind: string, name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${kind}/${name}`, FIXTURES), 'utf8')) as Record<string, unknown>;
}

/** The body of a captured request (`{ headers, body }`), e.g. the real Alertmanager webhooks. */
export function capturedBody(kind: string, name: string): Record<string, unknown> {
  return (fixture(kind, name) as { body: Record<string, unknown> }).body;
}

export function signalsOf(result: ParseResult): Signal[] {
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
  return result.signals;
}

export function errorsOf(result: ParseResult): string[] {
  assert.equal(result.ok, false, 'expected the payload to be refused');
  return result.ok ? [] : result.errors;
}
