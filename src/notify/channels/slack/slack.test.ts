import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderMessage } from '../../message.js';
import type { SendDeps } from '../channel.js';
import { T0, aDelivery, aPage } from '../testing/builders.js';
import { localOnly, startReceiver, type Receiver } from '../testing/receiver.js';
import { fakeSlackWebhook } from './fake-slack.js';
import { slackChannel } from './slack.js';

const HOOK = '/services/T000/B000/XXXXXXXX';
const deps: SendDeps = { now: () => T0, http: localOnly(), timeoutMs: 2_000 };

describe('slack', () => {
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver(fakeSlackWebhook(HOOK));
  });
  after(() => receiver.close());

  it('posts the text with Slack markup neutralised', async () => {
    const page = aPage({ title: 'Alert <!channel> & <https://evil.example|click>', services: ['payments'], reasons: [] });
    const delivery = aDelivery({ webhookUrl: `${receiver.origin}${HOOK}` }, { messages: [page], rendered: renderMessage(page, 'en') });
    const outcome = await slackChannel.send(delivery, deps);
    assert.deepEqual(outcome, { status: 'sent', detail: 'HTTP 200: ok' });

    const req = receiver.requests.at(-1)!;
    const expected = [
      '[Level 1] #42 Alert &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;',
      'Affected services: payments',
      'Open for 12 min',
      'Acknowledge: https://fenghuo.example.com/i/42/ack?t=abc',
      'Resolve: https://fenghuo.example.com/i/42/resolve?t=abc',
    ].join('\n');
    assert.equal(req.body.toString('utf8'), JSON.stringify({ text: expected }));
  });

  it('a hook Slack does not know (revoked) → failed', async () => {
    const outcome = await slackChannel.send(aDelivery({ webhookUrl: `${receiver.origin}/services/T000/B000/REVOKED` }), deps);
    assert.deepEqual(outcome, { status: 'failed', detail: 'HTTP 404: no_service' });
  });

  it('429 from Slack → retry after its Retry-After', async () => {
    const limited = await startReceiver(() => ({ status: 429, headers: { 'retry-after': '7' }, body: 'rate_limited' }));
    try {
      const outcome = await slackChannel.send(aDelivery({ webhookUrl: `${limited.origin}${HOOK}` }), deps);
      assert.deepEqual(outcome, { status: 'retry', detail: 'HTTP 429: rate_limited', retryAfterMs: 7_000 });
    } finally {
      await limited.close();
    }
  });

  it('validateConfig wants an http(s) webhookUrl and nothing else', () => {
    assert.deepEqual(slackChannel.validateConfig({ webhookUrl: 'https://hooks.slack.com/services/T/B/X' }), []);
    assert.deepEqual(
      slackChannel.validateConfig({ webhookUrl: 'hooks.slack.com/x' }).map((i) => i.field),
      ['config.webhookUrl'],
    );
    assert.deepEqual(
      slackChannel.validateConfig({}).map((i) => i.field),
      ['config.webhookUrl'],
    );
  });
});
