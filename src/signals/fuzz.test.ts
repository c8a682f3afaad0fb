// Property test: thousands of random mutations of each golden payload must never make a parser
// throw, and must give either well-formed signals or a non-empty list of errors.
// Deterministic: a failure prints its seed and iteration, and re-running reproduces it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { IMPACT_TYPES } from '../domain/grading/policy.js';
import { MAX_LABELS, MAX_LABEL_VALUE_LENGTH, MAX_SUMMARY_LENGTH, type ParseResult, type Signal } from '../domain/signals/signal.js';
import { parseAlertmanager } from './alertmanager/parse.js';
import { parseGrafana, verifyGrafanaSignature } from './grafana/parse.js';
import { MAX_PING_MS, parseHeartbeatPush } from './heartbeat/parse.js';
import { parseOpsgenieAction, parseOpsgenieCreate } from './opsgenie/parse.js';
import { type PagerDutyParse, parsePagerDutyV1, parsePagerDutyV2 } from './pagerduty/parse.js';
import { parseGenericWebhook } from './webhook/parse.js';

const ITERATIONS = 2000;

// dist/src/signals/ → three levels up is the repo root.
function repoFixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8'));
}

function capturedBody(name: string): unknown {
  const file = new URL(`../../../test/fixtures/alertmanager/${name}`, import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { body: unknown }).body;
}

/** mulberry32: small, fast, good enough to explore payload shapes reproducibly. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] as T };
}
type Rng = ReturnType<typeof prng>;

const STRINGS = [
  '',
  ' ',
  'resolved',
  'firing',
  'trigger',
  'P1',
  'critical',
  'outage',
  '0001-01-01T00:00:00Z',
  '2026-11-22T02:16:27Z',
  '__proto__',
  'constructor',
  '\u0000',
  '\ud800',
  '😀'.repeat(600),
  '1e400',
  '-5',
  '50%',
];

function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return rng.pick([0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, 42]);
    case 2:
      return rng.next() < 0.5;
    case 3:
      return rng.pick(STRINGS);
    case 4:
      return 'x'.repeat(rng.pick([1025, 5000, 100_000]));
    case 5:
      return undefined;
    case 6:
      return Object.fromEntries(
        Array.from({ length: rng.int(4) }, (_, i) => [rng.pick(['a', 'summary', '__proto__', `k${i}`]), randomValue(rng, depth + 1)]),
      );
    case 7:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: rng.pick([65, 200]) }, (_, i) => [`l${i}`, rng.next() < 0.9 ? 'v' : i]));
  }
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** Every (parent, key) slot in the value, so a mutation can hit any depth. */
function slots(root: unknown): Array<[Container, string | number]> {
  const out: Array<[Container, string | number]> = [];
  const walk = (value: unknown) => {
    if (!isContainer(value)) return;
    const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      out.push([value, key]);
      walk((value as Record<string | number, unknown>)[key]);
    }
  };
  walk(root);
  return out;
}

function mutateOnce(root: unknown, rng: Rng): unknown {
  const all = slots(root);
  if (all.length === 0 || rng.next() < 0.03) return randomValue(rng);
  const [parent, key] = rng.pick(all);
  const target = parent as Record<string | number, unknown>;
  const current = target[key];
  switch (rng.pick(['delete', 'replace', 'replace', 'truncate', 'explode'] as const)) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete target[key];
      break;
    case 'replace':
      target[key] = randomValue(rng);
      break;
    case 'truncate':
      if (typeof current === 'string') target[key] = current.slice(0, rng.int(current.length + 1));
      else if (Array.isArray(current)) current.length = rng.int(current.length + 1);
      else if (isContainer(current)) for (const k of Object.keys(current).slice(rng.int(3))) delete (current as Record<string, unknown>)[k];
      else target[key] = undefined;
      break;
    case 'explode':
      target[key] = Array.isArray(current) ? Array.from({ length: 1001 }, () => current[0]) : [current, current];
      break;
  }
  return root;
}

function mutate(golden: unknown, rng: Rng): unknown {
  let value = structuredClone(golden);
  for (let n = 1 + rng.int(3); n > 0; n--) value = mutateOnce(value, rng);
  return value;
}

function checkSignal(signal: Signal): void {
  assert.equal(typeof signal.dedupKey, 'string');
  assert.ok(signal.dedupKey.length > 0, 'empty dedupKey');
  assert.ok(['trigger', 'acknowledge', 'resolve'].includes(signal.action), `action ${signal.action}`);
  assert.equal(typeof signal.summary, 'string');
  assert.ok(signal.summary.trim().length > 0, 'empty summary');
  assert.ok(signal.summary.length <= MAX_SUMMARY_LENGTH, `summary of ${signal.summary.length}`);
  assert.ok(signal.impact === null || (IMPACT_TYPES as readonly string[]).includes(signal.impact));
  for (const field of [signal.source, signal.severity, signal.service, signal.facility])
    assert.ok(field === null || typeof field === 'string');
  assert.ok(typeof signal.labels === 'object' && signal.labels !== null && !Array.isArray(signal.labels));
  const labels = Object.entries(signal.labels);
  assert.ok(labels.length <= MAX_LABELS, `${labels.length} labels`);
  for (const [key, value] of labels) {
    assert.equal(typeof value, 'string', `label ${key}`);
    assert.ok(value.length <= MAX_LABEL_VALUE_LENGTH);
  }
  assert.ok(
    signal.usersAffectedPct === null ||
      (Number.isFinite(signal.usersAffectedPct) && signal.usersAffectedPct >= 0 && signal.usersAffectedPct <= 100),
  );
  assert.ok(signal.recordsExposed === null || (Number.isSafeInteger(signal.recordsExposed) && signal.recordsExposed >= 0));
  assert.ok(signal.occurredAt === null || Number.isFinite(signal.occurredAt));
  for (const link of signal.links) assert.ok(typeof link.href === 'string' && link.href.length > 0);
  assert.doesNotThrow(() => JSON.stringify(signal));
}

function checkErrors(errors: string[]): void {
  assert.ok(Array.isArray(errors) && errors.length > 0, 'refused without errors');
  for (const error of errors) assert.ok(typeof error === 'string' && error.length > 0);
}

function checkParse(result: ParseResult): void {
  if (result.ok) result.signals.forEach(checkSignal);
  else checkErrors(result.errors);
}

function checkPagerDuty(result: PagerDutyParse): void {
  if (!result.ok) return checkErrors(result.errors);
  assert.ok(typeof result.routingKey === 'string' && result.routingKey.trim().length > 0);
  assert.equal(result.dedupKey, result.signal.dedupKey);
  checkSignal(result.signal);
}

/** Runs `check(parse(mutation))` ITERATIONS times; a failure names the seed, iteration and input. */
function fuzz(seed: number, goldens: unknown[], run: (input: unknown, rng: Rng) => void): void {
  const rng = prng(seed);
  for (let i = 0; i < ITERATIONS; i++) {
    const input = mutate(rng.pick(goldens), rng);
    try {
      run(input, rng);
    } catch (err) {
      const shown = (JSON.stringify(input) ?? String(input)).slice(0, 2000);
      assert.fail(`seed ${seed}, iteration ${i}: ${err instanceof Error ? err.message : String(err)}\ninput: ${shown}`);
    }
  }
}

let counter = 0;
const generateKey = () => `generated-${++counter}`;

describe(`fuzz: ${ITERATIONS} mutated golden payloads per parser never throw and stay well-formed`, () => {
  it('parseAlertmanager', () => {
    const goldens = [capturedBody('alertmanager-0.25-webhook-firing.json'), capturedBody('alertmanager-0.25-webhook-resolved.json')];
    fuzz(0xa1e7, goldens, (input) => checkParse(parseAlertmanager(input)));
  });

  it('parseGrafana', () => {
    const goldens = [repoFixture('grafana/grafana-11-firing.json'), repoFixture('grafana/grafana-11-resolved.json')];
    fuzz(0x6afa, goldens, (input) => checkParse(parseGrafana(input)));
  });

  it('parsePagerDutyV2', () => {
    const goldens = ['v2-trigger.json', 'v2-acknowledge.json', 'v2-alertmanager-resolve.json'].map((f) => repoFixture(`pagerduty/${f}`));
    fuzz(0x9d02, goldens, (input) => checkPagerDuty(parsePagerDutyV2(input, generateKey)));
  });

  it('parsePagerDutyV1', () => {
    const goldens = ['v1-alertmanager-trigger.json', 'v1-alertmanager-resolve.json'].map((f) => repoFixture(`pagerduty/${f}`));
    fuzz(0x9d01, goldens, (input) => checkPagerDuty(parsePagerDutyV1(input, generateKey)));
  });

  it('parseOpsgenieCreate', () => {
    const goldens = [repoFixture('opsgenie/create-alert.json'), repoFixture('opsgenie/alertmanager-create.json')];
    fuzz(0x09e1, goldens, (input) => checkParse(parseOpsgenieCreate(input)));
  });

  it('parseOpsgenieAction', () => {
    const golden = { identifier: 'orders-api/checkout-latency', identifierType: 'alias', body: repoFixture('opsgenie/close-alert.json') };
    fuzz(0x09e2, [golden], (input, rng) => {
      const request = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      const action = rng.pick(['close', 'acknowledge'] as const);
      checkParse(parseOpsgenieAction(request.identifier as string, request.identifierType as string | undefined, request.body, action));
    });
  });

  it('parseGenericWebhook', () => {
    const goldens = [repoFixture('webhook/single-event.json'), repoFixture('webhook/batch.json')];
    fuzz(0x3eb0, goldens, (input) => checkParse(parseGenericWebhook(input)));
  });

  it('parseHeartbeatPush', () => {
    fuzz(0x4b1d, [{ status: 'down', msg: 'backup failed', ping: '12.5' }], (input) => {
      const beat = parseHeartbeatPush(input as Record<string, unknown>);
      if ('error' in beat) return assert.ok(typeof beat.error === 'string' && beat.error.length > 0);
      assert.ok(beat.status === 'up' || beat.status === 'down');
      assert.ok(beat.msg === null || (typeof beat.msg === 'string' && beat.msg.length <= MAX_SUMMARY_LENGTH));
      assert.ok(beat.ping === null || (Number.isFinite(beat.ping) && beat.ping >= 0 && beat.ping <= MAX_PING_MS));
    });
  });

  it('verifyGrafanaSignature', () => {
    const golden = {
      body: '{"status":"firing"}',
      header: 'f8a2452a128d4cd93e32bc96ee4b46452057b9a334dbcb383dca257f9c7c2ce4',
      secret: 's3cr3t',
      timestamp: '1795313787',
    };
    fuzz(0x5167, [golden], (input) => {
      const request = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      const body = Buffer.from(typeof request.body === 'string' ? request.body : (JSON.stringify(request.body) ?? ''));
      const result = verifyGrafanaSignature(
        body,
        request.header as string | undefined,
        request.secret as string,
        request.timestamp as string | undefined,
      );
      assert.equal(typeof result, 'boolean');
    });
  });
});
