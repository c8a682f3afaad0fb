import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonPath, valueAt } from './json-path.js';

const segments = (path: string): unknown => {
  const parsed = parseJsonPath(path);
  return 'segments' in parsed ? parsed.segments : parsed.error;
};

describe('json path subset', () => {
  it('parses dot keys, indexes and quoted keys', () => {
    assert.deepEqual(segments('$'), []);
    assert.deepEqual(segments('$.status'), ['status']);
    assert.deepEqual(segments('$.items[0].ok'), ['items', 0, 'ok']);
    assert.deepEqual(segments(`$['a.b']["c d"][12]`), ['a.b', 'c d', 12]);
    assert.deepEqual(segments(`$['it\\'s']`), ["it's"]);
    assert.deepEqual(segments('$.服务.状态'), ['服务', '状态']);
  });

  it('rejects everything else', () => {
    for (const path of ['status', '$..a', '$.*', '$[*]', '$[-1]', '$[01]', '$[?(@.a)]', '$[0:2]', '$.', '$.a b', `$['open`]) {
      assert.equal(typeof segments(path), 'string', path);
    }
    assert.match(segments('.a') as string, /must start with \$/);
    assert.match(segments(`$${'.a'.repeat(33)}`) as string, /at most 32/);
  });

  it('finds own values only', () => {
    const doc: unknown = JSON.parse('{"a":{"b":[10,{"c":null}]},"__proto__":{"x":1}}');
    assert.deepEqual(valueAt(doc, ['a', 'b', 0]), { found: true, value: 10 });
    assert.deepEqual(valueAt(doc, ['a', 'b', 1, 'c']), { found: true, value: null });
    assert.deepEqual(valueAt(doc, ['a', 'b', 2]), { found: false });
    assert.deepEqual(valueAt(doc, ['a', 'b', 'length']), { found: false });
    assert.deepEqual(valueAt(doc, ['a', 0]), { found: false });
    assert.deepEqual(valueAt(doc, ['constructor']), { found: false });
    assert.deepEqual(valueAt(doc, ['toString']), { found: false });
    assert.deepEqual(valueAt(doc, ['__proto__', 'x']), { found: true, value: 1 });
    assert.deepEqual(valueAt('text', ['a']), { found: false });
  });
});
