import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_KINDS, type CheckKind } from './check.js';
import { CHECKS, PROBE_CHECK_KINDS, checkFor, isCheckKind, isProbeCheckKind } from './registry.js';

describe('check registry', () => {
  it('has a plugin of its own kind for every probing kind', () => {
    assert.deepEqual(Object.keys(CHECKS).sort(), [...PROBE_CHECK_KINDS].sort());
    for (const kind of PROBE_CHECK_KINDS) {
      assert.equal(CHECKS[kind].kind, kind);
      assert.equal(checkFor(kind), CHECKS[kind]);
    }
  });

  it('heartbeat has no plugin: it is pushed, not probed', () => {
    assert.deepEqual(
      CHECK_KINDS.filter((k) => !isProbeCheckKind(k)),
      ['heartbeat'],
    );
    assert.equal(checkFor('heartbeat'), undefined);
  });

  it('isCheckKind knows every kind, heartbeat included', () => {
    for (const kind of CHECK_KINDS) assert.equal(isCheckKind(kind), true);
    for (const value of ['icmp', 'HTTP', '', 'toString']) assert.equal(isCheckKind(value), false, value);
    assert.equal(isProbeCheckKind('heartbeat'), false);
  });

  it('every plugin rejects a config that is not an object', () => {
    for (const kind of PROBE_CHECK_KINDS) assert.ok(CHECKS[kind].validateConfig(null).length > 0, kind);
  });

  it('run never rejects, whatever config it is handed', async () => {
    const ctx = { timeoutMs: 500, signal: new AbortController().signal, now: () => Date.now() };
    const garbage: unknown[] = [
      null,
      undefined,
      42,
      'x',
      {},
      { host: 7, port: 'x', url: [], name: {}, recordType: 'SRV', resolver: 'dns.google' },
    ];
    for (const kind of PROBE_CHECK_KINDS) {
      const check = checkFor(kind as CheckKind)!;
      for (const config of garbage) {
        const result = await check.run(config, ctx);
        assert.equal(result.status, 'down', `${kind} ${JSON.stringify(config)}`);
        assert.equal(typeof result.error, 'string');
      }
    }
  });
});
