import { DAY_MS, HOUR_MS, instantToWall, MINUTE_MS, offsetAt, zoneFormatter } from '../domain/time/zone.js';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as `2025-06-06 15:00 +08:00` in the zone: what a reader in the organisation expects. */
export function formatTime(ms: number | null, timeZone: string, none: string): string {
  if (ms === null) return none;
  const zone = zoneFormatter(timeZone) ?? (zoneFormatter('UTC') as Intl.DateTimeFormat);
  const wall = new Date(instantToWall(zone, ms));
  const offset = offsetAt(zone, ms) / MINUTE_MS;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())} ${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** A duration in days, hours and minutes (seconds dropped; under a minute is "0 min"). */
export function formatDuration(ms: number | null, lang: Lang, none: string): string {
  if (ms === null) return none;
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const units = lang === 'zh-CN' ? (['天', '小时', '分钟'] as const) : ([' d', ' h', ' min'] as const);
  const parts = [days > 0 ? `${days}${units[0]}` : '', hours > 0 ? `${hours}${units[1]}` : '', `${minutes}${units[2]}`].filter(Boolean);
  if (minutes === 0 && parts.length > 1) parts.pop();
  return parts.join(lang === 'zh-CN' ? '' : ' ');
}
