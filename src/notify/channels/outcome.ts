// How an HTTP exchange becomes a SendOutcome:
//
//   Node refuses to build the request (invalid URL or header value)          → failed
//   no answer, request not fully written (refused, DNS, timeout connecting)  → retry
//   no answer, request written in full (reset, timeout waiting)              → unknown
//   2xx                                                                      → sent
//   408, 425, 429, 5xx                                → retry (after Retry-After when given)
//   3xx (redirects are not followed), other 4xx                              → failed
//
// Robots answer 200 with an error code in the body; their plugins map those codes on top.

import type { SendOutcome } from './channel.js';
import type { HttpResponse, HttpResult } from './http.js';

const RETRY_STATUSES = new Set([408, 425, 429]);
const SNIPPET = 200;

/** A short, single-line excerpt of a response body for the outcome's detail. */
export function snippet(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > SNIPPET ? `${line.slice(0, SNIPPET)}…` : line;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Requests Node refuses to build (bad URL, header value): repeating cannot help. */
const UNSENDABLE = /^(ERR_INVALID_|EINVALIDURL$|EUNSUPPORTEDPROTOCOL$)/;

/** A failure before any answer: repeatable only if the request never left in full. */
export function transportOutcome(result: Extract<HttpResult, { kind: 'error' }>): SendOutcome {
  const detail = `${result.code}: ${result.message}`;
  if (UNSENDABLE.test(result.code)) return { status: 'failed', detail: `request cannot be sent: ${detail}` };
  return result.written
    ? { status: 'unknown', detail: `request was sent, then ${detail}` }
    : { status: 'retry', detail: `request not sent: ${detail}` };
}

/** Classifies an answer by its status alone. */
export function statusOutcome(response: HttpResponse, nowMs: number): SendOutcome {
  const { status } = response;
  const detail = `HTTP ${status}${response.body ? `: ${snippet(response.body)}` : ''}`;
  if (status >= 200 && status < 300) return { status: 'sent', detail };
  if (RETRY_STATUSES.has(status) || (status >= 500 && status < 600)) {
    const after = retryAfterMs(response.headers['retry-after'], nowMs);
    return after === undefined ? { status: 'retry', detail } : { status: 'retry', detail, retryAfterMs: after };
  }
  if (status >= 300 && status < 400) return { status: 'failed', detail: `${detail} (redirects are not followed; fix the URL)` };
  return { status: 'failed', detail };
}

/** Transport failure or status: the whole classification for receivers that answer with HTTP statuses. */
export function httpOutcome(result: HttpResult, nowMs: number): SendOutcome {
  return result.kind === 'error' ? transportOutcome(result) : statusOutcome(result.response, nowMs);
}

/** What a robot's 200 answer says, read from its JSON body. */
export interface RobotReply {
  code: number;
  message: string;
}

/**
 * For robots (WeCom, DingTalk, Feishu): HTTP first, then the code in the 200 answer. A 200 whose
 * body cannot be read is `unknown`: something answered, but not the robot we know.
 */
export function robotOutcome(
  result: HttpResult,
  nowMs: number,
  readReply: (body: unknown) => RobotReply | null,
  classify: (reply: RobotReply) => SendOutcome,
): SendOutcome {
  const outcome = httpOutcome(result, nowMs);
  if (outcome.status !== 'sent' || result.kind !== 'response') return outcome;
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.response.body);
  } catch {
    return { status: 'unknown', detail: `HTTP ${result.response.status} without a JSON answer: ${snippet(result.response.body)}` };
  }
  const reply = readReply(parsed);
  if (reply === null)
    return { status: 'unknown', detail: `HTTP ${result.response.status}, unexpected answer: ${snippet(result.response.body)}` };
  return classify(reply);
}

/** Shared shape of the robots' code tables: 0 is success, listed codes retry, the rest fail. */
export function classifyRobotCode(reply: RobotReply, retryable: ReadonlyMap<number, number>, name: string): SendOutcome {
  const detail = `${name} code ${reply.code}: ${reply.message}`;
  if (reply.code === 0) return { status: 'sent', detail };
  const after = retryable.get(reply.code);
  return after === undefined ? { status: 'failed', detail } : { status: 'retry', detail, retryAfterMs: after };
}
