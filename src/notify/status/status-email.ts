import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { SendOutcome } from '../channels/channel.js';
import { smtpOutcome, type EmailConfig } from '../channels/email/email.js';
import type { RenderedNotice } from './render-notice.js';
import type { StatusNotice } from './status-notice.js';

/**
 * E-mail to status-page subscribers. Sent with nodemailer's own transport rather than the paging
 * `emailChannel`, which takes no extra headers: every message carries RFC 8058 one-click
 * unsubscribe (`List-Unsubscribe` with the https link, `List-Unsubscribe-Post`). One pooled
 * connection set per worker round, so a thousand subscribers are not a thousand SMTP sessions.
 */

export interface StatusMail {
  to: string;
  notice: StatusNotice;
  rendered: RenderedNotice;
  /** The delivery id: the Message-ID derives from it, the same on every attempt. */
  idempotencyKey: string;
  now: number;
}

export interface StatusMailSender {
  send(mail: StatusMail): Promise<SendOutcome>;
  close(): void;
}

function domainOf(from: string): string {
  const match = /@([^\s<>@]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'fenghuo.invalid';
}

/** Same for every attempt, so a mail client folds a repeat into the first copy. */
export function statusMessageId(idempotencyKey: string, from: string): string {
  return `<fenghuo.status.${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domainOf(from)}>`;
}

export function openStatusMailSender(config: EmailConfig, timeoutMs: number): StatusMailSender {
  const transport = createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTLS ?? false,
    auth: config.auth,
    pool: true,
    maxConnections: 3,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  });
  return {
    async send(mail) {
      try {
        const info = (await transport.sendMail({
          from: config.from,
          to: mail.to,
          subject: mail.rendered.subject,
          text: mail.rendered.text,
          html: mail.rendered.html,
          messageId: statusMessageId(mail.idempotencyKey, config.from),
          date: new Date(mail.now),
          headers: {
            'Content-Language': mail.notice.locale,
            'Auto-Submitted': 'auto-generated',
            'List-Unsubscribe': `<${mail.notice.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
          xMailer: false,
          disableFileAccess: true,
          disableUrlAccess: true,
        })) as { response?: string };
        return { status: 'sent', detail: info.response ?? 'accepted' };
      } catch (err) {
        // The stage the failure came at is not known here; 'data' is the cautious reading (it may
        // have been queued). E-mail is repeated on an unknown outcome anyway: the Message-ID is stable.
        return smtpOutcome(err as { code?: string; responseCode?: number; message?: string }, 'data');
      }
    },
    close() {
      transport.close();
    },
  };
}
