// Test side of the e-mail channel: a real SMTP server (smtp-server) on 127.0.0.1 that records the
// envelope and the message, with just enough MIME decoding to read subject, text and HTML back.

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  /** The user that authenticated, if any. */
  user: string | null;
  raw: string;
  /** A header, unfolded and with RFC 2047 encoded words decoded. */
  header(name: string): string | undefined;
  text: string;
  html: string;
}

export type SmtpRefusal = { code: number; message: string };

export interface FakeSmtpOptions {
  /** When given, AUTH is offered (over plain TCP) and required. */
  users?: Record<string, string>;
  /** Per recipient: refuse with a code, or never answer. */
  rcpt?: (address: string) => SmtpRefusal | 'hang' | null;
  /** After the message: accept (default), refuse, or never answer. */
  data?: SmtpRefusal | 'hang';
}

export interface FakeSmtp {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

const refusal = (r: SmtpRefusal): Error => Object.assign(new Error(r.message), { responseCode: r.code });

export async function startFakeSmtp(options: FakeSmtpOptions = {}): Promise<FakeSmtp> {
  const mails: ReceivedMail[] = [];
  const { users } = options;
  const server = new SMTPServer({
    logger: false,
    closeTimeout: 100,
    disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: users === undefined,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (users?.[auth.username ?? ''] === auth.password) return callback(null, { user: auth.username });
      return callback(refusal({ code: 535, message: 'Authentication credentials invalid' }));
    },
    onRcptTo(address, _session, callback) {
      const verdict = options.rcpt?.(address.address) ?? null;
      if (verdict === 'hang') return;
      callback(verdict === null ? null : refusal(verdict));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = session.envelope;
        const mailFrom = envelope.mailFrom === false ? '' : envelope.mailFrom.address;
        const user = typeof session.user === 'string' ? session.user : null;
        mails.push({ mailFrom, rcptTo: envelope.rcptTo.map((r) => r.address), user, raw, ...parseMessage(raw) });
        if (options.data === 'hang') return;
        callback(options.data === undefined ? null : refusal(options.data));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// --- Minimal MIME reading: headers, RFC 2047 words, multipart, quoted-printable and base64. ---

function splitHead(entity: string): { headers: Map<string, string>; body: string } {
  const at = entity.indexOf('\r\n\r\n');
  const head = at < 0 ? entity : entity.slice(0, at);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: at < 0 ? '' : entity.slice(at + 4) };
}

function quotedPrintableBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const bytes: number[] = [];
  const input = text.replace(/=\r\n/g, '');
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '_' && underscoreIsSpace) bytes.push(0x20);
    else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes);
}

/** Decodes runs of `=?utf-8?B|Q?…?=` words; bytes of adjacent words are joined before UTF-8 decoding. */
export function decodeWords(value: string): string {
  const word = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;
  return value.replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=\s*)+/g, (run) => {
    const bytes = [...run.matchAll(word)].map(([, enc, text]) =>
      enc!.toUpperCase() === 'B' ? Buffer.from(text!, 'base64') : quotedPrintableBytes(text!, true),
    );
    return Buffer.concat(bytes).toString('utf8') + (/\s$/.test(run) ? ' ' : '');
  });
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return quotedPrintableBytes(body, false).toString('utf8');
    default:
      return body;
  }
}

function parseMessage(raw: string): Pick<ReceivedMail, 'header' | 'text' | 'html'> {
  const { headers } = splitHead(raw);
  const found = { text: '', html: '' };
  const visit = (entity: string): void => {
    const { headers: h, body } = splitHead(entity);
    const type = h.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      for (const part of body.split(`--${boundary}`).slice(1)) if (!part.startsWith('--')) visit(part.replace(/^\r\n/, ''));
    } else if (/^text\/html/i.test(type)) found.html = decodeBody(body, h.get('content-transfer-encoding'));
    else if (/^text\/plain/i.test(type)) found.text = decodeBody(body, h.get('content-transfer-encoding'));
  };
  visit(raw);
  return { header: (name) => (headers.has(name.toLowerCase()) ? decodeWords(headers.get(name.toLowerCase())!) : undefined), ...found };
}
