import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transitiveDependents, validateCatalog } from '../../src/domain/catalog/service.js';
import { FenghuoError } from '../../src/domain/errors.js';
import { seedCatalog, service } from '../helpers/catalog-builders.js';

function catchError(fn: () => unknown): FenghuoError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof FenghuoError, `expected a FenghuoError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

describe('validateCatalog', () => {
  it('accepts the seed catalog (a DAG)', () => {
    assert.doesNotThrow(() => validateCatalog(seedCatalog()));
  });

  it('accepts a diamond (shared dependencies are not cycles)', () => {
    assert.doesNotThrow(() =>
      validateCatalog([
        service('base'),
        service('left', { dependsOn: ['base'] }),
        service('right', { dependsOn: ['base'] }),
        service('top', { dependsOn: ['left', 'right', 'base'] }),
      ]),
    );
  });

  it('rejects a service that depends on itself', () => {
    const err = catchError(() => validateCatalog([service('other'), service('loop', { dependsOn: ['other', 'loop'] })]));
    assert.equal(err.code, 'dependency_cycle');
    assert.match(err.message, /loop/);
    assert.deepEqual(
      err.details?.map((d) => d.field),
      ['dependsOn[1]'],
    );
  });

  it('rejects an unknown dependency, naming the field and the id', () => {
    const err = catchError(() => validateCatalog([service('db'), service('api', { dependsOn: ['db', 'ghost'] })]));
    assert.equal(err.code, 'unknown_service');
    assert.match(err.message, /ghost/);
    assert.match(err.message, /api/);
    assert.deepEqual(
      err.details?.map((d) => d.field),
      ['dependsOn[1]'],
    );
  });

  it('rejects a 3-node cycle and lists its path with " → "', () => {
    const err = catchError(() =>
      validateCatalog([
        service('a', { dependsOn: ['b'] }),
        service('b', { dependsOn: ['c'] }),
        service('c', { dependsOn: ['a'] }),
        service('d', { dependsOn: ['a'] }),
      ]),
    );
    assert.equal(err.code, 'dependency_cycle');
    const rotations = ['a → b → c → a', 'b → c → a → b', 'c → a → b → c'];
    assert.ok(
      rotations.some((r) => err.message.includes(r)),
      `message should list the cycle path: ${err.message}`,
    );
    assert.doesNotMatch(err.message, /\bd\b/, 'd depends on the cycle but is not part of it');
  });

  it('rejects a cycle hidden behind a DAG part of the graph', () => {
    const err = catchError(() =>
      validateCatalog([...seedCatalog(), service('x', { dependsOn: ['chat', 'y'] }), service('y', { dependsOn: ['x'] })]),
    );
    assert.equal(err.code, 'dependency_cycle');
    assert.ok(err.message.includes('x → y → x') || err.message.includes('y → x → y'), err.message);
  });
});

describe('transitiveDependents', () => {
  // apex → top → {left, right} → base; top also depends on base directly.
  const diamond = [
    service('base'),
    service('left', { dependsOn: ['base'] }),
    service('right', { dependsOn: ['base'] }),
    service('top', { dependsOn: ['left', 'right', 'base'] }),
    service('apex', { dependsOn: ['top'] }),
    service('unrelated'),
  ];

  it('returns each dependent once, at every depth, nearest first', () => {
    const result = transitiveDependents(diamond, 'base');
    const ids = result.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `duplicates in ${ids.join(', ')}`);
    assert.deepEqual([...ids].sort(), ['apex', 'left', 'right', 'top']);
    assert.ok(!ids.includes('base'), 'a service is not its own dependent');
    assert.ok(!ids.includes('unrelated'));
    assert.equal(ids.at(-1), 'apex', 'the deepest dependent comes last');
  });

  it('gives each dependent a real dependency path down to the component, as short as possible', () => {
    const byId = new Map(diamond.map((s) => [s.id, s]));
    const result = transitiveDependents(diamond, 'base');
    const expectedLength: Record<string, number> = { left: 2, right: 2, top: 2, apex: 3 };
    for (const { id, path } of result) {
      assert.equal(path[0], id, `path of ${id} starts at it`);
      assert.equal(path.at(-1), 'base', `path of ${id} ends at base`);
      assert.equal(path.length, expectedLength[id], `path of ${id}: ${path.join(' → ')}`);
      for (let i = 0; i + 1 < path.length; i++) {
        const from = path[i] ?? '';
        const to = path[i + 1] ?? '';
        assert.ok(byId.get(from)?.dependsOn.includes(to), `${from} does not depend on ${to} (path ${path.join(' → ')})`);
      }
    }
  });

  it('finds the seed services above the data centre with their paths', () => {
    assert.deepEqual(transitiveDependents(seedCatalog(), 'gz-dc1'), [
      { id: 'storage', path: ['storage', 'gz-dc1'] },
      { id: 'chat', path: ['chat', 'storage', 'gz-dc1'] },
      { id: 'voice-to-text', path: ['voice-to-text', 'storage', 'gz-dc1'] },
      { id: 'wechat-pay', path: ['wechat-pay', 'storage', 'gz-dc1'] },
    ]);
  });

  it('returns nothing for a service nobody depends on', () => {
    assert.deepEqual(transitiveDependents(seedCatalog(), 'chat'), []);
    assert.deepEqual(transitiveDependents(seedCatalog(), 'sms-vendor'), []);
  });
});
