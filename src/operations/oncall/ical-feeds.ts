import { FenghuoError } from '../../domain/errors.js';
import { renderICalendar, type CalendarShift } from '../../domain/oncall/ical.js';
import { resolveShifts, userShifts } from '../../domain/oncall/resolve-shifts.js';
import type { Shift } from '../../domain/oncall/schedule.js';
import { DAY_MS } from '../../domain/time/zone.js';
import { findUser } from '../../store/access-repo.js';
import { findSchedule, listSchedules, type StoredSchedule } from '../../store/schedules-repo.js';
import type { Context, Deps, Executor } from '../context.js';
import { notFound } from './manage-schedules.js';
import { assertMayManageContacts } from './manage-contact-methods.js';
import { resolvable } from './read-oncall.js';

/** A feed covers a week back (last week's shifts stay visible) and 60 days ahead. */
export const FEED_DAYS_BACK = 7;
export const FEED_DAYS_AHEAD = 60;

const PURPOSE = 'ical';
type Subject = { kind: 'schedule' | 'user'; id: string };
const subjectKey = (s: Subject) => `${s.kind}:${s.id}`;

/**
 * The token of a feed URL: an HMAC of what the feed shows, since calendar apps cannot send headers.
 * It does not expire; changing the server's secret key revokes every feed link.
 */
export function feedToken(deps: Deps, subject: Subject): string {
  return deps.secrets.mac(PURPOSE, subjectKey(subject));
}

function checkToken(deps: Deps, subject: Subject, token: string | undefined): void {
  if (token === undefined || !deps.secrets.verifyMac(PURPOSE, subjectKey(subject), token)) {
    throw new FenghuoError('unauthenticated', 'this calendar link is not valid');
  }
}

/** The token for a schedule's feed (to anyone who may read the schedule). */
export async function scheduleFeedToken(ctx: Context, id: string): Promise<string> {
  if (!(await findSchedule(ctx.store.db, id))) throw notFound(id);
  return feedToken(ctx, { kind: 'schedule', id });
}

/** The token for a person's own feed (to them or an admin). */
export async function userFeedToken(ctx: Context, userId: string): Promise<string> {
  await assertMayManageContacts(ctx, ctx.store.db, userId);
  return feedToken(ctx, { kind: 'user', id: userId });
}

function feedWindow(deps: Deps): { from: number; to: number } {
  const now = deps.clock.now();
  return { from: now - FEED_DAYS_BACK * DAY_MS, to: now + FEED_DAYS_AHEAD * DAY_MS };
}

async function userNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) names.set(id, (await findUser(db, { id }))?.name ?? id);
  return names;
}

function layerName(schedule: StoredSchedule, shift: Shift): string {
  if (shift.overrideId !== null) return 'override';
  return `layer ${schedule.layers.find((l) => l.id === shift.layerId)?.name ?? shift.layerId ?? ''}`;
}

/** A schedule's shifts as iCalendar, for a link carrying the schedule's token. */
export async function renderScheduleFeed(deps: Deps, id: string, token: string | undefined): Promise<string> {
  checkToken(deps, { kind: 'schedule', id }, token);
  const db = deps.store.db;
  const stored = await findSchedule(db, id);
  if (!stored) throw notFound(id);
  const { from, to } = feedWindow(deps);
  const [schedule] = await resolvable(db, [stored], from, to);
  const shifts = schedule ? resolveShifts(schedule, from, to) : [];
  const names = await userNames(
    db,
    shifts.map((s) => s.userId),
  );
  const events = shifts.map((s): CalendarShift => ({
    scheduleId: id,
    userId: s.userId,
    start: s.start,
    end: s.end,
    summary: `On call: ${names.get(s.userId) ?? s.userId} (${stored.name})`,
    description: `From ${layerName(stored, s)}`,
  }));
  return renderICalendar({ name: `On call: ${stored.name}`, shifts: events, generatedAt: deps.clock.now() });
}

/** One person's shifts across every schedule as iCalendar, for a link carrying their token. */
export async function renderUserFeed(deps: Deps, userId: string, token: string | undefined): Promise<string> {
  checkToken(deps, { kind: 'user', id: userId }, token);
  const db = deps.store.db;
  const user = await findUser(db, { id: userId });
  // A disabled user's feed stops with their access.
  if (!user || user.disabled) throw new FenghuoError('not_found', `user "${userId}" not found`);
  const { from, to } = feedWindow(deps);
  const stored = await listSchedules(db);
  const byId = new Map(stored.map((s) => [s.id, s]));
  const shifts = userShifts(await resolvable(db, stored, from, to), userId, from, to);
  const events = shifts.map((s): CalendarShift => {
    const schedule = byId.get(s.scheduleId);
    return {
      scheduleId: s.scheduleId,
      userId,
      start: s.start,
      end: s.end,
      summary: `On call: ${schedule?.name ?? s.scheduleId}`,
      description: schedule ? `From ${layerName(schedule, s)}` : null,
    };
  });
  return renderICalendar({ name: `On call: ${user.name}`, shifts: events, generatedAt: deps.clock.now() });
}
