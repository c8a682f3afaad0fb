// A Feishu custom bot as far as Fenghuo uses it: 签名校验 checked the way Feishu documents it
// (timestamp in seconds within an hour, signature recomputed here on its own), text messages,
// 5 per second, answers {code, msg, data} with HTTP 200.

import { createHmac } from 'node:crypto';
import type { Responder } from '../testing/receiver.js';
import { json } from '../testing/receiver.js';

export interface FakeFeishuOptions {
  hookPath: string;
  secret: string;
  now: () => number;
}

export function fakeFeishuBot(options: FakeFeishuOptions): Responder {
  const accepted: number[] = [];
  const reply = (code: number, msg: string) => json({ code, data: {}, msg });
  return (req) => {
    if (req.url !== options.hookPath)
      return json({ code: 19001, data: {}, msg: 'param invalid: incoming webhook access token invalid' }, 404);
    let body: { timestamp?: unknown; sign?: unknown; msg_type?: unknown; content?: { text?: unknown } };
    try {
      body = JSON.parse(req.body.toString('utf8')) as typeof body;
    } catch {
      return json({ code: 9499, data: {}, msg: 'Bad Request' }, 400);
    }
    const timestamp = typeof body.timestamp === 'string' ? body.timestamp : '';
    const expected = createHmac('sha256', Buffer.from(`${timestamp}\n${options.secret}`, 'utf8')).digest('base64');
    const fresh = /^\d{10}$/.test(timestamp) && Math.abs(options.now() / 1000 - Number(timestamp)) <= 3_600;
    if (!fresh || body.sign !== expected) return reply(19021, 'sign match fail or timestamp is not within one hour from current time');
    if (body.msg_type !== 'text' || typeof body.content?.text !== 'string') return reply(9499, 'Bad Request');
    const now = options.now();
    while (accepted.length > 0 && accepted[0]! <= now - 1_000) accepted.shift();
    if (accepted.length >= 5) return reply(11232, 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]');
    accepted.push(now);
    return reply(0, 'success');
  };
}
