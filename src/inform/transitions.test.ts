import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextTransitionAt } from './transitions.js';
import { aSnapshot, DAY, NOW } from './testing/snapshots.js';

describe('nextTransitionAt', () => {
  const midnight = Date.UTC(2026, 10, 21);
  const m = { id: 'm', title: 't', body: '', componentIds: [] };

  it('is the next UTC midnight when nothing else happens sooner', () => {
    assert.equal(nextTransitionAt(aSnapshot()), midnight);
  });

  it('is the start of a scheduled maintenance, then its end', () => {
    assert.equal(
      nextTransitionAt(aSnapshot({ maintenances: [{ ...m, startsAt: NOW + 60_000, endsAt: NOW + 120_000, state: 'scheduled' }] })),
      NOW + 60_000,
    );
    assert.equal(
      nextTransitionAt(aSnapshot({ maintenances: [{ ...m, startsAt: NOW - 60_000, endsAt: NOW + 120_000, state: 'in_progress' }] })),
      NOW + 120_000,
    );
  });

  it('is when completed maintenance or a past incident leaves the page', () => {
    const ended = NOW - 7 * DAY + 5000;
    assert.equal(
      nextTransitionAt(aSnapshot({ maintenances: [{ ...m, startsAt: ended - 1000, endsAt: ended, state: 'completed' }] })),
      NOW + 5000,
    );
    const incident = { id: 'i', title: 't', impact: 'minor' as const, stage: 'resolved' as const, componentIds: [], updates: [] };
    const past = aSnapshot({ pastIncidents: [{ ...incident, startedAt: NOW - 91 * DAY, resolvedAt: NOW - 90 * DAY + 7000 }] });
    assert.equal(nextTransitionAt(past), NOW + 7000);
  });
});
