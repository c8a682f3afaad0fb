// Heartbeat push, Uptime Kuma style: `GET|POST /api/push/{token}?status=up|down&msg=…&ping=…`.
import { MAX_SUMMARY_LENGTH } from '../../domain/signals/signal.js';
import { isObject, own, truncate } from '../validate.js';

export interface HeartbeatPush {
  status: 'up' | 'down';
  msg: string | null;
  ping: number | null;
}

/** Uptime Kuma's bound on `ping` (ms). */
export const MAX_PING_MS = 100_000_000_000;

/**
 * Reads the push parameters. As in Uptime Kuma, `status` defaults to up and any value other than
 * `up` means down; `ping` is read with parseFloat (so `12ms` is 12) and must lie in 0–1e11 ms.
 * A parameter given twice (`?status=up&status=down`) is refused rather than guessed.
 */
export function parseHeartbeatPush(query: Record<string, unknown>): HeartbeatPush | { error: string } {
  if (!isObject(query)) return { error: 'query must be an object' };
  const status = single(query, 'status');
  const msg = single(query, 'msg');
  const ping = single(query, 'ping');
  if (status === INVALID || msg === INVALID || ping === INVALID) {
    const name = status === INVALID ? 'status' : msg === INVALID ? 'msg' : 'ping';
    return { error: `${name} must be given at most once, as text` };
  }
  const pingMs = readPing(ping);
  if (pingMs === INVALID) return { error: `Invalid ping value. Must be between 0 and ${MAX_PING_MS} ms.` };
  const statusText = status === null ? '' : String(status).trim().toLowerCase();
  const msgText = msg === null ? '' : String(msg);
  return {
    status: statusText === '' || statusText === 'up' ? 'up' : 'down',
    msg: msgText === '' ? null : truncate(msgText, MAX_SUMMARY_LENGTH),
    ping: pingMs,
  };
}

const INVALID = Symbol('invalid');

/** A string or number parameter, null when absent; INVALID for arrays, objects and the like. */
function single(query: Record<string, unknown>, key: string): string | number | null | typeof INVALID {
  const value = own(query, key);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  return INVALID;
}

function readPing(value: string | number | null): number | null | typeof INVALID {
  if (value === null) return null;
  const ms = typeof value === 'number' ? value : Number.parseFloat(value);
  if (Number.isNaN(ms)) return null;
  return ms >= 0 && ms <= MAX_PING_MS ? ms : INVALID;
}
