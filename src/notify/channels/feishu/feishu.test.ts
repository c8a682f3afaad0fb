import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { SendDeps } from '../channel.js';
import { aDelivery } from '../testing/builders.js';
import { localOnly, startReceiver, type Receiver } from '../testing/receiver.js';
import { fakeFeishuBot } from './fake-feishu.js';
import { feishuChannel, feishuSign, readFeishuReply, type FeishuConfig } from './feishu.js';

const SECRET = 'fenghuo-test-secret';
const HOOK = '/open-apis/bot/v2/hook/0b1c2d3e-feed-4bee-8c0d-abcdef012345';
const TS = 1700000000; // seconds, as Feishu wants
// printf '' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '1700000000\nfenghuo-test-secret' | xxd -p | tr -d '\n') -binary | base64
const TS_SIGN = 'YLRmTuTFJaRmUWfARquumHBpPXxcqvRMD1zI9vSkREM=';

describe('feishu: signature', () => {
  it('matches the known vector (computed with openssl)', () => {
    assert.equal(feishuSign(SECRET, TS), TS_SIGN);
  });

  it('matches an independent HMAC (key = "timestamp\\nsecret", empty message) for other timestamps', () => {
    for (const ts of [1, 1734567890, 1900000000]) {
      const expected = createHmac('sha256', Buffer.from(`${ts}\n${SECRET}`))
        .digest()
        .toString('base64');
      assert.equal(feishuSign(SECRET, ts), expected);
    }
  });
});

describe('feishu: against the fake bot', () => {
  let clock = TS * 1000 + 999; // the signed timestamp is whole seconds
  let receiver: Receiver;
  let config: FeishuConfig;
  const deps: SendDeps = { now: () => clock, http: localOnly(), timeoutMs: 2_000 };
  before(async () => {
    receiver = await startReceiver(fakeFeishuBot({ hookPath: HOOK, secret: SECRET, now: () => clock }));
    config = { webhookUrl: `${receiver.origin}${HOOK}`, secret: SECRET };
  });
  after(() => receiver.close());

  it('puts timestamp (s) and sign in the body, then msg_type and content', async () => {
    const delivery = aDelivery(config, { locale: 'zh-CN' });
    assert.deepEqual(await feishuChannel.send(delivery, deps), { status: 'sent', detail: 'Feishu code 0: success' });
    const req = receiver.requests.at(-1)!;
    assert.equal(req.url, HOOK);
    assert.equal(
      req.body.toString('utf8'),
      `{"timestamp":"1700000000","sign":"${TS_SIGN}","msg_type":"text","content":{"text":${JSON.stringify(delivery.rendered.text)}}}`,
    );
  });

  it('a wrong secret (code 19021) → failed', async () => {
    const outcome = await feishuChannel.send(aDelivery({ ...config, secret: 'wrong' }), deps);
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.detail, /^Feishu code 19021: sign match fail/);
  });

  it('more than 5 in a second (code 11232) → retry after a second', async () => {
    clock = TS * 1000 + 60_000;
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await feishuChannel.send(aDelivery(config), deps));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['sent', 'sent', 'sent', 'sent', 'sent', 'retry'],
    );
    assert.equal(outcomes[5]!.status === 'retry' && outcomes[5]!.retryAfterMs, 1_000);
  });

  it('an unknown hook (HTTP 404) → failed', async () => {
    const outcome = await feishuChannel.send(aDelivery({ ...config, webhookUrl: `${receiver.origin}/open-apis/bot/v2/hook/gone` }), deps);
    assert.equal(outcome.status, 'failed');
  });

  it('reads both answer shapes Feishu has used', () => {
    assert.deepEqual(readFeishuReply({ code: 0, msg: 'success', data: {} }), { code: 0, message: 'success' });
    assert.deepEqual(readFeishuReply({ StatusCode: 0, StatusMessage: 'success', Extra: null }), { code: 0, message: 'success' });
    assert.equal(readFeishuReply({ ok: true }), null);
  });
});
