import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { FieldIssue } from '../../../domain/errors.js';
import { DEFAULT_TIMEOUT_MS, type Channel, type Delivery, type SendOutcome } from '../channel.js';
import { schemaIssues } from '../config.js';

export const EmailConfigSchema = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 253 }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    /** TLS from the first byte (usually port 465). Otherwise STARTTLS is used when the server offers it. */
    secure: Type.Boolean(),
    /** Send only if STARTTLS succeeds. */
    requireTLS: Type.Optional(Type.Boolean()),
    auth: Type.Optional(
      Type.Object({ user: Type.String({ minLength: 1 }), pass: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    ),
    /** `Fenghuo <fenghuo@example.com>` */
    from: Type.String({ minLength: 3, maxLength: 320 }),
  },
  { additionalProperties: false },
);
export type EmailConfig = Static<typeof EmailConfigSchema>;

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

function fromAddress(from: string): string | null {
  const [first] = addressparser(from, { flatten: true });
  return first && ADDRESS.test(first.address) ? first.address : null;
}

/** Same for every attempt of a delivery, so mail clients can fold a repeat into the first copy. */
function messageId(idempotencyKey: string, from: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<fenghuo.${digest}@${from.split('@')[1] ?? 'fenghuo.invalid'}>`;
}

type Phase = 'before-data' | 'data';

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
}

/**
 * SMTP failures: a reply code decides (4xx retry, 5xx failed); without one, a failure before the
 * message body was handed over is a retry, after it unknown (the server may have queued it).
 */
export function smtpOutcome(err: SmtpError, phase: Phase): SendOutcome {
  const detail = `${err.code ?? 'ERROR'}: ${err.message ?? 'SMTP failure'}`;
  if (err.responseCode !== undefined && err.responseCode >= 400 && err.responseCode < 500) return { status: 'retry', detail };
  if (err.responseCode !== undefined && err.responseCode >= 500) return { status: 'failed', detail };
  // Refused credentials, a TLS requirement or certificate, a bad address: no retry will fix them.
  if (err.code === 'EAUTH' || err.code === 'ETLS' || err.code === 'EREQUIRETLS' || err.code === 'EENVELOPE' || err.code === 'EMESSAGE') {
    return { status: 'failed', detail };
  }
  return phase === 'data' ? { status: 'unknown', detail: `message was handed over, then ${detail}` } : { status: 'retry', detail };
}

async function compose(delivery: Delivery<EmailConfig>, from: string, now: number): Promise<Buffer> {
  const { rendered, recipients, locale } = delivery;
  return new MailComposer({
    from: delivery.config.from,
    to: recipients.map((r) => ({ name: r.name ?? '', address: r.address })),
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: messageId(delivery.idempotencyKey, from),
    date: new Date(now),
    headers: { 'Content-Language': locale },
  })
    .compile()
    .build();
}

function transmit(config: EmailConfig, envelope: { from: string; to: string[] }, raw: Buffer, timeoutMs: number): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let phase: Phase = 'before-data';
    const connection = new SMTPConnection({
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTLS ?? false,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      logger: false,
    });
    let settled = false;
    const settle = (outcome: SendOutcome, quit = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (quit) connection.quit();
      else connection.close();
      resolve(outcome);
    };
    // Each step has timeoutMs; a server that answers every step slowly still gets three times that in all.
    const total = 3 * timeoutMs;
    const deadline = setTimeout(() => settle(smtpOutcome({ code: 'ETIMEDOUT', message: `not done within ${total} ms` }, phase)), total);
    // read() is first called once the server has answered DATA with 354: the body is on its way.
    const body = new Readable({
      read() {
        phase = 'data';
        this.push(raw);
        this.push(null);
      },
    });
    connection.on('error', (err: SmtpError) => settle(smtpOutcome(err, phase)));
    connection.on('end', () => settle(smtpOutcome({ code: 'ECONNECTION', message: 'connection closed' }, phase)));
    const send = (): void =>
      connection.send(envelope, body, (err, info) => {
        if (err) return settle(smtpOutcome(err, phase));
        const rejected = info?.rejected ?? [];
        settle(
          { status: 'sent', detail: `${info?.response ?? 'accepted'}${rejected.length > 0 ? `; refused: ${rejected.join(', ')}` : ''}` },
          true,
        );
      });
    connection.connect((err) => {
      if (err) return settle(smtpOutcome(err, phase));
      if (config.auth === undefined) return send();
      connection.login({ user: config.auth.user, pass: config.auth.pass }, (loginErr) =>
        loginErr ? settle(smtpOutcome(loginErr, phase)) : send(),
      );
    });
  });
}

/** E-mail over SMTP: plain text and simple HTML, subject in the recipients' locale, one message for all recipients. */
export const emailChannel: Channel<EmailConfig> = {
  kind: 'email',
  addresses: 'people',

  validateConfig(config: unknown): FieldIssue[] {
    const issues = schemaIssues(EmailConfigSchema, config);
    if (issues.length > 0) return issues;
    return fromAddress((config as EmailConfig).from) === null ? [{ field: 'config.from', message: 'must hold an e-mail address' }] : [];
  },

  async send(delivery, deps) {
    const from = fromAddress(delivery.config.from);
    if (from === null) return { status: 'failed', detail: 'config.from holds no e-mail address' };
    const to = delivery.recipients.map((r) => r.address);
    if (to.length === 0 || !to.every((a) => ADDRESS.test(a)))
      return { status: 'failed', detail: `not e-mail addresses: ${to.join(', ') || '(none)'}` };
    let raw: Buffer;
    try {
      raw = await compose(delivery, from, deps.now());
    } catch (err) {
      return { status: 'failed', detail: `cannot compose the message: ${err instanceof Error ? err.message : String(err)}` };
    }
    return transmit(delivery.config, { from, to }, raw, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  },
};
