import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHeartbeatPush } from './parse.js';

describe('parseHeartbeatPush (Uptime Kuma push parameters)', () => {
  it('defaults to up with no message and no ping', () => {
    assert.deepEqual(parseHeartbeatPush({}), { status: 'up', msg: null, ping: null });
    assert.deepEqual(parseHeartbeatPush({ status: '', msg: '', ping: '' }), { status: 'up', msg: null, ping: null });
  });

  it('reads what Uptime Kuma push scripts send', () => {
    assert.deepEqual(parseHeartbeatPush({ status: 'up', msg: 'OK', ping: '12.5' }), { status: 'up', msg: 'OK', ping: 12.5 });
    assert.deepEqual(parseHeartbeatPush({ status: 'down', msg: 'backup failed: exit 2' }), {
      status: 'down',
      msg: 'backup failed: exit 2',
      ping: null,
    });
  });

  it('treats any status other than up as down, as Uptime Kuma does (case-insensitively)', () => {
    assert.deepEqual(parseHeartbeatPush({ status: 'UP' }), { status: 'up', msg: null, ping: null });
    assert.deepEqual(parseHeartbeatPush({ status: 'failed' }), { status: 'down', msg: null, ping: null });
  });

  it('reads ping with parseFloat and ignores text that is not a number', () => {
    assert.deepEqual(parseHeartbeatPush({ ping: '250ms' }), { status: 'up', msg: null, ping: 250 });
    assert.deepEqual(parseHeartbeatPush({ ping: 'fast' }), { status: 'up', msg: null, ping: null });
    assert.deepEqual(parseHeartbeatPush({ ping: 0 }), { status: 'up', msg: null, ping: 0 });
  });

  it('refuses a ping outside 0–1e11 ms', () => {
    const error = { error: 'Invalid ping value. Must be between 0 and 100000000000 ms.' };
    assert.deepEqual(parseHeartbeatPush({ ping: '-1' }), error);
    assert.deepEqual(parseHeartbeatPush({ ping: '1e12' }), error);
  });

  it('refuses repeated or structured parameters instead of guessing', () => {
    assert.deepEqual(parseHeartbeatPush({ status: ['up', 'down'] }), { error: 'status must be given at most once, as text' });
    assert.deepEqual(parseHeartbeatPush({ msg: { a: 1 } }), { error: 'msg must be given at most once, as text' });
    assert.deepEqual(parseHeartbeatPush({ ping: true }), { error: 'ping must be given at most once, as text' });
    assert.deepEqual(parseHeartbeatPush(null as unknown as Record<string, unknown>), { error: 'query must be an object' });
  });

  it('cuts a very long message', () => {
    const beat = parseHeartbeatPush({ msg: 'x'.repeat(5000) });
    assert.ok(!('error' in beat));
    assert.equal(beat.msg?.length, 1024);
  });
});
