import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { SendDeps } from '../channel.js';
import { createNodeHttpClient } from '../http.js';
import { T0, aDelivery, aPage } from '../testing/builders.js';
import { localOnly, startReceiver, unusedPort, type Receiver, type Reply, type Responder } from '../testing/receiver.js';
import { signWebhook, verifyWebhookSignature } from './signature.js';
import { webhookChannel, type WebhookConfig } from './webhook.js';

const SECRET = 'whsec_fenghuo_test';
const NOW = T0 + 12 * 60_000 + 345; // ms part must not leak into the seconds timestamp
const deps = (overrides: Partial<SendDeps> = {}): SendDeps => ({ now: () => NOW, http: localOnly(), timeoutMs: 2_000, ...overrides });

/** A receiver that answers each request with the next scripted reply (the last one repeats). */
async function scripted(...replies: Array<Reply | 'hang' | 'reset'>): Promise<Receiver> {
  let i = 0;
  const respond: Responder = () => replies[Math.min(i++, replies.length - 1)] ?? { status: 500 };
  return startReceiver(respond);
}

describe('webhook: what arrives', () => {
  let receiver: Receiver;
  before(async () => {
    receiver = await scripted({ status: 204 });
  });
  after(() => receiver.close());

  it('POSTs the JSON payload with timestamp, HMAC signature over "timestamp.body" and idempotency key', async () => {
    const config: WebhookConfig = {
      url: `${receiver.origin}/hooks/fenghuo?team=sre`,
      secret: SECRET,
      headers: { Authorization: 'Bearer r-123' },
    };
    const outcome = await webhookChannel.send(aDelivery(config, { locale: 'zh-CN' }), deps());
    assert.equal(outcome.status, 'sent');

    const req = receiver.requests.at(-1)!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/hooks/fenghuo?team=sre');
    assert.equal(req.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(req.headers['authorization'], 'Bearer r-123');
    assert.equal(req.headers['idempotency-key'], 'dlv_7f3a9c2e-attempts-share-this');
    assert.equal(req.headers['x-fenghuo-timestamp'], String(Math.floor(NOW / 1000)));
    assert.equal(req.headers['content-length'], String(req.body.length));
    // Independently: HMAC over the raw bytes received, key = secret.
    const mac = createHmac('sha256', Buffer.from(SECRET, 'utf8'))
      .update(Buffer.concat([Buffer.from(`${Math.floor(NOW / 1000)}.`, 'ascii'), req.body]))
      .digest('hex');
    assert.equal(req.headers['x-fenghuo-signature'], `sha256=${mac}`);

    const payload = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
    assert.equal(payload['version'], 1);
    assert.equal(payload['idempotencyKey'], 'dlv_7f3a9c2e-attempts-share-this');
    assert.equal(payload['locale'], 'zh-CN');
    assert.equal(payload['subject'], '[一级] #42 Payment gateway down');
    assert.deepEqual(payload['messages'], [
      {
        incidentId: 'inc_01HZY8Q4',
        incidentNumber: 42,
        kind: 'page',
        level: 1,
        levelName: '一级',
        title: 'Payment gateway down',
        services: ['payments', 'checkout'],
        reasons: [{ rule: 'payment', detail: 'service "payments" has an outage' }],
        openedAt: '2026-11-22T01:00:00.000Z',
        note: null,
        ackUrl: 'https://fenghuo.example.com/i/42/ack?t=abc',
        resolveUrl: 'https://fenghuo.example.com/i/42/resolve?t=abc',
        incidentUrl: null,
        drill: false,
        reminder: null,
      },
    ]);
    assert.equal(payload['drill'], false, 'a real page; a drill says true (drill-mark.test.ts)');
  });

  it('a receiver can verify what arrived with verifyWebhookSignature, and catches tampering', () => {
    const req = receiver.requests.at(-1)!;
    const input = {
      secret: SECRET,
      timestamp: req.headers['x-fenghuo-timestamp'] as string,
      signature: req.headers['x-fenghuo-signature'] as string,
      body: req.body,
      nowMs: NOW + 2_000,
    };
    assert.deepEqual(verifyWebhookSignature(input), { ok: true });
    const tampered = Buffer.from(req.body.toString('utf8').replace('"level":1', '"level":4'));
    assert.notDeepEqual(tampered, req.body);
    assert.deepEqual(verifyWebhookSignature({ ...input, body: tampered }), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifyWebhookSignature({ ...input, secret: 'other' }), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifyWebhookSignature({ ...input, nowMs: NOW + 301_000 }), { ok: false, reason: 'stale' });
    assert.deepEqual(verifyWebhookSignature({ ...input, signature: undefined }), { ok: false, reason: 'missing' });
    assert.deepEqual(verifyWebhookSignature({ ...input, signature: 'sha1=abc' }), { ok: false, reason: 'malformed' });
  });

  it('keeps the idempotency key across attempts while the signed timestamp moves on', async () => {
    const config: WebhookConfig = { url: `${receiver.origin}/h`, secret: SECRET };
    await webhookChannel.send(aDelivery(config, { attempt: 1 }), deps({ now: () => T0 }));
    await webhookChannel.send(aDelivery(config, { attempt: 2 }), deps({ now: () => T0 + 90_000 }));
    const [a, b] = receiver.requests.slice(-2);
    assert.equal(a!.headers['idempotency-key'], b!.headers['idempotency-key']);
    assert.equal(Number(b!.headers['x-fenghuo-timestamp']) - Number(a!.headers['x-fenghuo-timestamp']), 90);
    assert.notEqual(a!.headers['x-fenghuo-signature'], b!.headers['x-fenghuo-signature']);
  });

  it('carries every message of a bundle', async () => {
    const config: WebhookConfig = { url: `${receiver.origin}/h`, secret: SECRET };
    const messages = [aPage(), aPage({ incidentId: 'inc_2', incidentNumber: 43, level: 3 })];
    await webhookChannel.send(aDelivery(config, { messages }), deps());
    const payload = JSON.parse(receiver.requests.at(-1)!.body.toString('utf8')) as { messages: Array<{ incidentNumber: number }> };
    assert.deepEqual(
      payload.messages.map((m) => m.incidentNumber),
      [42, 43],
    );
  });
});

describe('webhook: signature known vector', () => {
  it('matches the value computed with `openssl dgst -sha256 -hmac`', () => {
    // printf '%s' '1700000000.{"hello":"世界"}' | openssl dgst -sha256 -hmac 'whsec_fenghuo_test'
    assert.equal(
      signWebhook(SECRET, 1700000000, '{"hello":"世界"}'),
      'sha256=619b4dbcde172f704ed67971c9111019da960c9e2d98d384e0b8d65e47a2fe4d',
    );
  });
});

describe('webhook: outcome of each answer', () => {
  const config = (origin: string): WebhookConfig => ({ url: `${origin}/h`, secret: SECRET });
  const cases: Array<{ name: string; reply: Reply | 'hang' | 'reset'; expect: Record<string, unknown> }> = [
    { name: '200 → sent', reply: { status: 200, body: 'ok' }, expect: { status: 'sent' } },
    {
      name: '503 with Retry-After seconds → retry after them',
      reply: { status: 503, headers: { 'retry-after': '30' } },
      expect: { status: 'retry', retryAfterMs: 30_000 },
    },
    {
      name: '429 with an HTTP-date Retry-After → retry at that date',
      reply: { status: 429, headers: { 'retry-after': new Date(NOW - (NOW % 1000) + 45_000).toUTCString() } },
      expect: { status: 'retry', retryAfterMs: 45_000 - (NOW % 1000) },
    },
    { name: '500 without Retry-After → retry', reply: { status: 500 }, expect: { status: 'retry' } },
    { name: '400 → failed', reply: { status: 400, body: 'bad payload' }, expect: { status: 'failed' } },
    { name: '404 → failed', reply: { status: 404 }, expect: { status: 'failed' } },
    {
      name: '301 → failed (not followed)',
      reply: { status: 301, headers: { location: 'http://127.0.0.1:1/x' } },
      expect: { status: 'failed' },
    },
    { name: 'no answer after the request was written → unknown', reply: 'hang', expect: { status: 'unknown' } },
    { name: 'connection dropped after the request was read → unknown', reply: 'reset', expect: { status: 'unknown' } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const receiver = await scripted(c.reply);
      try {
        const outcome = await webhookChannel.send(aDelivery(config(receiver.origin)), deps({ timeoutMs: 300 }));
        for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(outcome[key as keyof typeof outcome], value, key);
        if (c.expect['retryAfterMs'] === undefined) assert.equal('retryAfterMs' in outcome, false);
        assert.equal(receiver.requests.length, 1);
      } finally {
        await receiver.close();
      }
    });
  }

  it('connection refused → retry', async () => {
    const port = await unusedPort();
    const outcome = await webhookChannel.send(aDelivery(config(`http://127.0.0.1:${port}`)), deps());
    assert.equal(outcome.status, 'retry');
    assert.match(outcome.detail, /ECONNREFUSED/);
  });

  it('an idempotency key Node cannot put in a header → failed, nothing sent', async () => {
    const receiver = await scripted({ status: 200 });
    try {
      const outcome = await webhookChannel.send(aDelivery(config(receiver.origin), { idempotencyKey: 'dlv\r\nX-Evil: 1' }), deps());
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.detail, /ERR_INVALID_CHAR/);
      assert.equal(receiver.requests.length, 0);
    } finally {
      await receiver.close();
    }
  });

  it('DNS failure → retry', async () => {
    const lookup: LookupFunction = (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    // The injected resolver fails every name, so nothing leaves the machine.
    const outcome = await webhookChannel.send(
      aDelivery(config('http://hooks.example.invalid')),
      deps({ http: createNodeHttpClient({ lookup }) }),
    );
    assert.equal(outcome.status, 'retry');
    assert.match(outcome.detail, /ENOTFOUND/);
  });
});

describe('webhook: validateConfig', () => {
  it('accepts a complete config', () => {
    assert.deepEqual(webhookChannel.validateConfig({ url: 'https://hooks.example.com/x', secret: 's', headers: { 'X-Team': 'sre' } }), []);
  });

  it('names the offending fields', () => {
    const fields = (config: unknown): string[] => webhookChannel.validateConfig(config).map((i) => i.field);
    assert.deepEqual(fields({ url: 'https://hooks.example.com/x' }), ['config.secret']);
    assert.deepEqual(fields({ url: 'ftp://hooks.example.com/x', secret: 's' }), ['config.url']);
    assert.deepEqual(fields({ url: 'https://user:pw@hooks.example.com/x', secret: 's' }), ['config.url']);
    assert.deepEqual(fields({ url: 'https://h.example.com', secret: 's', extra: 1 }), ['config.extra']);
    assert.deepEqual(fields({ url: 'https://h.example.com', secret: 's', headers: { 'X-A': 'b\r\nX-Injected: 1' } }), [
      'config.headers.X-A',
    ]);
    assert.deepEqual(fields({ url: 'https://h.example.com', secret: 's', headers: { 'X-Fenghuo-Signature': 'x' } }), [
      'config.headers.X-Fenghuo-Signature',
    ]);
    assert.deepEqual(fields({ url: 'https://h.example.com', secret: 's', headers: { 'Bad Name': 'x' } }), ['config.headers.Bad Name']);
  });
});
