// One EventSource for the whole console (GET /api/v1/events), shared by every screen that listens.
// The browser reconnects by itself after a dropped connection; when the server answers with an
// error instead (401, 404 while the endpoint does not exist, 502 from a proxy) the browser gives up,
// so we reopen with a growing pause. After any reconnect, listeners get `resync`: events sent
// while we were away are lost, so screens refetch.
export interface IncidentEvent {
  id: string;
  number: number;
  status: string;
  level: number;
  version: number;
  updatedAt: string;
}

export interface MonitorEvent {
  id: string;
  state: string;
}

export type LiveEvent = { type: 'incident'; incident: IncidentEvent } | { type: 'monitor'; monitor: MonitorEvent } | { type: 'resync' };
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

type Listener = (event: LiveEvent) => void;

const URL_PATH = '/api/v1/events';
const MAX_PAUSE_MS = 30_000;

const listeners = new Set<Listener>();
const statusListeners = new Set<() => void>();
let source: EventSource | null = null;
let status: LiveStatus = 'idle';
let everOpened = false;
let pauseMs = 1000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function setStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  for (const notify of statusListeners) notify();
}

function emit(event: LiveEvent): void {
  for (const listener of listeners) listener(event);
}

function parse(data: unknown): unknown {
  try {
    return typeof data === 'string' ? JSON.parse(data) : null;
  } catch {
    return null;
  }
}

function isIncidentEvent(v: unknown): v is IncidentEvent {
  const e = v as IncidentEvent | null;
  return !!e && typeof e.id === 'string' && typeof e.number === 'number' && typeof e.status === 'string' && typeof e.level === 'number';
}

function isMonitorEvent(v: unknown): v is MonitorEvent {
  const e = v as MonitorEvent | null;
  return !!e && typeof e.id === 'string' && typeof e.state === 'string';
}

function open(): void {
  clearTimeout(retryTimer);
  const es = new EventSource(URL_PATH); // same origin: the session cookie goes along
  source = es;
  setStatus(everOpened ? 'reconnecting' : 'connecting');
  es.addEventListener('open', () => {
    pauseMs = 1000;
    setStatus('live');
    if (everOpened) emit({ type: 'resync' });
    everOpened = true;
  });
  es.addEventListener('incident', (e) => {
    const data = parse((e as MessageEvent).data);
    if (isIncidentEvent(data)) emit({ type: 'incident', incident: data });
  });
  es.addEventListener('monitor', (e) => {
    const data = parse((e as MessageEvent).data);
    if (isMonitorEvent(data)) emit({ type: 'monitor', monitor: data });
  });
  es.addEventListener('error', () => {
    if (source !== es) return;
    setStatus('reconnecting');
    if (es.readyState === EventSource.CLOSED) {
      es.close();
      retryTimer = setTimeout(open, pauseMs);
      pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
    }
  });
}

function close(): void {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  everOpened = false;
  pauseMs = 1000;
  setStatus('idle');
}

/** Listens to live events; the connection opens with the first listener and closes after the last. */
export function subscribeLive(listener: Listener): () => void {
  listeners.add(listener);
  if (!source) open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) close();
  };
}

export function subscribeLiveStatus(notify: () => void): () => void {
  statusListeners.add(notify);
  return () => statusListeners.delete(notify);
}

export const liveStatus = (): LiveStatus => status;
