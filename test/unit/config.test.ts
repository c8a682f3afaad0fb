import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_POLICY } from '../../src/domain/grading/policy.js';
import { parsePolicyYaml } from '../../src/domain/grading/parse-policy.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.databaseUrl, null);
    assert.ok(config.dataDir.endsWith('/data'));
    assert.equal(config.bodyLimitBytes, 1024 * 1024);
    assert.equal(config.adminPassword, null);
    assert.equal(config.policy, DEFAULT_POLICY);
  });

  const bad: Array<[Record<string, string>, string, RegExp]> = [
    [{ FENGHUO_PORT: 'http' }, 'FENGHUO_PORT', /whole number/],
    [{ FENGHUO_PORT: '70000' }, 'FENGHUO_PORT', /between 0 and 65535/],
    [{ FENGHUO_DATABASE_URL: 'mysql://x/y' }, 'FENGHUO_DATABASE_URL', /postgres:\/\//],
    [{ FENGHUO_DATABASE_URL: 'not a url' }, 'FENGHUO_DATABASE_URL', /valid URL/],
    [{ FENGHUO_BODY_LIMIT: '-1' }, 'FENGHUO_BODY_LIMIT', /whole number/],
    [{ FENGHUO_COOKIE_SECURE: 'maybe' }, 'FENGHUO_COOKIE_SECURE', /true or false/],
    [{ FENGHUO_LOG_LEVEL: 'loud' }, 'FENGHUO_LOG_LEVEL', /one of/],
    [{ FENGHUO_ADMIN_PASSWORD: 'short' }, 'FENGHUO_ADMIN_PASSWORD', /at least 8/],
    [{ FENGHUO_ADMIN_EMAIL: 'nobody' }, 'FENGHUO_ADMIN_EMAIL', /e-mail/],
    [{ FENGHUO_POLICY_FILE: '/nonexistent/policy.yaml' }, 'FENGHUO_POLICY_FILE', /cannot read/],
  ];
  for (const [env, variable, message] of bad) {
    it(`names ${variable} when it is ${JSON.stringify(Object.values(env)[0])}`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) =>
          err instanceof ConfigError && err.variable === variable && message.test(err.message) && err.message.startsWith(variable),
      );
    });
  }

  it('names the bad field of a policy file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fh-config-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'scope:\n  largePct: 250\n');
    assert.throws(() => loadConfig({ FENGHUO_POLICY_FILE: file }), /FENGHUO_POLICY_FILE: .*scope\.largePct/s);
  });

  it('loads a valid policy file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fh-config-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'name: tight\nscope:\n  largePct: 5\n');
    const config = loadConfig({ FENGHUO_POLICY_FILE: file });
    assert.equal(config.policy.name, 'tight');
    assert.equal(config.policy.scope.largePct, 5);
  });
});

describe('the documented example policy', () => {
  it('parses, and says what its comments say', () => {
    const policy = parsePolicyYaml(readFileSync(join(ROOT, 'docs', 'policy.example.yaml'), 'utf8'), 'docs/policy.example.yaml');
    assert.equal(policy.name, 'example-org');
    assert.equal(policy.levels[1].nationalTier, '特别重大');
    assert.equal(policy.levels[1].en, 'Sev 1 — major');
    assert.equal(policy.scope.largeUsers, 1_000_000);
    assert.deepEqual(policy.durationEscalation, [{ fromLevel: 2, afterMinutes: 120, toLevel: 1 }]);
    assert.deepEqual(
      policy.rules.map((r) => [r.kind, r.level]),
      DEFAULT_POLICY.rules.map((r) => [r.kind, r.level]),
    );
    assert.equal(policy.responseProfiles[2].postmortem.dueWorkingDays, 3);
    assert.equal(policy.responseProfiles[2].postmortem.required, true);
  });
});

describe('FENGHUO_SECRET_KEY', () => {
  it('accepts 64 hex characters and refuses anything that is not 32 bytes', () => {
    const hex = 'ab'.repeat(32);
    assert.equal(loadConfig({ FENGHUO_SECRET_KEY: hex }).secretKey?.toString('hex'), hex);
    assert.equal(loadConfig({}).secretKey, null);
    assert.throws(() => loadConfig({ FENGHUO_SECRET_KEY: 'abcd' }), /FENGHUO_SECRET_KEY: must be 32 bytes/);
  });
});
