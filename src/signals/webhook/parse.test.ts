import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Signal } from '../../domain/signals/signal.js';
import { defaultWebhookDedupKey, parseGenericWebhook } from './parse.js';
import { fixture, signalsOf, errorsOf } from '../../../test/helpers/signal-fixtures.js';

const bare = (fields: Partial<Signal>): Signal => ({
  dedupKey: '',
  action: 'trigger',
  summary: '',
  source: null,
  severity: null,
  impact: null,
  service: null,
  facility: null,
  labels: {},
  details: null,
  usersAffectedPct: null,
  recordsExposed: null,
  occurredAt: null,
  links: [],
  ...fields,
});

const COOLING = 'Cooling unit CRAC-3 failed in hall B';
// The documented default key: sha256 of the canonical JSON of { labels (sorted), summary }.
const COOLING_KEY = createHash('sha256')
  .update(`{"labels":{"datacenter":"dc-sh-1","sensor":"crac-3"},"summary":"${COOLING}"}`)
  .digest('hex');

describe('parseGenericWebhook: golden payloads', () => {
  it('maps a single event with every field', () => {
    assert.deepEqual(signalsOf(parseGenericWebhook(fixture('webhook', 'single-event.json'))), [
      {
        dedupKey: 'backup/orders-db/nightly',
        action: 'trigger',
        summary: 'Nightly backup of orders-db failed: pg_dump exited with status 1',
        source: 'backup-runner-02',
        severity: 'critical',
        impact: 'data_leak',
        service: 'orders-db',
        facility: 'dc-sh-1',
        labels: { job: 'nightly-backup', team: 'dba' },
        details: { exitCode: 1, stderr: 'pg_dump: error: connection to server failed' },
        usersAffectedPct: 0,
        recordsExposed: 1200,
        occurredAt: Date.UTC(2026, 10, 22, 1, 0, 4),
        links: [
          { href: 'https://ci.example.com/jobs/nightly-backup/1834', text: null },
          { href: 'https://runbooks.example.com/backups', text: 'Runbook' },
        ],
      },
    ]);
  });

  it('maps a batch, deriving the documented dedup key when none is given', () => {
    assert.deepEqual(signalsOf(parseGenericWebhook(fixture('webhook', 'batch.json'))), [
      bare({
        dedupKey: COOLING_KEY,
        summary: COOLING,
        severity: 'critical',
        impact: 'outage',
        facility: 'dc-sh-1',
        labels: { datacenter: 'dc-sh-1', sensor: 'crac-3' },
      }),
      bare({
        dedupKey: COOLING_KEY,
        action: 'resolve',
        summary: COOLING,
        facility: 'dc-sh-1',
        labels: { sensor: 'crac-3', datacenter: 'dc-sh-1' },
      }),
      bare({ dedupKey: 'ups-7', action: 'acknowledge', summary: 'UPS-7 on battery', occurredAt: 1795313787551 }),
    ]);
  });
});

describe('parseGenericWebhook: mapping rules', () => {
  it('derives the default key from the summary and labels only', () => {
    assert.equal(defaultWebhookDedupKey(COOLING, { sensor: 'crac-3', datacenter: 'dc-sh-1' }), COOLING_KEY);
    assert.notEqual(defaultWebhookDedupKey(COOLING, { sensor: 'crac-4', datacenter: 'dc-sh-1' }), COOLING_KEY);
  });

  it('falls back to labels for service, facility, severity and impact', () => {
    const [signal] = signalsOf(
      parseGenericWebhook({
        summary: 's',
        labels: { service: 'orders-api', facility: 'dc-bj-2', severity: 'Warning', impact: 'degraded' },
      }),
    );
    assert.equal(signal?.service, 'orders-api');
    assert.equal(signal?.facility, 'dc-bj-2');
    assert.equal(signal?.severity, 'warning');
    assert.equal(signal?.impact, 'degraded');
  });

  it('squeezes and cuts a long summary', () => {
    const [signal] = signalsOf(parseGenericWebhook({ summary: `a\n\n${'b'.repeat(2000)}` }));
    assert.equal(signal?.summary.length, 1024);
    assert.ok(signal?.summary.startsWith('a b'));
  });

  it('accepts an empty batch', () => {
    assert.deepEqual(parseGenericWebhook({ events: [] }), { ok: true, signals: [] });
  });
});

describe('parseGenericWebhook: bad input', () => {
  it('refuses bodies that are not objects', () => {
    for (const body of [null, [], 'x', 1]) assert.deepEqual(errorsOf(parseGenericWebhook(body)), ['body must be a JSON object']);
  });

  it('requires a summary', () => {
    assert.deepEqual(errorsOf(parseGenericWebhook({})), ['summary is missing']);
    assert.deepEqual(errorsOf(parseGenericWebhook({ summary: ' ' })), ['summary must not be empty']);
    assert.deepEqual(errorsOf(parseGenericWebhook({ summary: ['x'] })), ['summary must be a string']);
  });

  it('names each invalid field', () => {
    assert.deepEqual(
      errorsOf(
        parseGenericWebhook({
          summary: 's',
          dedupKey: '',
          action: 'close',
          impact: 'bad',
          severity: 3,
          details: 'text',
          usersAffectedPct: 150,
          recordsExposed: 1.5,
          occurredAt: 'yesterday',
          links: [{ href: 5 }],
        }),
      ),
      [
        'dedupKey must be 1–512 characters',
        'action must be one of: trigger, acknowledge, resolve',
        'impact must be one of: outage, degraded, data_leak, security_attack, vulnerability, complaint, incorrect_results',
        'severity must be a string',
        'details must be an object',
        'usersAffectedPct must be a number from 0 to 100',
        'recordsExposed must be a whole number ≥ 0',
        'occurredAt must be an ISO 8601 timestamp or epoch milliseconds',
        'links[0] must be a URL string or { "href": string, "text"?: string }',
      ],
    );
  });

  it('names the event in a batch, and refuses non-array or oversized batches', () => {
    assert.deepEqual(errorsOf(parseGenericWebhook({ events: [{ summary: 'ok' }, 7, { summary: 's', labels: { a: 1 } }] })), [
      'events[1] must be an object',
      'events[2].labels.a must be a string',
    ]);
    assert.deepEqual(errorsOf(parseGenericWebhook({ events: { summary: 's' } })), ['events must be an array']);
    const events = Array.from({ length: 1001 }, () => ({ summary: 's' }));
    assert.deepEqual(errorsOf(parseGenericWebhook({ events })), ['events has 1001 items (at most 1000 per payload)']);
  });

  it('refuses huge label sets and non-object labels', () => {
    const labels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`l${i}`, 'v']));
    assert.deepEqual(errorsOf(parseGenericWebhook({ summary: 's', labels })), ['labels has 65 entries (at most 64)']);
    assert.deepEqual(errorsOf(parseGenericWebhook({ events: [{ summary: 's', labels: ['a'] }] })), ['events[0].labels must be an object']);
  });
});
