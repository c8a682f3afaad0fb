import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileMatchers,
  formatMatcher,
  matchesAll,
  MAX_MATCHER_REGEX_LENGTH,
  parseMatcher,
  parseMatchers,
  validateMatchers,
  type Matcher,
} from './matchers.js';

function parsed(text: string): Matcher {
  const r = parseMatcher(text);
  if (!r.ok) assert.fail(`expected ${JSON.stringify(text)} to parse, got: ${r.error}`);
  return r.matcher;
}

function parseError(text: string): string {
  const r = parseMatcher(text);
  if (r.ok) assert.fail(`expected ${JSON.stringify(text)} not to parse, got ${JSON.stringify(r.matcher)}`);
  return r.error;
}

const m = (name: string, op: Matcher['op'], value: string): Matcher => ({ name, op, value });

/** matchesAll and the compiled predicate must always agree; check both at once. */
function matches(list: Matcher[], labels: Record<string, string>): boolean {
  const a = matchesAll(list, labels);
  const b = compileMatchers(list)(labels);
  assert.equal(b, a, `compileMatchers and matchesAll disagree on ${JSON.stringify(list)} / ${JSON.stringify(labels)}`);
  return a;
}

describe('suppression/matchers: parseMatcher', () => {
  it('parses each operator, quoted and unquoted', () => {
    assert.deepEqual(parsed('service="pay"'), m('service', '=', 'pay'));
    assert.deepEqual(parsed('severity=~"crit.*"'), m('severity', '=~', 'crit.*'));
    assert.deepEqual(parsed('env!="dev"'), m('env', '!=', 'dev'));
    assert.deepEqual(parsed('team!~"ops|sre"'), m('team', '!~', 'ops|sre'));
    assert.deepEqual(parsed('env!=dev'), m('env', '!=', 'dev'));
    assert.deepEqual(parsed('severity=~crit.*'), m('severity', '=~', 'crit.*'));
    assert.deepEqual(parsed('  team !~ "ops sre"  '), m('team', '!~', 'ops sre'));
  });

  it('accepts empty values and values with spaces or commas when quoted', () => {
    assert.deepEqual(parsed('env=""'), m('env', '=', ''));
    assert.deepEqual(parsed('env='), m('env', '=', ''));
    assert.deepEqual(parsed('summary="disk full, again"'), m('summary', '=', 'disk full, again'));
  });

  it('decodes \\" and \\\\ in quoted values and keeps other backslashes (regex escapes)', () => {
    assert.deepEqual(parsed('msg="say \\"hi\\""'), m('msg', '=', 'say "hi"'));
    assert.deepEqual(parsed('path="C:\\\\tmp"'), m('path', '=', 'C:\\tmp'));
    assert.deepEqual(parsed('code=~"\\d+"'), m('code', '=~', '\\d+'));
  });

  it('rejects bad names, missing operators, unterminated quotes and trailing text', () => {
    assert.match(parseError('1abc="x"'), /label name/);
    assert.match(parseError('se-rvice="x"'), /expected one of/);
    assert.match(parseError('service'), /expected one of/);
    assert.match(parseError('="x"'), /label name/);
    assert.match(parseError('service="pay'), /unterminated/);
    assert.match(parseError('service=pay now'), /unexpected/);
    assert.match(parseError('service=="pay"'), /unexpected/);
  });

  it('rejects a regex that does not compile, with the reason', () => {
    assert.match(parseError('severity=~"crit(["'), /invalid regex/);
  });

  it('round-trips through formatMatcher', () => {
    for (const value of ['pay', '', 'a "quoted" word', 'back\\slash', 'ends with \\', '\\d+', 'tab\tand\nnewline', '\\"', '\\n']) {
      for (const op of ['=', '!=', '=~', '!~'] as const) {
        if ((op === '=~' || op === '!~') && value.endsWith('\\')) continue; // not a valid regex
        const matcher = m('label', op, value);
        assert.deepEqual(parsed(formatMatcher(matcher)), matcher, formatMatcher(matcher));
      }
    }
  });
});

describe('suppression/matchers: parseMatchers', () => {
  it('parses a braced, comma-separated list with a trailing comma', () => {
    const r = parseMatchers('{service="pay", severity=~"crit.*",}');
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.matchers, [m('service', '=', 'pay'), m('severity', '=~', 'crit.*')]);
  });

  it('parses a bare list and keeps commas inside quotes', () => {
    const r = parseMatchers('summary="a, b",env=prod');
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.matchers, [m('summary', '=', 'a, b'), m('env', '=', 'prod')]);
  });

  it('rejects an empty list, a missing comma and a list that matches the empty string', () => {
    assert.equal(parseMatchers('{}').ok, false);
    assert.equal(parseMatchers('a="1" b="2"').ok, false);
    assert.equal(parseMatchers('{a="1"').ok, false);
    assert.equal(parseMatchers('env!="prod"').ok, false);
  });
});

describe('suppression/matchers: matching', () => {
  const labels = { service: 'pay', severity: 'critical', env: 'prod' };

  it('= matches equal values only', () => {
    assert.equal(matches([m('service', '=', 'pay')], labels), true);
    assert.equal(matches([m('service', '=', 'payment')], labels), false);
    assert.equal(matches([m('service', '=', 'Pay')], labels), false);
  });

  it('!= matches different values only', () => {
    assert.equal(matches([m('env', '!=', 'dev')], labels), true);
    assert.equal(matches([m('env', '!=', 'prod')], labels), false);
  });

  it('=~ matches the regex against the whole value', () => {
    assert.equal(matches([m('severity', '=~', 'crit.*')], labels), true);
    assert.equal(matches([m('severity', '=~', 'warn.*')], labels), false);
  });

  it('!~ matches when the regex does not match the whole value', () => {
    assert.equal(matches([m('severity', '!~', 'warn.*')], labels), true);
    assert.equal(matches([m('severity', '!~', 'crit.*')], labels), false);
  });

  it('anchors regexes: =~"crit" does not match "critical", and alternations are anchored as a whole', () => {
    assert.equal(matches([m('severity', '=~', 'crit')], labels), false);
    assert.equal(matches([m('severity', '!~', 'crit')], labels), true);
    assert.equal(matches([m('severity', '=~', 'itic')], labels), false);
    assert.equal(matches([m('x', '=~', 'a|b')], { x: 'ab' }), false);
    assert.equal(matches([m('x', '=~', 'a|b')], { x: 'xb' }), false);
    assert.equal(matches([m('x', '=~', 'a|b')], { x: 'b' }), true);
  });

  it('honours a leading (?i)', () => {
    assert.equal(matches([m('severity', '=~', '(?i)CRIT.*')], labels), true);
    assert.equal(matches([m('severity', '=~', 'CRIT.*')], labels), false);
  });

  it('treats an absent label as the empty string', () => {
    assert.equal(matches([m('team', '=', '')], labels), true);
    assert.equal(matches([m('team', '!=', '')], labels), false);
    assert.equal(matches([m('team', '!=', '')], { ...labels, team: 'sre' }), true);
    assert.equal(matches([m('team', '!=', 'sre')], labels), true);
    assert.equal(matches([m('team', '=~', '.*')], labels), true);
    assert.equal(matches([m('team', '=~', '.+')], labels), false);
    assert.equal(matches([m('team', '!~', '.+')], labels), true);
  });

  it('does not see inherited object properties as labels', () => {
    assert.equal(matches([m('constructor', '!=', '')], {}), false);
    assert.equal(matches([m('toString', '=', '')], {}), true);
    assert.equal(matches([m('__proto__', '!=', '')], {}), false);
  });

  it('requires every matcher to match', () => {
    assert.equal(matches([m('service', '=', 'pay'), m('env', '=', 'prod')], labels), true);
    assert.equal(matches([m('service', '=', 'pay'), m('env', '=', 'dev')], labels), false);
    assert.equal(matches([m('severity', '=~', 'crit.*'), m('service', '=', 'shop')], labels), false);
  });

  it('matches nothing with an empty list or an invalid regex', () => {
    assert.equal(matches([], labels), false);
    assert.equal(matches([m('severity', '=~', '(')], labels), false);
    assert.equal(matches([m('severity', '!~', '(')], labels), false);
    assert.equal(matches([m('service', '=', 'pay'), m('severity', '=~', '[')], labels), false);
    assert.equal(matches([{ name: 'service', op: '==' as Matcher['op'], value: 'pay' }], labels), false);
  });

  it('compileMatchers keeps its own copy of the matchers', () => {
    const list = [m('service', '=', 'pay')];
    const test = compileMatchers(list);
    list[0] = m('service', '=', 'shop');
    assert.equal(test(labels), true);
  });
});

describe('suppression/matchers: validateMatchers', () => {
  it('accepts a valid list', () => {
    assert.deepEqual(validateMatchers([m('service', '=', 'pay'), m('severity', '=~', 'crit.*'), m('env', '!=', '')]), []);
  });

  it('requires at least one matcher', () => {
    assert.deepEqual(validateMatchers([]), [{ field: 'matchers', message: 'at least one matcher is required' }]);
  });

  it('reports an invalid regex on the matcher value', () => {
    const issues = validateMatchers([m('service', '=', 'pay'), m('severity', '=~', 'crit(')]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.field, 'matchers[1].value');
    assert.match(issues[0]?.message ?? '', /invalid regex/);
  });

  it('reports invalid label names', () => {
    const issues = validateMatchers([m('9lives', '=', 'x'), m('a-b', '=', 'x'), m('_ok', '=', 'x')]);
    assert.deepEqual(
      issues.map((i) => i.field),
      ['matchers[0].name', 'matchers[1].name'],
    );
  });

  it('rejects regexes longer than 1,000 characters', () => {
    const ok = 'a'.repeat(MAX_MATCHER_REGEX_LENGTH);
    assert.deepEqual(validateMatchers([m('x', '=~', ok)]), []);
    const issues = validateMatchers([m('x', '=~', `${ok}a`)]);
    assert.equal(issues[0]?.field, 'matchers[0].value');
    assert.match(issues[0]?.message ?? '', /longer than 1000/);
  });

  it('rejects backreferences and lookaround (not RE2, and a backtracking hazard)', () => {
    assert.equal(validateMatchers([m('x', '=~', '(a)\\1')]).length, 1);
    assert.equal(validateMatchers([m('x', '=~', 'a(?=b)')]).length, 1);
    assert.equal(validateMatchers([m('x', '=~', '(?<!a)b')]).length, 1);
    // Escaped or bracketed look-alikes are fine.
    assert.deepEqual(validateMatchers([m('x', '=~', '\\\\1|[(?=]')]), []);
  });

  it('rejects a list whose matchers all match the empty string', () => {
    const issues = validateMatchers([m('env', '!=', 'prod'), m('team', '=~', '.*')]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.field, 'matchers');
    assert.deepEqual(validateMatchers([m('env', '!=', 'prod'), m('service', '=', 'pay')]), []);
  });
});
