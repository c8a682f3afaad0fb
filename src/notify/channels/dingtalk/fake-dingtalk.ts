// A DingTalk custom robot as far as Fenghuo uses it: access_token in the URL, 加签 checked the way
// DingTalk documents it (timestamp within an hour, signature recomputed here on its own), markdown
// messages, 20 per minute, answers {errcode, errmsg} with HTTP 200.

import { createHmac } from 'node:crypto';
import type { Responder } from '../testing/receiver.js';
import { json } from '../testing/receiver.js';

export interface FakeDingTalkOptions {
  accessToken: string;
  secret: string;
  now: () => number;
}

export function fakeDingTalkRobot(options: FakeDingTalkOptions): Responder {
  const accepted: number[] = [];
  const reply = (errcode: number, errmsg: string) => json({ errcode, errmsg });
  return (req) => {
    const url = new URL(req.url, 'http://robot');
    const q = url.searchParams; // decodes %2B to '+', and a raw '+' to ' ', as DingTalk does
    if (url.pathname !== '/robot/send' || q.get('access_token') !== options.accessToken) return reply(300001, 'token is not exist');
    const timestamp = q.get('timestamp') ?? '';
    if (!/^\d{13}$/.test(timestamp) || Math.abs(options.now() - Number(timestamp)) > 3_600_000) return reply(310000, 'invalid timestamp');
    const mac = createHmac('sha256', Buffer.from(options.secret, 'utf8'));
    mac.update(Buffer.from(timestamp + '\n' + options.secret, 'utf8'));
    if (q.get('sign') !== mac.digest().toString('base64')) return reply(310000, 'sign not match');
    let body: { msgtype?: unknown; markdown?: { title?: unknown; text?: unknown } };
    try {
      body = JSON.parse(req.body.toString('utf8')) as typeof body;
    } catch {
      return reply(400, 'invalid json');
    }
    if (body.msgtype !== 'markdown' || typeof body.markdown?.title !== 'string' || typeof body.markdown.text !== 'string') {
      return reply(40035, 'missing param markdown');
    }
    const now = options.now();
    while (accepted.length > 0 && accepted[0]! <= now - 60_000) accepted.shift();
    if (accepted.length >= 20) return reply(130101, 'send too fast, exceed 20 times per minute');
    accepted.push(now);
    return reply(0, 'ok');
  };
}
