import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RESPONSE_PROFILES } from '../response/profiles.js';
import { ackTimeoutAt, reescalateOnAckTimeout } from './ack-timeout.js';
import { acknowledgeEscalation, cancelledByAck } from './acknowledge.js';
import { escalationAdjustments, NO_ADJUSTMENTS, type EscalationAdjustments } from './adjustments.js';
import { expandTargets, type TargetResolvers } from './expand-targets.js';
import { nextEscalationStep, startEscalation, type EscalationState } from './next-escalation-step.js';
import { planEscalation } from './plan-escalation.js';
import type { EscalationPolicy } from './policy.js';

// The clock is a plain number: minutes after T0 in the expectations.
const T0 = Date.parse('2025-06-01T10:00:00Z');
const MIN = 60_000;
const m = (minutes: number): number => T0 + minutes * MIN;

/** pay-primary hands over from alice to erin at minute 30; pay-secondary from dan to carol at minute 4. */
const resolvers: TargetResolvers = {
  onCallAt: (scheduleId, at) => {
    if (scheduleId === 'pay-primary') return at < m(30) ? ['alice'] : ['erin'];
    if (scheduleId === 'pay-secondary') return at < m(4) ? ['dan'] : ['carol'];
    if (scheduleId === 'incident-commanders') return ['grace'];
    return [];
  },
  teamMembers: (teamId) => (teamId === 'sre' ? ['frank', 'bob', 'alice'] : []),
};

/** Primary on call; then bob and the secondary after 5 min; then the SRE team after 10 more. */
function payments(repeat = 0): EscalationPolicy {
  return {
    id: 'ep-pay',
    name: 'Payments',
    repeat,
    steps: [
      { delayMinutes: 5, targets: [{ kind: 'schedule', id: 'pay-primary' }] },
      {
        delayMinutes: 10,
        targets: [
          { kind: 'user', id: 'bob' },
          { kind: 'schedule', id: 'pay-secondary' },
        ],
      },
      { delayMinutes: 15, targets: [{ kind: 'team', id: 'sre' }] },
    ],
  };
}

function start(policy: EscalationPolicy, adjustments: EscalationAdjustments = NO_ADJUSTMENTS, triggeredAt = T0): EscalationState {
  return startEscalation(planEscalation({ policy, adjustments, triggeredAt }));
}

interface Page {
  minute: number;
  step: number | null;
  round: number;
  users: string[];
}

/** A punctual paging worker from `from` to `until`: wakes when told, fires what is due, stores the cursor. */
function drive(state: EscalationState, from: number, until: number): { state: EscalationState; pages: Page[] } {
  const pages: Page[] = [];
  let now = from;
  for (;;) {
    const tick = nextEscalationStep(state, now);
    for (const f of tick.due) {
      pages.push({ minute: (now - T0) / MIN, step: f.stepIndex, round: f.round, users: expandTargets(f.targets, resolvers, now) });
    }
    state = { ...state, nextSeq: tick.nextSeq };
    if (tick.wakeAt === null || tick.wakeAt > until) return { state, pages };
    now = tick.wakeAt;
  }
}

const minutes = (pages: Page[]): number[] => pages.map((p) => p.minute);

describe('escalation timing: a three-step policy', () => {
  it('pages the primary at once, bob and the secondary at 5, the SRE team at 15, then stops', () => {
    const { pages } = drive(start(payments()), T0, m(24 * 60));
    assert.deepEqual(pages, [
      { minute: 0, step: 0, round: 0, users: ['alice'] },
      { minute: 5, step: 1, round: 0, users: ['bob', 'carol'] },
      { minute: 15, step: 2, round: 0, users: ['frank', 'bob', 'alice'] },
    ]);
  });

  it('tells the worker when to wake next, and nothing after the last step', () => {
    const state = start(payments());
    assert.deepEqual(nextEscalationStep(state, m(0)).wakeAt, m(5));
    const late = nextEscalationStep(state, m(7));
    assert.deepEqual(
      late.due.map((f) => f.at),
      [m(0), m(5)],
    );
    assert.equal(late.nextSeq, 2);
    assert.equal(late.wakeAt, m(15));
    assert.equal(nextEscalationStep({ ...state, nextSeq: 3 }, m(100)).wakeAt, null);
  });

  it('resolves a schedule when its step fires: a hand-off between steps changes who is paged', () => {
    const step1 = planEscalation({ policy: payments(), adjustments: NO_ADJUSTMENTS, triggeredAt: T0 }).firings[1]!;
    assert.deepEqual(expandTargets(step1.targets, resolvers, step1.at), ['bob', 'carol']);
    // Had step 1 fired before the hand-off at minute 4, dan would have been paged instead of carol.
    assert.deepEqual(expandTargets(step1.targets, resolvers, m(3)), ['bob', 'dan']);
  });

  it('notifies a user reached by several targets of one step once', () => {
    const targets = [
      { kind: 'user', id: 'alice' },
      { kind: 'schedule', id: 'pay-primary' },
      { kind: 'team', id: 'sre' },
    ] as const;
    assert.deepEqual(expandTargets(targets, resolvers, m(0)), ['alice', 'frank', 'bob']);
  });
});

describe('escalation timing: repeat', () => {
  it('runs the whole policy again after the last step’s delay, repeat times', () => {
    const { pages } = drive(start(payments(2)), T0, m(24 * 60));
    assert.deepEqual(minutes(pages), [0, 5, 15, 30, 35, 45, 60, 65, 75]);
    assert.deepEqual(
      pages.map((p) => [p.step, p.round]),
      [
        [0, 0],
        [1, 0],
        [2, 0],
        [0, 1],
        [1, 1],
        [2, 1],
        [0, 2],
        [1, 2],
        [2, 2],
      ],
    );
    // The primary handed over to erin at minute 30: the repeat pages her.
    assert.deepEqual(pages[3]!.users, ['erin']);
  });

  it('repeats a single step every delay', () => {
    const single: EscalationPolicy = {
      id: 'ep',
      name: 'one',
      repeat: 3,
      steps: [{ delayMinutes: 10, targets: [{ kind: 'user', id: 'alice' }] }],
    };
    assert.deepEqual(minutes(drive(start(single), T0, m(1000)).pages), [0, 10, 20, 30]);
  });
});

describe('escalation timing: acknowledgement stops it', () => {
  it('cancels everything due after the ack, and nothing fires after it', () => {
    const before = drive(start(payments(2)), T0, m(7));
    assert.deepEqual(minutes(before.pages), [0, 5]);
    const { state, cancelled } = acknowledgeEscalation(before.state, m(7));
    assert.deepEqual(
      cancelled.map((f) => (f.at - T0) / MIN),
      [15, 30, 35, 45, 60, 65, 75],
    );
    assert.ok(cancelled.every((f) => f.cancelledAt === m(7)));
    // The time rule on the plan agrees with what the punctual worker left unfired.
    assert.deepEqual(
      cancelledByAck(start(payments(2)).firings, m(7)).map((f) => f.seq),
      cancelled.map((f) => f.seq),
    );
    assert.deepEqual(drive(state, m(7), m(24 * 60)).pages, []);
    assert.deepEqual(nextEscalationStep(state, m(100)), { due: [], nextSeq: 2, wakeAt: null });
  });

  it('also cancels a firing that a late worker had not fired by the ack', () => {
    const lagging = drive(start(payments()), T0, m(0)).state; // the worker was down from minute 1 to 8
    const { cancelled } = acknowledgeEscalation(lagging, m(7));
    assert.deepEqual(
      cancelled.map((f) => (f.at - T0) / MIN),
      [5, 15],
    );
  });

  it('is not moved by a second stop (resolve after acknowledge)', () => {
    const acked = acknowledgeEscalation(drive(start(payments()), T0, m(7)).state, m(7)).state;
    const again = acknowledgeEscalation(acked, m(9));
    assert.equal(again.state, acked);
    assert.deepEqual(again.cancelled, []);
  });
});

describe('escalation timing: re-escalation on ack timeout', () => {
  const acked = (ackMinute: number, policy = payments()): EscalationState =>
    acknowledgeEscalation(drive(start(policy), T0, m(ackMinute)).state, m(ackMinute)).state;

  it('resumes from the step that was current at the ack, when the timeout runs out', () => {
    const state = acked(7); // steps 0 and 1 fired; step 1 (minute 5) was current
    assert.equal(ackTimeoutAt(state, 30), m(37));
    assert.equal(reescalateOnAckTimeout(state, { status: 'acknowledged' }, 30, m(37) - 1), null);
    const re = reescalateOnAckTimeout(state, { status: 'acknowledged' }, 30, m(37));
    assert.ok(re);
    assert.deepEqual(
      re.added.map((f) => [f.seq, f.stepIndex, (f.at - T0) / MIN]),
      [
        [3, 1, 37],
        [4, 2, 47],
      ],
    );
    assert.equal(re.state.acknowledgedAt, null);
    const { pages } = drive(re.state, m(37), m(24 * 60));
    assert.deepEqual(pages, [
      { minute: 37, step: 1, round: 0, users: ['bob', 'carol'] },
      { minute: 47, step: 2, round: 0, users: ['frank', 'bob', 'alice'] },
    ]);
  });

  it('keeps the remaining repeats after the current step', () => {
    const re = reescalateOnAckTimeout(acked(7, payments(1)), { status: 'acknowledged' }, 30, m(40));
    assert.deepEqual(
      re?.added.map((f) => [(f.at - T0) / MIN, f.stepIndex, f.round]),
      [
        [37, 1, 0],
        [47, 2, 0],
        [62, 0, 1],
        [67, 1, 1],
        [77, 2, 1],
      ],
    );
  });

  it('does nothing once the incident is mitigated or resolved, or without a timeout', () => {
    const state = acked(7);
    assert.equal(reescalateOnAckTimeout(state, { status: 'mitigated' }, 30, m(60)), null);
    assert.equal(reescalateOnAckTimeout(state, { status: 'resolved' }, 30, m(60)), null);
    assert.equal(reescalateOnAckTimeout(state, { status: 'acknowledged' }, null, m(600)), null);
    assert.equal(reescalateOnAckTimeout(start(payments()), { status: 'triggered' }, 30, m(600)), null);
  });

  it('re-pages the last step when the ack came after the escalation ran out', () => {
    const re = reescalateOnAckTimeout(acked(20), { status: 'acknowledged' }, 30, m(50));
    assert.deepEqual(
      re?.added.map((f) => [f.stepIndex, (f.at - T0) / MIN]),
      [[2, 50]],
    );
  });

  it('times out again after a second ack, from the step current then', () => {
    const first = reescalateOnAckTimeout(acked(7), { status: 'acknowledged' }, 30, m(37))!;
    const fired = drive(first.state, m(37), m(40)).state; // step 1 again at 37
    const second = acknowledgeEscalation(fired, m(40));
    assert.deepEqual(
      second.cancelled.map((f) => (f.at - T0) / MIN),
      [47],
    );
    const re = reescalateOnAckTimeout(second.state, { status: 'acknowledged' }, 30, m(70));
    assert.deepEqual(
      re?.added.map((f) => [f.seq, f.stepIndex, (f.at - T0) / MIN]),
      [
        [5, 1, 70],
        [6, 2, 80],
      ],
    );
  });

  it('replays the re-escalation from its start when it was acknowledged before it fired anything', () => {
    const first = reescalateOnAckTimeout(acked(7), { status: 'acknowledged' }, 30, m(37))!;
    const second = acknowledgeEscalation(first.state, m(37)); // acked again before the worker fired minute 37
    const re = reescalateOnAckTimeout(second.state, { status: 'acknowledged' }, 30, m(67));
    assert.deepEqual(
      re?.added.map((f) => [f.stepIndex, (f.at - T0) / MIN]),
      [
        [1, 67],
        [2, 77],
      ],
    );
  });
});

describe('escalation timing: the level’s response profile', () => {
  const people = {
    leadership: [{ kind: 'user' as const, id: 'ceo' }],
    incidentCommander: [{ kind: 'schedule' as const, id: 'incident-commanders' }],
  };

  it('level 1 starts at step 2, with the on-call, the leadership and the incident commander at once', () => {
    const adjustments = escalationAdjustments(DEFAULT_RESPONSE_PROFILES[1], payments(), people);
    assert.deepEqual(adjustments, {
      startStep: 2,
      escalate: true,
      extraTargets: [{ kind: 'schedule', id: 'pay-primary' }, ...people.leadership, ...people.incidentCommander],
      teamChannel: false,
    });
    const { pages } = drive(start(payments(1), adjustments), T0, m(24 * 60));
    assert.deepEqual(pages.slice(0, 2), [
      { minute: 0, step: 1, round: 0, users: ['bob', 'dan', 'alice', 'ceo', 'grace'] },
      { minute: 10, step: 2, round: 0, users: ['frank', 'bob', 'alice'] },
    ]);
    // The repeat runs the whole policy, and the leadership is not paged again.
    assert.deepEqual(
      pages.slice(2).map((p) => [p.minute, p.step, p.round]),
      [
        [25, 0, 1],
        [30, 1, 1],
        [40, 2, 1],
      ],
    );
    assert.ok(pages.slice(1).every((p) => !p.users.includes('ceo')));
  });

  it('a start step past the policy’s last step starts at the last step', () => {
    const adjustments = escalationAdjustments(DEFAULT_RESPONSE_PROFILES[1], payments(), people);
    const oneStep: EscalationPolicy = {
      id: 'ep',
      name: 'solo',
      repeat: 0,
      steps: [{ delayMinutes: 0, targets: [{ kind: 'user', id: 'zoe' }] }],
    };
    const { pages } = drive(start(oneStep, { ...adjustments, extraTargets: people.leadership }), T0, m(60));
    assert.deepEqual(pages, [{ minute: 0, step: 0, round: 0, users: ['zoe', 'ceo'] }]);
  });

  it('level 3 pages the on-call (the first step) once, without escalating', () => {
    const adjustments = escalationAdjustments(DEFAULT_RESPONSE_PROFILES[3], payments(), people);
    assert.deepEqual(adjustments, { startStep: 1, escalate: false, extraTargets: [], teamChannel: false });
    const { pages } = drive(start(payments(2), adjustments), T0, m(24 * 60));
    assert.deepEqual(pages, [{ minute: 0, step: 0, round: 0, users: ['alice'] }]);
  });

  it('level 4 pages nobody and only posts to the team channel', () => {
    const adjustments = escalationAdjustments(DEFAULT_RESPONSE_PROFILES[4], payments(), people);
    const plan = planEscalation({ policy: payments(2), adjustments, triggeredAt: T0 });
    assert.deepEqual(plan, { firings: [], teamChannelPostAt: T0 });
    assert.deepEqual(nextEscalationStep(startEscalation(plan), m(24 * 60)), { due: [], nextSeq: 0, wakeAt: null });
  });

  it('pages the extra targets alone when the profile runs no step of the policy', () => {
    const plan = planEscalation({
      policy: payments(),
      adjustments: { startStep: null, escalate: false, extraTargets: people.leadership, teamChannel: true },
      triggeredAt: T0,
    });
    assert.deepEqual(
      plan.firings.map((f) => [f.stepIndex, f.at, f.targets]),
      [[null, T0, people.leadership]],
    );
  });
});
