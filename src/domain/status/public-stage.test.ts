import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFenghuoError } from '../errors.js';
import { advancePublicStage, allowedNextStages, initialPublicStage } from './public-stage.js';

describe('status/public-stage', () => {
  it('moves forward or stays, skipping allowed', () => {
    assert.deepEqual(advancePublicStage({ stage: 'investigating', resolvedAt: null }, 'investigating', 10), {
      stage: 'investigating',
      resolvedAt: null,
    });
    assert.deepEqual(advancePublicStage({ stage: 'investigating', resolvedAt: null }, 'monitoring', 10), {
      stage: 'monitoring',
      resolvedAt: null,
    });
    assert.deepEqual(allowedNextStages('identified'), ['identified', 'monitoring', 'resolved']);
  });

  it('refuses to go back while open', () => {
    assert.throws(
      () => advancePublicStage({ stage: 'monitoring', resolvedAt: null }, 'identified', 10),
      (err) => isFenghuoError(err) && err.code === 'invalid_transition' && err.details?.[0]?.field === 'stage',
    );
  });

  it('stamps resolvedAt once; a later resolved update keeps the first time', () => {
    const resolved = advancePublicStage({ stage: 'monitoring', resolvedAt: null }, 'resolved', 100);
    assert.deepEqual(resolved, { stage: 'resolved', resolvedAt: 100 });
    assert.deepEqual(advancePublicStage(resolved, 'resolved', 200), { stage: 'resolved', resolvedAt: 100 });
  });

  it('reopens a resolved incident with any open stage, clearing resolvedAt', () => {
    assert.deepEqual(allowedNextStages('resolved'), ['investigating', 'identified', 'monitoring', 'resolved']);
    assert.deepEqual(advancePublicStage({ stage: 'resolved', resolvedAt: 100 }, 'investigating', 300), {
      stage: 'investigating',
      resolvedAt: null,
    });
  });

  it('starts resolved (a post written after the fact) with resolvedAt set', () => {
    assert.deepEqual(initialPublicStage('resolved', 7), { stage: 'resolved', resolvedAt: 7 });
    assert.deepEqual(initialPublicStage('identified', 7), { stage: 'identified', resolvedAt: null });
  });
});
