import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FenghuoError } from '../../src/domain/errors.js';
import { DEFAULT_POLICY, type Level } from '../../src/domain/grading/policy.js';
import { decideAutomaticLevel, decideManualLevel } from '../../src/domain/incident/level-change.js';
import {
  INCIDENT_ACTIONS,
  INCIDENT_STATUSES,
  transitionIncident,
  type IncidentAction,
  type IncidentLifecycle,
  type IncidentStatus,
} from '../../src/domain/incident/state-machine.js';
import { DEFAULT_RESPONSE_PROFILES, responseDeadlines } from '../../src/domain/response/profiles.js';

const T0 = Date.UTC(2023, 2, 29, 3, 0, 0); // 29 March 2023, before dawn in Guangzhou
const MIN = 60_000;

const TRIGGERED: IncidentLifecycle = { status: 'triggered', acknowledgedAt: null, mitigatedAt: null, resolvedAt: null };

function inStatus(status: IncidentStatus): IncidentLifecycle {
  switch (status) {
    case 'triggered':
      return { ...TRIGGERED };
    case 'acknowledged':
      return { status, acknowledgedAt: T0 + 1 * MIN, mitigatedAt: null, resolvedAt: null };
    case 'mitigated':
      return { status, acknowledgedAt: T0 + 1 * MIN, mitigatedAt: T0 + 2 * MIN, resolvedAt: null };
    case 'resolved':
      return { status, acknowledgedAt: T0 + 1 * MIN, mitigatedAt: T0 + 2 * MIN, resolvedAt: T0 + 3 * MIN };
  }
}

describe('transitionIncident: legal transitions', () => {
  it('triggered → acknowledged → mitigated → resolved records each time', () => {
    const acked = transitionIncident(TRIGGERED, 'acknowledge', T0 + 5 * MIN);
    assert.deepEqual(acked, { status: 'acknowledged', acknowledgedAt: T0 + 5 * MIN, mitigatedAt: null, resolvedAt: null });
    const mitigated = transitionIncident(acked, 'mitigate', T0 + 30 * MIN);
    assert.deepEqual(mitigated, {
      status: 'mitigated',
      acknowledgedAt: T0 + 5 * MIN,
      mitigatedAt: T0 + 30 * MIN,
      resolvedAt: null,
    });
    const resolved = transitionIncident(mitigated, 'resolve', T0 + 90 * MIN);
    assert.deepEqual(resolved, {
      status: 'resolved',
      acknowledgedAt: T0 + 5 * MIN,
      mitigatedAt: T0 + 30 * MIN,
      resolvedAt: T0 + 90 * MIN,
    });
  });

  it('triggered → resolved (shortcut)', () => {
    const resolved = transitionIncident(TRIGGERED, 'resolve', T0 + 7 * MIN);
    assert.equal(resolved.status, 'resolved');
    assert.equal(resolved.resolvedAt, T0 + 7 * MIN);
  });

  it('acknowledged → resolved keeps the acknowledgement time', () => {
    const resolved = transitionIncident(inStatus('acknowledged'), 'resolve', T0 + 9 * MIN);
    assert.equal(resolved.status, 'resolved');
    assert.equal(resolved.acknowledgedAt, T0 + 1 * MIN);
    assert.equal(resolved.resolvedAt, T0 + 9 * MIN);
  });

  it('triggered → mitigated also sets acknowledgedAt', () => {
    const mitigated = transitionIncident(TRIGGERED, 'mitigate', T0 + 4 * MIN);
    assert.equal(mitigated.status, 'mitigated');
    assert.equal(mitigated.acknowledgedAt, T0 + 4 * MIN);
    assert.equal(mitigated.mitigatedAt, T0 + 4 * MIN);
    assert.equal(mitigated.resolvedAt, null);
  });

  for (const from of ['resolved', 'mitigated'] as const) {
    it(`reopen from ${from} → triggered with the times cleared`, () => {
      const reopened = transitionIncident(inStatus(from), 'reopen', T0 + 60 * MIN);
      assert.deepEqual(reopened, TRIGGERED);
    });
  }

  it('does not mutate the state it is given', () => {
    const before = inStatus('acknowledged');
    const copy = { ...before };
    transitionIncident(before, 'resolve', T0 + 10 * MIN);
    assert.deepEqual(before, copy);
  });
});

describe('transitionIncident: illegal transitions', () => {
  const LEGAL: Record<IncidentAction, IncidentStatus[]> = {
    acknowledge: ['triggered'],
    mitigate: ['triggered', 'acknowledged'],
    resolve: ['triggered', 'acknowledged', 'mitigated'],
    reopen: ['mitigated', 'resolved'],
  };
  const illegal: Array<[IncidentAction, IncidentStatus]> = [
    ['acknowledge', 'acknowledged'],
    ['acknowledge', 'mitigated'],
    ['acknowledge', 'resolved'],
    ['mitigate', 'mitigated'],
    ['mitigate', 'resolved'],
    ['resolve', 'resolved'],
    ['reopen', 'triggered'],
    ['reopen', 'acknowledged'],
  ];

  it('the table covers every action × status pair that is not legal', () => {
    const expected = INCIDENT_ACTIONS.flatMap((a) => INCIDENT_STATUSES.filter((s) => !LEGAL[a].includes(s)).map((s) => `${a}:${s}`));
    assert.deepEqual(illegal.map(([a, s]) => `${a}:${s}`).sort(), expected.sort());
  });

  for (const [action, status] of illegal) {
    it(`${action} when ${status} → invalid_transition`, () => {
      assert.throws(
        () => transitionIncident(inStatus(status), action, T0 + 99 * MIN),
        (err: unknown) => {
          assert.ok(err instanceof FenghuoError);
          assert.equal(err.code, 'invalid_transition');
          assert.match(err.message, new RegExp(action));
          assert.match(err.message, new RegExp(status));
          return true;
        },
      );
    });
  }
});

describe('decideAutomaticLevel', () => {
  it('raises 2 → 1', () => {
    assert.deepEqual(decideAutomaticLevel(2, 1), { kind: 'raise', from: 2, to: 1, by: 'policy', reason: null });
  });

  it('never lowers: current 1 with computed 3 → none', () => {
    assert.deepEqual(decideAutomaticLevel(1, 3), { kind: 'none' });
  });

  it('same level → none', () => {
    assert.deepEqual(decideAutomaticLevel(3, 3), { kind: 'none' });
  });
});

describe('decideManualLevel', () => {
  for (const reason of [undefined, null, '', '   ']) {
    it(`lowering without a reason (${JSON.stringify(reason)}) → reason_required`, () => {
      assert.throws(
        () => decideManualLevel(1, 3, reason),
        (err: unknown) => {
          assert.ok(err instanceof FenghuoError);
          assert.equal(err.code, 'reason_required');
          assert.deepEqual(
            err.details?.map((d) => d.field),
            ['reason'],
          );
          return true;
        },
      );
    });
  }

  it('lowering with a reason → lower, with the reason trimmed', () => {
    assert.deepEqual(decideManualLevel(1, 3, '  only the test tenant was affected \n'), {
      kind: 'lower',
      from: 1,
      to: 3,
      by: 'person',
      reason: 'only the test tenant was affected',
    });
  });

  it('raising without a reason is allowed', () => {
    assert.deepEqual(decideManualLevel(3, 1, undefined), { kind: 'raise', from: 3, to: 1, by: 'person', reason: null });
  });

  it('raising keeps a reason when one is given', () => {
    const change = decideManualLevel(4, 2, ' payment involved ');
    assert.equal(change.kind, 'raise');
    assert.equal(change.reason, 'payment involved');
  });

  it('the same level → none, with or without a reason', () => {
    for (const level of [1, 2, 3, 4] as Level[]) {
      assert.deepEqual(decideManualLevel(level, level, undefined), { kind: 'none' });
      assert.deepEqual(decideManualLevel(level, level, 'no change'), { kind: 'none' });
    }
  });
});

describe('responseDeadlines', () => {
  const times = { triggeredAt: T0, startedAt: T0 - 45 * MIN };

  it('level 1 (default profile): ack within 5 min, regulator report within 60 min of detection', () => {
    assert.deepEqual(responseDeadlines(DEFAULT_POLICY.responseProfiles[1], times), {
      ackDueAt: T0 + 5 * MIN,
      regulatorReportDueAt: T0 + 60 * MIN,
    });
  });

  it('level 2: ack within 15 min, no regulator report', () => {
    assert.deepEqual(responseDeadlines(DEFAULT_RESPONSE_PROFILES[2], times), {
      ackDueAt: T0 + 15 * MIN,
      regulatorReportDueAt: null,
    });
  });

  it('level 4: no deadlines', () => {
    assert.deepEqual(responseDeadlines(DEFAULT_RESPONSE_PROFILES[4], times), { ackDueAt: null, regulatorReportDueAt: null });
  });

  it('a report clock that starts when the incident started counts from startedAt', () => {
    const profile = {
      ...DEFAULT_RESPONSE_PROFILES[1],
      regulatorReport: { required: true, dueMinutes: 240, clockStartsAt: 'started' as const },
    };
    assert.equal(responseDeadlines(profile, times).regulatorReportDueAt, T0 - 45 * MIN + 240 * MIN);
  });
});
