import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maintenanceState } from './maintenance-state.js';
import { hostOfHeader, isValidSlug, normalizeBranding, normalizeHostname, normalizeHostnames } from './page-settings.js';

describe('status/page-settings', () => {
  it('accepts slugs of a-z, 0-9 and -, not starting with -, at most 63 characters', () => {
    for (const ok of ['acme', '0', 'acme-status', 'a'.repeat(63)]) assert.equal(isValidSlug(ok), true, ok);
    for (const bad of ['', '-acme', 'Acme', 'acme_status', 'a'.repeat(64), 'acme/x', 'ünicode']) assert.equal(isValidSlug(bad), false, bad);
  });

  it('normalises host names and refuses what is not one', () => {
    assert.equal(normalizeHostname(' Status.Example.COM. '), 'status.example.com');
    assert.equal(normalizeHostname('localhost'), 'localhost');
    for (const bad of [
      '',
      'status.example.com:443',
      'https://x.com',
      '-bad.example.com',
      'bad-.example.com',
      'a..b',
      'x_y.com',
      `${'a'.repeat(64)}.com`,
    ]) {
      assert.equal(normalizeHostname(bad), null, bad);
    }
    assert.deepEqual(normalizeHostnames(['A.example.com', 'a.example.com', 'not a host']), {
      hostnames: ['a.example.com'],
      issues: [{ field: 'hostnames[2]', message: '"not a host" is not a host name' }],
    });
  });

  it('reads the host of a Host header, port and all', () => {
    assert.equal(hostOfHeader('Status.Example.com:8443'), 'status.example.com');
    assert.equal(hostOfHeader('status.example.com'), 'status.example.com');
    assert.equal(hostOfHeader('[::1]:80'), null);
    assert.equal(hostOfHeader('a b'), null);
  });

  it('wants an https logo and a #rrggbb colour', () => {
    assert.deepEqual(normalizeBranding({ logoUrl: 'https://cdn.example.com/logo.svg', primaryColor: '#FF8800' }), {
      branding: { logoUrl: 'https://cdn.example.com/logo.svg', primaryColor: '#ff8800' },
      issues: [],
    });
    assert.deepEqual(normalizeBranding({}).branding, { logoUrl: null, primaryColor: null });
    const bad = normalizeBranding({ logoUrl: 'http://cdn.example.com/logo.svg', primaryColor: 'red' });
    assert.deepEqual(
      bad.issues.map((i) => i.field),
      ['branding.logoUrl', 'branding.primaryColor'],
    );
    assert.equal(normalizeBranding({ logoUrl: 'https://user:pw@cdn.example.com/x.png' }).issues.length, 1, 'no credentials in URLs');
    assert.equal(normalizeBranding({ logoUrl: 'javascript:alert(1)' }).issues.length, 1);
  });

  it('tells maintenance ahead, in progress on [startsAt, endsAt) and completed', () => {
    const m = { startsAt: 100, endsAt: 200 };
    assert.equal(maintenanceState(m, 99), 'scheduled');
    assert.equal(maintenanceState(m, 100), 'in_progress');
    assert.equal(maintenanceState(m, 199), 'in_progress');
    assert.equal(maintenanceState(m, 200), 'completed');
  });
});
