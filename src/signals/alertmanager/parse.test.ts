import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParseResult, Signal } from '../../domain/signals/signal.js';
import { stableHash } from '../validate.js';
import { parseAlertmanager } from './parse.js';
import { capturedBody, signalsOf, errorsOf } from '../../../test/helpers/signal-fixtures.js';

const GROUP_KEY = '{}:{alertname="DBDown"}';

/** A one-alert payload in Alertmanager's shape, with overrides for the alert. */
function payload(
  alert: Record<string, unknown> = {},
  group: Record<string, unknown> = {},
): Record<string, unknown> & { alerts: unknown[] } {
  return {
    receiver: 'hook',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'DBDown', service: 'orders-db', severity: 'sev1' },
        annotations: { summary: 'orders-db unreachable' },
        startsAt: '2026-11-22T02:16:27.551Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://127.0.0.1/graph',
        fingerprint: 'fdca0bb02bd2df57',
        ...alert,
      },
    ],
    externalURL: 'http://vm:19093',
    version: '4',
    groupKey: GROUP_KEY,
    truncatedAlerts: 0,
    ...group,
  };
}

function only(result: ParseResult): Signal {
  const signals = signalsOf(result);
  assert.equal(signals.length, 1);
  return signals[0] as Signal;
}

describe('parseAlertmanager: golden payloads from Alertmanager 0.25', () => {
  it('maps the firing webhook to one trigger signal', () => {
    assert.deepEqual(signalsOf(parseAlertmanager(capturedBody('alertmanager', 'alertmanager-0.25-webhook-firing.json'))), [
      {
        dedupKey: `${GROUP_KEY}|fdca0bb02bd2df57`,
        action: 'trigger',
        summary: 'orders-db unreachable',
        source: null,
        severity: 'sev1',
        impact: null,
        service: 'orders-db',
        facility: null,
        labels: { alertname: 'DBDown', service: 'orders-db', severity: 'sev1' },
        details: {
          annotations: { summary: 'orders-db unreachable' },
          groupKey: GROUP_KEY,
          receiver: 'hook',
          externalURL: 'http://vm:19093',
          generatorURL: 'http://127.0.0.1/graph',
          endsAt: null,
        },
        usersAffectedPct: null,
        recordsExposed: null,
        occurredAt: Date.UTC(2026, 10, 22, 2, 16, 27, 551),
        links: [{ href: 'http://127.0.0.1/graph', text: 'Source' }],
      },
    ]);
  });

  it('maps the resolved webhook to a resolve signal with the same dedup key', () => {
    const firing = only(parseAlertmanager(capturedBody('alertmanager', 'alertmanager-0.25-webhook-firing.json')));
    const resolved = only(parseAlertmanager(capturedBody('alertmanager', 'alertmanager-0.25-webhook-resolved.json')));
    assert.deepEqual(resolved, {
      ...firing,
      action: 'resolve',
      details: { ...firing.details, endsAt: '2026-11-22T02:16:27.563Z' },
    });
  });

  it('gives the same signals for the same payload delivered twice', () => {
    const body = capturedBody('alertmanager', 'alertmanager-0.25-webhook-firing.json');
    assert.deepEqual(parseAlertmanager(structuredClone(body)), parseAlertmanager(structuredClone(body)));
  });
});

describe('parseAlertmanager: mapping rules', () => {
  it('dedups by groupKey and fingerprint, never by the summary', () => {
    const a = only(parseAlertmanager(payload({ annotations: { summary: 'one text' } })));
    const b = only(parseAlertmanager(payload({ annotations: { summary: 'another text' } })));
    assert.equal(a.dedupKey, b.dedupKey);
    const otherGroup = only(parseAlertmanager(payload({}, { groupKey: '{}:{alertname="Other"}' })));
    assert.notEqual(otherGroup.dedupKey, a.dedupKey);
  });

  it('hashes the sorted labels when an alert has no fingerprint', () => {
    const a = only(parseAlertmanager(payload({ fingerprint: undefined, labels: { b: '2', a: '1' } })));
    const b = only(parseAlertmanager(payload({ fingerprint: '', labels: { a: '1', b: '2' } })));
    assert.equal(a.dedupKey, `${GROUP_KEY}|${stableHash({ a: '1', b: '2' })}`);
    assert.equal(a.dedupKey, b.dedupKey);
  });

  it('takes the summary from summary, then description, then alertname, then the labels', () => {
    assert.equal(only(parseAlertmanager(payload({ annotations: { description: 'from description' } }))).summary, 'from description');
    assert.equal(only(parseAlertmanager(payload({ annotations: { summary: '  ', description: 'd' } }))).summary, 'd');
    assert.equal(only(parseAlertmanager(payload({ annotations: {} }))).summary, 'DBDown');
    assert.equal(
      only(parseAlertmanager(payload({ annotations: {}, labels: { job: 'api', instance: 'a:9100' } }))).summary,
      '{instance="a:9100", job="api"}',
    );
    const bare = only(parseAlertmanager(payload({ annotations: {}, labels: {}, fingerprint: 'abc' })));
    assert.equal(bare.summary, 'Alert abc');
  });

  it('squeezes the summary onto one line and cuts it at 1024 characters', () => {
    assert.equal(only(parseAlertmanager(payload({ annotations: { summary: ' disk\n  full \t on a ' } }))).summary, 'disk full on a');
    const long = only(parseAlertmanager(payload({ annotations: { summary: 'x'.repeat(5000) } })));
    assert.equal(long.summary.length, 1024);
    assert.ok(long.summary.endsWith('…'));
  });

  it('reads impact facts, facility and source from labels and annotations', () => {
    const signal = only(
      parseAlertmanager(
        payload({
          labels: {
            alertname: 'Leak',
            impact: 'Data_Leak',
            datacenter: 'dc-sh-1',
            facility: 'ignored',
            instance: 'db-1:9187',
            records_exposed: '12000',
          },
          annotations: { summary: 'leak', users_affected_pct: '3.5%' },
        }),
      ),
    );
    assert.equal(signal.impact, 'data_leak');
    assert.equal(signal.facility, 'dc-sh-1');
    assert.equal(signal.source, 'db-1:9187');
    assert.equal(signal.recordsExposed, 12000);
    assert.equal(signal.usersAffectedPct, 3.5);
    assert.equal(signal.severity, null);
  });

  it('ignores impact labels that are not impact types and numbers that are not numbers', () => {
    const signal = only(
      parseAlertmanager(payload({ labels: { alertname: 'X', impact: 'meh', users_affected_pct: '150', records_exposed: 'lots' } })),
    );
    assert.equal(signal.impact, null);
    assert.equal(signal.usersAffectedPct, null);
    assert.equal(signal.recordsExposed, null);
  });

  it('uses the group status when an alert has none, and treats startsAt it cannot read as unknown', () => {
    const signal = only(parseAlertmanager(payload({ status: undefined, startsAt: 'not a time' }, { status: 'resolved' })));
    assert.equal(signal.action, 'resolve');
    assert.equal(signal.occurredAt, null);
  });

  it('keeps one signal per alert, in order', () => {
    const body = payload();
    const alert = (body.alerts[0] ?? {}) as Record<string, unknown>;
    body.alerts = [alert, { ...alert, fingerprint: 'f2', status: 'resolved' }];
    const signals = signalsOf(parseAlertmanager(body));
    assert.deepEqual(
      signals.map((s) => [s.dedupKey.slice(GROUP_KEY.length + 1), s.action]),
      [
        ['fdca0bb02bd2df57', 'trigger'],
        ['f2', 'resolve'],
      ],
    );
  });

  it('accepts an empty alert list, cuts long label values, and keeps a __proto__ label as a label', () => {
    assert.deepEqual(parseAlertmanager(payload({}, { alerts: [] })), { ok: true, signals: [] });
    const labels = JSON.parse('{"alertname":"X","__proto__":"p","long":"' + 'v'.repeat(3000) + '"}') as Record<string, string>;
    const signal = only(parseAlertmanager(payload({ labels })));
    assert.equal(Object.getPrototypeOf(signal.labels), Object.prototype);
    assert.ok(Object.hasOwn(signal.labels, '__proto__'));
    assert.equal(signal.labels.long?.length, 1024);
  });
});

describe('parseAlertmanager: bad input', () => {
  it('refuses bodies that are not objects', () => {
    for (const body of [null, undefined, [], 'text', 42, true]) {
      assert.deepEqual(errorsOf(parseAlertmanager(body)), ['body must be a JSON object']);
    }
  });

  it('names missing or mistyped group fields', () => {
    assert.deepEqual(errorsOf(parseAlertmanager(payload({}, { groupKey: undefined }))), ['groupKey is missing']);
    assert.deepEqual(errorsOf(parseAlertmanager(payload({}, { groupKey: 7 }))), ['groupKey must be a string']);
    assert.deepEqual(errorsOf(parseAlertmanager(payload({}, { alerts: { a: 1 } }))), ['alerts must be an array']);
    assert.deepEqual(errorsOf(parseAlertmanager(payload({}, { receiver: ['x'], status: 'pending' }))), [
      'receiver must be a string',
      'status must be one of: firing, resolved',
    ]);
  });

  it('refuses more than 1000 alerts in one payload', () => {
    const body = payload();
    body.alerts = Array.from({ length: 1001 }, () => body.alerts[0] as Record<string, unknown>);
    assert.deepEqual(errorsOf(parseAlertmanager(body)), ['alerts has 1001 items (at most 1000 per payload)']);
  });

  it('names the alert and field that is wrong', () => {
    const body = payload();
    const good = body.alerts[0] as Record<string, unknown>;
    body.alerts = [good, good, good, { ...good, labels: 'x' }, 5];
    assert.deepEqual(errorsOf(parseAlertmanager(body)), ['alerts[3].labels must be an object', 'alerts[4] must be an object']);
    assert.deepEqual(errorsOf(parseAlertmanager(payload({ labels: undefined }))), ['alerts[0].labels must be an object']);
    assert.deepEqual(errorsOf(parseAlertmanager(payload({ status: 'pending', startsAt: 17 }))), [
      'alerts[0].status must be one of: firing, resolved',
      'alerts[0].startsAt must be a string',
    ]);
  });

  it('refuses non-string labels and annotations', () => {
    assert.deepEqual(errorsOf(parseAlertmanager(payload({ labels: { alertname: 'X', severity: 1, 'odd key': null } }))), [
      'alerts[0].labels.severity must be a string',
      'alerts[0].labels["odd key"] must be a string',
    ]);
    assert.deepEqual(errorsOf(parseAlertmanager(payload({ annotations: { summary: { nested: true } } }))), [
      'alerts[0].annotations.summary must be a string',
    ]);
  });

  it('refuses huge label sets and over-long label names, naming the alert', () => {
    const labels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`l${i}`, 'v']));
    assert.deepEqual(errorsOf(parseAlertmanager(payload({ labels }))), ['alerts[0].labels has 65 entries (at most 64)']);
    const longName = 'k'.repeat(129);
    assert.deepEqual(errorsOf(parseAlertmanager(payload({ labels: { [longName]: 'v' } }))), [
      `alerts[0].labels["${'k'.repeat(64)}…"] has a name longer than 128 characters`,
    ]);
    assert.deepEqual(errorsOf(parseAlertmanager(payload({ labels: { '': 'v' } }))), ['alerts[0].labels has an empty name']);
  });

  it('caps the error list for a payload full of bad alerts', () => {
    const errors = errorsOf(parseAlertmanager(payload({}, { alerts: Array.from({ length: 1000 }, () => null) })));
    assert.equal(errors.length, 51);
    assert.equal(errors[0], 'alerts[0] must be an object');
    assert.equal(errors[50], '…and 950 more errors');
  });
});
