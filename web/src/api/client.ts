// The console's only way to data: same-origin fetch to /api/v1 with the session cookie.
import { ApiError, errorFromBody } from './errors';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => undefined;

/** The session layer registers what a 401 means (back to sign-in); the client stays UI-free. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

/** What a finished fetch gave: enough to build the answer or the error, whoever asked. */
interface RawAnswer {
  ok: boolean;
  status: number;
  requestId: string | null;
  text: string | null;
}

async function fetchRaw(url: string, init: RequestInit): Promise<RawAnswer> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const text = await response.text().catch(() => null);
  return { ok: response.ok, status: response.status, requestId: response.headers.get('x-request-id'), text };
}

/**
 * GETs started before anyone asked (src/app/boot.ts: while the console's code is still starting,
 * the session and the first screen's first page are already on their way). The first `request` for
 * the same URL takes the answer; one nobody takes within EARLY_TTL_MS is dropped unused, never
 * served late.
 */
const early = new Map<string, { startedAt: number; answer: Promise<RawAnswer> }>();
const EARLY_TTL_MS = 10_000;

export function requestEarly(path: string, query?: Query): void {
  const url = apiUrl(path, query);
  if (early.has(url)) return;
  const answer = fetchRaw(url, { method: 'GET', credentials: 'same-origin', headers: { accept: 'application/json' } });
  answer.catch(() => undefined); // taken or dropped; a failure is seen by whoever takes it
  early.set(url, { startedAt: Date.now(), answer });
  setTimeout(() => early.delete(url), EARLY_TTL_MS);
}

/**
 * Drops every early answer not yet taken: they were asked for by the session that was current
 * then, so after signing in or out they are another person's answers (or a 401).
 */
export function forgetEarly(): void {
  early.clear();
}

function takeEarly(url: string, signal: AbortSignal | null): Promise<RawAnswer> | null {
  const held = early.get(url);
  early.delete(url);
  if (!held || Date.now() - held.startedAt > EARLY_TTL_MS) return null;
  if (!signal) return held.answer;
  // The caller may give up; the shared fetch itself has no one else to cancel it for.
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    held.answer.then(resolve, reject);
  });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' }, signal: options.signal ?? null };
  if (options.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  const url = apiUrl(path, options.query);
  const { ok, status, requestId, text } = await ((method === 'GET' && takeEarly(url, init.signal ?? null)) || fetchRaw(url, init));
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (ok) throw new ApiError(status, 'unparsable', 'response is not JSON', requestId);
    }
  }
  if (!ok) {
    const error = errorFromBody(status, body, requestId);
    // A wrong password at sign-in is also a 401, but it is the form's business, not a lost session.
    if (status === 401 && path !== '/auth/login') onUnauthenticated();
    throw error;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) => request<T>('POST', path, { body, signal }),
  patch: <T>(path: string, body: unknown, signal?: AbortSignal) => request<T>('PATCH', path, { body, signal }),
  put: <T>(path: string, body: unknown, signal?: AbortSignal) => request<T>('PUT', path, { body, signal }),
  delete: <T>(path: string, signal?: AbortSignal) => request<T>('DELETE', path, { signal }),
};
