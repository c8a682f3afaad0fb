// `<input type="datetime-local">` shows wall-clock time without a zone; the console shows times in
// the user's zone (which may not be the browser's), so the conversion is done here.

function wallClock(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** An ISO instant as `YYYY-MM-DDTHH:mm` in `zone` ('' when it is not a date). */
export function toLocalInput(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(wallClock(ms, zone)).toISOString().slice(0, 16);
}

/** `YYYY-MM-DDTHH:mm` read in `zone` as an ISO instant (null when empty or malformed). */
export function fromLocalInput(value: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wanted;
  // The zone's offset at the guess moves the guess; twice settles it, also around a DST change.
  for (let i = 0; i < 2; i++) guess += wanted - wallClock(guess, zone);
  return new Date(guess).toISOString();
}
