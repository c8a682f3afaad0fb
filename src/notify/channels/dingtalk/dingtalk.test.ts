import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { SendDeps } from '../channel.js';
import { aDelivery } from '../testing/builders.js';
import { localOnly, startReceiver, type Receiver } from '../testing/receiver.js';
import { dingTalkChannel, dingTalkSign, signedDingTalkUrl, type DingTalkConfig } from './dingtalk.js';
import { fakeDingTalkRobot } from './fake-dingtalk.js';

const SECRET = 'SECfenghuo-test-secret';
const TOKEN = 'b0f1c2d3e4';
const TS = 1700000000000; // ms, as DingTalk wants
// printf '1700000000000\nSECfenghuo-test-secret' | openssl dgst -sha256 -hmac 'SECfenghuo-test-secret' -binary | base64
const TS_SIGN = 'XMSfDH9IYSTey4h/CovDvCpCxNY+3L49Jzj4SIeE1Ag=';

describe('dingtalk: signature', () => {
  it('matches the known vector (computed with openssl)', () => {
    assert.equal(dingTalkSign(SECRET, TS), TS_SIGN);
  });

  it('matches an independent HMAC for other timestamps', () => {
    for (const ts of [1, 1734567890123, Date.UTC(2030, 0, 1)]) {
      const expected = createHmac('sha256', Buffer.from(SECRET))
        .update(Buffer.from(`${ts}\n${SECRET}`))
        .digest()
        .toString('base64');
      assert.equal(dingTalkSign(SECRET, ts), expected);
    }
  });

  it('appends timestamp and the URL-encoded signature (+, / and = escaped)', () => {
    assert.equal(
      signedDingTalkUrl(`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`, SECRET, TS),
      `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}&timestamp=1700000000000&sign=XMSfDH9IYSTey4h%2FCovDvCpCxNY%2B3L49Jzj4SIeE1Ag%3D`,
    );
  });
});

describe('dingtalk: against the fake robot', () => {
  let clock = TS;
  let receiver: Receiver;
  let config: DingTalkConfig;
  const deps: SendDeps = { now: () => clock, http: localOnly(), timeoutMs: 2_000 };
  before(async () => {
    receiver = await startReceiver(fakeDingTalkRobot({ accessToken: TOKEN, secret: SECRET, now: () => clock }));
    config = { webhookUrl: `${receiver.origin}/robot/send?access_token=${TOKEN}`, secret: SECRET };
  });
  after(() => receiver.close());

  it('sends a signed markdown message the robot accepts', async () => {
    const delivery = aDelivery(config);
    assert.deepEqual(await dingTalkChannel.send(delivery, deps), { status: 'sent', detail: 'DingTalk code 0: ok' });
    const req = receiver.requests.at(-1)!;
    assert.equal(
      req.url,
      `/robot/send?access_token=${TOKEN}&timestamp=1700000000000&sign=XMSfDH9IYSTey4h%2FCovDvCpCxNY%2B3L49Jzj4SIeE1Ag%3D`,
    );
    assert.equal(
      req.body.toString('utf8'),
      `{"msgtype":"markdown","markdown":{"title":"[Level 1] #42 Payment gateway down","text":${JSON.stringify(delivery.rendered.markdown)}}}`,
    );
    assert.match(delivery.rendered.markdown, /^### \\\[Level 1\\\] #42 Payment gateway down\n/);
  });

  it('a wrong secret (errcode 310000 sign not match) → failed', async () => {
    const outcome = await dingTalkChannel.send(aDelivery({ ...config, secret: 'SECwrong' }), deps);
    assert.deepEqual(outcome, { status: 'failed', detail: 'DingTalk code 310000: sign not match' });
  });

  it('no secret for a robot that signs → no sign parameter, and the robot refuses (failed)', async () => {
    const outcome = await dingTalkChannel.send(aDelivery({ webhookUrl: config.webhookUrl }), deps);
    assert.equal(outcome.status, 'failed');
    assert.equal(receiver.requests.at(-1)!.url, `/robot/send?access_token=${TOKEN}`);
  });

  it('more than 20 in a minute (errcode 130101) → retry after a minute', async () => {
    clock = TS + 3_600_000 - 1; // still within the hour the robot accepts, a fresh minute
    const outcomes = [];
    for (let i = 0; i < 21; i++) outcomes.push(await dingTalkChannel.send(aDelivery(config), deps));
    assert.equal(outcomes.filter((o) => o.status === 'sent').length, 20);
    assert.deepEqual(outcomes[20], {
      status: 'retry',
      detail: 'DingTalk code 130101: send too fast, exceed 20 times per minute',
      retryAfterMs: 60_000,
    });
  });

  it('validateConfig', () => {
    assert.deepEqual(
      dingTalkChannel.validateConfig({ webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SECx' }),
      [],
    );
    assert.deepEqual(
      dingTalkChannel.validateConfig({ webhookUrl: 'https://oapi.dingtalk.com/robot/send', secret: '' }).map((i) => i.field),
      ['config.secret'],
    );
  });
});
