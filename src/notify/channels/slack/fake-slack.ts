// A Slack incoming webhook as far as Fenghuo uses it: one hook path, `{"text": …}` bodies.

import type { Reply, Responder } from '../testing/receiver.js';

const text = (status: number, body: string): Reply => ({ status, headers: { 'content-type': 'text/plain' }, body });

export function fakeSlackWebhook(hookPath: string): Responder {
  return (req) => {
    if (req.method !== 'POST' || req.url !== hookPath) return text(404, 'no_service');
    if (req.headers['content-type'] !== 'application/json; charset=utf-8') return text(400, 'invalid_payload');
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return text(400, 'invalid_payload');
    }
    const message = (body as { text?: unknown } | null)?.text;
    return typeof message === 'string' && message !== '' ? text(200, 'ok') : text(400, 'no_text');
  };
}
