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

/** One Alertmanager 0.25 webhook alert (the shape of shared/fixtures' captures). */
export const amAlert = (name: string, labels: Record<string, string>, status: 'firing' | 'resolved', fingerprint: string) => ({
  status,
  labels: { alertname: name, ...labels },
  annotations: { summary: `${name} on ${labels.service ?? labels.datacenter ?? '?'}` },
  startsAt: '2026-11-22T02:16:27.551Z',
  endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-11-22T02:20:27.551Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint,
});

/** An Alertmanager version-4 webhook body for one group. */
export const amPayload = (groupKey: string, alerts: ReturnType<typeof amAlert>[]) => ({
  receiver: 'fenghuo',
  status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
  alerts,
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  version: '4',
  groupKey,
  truncatedAlerts: 0,
});
