// A WeCom group robot as far as Fenghuo uses it: the key in the URL, markdown messages of at most
// 4096 bytes, 20 messages per minute (sliding), answers as {errcode, errmsg} with HTTP 200.

import type { Responder } from '../testing/receiver.js';
import { json } from '../testing/receiver.js';

export interface FakeWeComOptions {
  key: string;
  now: () => number;
  perMinute?: number;
}

export function fakeWeComRobot(options: FakeWeComOptions): Responder {
  const accepted: number[] = [];
  const reply = (errcode: number, errmsg: string) => json({ errcode, errmsg });
  return (req) => {
    const url = new URL(req.url, 'http://robot');
    if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== options.key) {
      return reply(93000, 'invalid webhook url');
    }
    let body: { msgtype?: unknown; markdown?: { content?: unknown } };
    try {
      body = JSON.parse(req.body.toString('utf8')) as typeof body;
    } catch {
      return reply(40016, 'invalid json');
    }
    if (body.msgtype !== 'markdown') return reply(40008, 'invalid message type');
    const content = body.markdown?.content;
    if (typeof content !== 'string' || content === '') return reply(44004, 'empty content');
    if (Buffer.byteLength(content, 'utf8') > 4096) return reply(40058, 'markdown.content exceed max length 4096');
    const now = options.now();
    while (accepted.length > 0 && accepted[0]! <= now - 60_000) accepted.shift();
    if (accepted.length >= (options.perMinute ?? 20)) return reply(45009, 'api freq out of limit');
    accepted.push(now);
    return reply(0, 'ok');
  };
}
