import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ParseResult, Signal } from '../../domain/signals/signal.js';
import { opsgenieAccepted, opsgenieError, opsgenieInvalid, parseOpsgenieAction, parseOpsgenieCreate } from './parse.js';
import { fixture, errorsOf } from '../../../test/helpers/signal-fixtures.js';

function only(result: ParseResult): Signal {
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
  assert.equal(result.signals.length, 1);
  return result.signals[0] as Signal;
}

const AM_ALIAS = '6f2d1f9a7e3c4b5a8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e';
const AM_SOURCE = 'http://vm:19093/#/alerts?receiver=opsgenie';

describe('parseOpsgenieCreate: golden requests', () => {
  it('maps the Alert API create example (every field)', () => {
    const body = fixture('opsgenie', 'create-alert.json');
    assert.deepEqual(only(parseOpsgenieCreate(body)), {
      dedupKey: 'orders-api/checkout-latency',
      action: 'trigger',
      summary: 'orders-api: checkout latency p99 above 2s',
      source: 'orders-api',
      severity: 'p1',
      impact: 'degraded',
      service: 'orders-api',
      facility: 'dc-sh-1',
      labels: {
        service: 'orders-api',
        datacenter: 'dc-sh-1',
        impact: 'degraded',
        users_affected_pct: '30',
        tags: 'OverwriteQuietHours,Critical',
      },
      details: {
        message: 'orders-api: checkout latency p99 above 2s',
        alias: 'orders-api/checkout-latency',
        description: 'p99 latency of POST /checkout has been above 2 s for 10 minutes in dc-sh-1.',
        responders: body.responders,
        visibleTo: body.visibleTo,
        actions: ['Restart', 'Failover'],
        tags: ['OverwriteQuietHours', 'Critical'],
        details: { service: 'orders-api', datacenter: 'dc-sh-1', impact: 'degraded', users_affected_pct: '30' },
        entity: 'orders-api',
        source: 'prometheus-sh-1',
        priority: 'P1',
        user: 'Monitoring Script',
        note: 'Created by the latency probe',
      },
      usersAffectedPct: 30,
      recordsExposed: null,
      occurredAt: null,
      links: [],
    });
  });

  it("maps Alertmanager's opsgenie_configs create (alias = hash of the group, no priority)", () => {
    const body = fixture('opsgenie', 'alertmanager-create.json');
    assert.deepEqual(only(parseOpsgenieCreate(body)), {
      dedupKey: AM_ALIAS,
      action: 'trigger',
      summary: '[FIRING:1] DBDown (orders-db sev1)',
      source: AM_SOURCE,
      severity: 'p3',
      impact: null,
      service: 'orders-db',
      facility: null,
      labels: { alertname: 'DBDown', service: 'orders-db', severity: 'sev1', tags: 'DBDown' },
      details: {
        message: '[FIRING:1] DBDown (orders-db sev1)',
        alias: AM_ALIAS,
        description: body.description,
        responders: null,
        visibleTo: null,
        actions: null,
        tags: ['DBDown'],
        details: { alertname: 'DBDown', service: 'orders-db', severity: 'sev1' },
        entity: null,
        source: AM_SOURCE,
        priority: 'P3',
        user: null,
        note: null,
      },
      usersAffectedPct: null,
      recordsExposed: null,
      occurredAt: null,
      links: [],
    });
  });
});

describe('parseOpsgenieCreate: mapping rules', () => {
  it('dedups by the sha256 of the message when there is no alias', () => {
    const signal = only(parseOpsgenieCreate({ message: 'Disk full on db-1' }));
    assert.equal(signal.dedupKey, createHash('sha256').update('Disk full on db-1').digest('hex'));
    assert.equal(only(parseOpsgenieCreate({ message: 'Disk full on db-1', alias: '  ' })).dedupKey, signal.dedupKey);
  });

  it('keeps 130 characters of a longer message, as Opsgenie does, but the whole text in details', () => {
    const message = 'm'.repeat(300);
    const signal = only(parseOpsgenieCreate({ message }));
    assert.equal(signal.summary.length, 130);
    assert.equal(signal.details?.message, message);
  });

  it('reads priority case-insensitively and treats an empty one as the default', () => {
    assert.equal(only(parseOpsgenieCreate({ message: 'm', priority: 'p2' })).severity, 'p2');
    assert.equal(only(parseOpsgenieCreate({ message: 'm', priority: '' })).severity, 'p3');
  });

  it('turns numeric and boolean details into strings', () => {
    const signal = only(parseOpsgenieCreate({ message: 'm', details: { records_exposed: 5000, paging: true } }));
    assert.deepEqual(signal.labels, { records_exposed: '5000', paging: 'true' });
    assert.equal(signal.recordsExposed, 5000);
  });
});

describe('parseOpsgenieCreate: bad input', () => {
  it('refuses bodies that are not objects', () => {
    for (const body of [null, [], 'x', 1]) assert.deepEqual(errorsOf(parseOpsgenieCreate(body)), ['body must be a JSON object']);
  });

  it('requires a message', () => {
    assert.deepEqual(errorsOf(parseOpsgenieCreate({})), ['message can not be empty']);
    assert.deepEqual(errorsOf(parseOpsgenieCreate({ message: '   ' })), ['message can not be empty']);
    assert.deepEqual(errorsOf(parseOpsgenieCreate({ message: 42 })), ['message must be a string']);
  });

  it('names invalid fields', () => {
    assert.deepEqual(
      errorsOf(
        parseOpsgenieCreate({
          message: 'm',
          alias: 'a'.repeat(513),
          priority: 'P9',
          tags: 'critical',
          responders: [{ type: 'team', name: 'NOC' }, 'ops'],
          details: { nested: { a: 1 }, list: [1] },
          entity: 3,
        }),
      ),
      [
        'alias can be at most 512 characters',
        'priority should be one of [ P1, P2, P3, P4, P5 ]',
        'tags must be an array of strings',
        'details.nested must be a string',
        'details.list must be a string',
        'responders must be an array of objects',
        'entity must be a string',
      ],
    );
  });

  it('refuses more than 64 details (labels)', () => {
    const details = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`d${i}`, 'v']));
    assert.deepEqual(errorsOf(parseOpsgenieCreate({ message: 'm', details })), ['details has 65 entries (at most 64)']);
    const sixtyFour = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`d${i}`, 'v']));
    assert.deepEqual(errorsOf(parseOpsgenieCreate({ message: 'm', details: sixtyFour, tags: ['t'] })), [
      'details has 65 labels (at most 64)',
    ]);
  });
});

describe('parseOpsgenieAction', () => {
  it("maps Alertmanager's close by alias to a resolve of that alias", () => {
    assert.deepEqual(only(parseOpsgenieAction(AM_ALIAS, 'alias', fixture('opsgenie', 'alertmanager-close.json'), 'close')), {
      dedupKey: AM_ALIAS,
      action: 'resolve',
      summary: `Closed via Opsgenie API: ${AM_ALIAS}`,
      source: AM_SOURCE,
      severity: null,
      impact: null,
      service: null,
      facility: null,
      labels: {},
      details: { user: null, source: AM_SOURCE, note: null, identifier: AM_ALIAS, identifierType: 'alias' },
      usersAffectedPct: null,
      recordsExposed: null,
      occurredAt: null,
      links: [],
    });
  });

  it('addresses an alert id (the Opsgenie default identifierType) as `id:<identifier>`', () => {
    const signal = only(
      parseOpsgenieAction('8743a1b2-11da-480e-8493-744660987bef', undefined, fixture('opsgenie', 'close-alert.json'), 'acknowledge'),
    );
    assert.equal(signal.dedupKey, 'id:8743a1b2-11da-480e-8493-744660987bef');
    assert.equal(signal.action, 'acknowledge');
    assert.deepEqual(signal.details, {
      user: 'Monitoring Script',
      source: 'AWS Lambda',
      note: 'Action executed via Alert API',
      identifier: '8743a1b2-11da-480e-8493-744660987bef',
      identifierType: 'id',
    });
    assert.equal(only(parseOpsgenieAction('x', 'ID', undefined, 'close')).dedupKey, 'id:x');
    assert.equal(only(parseOpsgenieAction('x', 'alias', null, 'close')).dedupKey, 'x');
  });

  it('refuses tiny ids, blank identifiers and bad bodies', () => {
    assert.deepEqual(errorsOf(parseOpsgenieAction('42', 'tiny', {}, 'close')), ['identifierType should be one of [ id, alias ]']);
    assert.deepEqual(errorsOf(parseOpsgenieAction(' ', 'alias', {}, 'close')), ['identifier can not be empty']);
    assert.deepEqual(errorsOf(parseOpsgenieAction('x', 'alias', [], 'close')), ['body must be a JSON object']);
    assert.deepEqual(errorsOf(parseOpsgenieAction('x', 'alias', { note: 1, user: {} }, 'close')), [
      'user must be a string',
      'note must be a string',
    ]);
  });
});

describe('Opsgenie response bodies', () => {
  it('match the accepted and error shapes', () => {
    assert.deepEqual(opsgenieAccepted('req-1', 0.012), { result: 'Request will be processed', took: 0.012, requestId: 'req-1' });
    assert.deepEqual(opsgenieError('Could not authenticate', 'req-2'), { message: 'Could not authenticate', took: 0, requestId: 'req-2' });
  });

  it('key validation errors by field, as Opsgenie answers a 422', () => {
    assert.deepEqual(
      opsgenieInvalid(['message can not be empty', 'priority should be one of [ P1, P2, P3, P4, P5 ]', 'priority again'], 'req-3', 0.001),
      {
        message: 'Request body is not processable. Please check the errors.',
        errors: { message: 'can not be empty', priority: 'should be one of [ P1, P2, P3, P4, P5 ]; again' },
        took: 0.001,
        requestId: 'req-3',
      },
    );
  });
});
