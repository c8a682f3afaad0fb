import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupStatus, isBackupHeartbeat, rpoBreached } from './backup.js';

const MIN = 60_000;

describe('slo/backup', () => {
  it('knows a backup heartbeat by kind and role', () => {
    assert.equal(isBackupHeartbeat({ kind: 'heartbeat', config: { role: 'backup' } }), true);
    assert.equal(isBackupHeartbeat({ kind: 'heartbeat', config: {} }), false);
    assert.equal(isBackupHeartbeat({ kind: 'http', config: { role: 'backup' } }), false);
  });

  it('breaches the RPO only when the last good backup is strictly older than it', () => {
    const beat = { lastGoodAt: 1_000 * MIN, createdAt: 0 };
    assert.equal(rpoBreached(beat, 60, 1_060 * MIN), false, 'exactly the RPO old is in time');
    assert.equal(rpoBreached(beat, 60, 1_060 * MIN + 1), true);
    assert.equal(rpoBreached({ lastGoodAt: null, createdAt: 0 }, 60, 61 * MIN), true, 'no backup yet: counted from creation');
  });

  it('takes the oldest backup of a service as the one that bounds the loss', () => {
    const beats = [
      { lastGoodAt: 100 * MIN, createdAt: 0 },
      { lastGoodAt: 50 * MIN, createdAt: 0 },
    ];
    assert.deepEqual(backupStatus(beats, 60, 100 * MIN), { lastGoodBackupAt: 50 * MIN, rpoMet: true });
    assert.deepEqual(backupStatus(beats, 60, 111 * MIN), { lastGoodBackupAt: 50 * MIN, rpoMet: false });
    assert.deepEqual(backupStatus(beats, null, 111 * MIN), { lastGoodBackupAt: 50 * MIN, rpoMet: null }, 'no RPO: nothing to meet');
    assert.deepEqual(backupStatus([], 60, 0), { lastGoodBackupAt: null, rpoMet: null }, 'no backup heartbeat: unproven');
  });
});
