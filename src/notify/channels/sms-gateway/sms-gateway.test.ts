import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderMessage } from '../../message.js';
import type { Recipient, SendDeps } from '../channel.js';
import { T0, aDelivery, aPage } from '../testing/builders.js';
import { json, localOnly, startReceiver, type Receiver } from '../testing/receiver.js';
import { smsGatewayChannel, type SmsGatewayConfig } from './sms-gateway.js';

const deps: SendDeps = { now: () => T0, http: localOnly(), timeoutMs: 2_000 };
const ZHANG: Recipient = { address: '+86 138-0013-8000', name: '张伟' };

function delivery(config: SmsGatewayConfig, title = 'Payment gateway down', recipients: Recipient[] = [ZHANG]) {
  const page = aPage({ title });
  return aDelivery(config, { recipients, locale: 'zh-CN', messages: [page], rendered: renderMessage(page, 'zh-CN') });
}

describe('sms-gateway: requests built from the template', () => {
  let receiver: Receiver;
  before(async () => {
    // A provider that answers 401 without the right token, 500 on /broken, 200 otherwise.
    receiver = await startReceiver((req) => {
      if (req.url.startsWith('/broken')) return { status: 500 };
      if (req.headers['authorization'] !== undefined && req.headers['authorization'] !== 'Bearer sms-token')
        return json({ error: 'auth' }, 401);
      return json({ accepted: true });
    });
  });
  after(() => receiver.close());

  it('JSON body: values are JSON-escaped, the URL part is URL-encoded, headers filled in', async () => {
    const config: SmsGatewayConfig = {
      method: 'POST',
      url: `${receiver.origin}/v1/messages?to={{phone}}&ref={{idempotencyKey}}`,
      headers: { Authorization: 'Bearer sms-token', 'X-Request-Id': '{{idempotencyKey}}' },
      contentType: 'application/json',
      bodyTemplate: '{"to":"{{phone}}","name":"{{name}}","message":"{{subject}}","level":"{{levelName}}","ack":"{{ackUrl}}"}',
    };
    const outcome = await smsGatewayChannel.send(delivery(config, 'DB "orders" \\ down\nnow'), deps);
    assert.equal(outcome.status, 'sent');

    const req = receiver.requests.at(-1)!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/v1/messages?to=%2B86%20138-0013-8000&ref=dlv_7f3a9c2e-attempts-share-this');
    assert.equal(req.headers['x-request-id'], 'dlv_7f3a9c2e-attempts-share-this');
    assert.equal(req.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(
      req.body.toString('utf8'),
      '{"to":"+86 138-0013-8000","name":"张伟","message":"[一级] #42 DB \\"orders\\" \\\\ down now","level":"一级","ack":"https://fenghuo.example.com/i/42/ack?t=abc"}',
    );
  });

  it('form body: values are URL-encoded', async () => {
    const config: SmsGatewayConfig = {
      method: 'POST',
      url: `${receiver.origin}/voice/call`,
      contentType: 'application/x-www-form-urlencoded',
      bodyTemplate: 'callee={{phone}}&tts={{subject}}&level={{level}}',
    };
    assert.equal((await smsGatewayChannel.send(delivery(config, 'a&b=c'), deps)).status, 'sent');
    const req = receiver.requests.at(-1)!;
    assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(req.body.toString('utf8'), 'callee=%2B86%20138-0013-8000&tts=%5B%E4%B8%80%E7%BA%A7%5D%20%2342%20a%26b%3Dc&level=1');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(req.body.toString('utf8'))), {
      callee: '+86 138-0013-8000',
      tts: '[一级] #42 a&b=c',
      level: '1',
    });
  });

  it('GET: everything in the query, no body', async () => {
    const config: SmsGatewayConfig = { method: 'GET', url: `${receiver.origin}/send?u=fenghuo&p={{phone}}&m={{subject}}` };
    assert.equal((await smsGatewayChannel.send(delivery(config), deps)).status, 'sent');
    const req = receiver.requests.at(-1)!;
    assert.equal(req.method, 'GET');
    assert.equal(req.url, '/send?u=fenghuo&p=%2B86%20138-0013-8000&m=%5B%E4%B8%80%E7%BA%A7%5D%20%2342%20Payment%20gateway%20down');
    assert.equal(req.body.length, 0);
  });

  it('a value is never expanded twice: "{{phone}}" in a title stays literal', async () => {
    const config: SmsGatewayConfig = { method: 'POST', url: `${receiver.origin}/t`, contentType: 'text/plain', bodyTemplate: '{{title}}' };
    await smsGatewayChannel.send(delivery(config, 'call {{phone}} now'), deps);
    assert.equal(receiver.requests.at(-1)!.body.toString('utf8'), 'call {{phone}} now');
  });

  it('refuses, without sending, a header value that would carry CR/LF or non-ASCII text', async () => {
    const config: SmsGatewayConfig = { method: 'GET', url: `${receiver.origin}/h`, headers: { 'X-Title': '{{title}}' } };
    const before = receiver.requests.length;
    const injected = await smsGatewayChannel.send(delivery(config, 'x\r\nX-Evil: 1'), deps);
    assert.equal(injected.status, 'failed');
    assert.match(injected.detail, /X-Title/);
    assert.equal((await smsGatewayChannel.send(delivery(config, '支付'), deps)).status, 'failed');
    assert.equal(receiver.requests.length, before);
    assert.equal((await smsGatewayChannel.send(delivery(config, 'plain ascii'), deps)).status, 'sent');
    assert.equal(receiver.requests.at(-1)!.headers['x-title'], 'plain ascii');
  });

  it('one valid phone number per delivery', async () => {
    const config: SmsGatewayConfig = { method: 'GET', url: `${receiver.origin}/p?to={{phone}}` };
    const before = receiver.requests.length;
    assert.equal((await smsGatewayChannel.send(delivery(config, 't', []), deps)).status, 'failed');
    assert.equal((await smsGatewayChannel.send(delivery(config, 't', [ZHANG, ZHANG]), deps)).status, 'failed');
    assert.equal(
      (await smsGatewayChannel.send(delivery(config, 't', [{ address: 'ops@example.com', name: null }]), deps)).status,
      'failed',
    );
    assert.equal(receiver.requests.length, before);
  });

  it('the provider’s answer decides: 500 → retry, 401 → failed', async () => {
    const broken: SmsGatewayConfig = { method: 'GET', url: `${receiver.origin}/broken?to={{phone}}` };
    assert.equal((await smsGatewayChannel.send(delivery(broken), deps)).status, 'retry');
    const badToken: SmsGatewayConfig = {
      method: 'GET',
      url: `${receiver.origin}/s?to={{phone}}`,
      headers: { Authorization: 'Bearer expired' },
    };
    assert.equal((await smsGatewayChannel.send(delivery(badToken), deps)).status, 'failed');
  });
});

describe('sms-gateway: validateConfig', () => {
  const fields = (config: unknown): string[] => smsGatewayChannel.validateConfig(config).map((i) => i.field);
  const post = { method: 'POST', url: 'https://sms.example.com/send', contentType: 'application/json' };

  it('accepts a usable template', () => {
    assert.deepEqual(fields({ ...post, bodyTemplate: '{"to":"{{phone}}","text":"{{text}}"}', headers: { 'X-Key': 'k' } }), []);
    assert.deepEqual(fields({ method: 'GET', url: 'https://sms.example.com/send?to={{phone}}&m={{subject}}' }), []);
  });

  it('names what is wrong', () => {
    assert.deepEqual(fields({ ...post, bodyTemplate: '{"to":"{{phone}}","x":"{{password}}"}' }), ['config.bodyTemplate']);
    assert.deepEqual(fields({ ...post, bodyTemplate: '{"to": {{phone}}}' }), ['config.bodyTemplate']);
    assert.deepEqual(fields({ ...post, url: 'https://{{phone}}.sms.example.com/send', bodyTemplate: '{}' }), ['config.url']);
    assert.deepEqual(fields({ method: 'GET', url: 'https://sms.example.com/s', bodyTemplate: 'x' }), ['config.bodyTemplate']);
    assert.deepEqual(fields({ method: 'POST', url: 'https://sms.example.com/s', bodyTemplate: 'x' }), ['config.contentType']);
    assert.deepEqual(fields({ method: 'GET', url: 'https://sms.example.com/s', headers: { 'X-A': 'a\nb' } }), ['config.headers.X-A']);
    assert.deepEqual(fields({ method: 'GET', url: 'https://sms.example.com/s', headers: { 'Content-Type': 'text/plain' } }), [
      'config.headers.Content-Type',
    ]);
    assert.deepEqual(fields({ method: 'DELETE', url: 'https://sms.example.com/s' }), ['config.method']);
  });
});
