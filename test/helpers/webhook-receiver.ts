// A webhook receiver on 127.0.0.1 for the end-to-end paging tests: it checks every signature byte
// for byte (src/notify/channels/webhook/signature.ts), keeps the bodies that pass, and answers
// after `delayMs`.

import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook/signature.js';

export interface WebhookReceiver<T> {
  url: string;
  /** Bodies whose signature held, in arrival order. */
  pages: T[];
  /** Why the others failed. */
  bad: string[];
  /** Stops listening and waits for open connections to finish. */
  close(): Promise<void>;
  /** Drops every open connection at once (a receiver that dies mid-answer). */
  closeNow(): void;
}

export async function signedWebhookReceiver<T>(secret: string, delayMs = 0): Promise<WebhookReceiver<T>> {
  const pages: T[] = [];
  const bad: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const check = verifyWebhookSignature({
        secret,
        timestamp: req.headers['x-fenghuo-timestamp'] as string | undefined,
        signature: req.headers['x-fenghuo-signature'] as string | undefined,
        body,
        nowMs: Date.now(),
      });
      if (!check.ok) bad.push(check.reason);
      else pages.push(JSON.parse(body.toString('utf8')) as T);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), delayMs);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/page`,
    pages,
    bad,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    closeNow: () => server.closeAllConnections(),
  };
}
