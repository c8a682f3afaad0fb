import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANNEL_KINDS } from './channel.js';
import { CHANNELS, channelFor, isChannelKind } from './registry.js';

describe('channel registry', () => {
  it('has one plugin per kind, each answering to its own kind', () => {
    assert.deepEqual(Object.keys(CHANNELS).sort(), [...CHANNEL_KINDS].sort());
    for (const kind of CHANNEL_KINDS) assert.equal(channelFor(kind).kind, kind);
  });

  it('people channels are e-mail and SMS/voice; the rest post to an endpoint', () => {
    const people = CHANNEL_KINDS.filter((k) => channelFor(k).addresses === 'people');
    assert.deepEqual(people, ['email', 'sms-gateway']);
  });

  it('every plugin rejects a config that is not an object, naming a field', () => {
    for (const kind of CHANNEL_KINDS) {
      const issues = channelFor(kind).validateConfig('https://example.com');
      assert.ok(issues.length > 0, kind);
      assert.ok(
        issues.every((i) => i.field.startsWith('config')),
        kind,
      );
    }
  });

  it('isChannelKind', () => {
    assert.equal(isChannelKind('wecom'), true);
    assert.equal(isChannelKind('pagerduty'), false);
  });
});
