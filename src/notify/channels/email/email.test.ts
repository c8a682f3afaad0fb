import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderMessage, type Locale } from '../../message.js';
import type { Recipient, SendDeps } from '../channel.js';
import { T0, aDelivery, aPage } from '../testing/builders.js';
import { unusedPort } from '../testing/receiver.js';
import { emailChannel, type EmailConfig } from './email.js';
import { startFakeSmtp, type FakeSmtp, type FakeSmtpOptions } from './fake-smtp.js';

const deps: SendDeps = { now: () => T0 + 12 * 60_000, timeoutMs: 2_000 };
const LI: Recipient = { address: 'li.na@example.com', name: '李娜' };
const SAM: Recipient = { address: 'sam@example.org', name: 'Sam Oncall' };

const smtpConfig = (port: number, extra: Partial<EmailConfig> = {}): EmailConfig => ({
  host: '127.0.0.1',
  port,
  secure: false,
  from: 'Fenghuo <fenghuo@ops.example.com>',
  ...extra,
});

function mailFor(locale: Locale, recipients: Recipient[], title = 'Payment gateway down') {
  const page = aPage({ title });
  return { recipients, locale, messages: [page], rendered: renderMessage(page, locale) };
}

const lines = (text: string): string => text.replace(/\r\n/g, '\n').trimEnd();

describe('email: against a real SMTP server', () => {
  let smtp: FakeSmtp;
  let config: EmailConfig;
  before(async () => {
    smtp = await startFakeSmtp({ users: { 'fenghuo-mailer': 's3cret' } });
    config = smtpConfig(smtp.port, { auth: { user: 'fenghuo-mailer', pass: 's3cret' } });
  });
  after(() => smtp.close());

  it('English: envelope, recipients, subject, text and HTML', async () => {
    const outcome = await emailChannel.send(aDelivery(config, mailFor('en', [LI, SAM])), deps);
    assert.equal(outcome.status, 'sent');
    assert.match(outcome.detail, /^250 /);

    const mail = smtp.mails.at(-1)!;
    assert.equal(mail.user, 'fenghuo-mailer');
    assert.equal(mail.mailFrom, 'fenghuo@ops.example.com');
    assert.deepEqual(mail.rcptTo, ['li.na@example.com', 'sam@example.org']);
    assert.equal(mail.header('from'), 'Fenghuo <fenghuo@ops.example.com>');
    assert.equal(mail.header('to'), '李娜 <li.na@example.com>, Sam Oncall <sam@example.org>');
    assert.equal(mail.header('subject'), '[Level 1] #42 Payment gateway down');
    assert.equal(mail.header('content-language'), 'en');
    assert.equal(mail.header('date'), 'Sun, 22 Nov 2026 01:12:00 +0000');
    assert.equal(
      lines(mail.text),
      [
        '[Level 1] #42 Payment gateway down',
        'Affected services: payments, checkout',
        'Why Level 1:',
        '- payment: service "payments" has an outage',
        'Open for 12 min',
        'Acknowledge: https://fenghuo.example.com/i/42/ack?t=abc',
        'Resolve: https://fenghuo.example.com/i/42/resolve?t=abc',
      ].join('\n'),
    );
    assert.match(mail.html, /<html lang="en">/);
    assert.match(mail.html, /<h2>\[Level 1\] #42 Payment gateway down<\/h2>/);
    assert.match(mail.html, /<a href="https:\/\/fenghuo\.example\.com\/i\/42\/ack\?t=abc">Acknowledge<\/a>/);
  });

  it('Chinese: subject and body in the recipient’s locale', async () => {
    const outcome = await emailChannel.send(aDelivery(config, mailFor('zh-CN', [LI], '支付网关不可用，用户无法下单')), deps);
    assert.equal(outcome.status, 'sent');
    const mail = smtp.mails.at(-1)!;
    assert.deepEqual(mail.rcptTo, ['li.na@example.com']);
    assert.match(mail.raw, /^Subject: =\?UTF-8\?/im); // encoded on the wire, decoded by the reader
    assert.equal(mail.header('subject'), '[一级] #42 支付网关不可用，用户无法下单');
    assert.equal(mail.header('content-language'), 'zh-CN');
    const text = lines(mail.text);
    assert.match(text, /^\[一级\] #42 支付网关不可用，用户无法下单\n影响服务：payments、checkout\n/);
    assert.match(text, /\n已持续 12 分钟\n/);
    assert.match(text, /\n确认：https:\/\/fenghuo\.example\.com\/i\/42\/ack\?t=abc\n/);
    assert.match(mail.html, /<html lang="zh-CN">/);
    assert.match(mail.html, /<h2>\[一级\] #42 支付网关不可用，用户无法下单<\/h2>/);
  });

  it('the same Message-ID on every attempt of a delivery, another for another delivery', async () => {
    await emailChannel.send(aDelivery(config, { ...mailFor('en', [SAM]), attempt: 1 }), deps);
    await emailChannel.send(aDelivery(config, { ...mailFor('en', [SAM]), attempt: 2 }), deps);
    await emailChannel.send(aDelivery(config, { ...mailFor('en', [SAM]), idempotencyKey: 'dlv_other' }), deps);
    const [a, b, c] = smtp.mails.slice(-3).map((m) => m.header('message-id'));
    assert.match(a!, /^<fenghuo\.[0-9a-f]{32}@ops\.example\.com>$/);
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('a refused login → failed', async () => {
    const outcome = await emailChannel.send(
      aDelivery({ ...config, auth: { user: 'fenghuo-mailer', pass: 'wrong' } }, mailFor('en', [SAM])),
      deps,
    );
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.detail, /535/);
  });
});

describe('email: outcomes', () => {
  async function sendVia(options: FakeSmtpOptions, recipients: Recipient[] = [SAM], timeoutMs = 2_000) {
    const smtp = await startFakeSmtp(options);
    try {
      const outcome = await emailChannel.send(aDelivery(smtpConfig(smtp.port), mailFor('en', recipients)), { ...deps, timeoutMs });
      return { outcome, mails: smtp.mails.length };
    } finally {
      await smtp.close();
    }
  }

  it('connection refused → retry', async () => {
    const port = await unusedPort();
    const outcome = await emailChannel.send(aDelivery(smtpConfig(port), mailFor('en', [SAM])), deps);
    assert.equal(outcome.status, 'retry');
    assert.match(outcome.detail, /ECONNECTION|ECONNREFUSED/);
  });

  it('451 for a recipient (greylisting) → retry', async () => {
    const { outcome } = await sendVia({ rcpt: () => ({ code: 451, message: 'Try again later' }) });
    assert.equal(outcome.status, 'retry');
  });

  it('550 for every recipient → failed', async () => {
    const { outcome, mails } = await sendVia({ rcpt: () => ({ code: 550, message: 'No such user' }) });
    assert.equal(outcome.status, 'failed');
    assert.equal(mails, 0);
  });

  it('550 for one of two recipients → sent to the other, the refusal in the detail', async () => {
    const { outcome, mails } = await sendVia({ rcpt: (a) => (a === SAM.address ? { code: 550, message: 'No such user' } : null) }, [
      LI,
      SAM,
    ]);
    assert.equal(outcome.status, 'sent');
    assert.match(outcome.detail, /refused: sam@example\.org/);
    assert.equal(mails, 1);
  });

  it('the message refused after DATA: 452 → retry, 554 → failed', async () => {
    assert.equal((await sendVia({ data: { code: 452, message: 'Insufficient storage' } })).outcome.status, 'retry');
    assert.equal((await sendVia({ data: { code: 554, message: 'Rejected as spam' } })).outcome.status, 'failed');
  });

  it('no answer before the message was handed over → retry; after it → unknown', async () => {
    const beforeData = await sendVia({ rcpt: () => 'hang' }, [SAM], 300);
    assert.equal(beforeData.outcome.status, 'retry');
    assert.equal(beforeData.mails, 0);
    const afterData = await sendVia({ data: 'hang' }, [SAM], 300);
    assert.equal(afterData.outcome.status, 'unknown');
    assert.equal(afterData.mails, 1); // the server has it: repeating it would mail twice
  });

  it('no valid recipient → failed without connecting', async () => {
    const { outcome } = await sendVia({}, [{ address: '+8613800138000', name: null }]);
    assert.equal(outcome.status, 'failed');
  });
});

describe('email: validateConfig', () => {
  it('accepts a usual submission config', () => {
    assert.deepEqual(
      emailChannel.validateConfig({
        host: 'smtp.example.com',
        port: 587,
        secure: false,
        requireTLS: true,
        auth: { user: 'u', pass: 'p' },
        from: 'ops@example.com',
      }),
      [],
    );
  });

  it('names the offending fields', () => {
    const fields = (config: unknown): string[] => emailChannel.validateConfig(config).map((i) => i.field);
    assert.deepEqual(fields({ host: 'smtp.example.com', port: 0, secure: false, from: 'ops@example.com' }), ['config.port']);
    assert.deepEqual(fields({ host: 'smtp.example.com', port: 25, secure: false, from: 'Fenghuo' }), ['config.from']);
    assert.deepEqual(fields({ host: 'smtp.example.com', port: 25, secure: 'no', from: 'ops@example.com' }), ['config.secure']);
    assert.deepEqual(fields({ port: 25, secure: false, from: 'ops@example.com' }), ['config.host']);
  });
});
