import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type PagerDutyParse,
  pagerDutyAccepted,
  pagerDutyInvalid,
  pagerDutyV1Accepted,
  pagerDutyV1Invalid,
  parsePagerDutyV1,
  parsePagerDutyV2,
} from './parse.js';
import { fixture } from '../../../test/helpers/signal-fixtures.js';

const neverCalled = (): string => assert.fail('generateKey must not be called when the sender names the key');
const fixedKey = () => 'generated-0001';

function okOf(result: PagerDutyParse) {
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
  return result;
}

function errorsOf(result: PagerDutyParse): string[] {
  assert.equal(result.ok, false, 'expected the event to be refused');
  return result.ok ? [] : result.errors;
}

/** A valid v2 trigger with overrides (top level and payload). */
function trigger(top: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) {
  return {
    routing_key: 'R0UTINGKEY0000000000000000000001',
    event_action: 'trigger',
    payload: { summary: 'disk full', source: 'db-1', severity: 'error', ...payload },
    ...top,
  };
}

const AM_INCIDENT_KEY = '6f2d1f9a7e3c4b5a8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e';
const AM_ALERT_TEXT =
  'Labels:\n - alertname = DBDown\n - service = orders-db\n - severity = sev1\nAnnotations:\n - summary = orders-db unreachable\nSource: http://127.0.0.1/graph\n';

describe('parsePagerDutyV2: golden events', () => {
  it('maps the Events API v2 documentation trigger', () => {
    const result = okOf(parsePagerDutyV2(fixture('pagerduty', 'v2-trigger.json'), neverCalled));
    assert.equal(result.routingKey, 'R0UTINGKEY0000000000000000000001');
    assert.equal(result.dedupKey, 'disk-full/prod-datapipe03');
    assert.deepEqual(result.signal, {
      dedupKey: 'disk-full/prod-datapipe03',
      action: 'trigger',
      summary: 'DISK at 99% on machine prod-datapipe03.example.com',
      source: 'prod-datapipe03.example.com',
      severity: 'critical',
      impact: null,
      service: 'orders-db',
      facility: null,
      labels: {
        'free space': '1%',
        'ping time': '1500ms',
        service: 'orders-db',
        component: 'mysql',
        group: 'prod-datapipe',
        class: 'disk',
      },
      details: {
        custom_details: { 'free space': '1%', 'ping time': '1500ms', 'load avg': 0.75, service: 'orders-db', records_exposed: 0 },
        client: 'Sample Monitoring Service',
        client_url: 'https://monitoring.example.com',
        images: [
          {
            src: 'https://monitoring.example.com/graphs/disk-prod-datapipe03.png',
            href: 'https://monitoring.example.com/hosts/prod-datapipe03',
            alt: 'Disk usage, last 24 h',
          },
        ],
      },
      usersAffectedPct: null,
      recordsExposed: 0,
      occurredAt: Date.UTC(2015, 6, 17, 8, 42, 58, 315),
      links: [
        { href: 'https://runbooks.example.com/disk-full', text: 'Runbook: disk full' },
        { href: 'https://monitoring.example.com', text: 'Sample Monitoring Service' },
      ],
    });
  });

  it('maps an acknowledge to a signal that names only the alert', () => {
    const result = okOf(parsePagerDutyV2(fixture('pagerduty', 'v2-acknowledge.json'), neverCalled));
    assert.deepEqual(result.signal, {
      dedupKey: 'disk-full/prod-datapipe03',
      action: 'acknowledge',
      summary: 'PagerDuty acknowledge: disk-full/prod-datapipe03',
      source: null,
      severity: null,
      impact: null,
      service: null,
      facility: null,
      labels: {},
      details: { custom_details: null, client: null, client_url: null, images: null },
      usersAffectedPct: null,
      recordsExposed: null,
      occurredAt: null,
      links: [],
    });
  });

  it("maps Alertmanager's v2 resolve (payload present, empty links and images)", () => {
    const result = okOf(parsePagerDutyV2(fixture('pagerduty', 'v2-alertmanager-resolve.json'), neverCalled));
    assert.equal(result.dedupKey, AM_INCIDENT_KEY);
    assert.deepEqual(result.signal, {
      dedupKey: AM_INCIDENT_KEY,
      action: 'resolve',
      summary: `PagerDuty resolve: ${AM_INCIDENT_KEY}`,
      source: null,
      severity: null,
      impact: null,
      service: null,
      facility: null,
      labels: {},
      details: { custom_details: null, client: 'Alertmanager', client_url: 'http://vm:19093/#/alerts?receiver=pd', images: [] },
      usersAffectedPct: null,
      recordsExposed: null,
      occurredAt: null,
      links: [{ href: 'http://vm:19093/#/alerts?receiver=pd', text: 'Alertmanager' }],
    });
  });
});

describe('parsePagerDutyV2: mapping rules', () => {
  it('generates a dedup key for a trigger without one (or with a blank one) and returns it', () => {
    assert.equal(okOf(parsePagerDutyV2(trigger(), fixedKey)).dedupKey, 'generated-0001');
    const blank = okOf(parsePagerDutyV2(trigger({ dedup_key: '' }), fixedKey));
    assert.equal(blank.dedupKey, 'generated-0001');
    assert.equal(blank.signal.dedupKey, 'generated-0001');
  });

  it('never returns an empty dedup key, even from a generator that returns one', () => {
    const result = okOf(parsePagerDutyV2(trigger(), () => ''));
    assert.match(result.dedupKey, /^[0-9a-f]{64}$/);
    assert.equal(result.signal.dedupKey, result.dedupKey);
  });

  it('takes service, facility and impact facts only from custom details, not from component', () => {
    const signal = okOf(
      parsePagerDutyV2(
        trigger(
          {},
          {
            component: 'payments',
            custom_details: { datacenter: 'dc-sh-1', impact: 'outage', users_affected_pct: 40, nested: { service: 'x' } },
          },
        ),
        fixedKey,
      ),
    ).signal;
    assert.equal(signal.service, null);
    assert.equal(signal.facility, 'dc-sh-1');
    assert.equal(signal.impact, 'outage');
    assert.equal(signal.usersAffectedPct, 40);
    assert.deepEqual(signal.labels, { datacenter: 'dc-sh-1', impact: 'outage', component: 'payments' });
  });

  it('keeps non-object custom details in details only, and lower-cases the severity', () => {
    const signal = okOf(parsePagerDutyV2(trigger({}, { severity: 'CRITICAL', custom_details: 'free text' }), fixedKey)).signal;
    assert.equal(signal.severity, 'critical');
    assert.deepEqual(signal.labels, {});
    assert.equal(signal.details?.custom_details, 'free text');
  });

  it('accepts a summary of 1024 characters (code points) and keeps at most 1024 in the signal', () => {
    const emoji = '🔥'.repeat(1024);
    const signal = okOf(parsePagerDutyV2(trigger({}, { summary: emoji }), fixedKey)).signal;
    assert.ok(signal.summary.length <= 1024);
    assert.ok(signal.summary.startsWith('🔥🔥'));
  });

  it('keeps the event when its timestamp cannot be read', () => {
    assert.equal(okOf(parsePagerDutyV2(trigger({}, { timestamp: 'last tuesday' }), fixedKey)).signal.occurredAt, null);
  });
});

describe('parsePagerDutyV2: bad input', () => {
  it('refuses bodies that are not objects', () => {
    for (const body of [null, [], 'x', 3])
      assert.deepEqual(errorsOf(parsePagerDutyV2(body, fixedKey)), ['Event object must be a JSON object']);
  });

  it('reports every missing required field at once, as PagerDuty words them', () => {
    assert.deepEqual(errorsOf(parsePagerDutyV2({}, fixedKey)), ["'routing_key' is missing or blank", "'event_action' is missing or blank"]);
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({ payload: undefined }), fixedKey)), ["'payload' is missing or blank"]);
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({ payload: {} }), fixedKey)), [
      "'payload.summary' is missing or blank",
      "'payload.source' is missing or blank",
      "'payload.severity' is missing or blank",
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV2({ routing_key: 'k', event_action: 'resolve' }, fixedKey)), [
      "'dedup_key' is missing or blank",
    ]);
  });

  it('names invalid values', () => {
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({ event_action: 'close' }), fixedKey)), [
      "'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')",
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({}, { severity: 'fatal' }), fixedKey)), [
      "'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')",
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({}, { summary: 'x'.repeat(1025) }), fixedKey)), [
      "'payload.summary' is too long (maximum is 1024 characters)",
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({ dedup_key: 'k'.repeat(256) }), fixedKey)), [
      "'dedup_key' is too long (maximum is 255 characters)",
    ]);
  });

  it('names wrong types', () => {
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({ routing_key: 42, payload: [] }), fixedKey)), [
      "'routing_key' is invalid (must be a string)",
      "'payload' is invalid (must be an object)",
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({ links: {}, images: 'x' }, { component: 3, timestamp: 1 }), fixedKey)), [
      "'links' is invalid (must be an array)",
      "'images' is invalid (must be an array)",
      "'payload.timestamp' is invalid (must be a string)",
      "'payload.component' is invalid (must be a string)",
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({ links: ['https://x'] }), fixedKey)), [
      "'links[0]' is invalid (must be an object)",
    ]);
  });

  it('refuses custom details that would become more than 64 labels', () => {
    const custom_details = Object.fromEntries(Array.from({ length: 62 }, (_, i) => [`k${i}`, 'v']));
    assert.equal(parsePagerDutyV2(trigger({}, { custom_details, component: 'c', group: 'g' }), fixedKey).ok, true);
    assert.deepEqual(errorsOf(parsePagerDutyV2(trigger({}, { custom_details, component: 'c', group: 'g', class: 'x' }), fixedKey)), [
      "'payload.custom_details' has 65 labels (at most 64)",
    ]);
  });
});

describe('parsePagerDutyV1 (generic events API, as Alertmanager service_key receivers send)', () => {
  it("maps Alertmanager's v1 trigger, ignoring its empty event_action and null payload", () => {
    const result = okOf(parsePagerDutyV1(fixture('pagerduty', 'v1-alertmanager-trigger.json'), neverCalled));
    assert.equal(result.routingKey, '5ERV1CEKEY000000000000000000000a');
    assert.equal(result.dedupKey, AM_INCIDENT_KEY);
    assert.deepEqual(result.signal, {
      dedupKey: AM_INCIDENT_KEY,
      action: 'trigger',
      summary: '[FIRING:1] DBDown (orders-db sev1)',
      source: 'AlertManager',
      severity: null,
      impact: null,
      service: null,
      facility: null,
      labels: { firing: AM_ALERT_TEXT, num_firing: '1', num_resolved: '0', resolved: '' },
      details: {
        details: { firing: AM_ALERT_TEXT, num_firing: '1', num_resolved: '0', resolved: '' },
        client: 'AlertManager',
        client_url: 'http://vm:19093/#/alerts?receiver=pd-v1',
        contexts: null,
      },
      usersAffectedPct: null,
      recordsExposed: null,
      occurredAt: null,
      links: [{ href: 'http://vm:19093/#/alerts?receiver=pd-v1', text: 'AlertManager' }],
    });
  });

  it("maps Alertmanager's v1 resolve to the same key", () => {
    const result = okOf(parsePagerDutyV1(fixture('pagerduty', 'v1-alertmanager-resolve.json'), neverCalled));
    assert.equal(result.signal.action, 'resolve');
    assert.equal(result.signal.dedupKey, AM_INCIDENT_KEY);
    assert.equal(result.signal.summary, '[RESOLVED] DBDown (orders-db sev1)');
  });

  it('reads link contexts, details facts, and generates an incident key on trigger', () => {
    const result = okOf(
      parsePagerDutyV1(
        {
          service_key: 'k',
          event_type: 'trigger',
          description: 'CPU high',
          details: { service: 'orders-api', severity: 'Warning', records_exposed: '5' },
          contexts: [
            { type: 'link', href: 'https://grafana.example.com/d/1', text: 'Dashboard' },
            { type: 'image', src: 'https://grafana.example.com/render/1.png' },
          ],
        },
        fixedKey,
      ),
    );
    assert.equal(result.dedupKey, 'generated-0001');
    assert.equal(result.signal.service, 'orders-api');
    assert.equal(result.signal.severity, 'warning');
    assert.equal(result.signal.recordsExposed, 5);
    assert.deepEqual(result.signal.links, [{ href: 'https://grafana.example.com/d/1', text: 'Dashboard' }]);
  });

  it('words errors as the v1 API does', () => {
    assert.deepEqual(errorsOf(parsePagerDutyV1({}, fixedKey)), ['Service key is missing or blank', 'Event type is missing or blank']);
    assert.deepEqual(errorsOf(parsePagerDutyV1({ service_key: 'k', event_type: 'trigger' }, fixedKey)), [
      'Description is missing or blank',
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV1({ service_key: 'k', event_type: 'resolve' }, fixedKey)), [
      'Incident key is missing or blank',
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV1({ service_key: 'k', event_type: 'page' }, fixedKey)), [
      'Event type is invalid (must be one of: trigger, acknowledge, resolve)',
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV1({ service_key: ['k'], event_type: 'trigger', description: 9 }, fixedKey)), [
      'Service key is invalid (must be a string)',
      'Description is invalid (must be a string)',
    ]);
    assert.deepEqual(errorsOf(parsePagerDutyV1('nope', fixedKey)), ['Event object must be a JSON object']);
  });
});

describe('PagerDuty response bodies', () => {
  it('match the v2 success and error shapes', () => {
    assert.deepEqual(pagerDutyAccepted('k1'), { status: 'success', message: 'Event processed', dedup_key: 'k1' });
    assert.deepEqual(pagerDutyInvalid(["'payload' is missing or blank"]), {
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: ["'payload' is missing or blank"],
    });
  });

  it('match the v1 success and error shapes', () => {
    assert.deepEqual(pagerDutyV1Accepted('k1'), { status: 'success', message: 'Event processed', incident_key: 'k1' });
    assert.deepEqual(pagerDutyV1Invalid(['Description is missing or blank']), {
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: ['Description is missing or blank'],
    });
  });
});
