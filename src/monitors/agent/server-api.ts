// The two routes a probe agent calls on the Fenghuo server, with every answer sorted into what
// the agent does next: carry on, retry later, shrink the batch, drop it, or give up on the token.

import { describeNetError } from '../checks/net-errors.js';
import type { ProbeSpec } from '../probe-runner.js';

/** What the server says a location runs (GET /api/v1/agent/monitors). */
export interface AgentAssignment {
  location: string;
  generation: number;
  monitors: ProbeSpec[];
}

export type Outcome<T> =
  | { kind: 'ok'; value: T }
  /** 401/403: the token is not (or no longer) a location's token. */
  | { kind: 'unauthorized'; status: number }
  /** Not reached, timed out, 5xx, 408 or 429, or an answer that is not the API's: try again later. */
  | { kind: 'unavailable'; reason: string }
  /** 413: the batch is too big for the server's body limit. */
  | { kind: 'too-large' }
  /** Any other 4xx: asking again the same way will not help. */
  | { kind: 'rejected'; status: number; reason: string };

const RETRYABLE_4XX = new Set([408, 425, 429]);

export class AgentServer {
  private readonly base: string;

  constructor(
    server: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {
    this.base = server.replace(/\/+$/, '');
  }

  get url(): string {
    return this.base;
  }

  async assignment(signal?: AbortSignal): Promise<Outcome<AgentAssignment>> {
    const answer = await this.call('GET', '/api/v1/agent/monitors', undefined, signal);
    if (answer.kind !== 'ok') return answer;
    const body = answer.value as Partial<AgentAssignment> | null;
    if (!body || typeof body.location !== 'string' || typeof body.generation !== 'number' || !Array.isArray(body.monitors)) {
      return { kind: 'unavailable', reason: 'unexpected answer (not the Fenghuo agent API)' };
    }
    return { kind: 'ok', value: { location: body.location, generation: body.generation, monitors: body.monitors } };
  }

  /** Sends results already in wire form; `ok` carries how many the server accepted. */
  async results(items: readonly string[], signal?: AbortSignal): Promise<Outcome<number>> {
    const answer = await this.call('POST', '/api/v1/agent/results', `{"results":[${items.join(',')}]}`, signal);
    if (answer.kind !== 'ok') return answer;
    const accepted = (answer.value as { accepted?: unknown } | null)?.accepted;
    return { kind: 'ok', value: typeof accepted === 'number' ? accepted : items.length };
  }

  private async call(method: 'GET' | 'POST', path: string, body: string | undefined, signal?: AbortSignal): Promise<Outcome<unknown>> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      text = await res.text();
    } catch (err) {
      if (timeout.aborted) return { kind: 'unavailable', reason: `no answer within ${this.timeoutMs} ms` };
      if (signal?.aborted) return { kind: 'unavailable', reason: 'stopped' };
      return { kind: 'unavailable', reason: describeFetchError(err) };
    }
    if (res.status === 401 || res.status === 403) return { kind: 'unauthorized', status: res.status };
    if (res.status === 413) return { kind: 'too-large' };
    if (res.status >= 500 || RETRYABLE_4XX.has(res.status))
      return { kind: 'unavailable', reason: `${res.status} ${errorMessage(text)}`.trim() };
    if (res.status < 200 || res.status >= 300)
      return { kind: 'rejected', status: res.status, reason: `${res.status} ${errorMessage(text)}`.trim() };
    try {
      return { kind: 'ok', value: text ? (JSON.parse(text) as unknown) : null };
    } catch {
      return { kind: 'unavailable', reason: `unexpected answer (${res.status}, not JSON)` };
    }
  }
}

/** `fetch failed` says nothing: the cause (ECONNREFUSED, ENOTFOUND, a certificate) does. */
function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: unknown } | null)?.cause;
  return describeNetError(cause ?? err);
}

/** The message of a Fenghuo error body (`{error: {code, message}}`), else the start of whatever came. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown }; message?: unknown } | null;
    const message = body?.error?.message ?? body?.message;
    if (typeof message === 'string') return message.slice(0, 200);
  } catch {
    // not JSON
  }
  return text.slice(0, 200).replace(/\s+/g, ' ');
}
