import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderMessage } from '../../message.js';
import type { SendDeps } from '../channel.js';
import { T0, aDelivery, aPage } from '../testing/builders.js';
import { localOnly, startReceiver, type Receiver } from '../testing/receiver.js';
import { fakeWeComRobot } from './fake-wecom.js';
import { weComChannel, type WeComConfig } from './wecom.js';

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

describe('wecom', () => {
  let clock = T0;
  let receiver: Receiver;
  let config: WeComConfig;
  const deps: SendDeps = { now: () => clock, http: localOnly(), timeoutMs: 2_000 };
  before(async () => {
    receiver = await startReceiver(fakeWeComRobot({ key: KEY, now: () => clock }));
    config = { webhookUrl: `${receiver.origin}/cgi-bin/webhook/send?key=${KEY}` };
  });
  after(() => receiver.close());

  it('posts msgtype markdown with the rendered markdown as content', async () => {
    const delivery = aDelivery(config, { locale: 'zh-CN', rendered: renderMessage(aPage(), 'zh-CN') });
    const outcome = await weComChannel.send(delivery, deps);
    assert.deepEqual(outcome, { status: 'sent', detail: 'WeCom code 0: ok' });

    const req = receiver.requests.at(-1)!;
    assert.equal(req.url, `/cgi-bin/webhook/send?key=${KEY}`);
    assert.equal(req.headers['content-type'], 'application/json; charset=utf-8');
    const content = [
      '### \\[一级\\] #42 Payment gateway down',
      '**影响服务**：payments、checkout',
      '**定级依据（一级）**：',
      '- payment：service "payments" has an outage',
      '**已持续 12 分钟**',
      '[确认](https://fenghuo.example.com/i/42/ack?t=abc) · [解决](https://fenghuo.example.com/i/42/resolve?t=abc)',
    ].join('\n');
    assert.equal(req.body.toString('utf8'), `{"msgtype":"markdown","markdown":{"content":${JSON.stringify(content)}}}`);
  });

  it('cuts markdown to the 4096 bytes WeCom accepts instead of losing the message', async () => {
    const long = aPage({ reasons: Array.from({ length: 200 }, (_, i) => ({ rule: `rule-${i}`, detail: '数据库主节点不可用'.repeat(3) })) });
    const rendered = renderMessage(long, 'zh-CN');
    assert.ok(Buffer.byteLength(rendered.markdown) > 4096);
    const outcome = await weComChannel.send(aDelivery(config, { rendered }), deps);
    assert.equal(outcome.status, 'sent');
    const sent = (JSON.parse(receiver.requests.at(-1)!.body.toString('utf8')) as { markdown: { content: string } }).markdown.content;
    assert.ok(Buffer.byteLength(sent) <= 4096);
    assert.ok(sent.endsWith('…'));
    assert.ok(sent.startsWith('### \\[一级\\] #42'));
  });

  it('the robot’s own rate limit (errcode 45009) → retry after a minute', async () => {
    clock = T0 + 3_600_000; // a fresh minute for the fake robot
    const outcomes = [];
    for (let i = 0; i < 21; i++) outcomes.push(await weComChannel.send(aDelivery(config), deps));
    assert.equal(outcomes.filter((o) => o.status === 'sent').length, 20);
    assert.deepEqual(outcomes[20], { status: 'retry', detail: 'WeCom code 45009: api freq out of limit', retryAfterMs: 60_000 });
  });

  it('a wrong key (errcode 93000) → failed', async () => {
    const wrong = { webhookUrl: `${receiver.origin}/cgi-bin/webhook/send?key=revoked` };
    assert.deepEqual(await weComChannel.send(aDelivery(wrong), deps), {
      status: 'failed',
      detail: 'WeCom code 93000: invalid webhook url',
    });
  });

  it('HTTP 200 that is not a robot answer (a proxy page) → unknown; 502 → retry', async () => {
    const proxy = await startReceiver((req) =>
      req.url === '/bad-gateway' ? { status: 502 } : { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>portal</html>' },
    );
    try {
      const unknown = await weComChannel.send(aDelivery({ webhookUrl: `${proxy.origin}/portal` }), deps);
      assert.equal(unknown.status, 'unknown');
      assert.match(unknown.detail, /without a JSON answer/);
      assert.equal((await weComChannel.send(aDelivery({ webhookUrl: `${proxy.origin}/bad-gateway` }), deps)).status, 'retry');
    } finally {
      await proxy.close();
    }
  });

  it('validateConfig', () => {
    assert.deepEqual(weComChannel.validateConfig({ webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}` }), []);
    assert.deepEqual(
      weComChannel.validateConfig({ webhookUrl: 42 }).map((i) => i.field),
      ['config.webhookUrl'],
    );
  });
});
