import type { ContactMethod } from '../../domain/escalation/contact.js';
import type { EscalationPolicy } from '../../domain/escalation/policy.js';
import { ONCALL_HORIZON_DAYS, resolveShifts } from '../../domain/oncall/resolve-shifts.js';
import type { Schedule } from '../../domain/oncall/schedule.js';
import { findUsersByIds } from '../../store/access-repo.js';
import { channelsOfTeam } from '../../store/channels-repo.js';
import { listContactMethods, listNotificationRules } from '../../store/contacts-repo.js';
import { findEscalationPolicy } from '../../store/escalation-policies-repo.js';
import {
  findSchedules,
  overlappingOverrides,
  overridesEndingAfter,
  type StoredOverride,
  type StoredSchedule,
} from '../../store/schedules-repo.js';
import { teamMembers } from '../../store/teams-repo.js';
import type { ConfigSnapshot } from '../config-snapshot.js';
import type { Executor } from '../context.js';
import { readPagingSettings } from '../oncall/paging-settings.js';
import type { ChannelRef, PagingDirectory, Person } from './directory.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The directory over the on-call tables, in the caller's transaction. IM addresses stay sealed:
 * planning only needs to know a method exists and which system it is on; the sender opens it.
 *
 * With `config` (the transaction's ConfigSnapshot), what it reads is cached per configuration
 * generation: opening an incident then reads none of these tables while nobody changes them.
 */
export function pagingDirectory(db: Executor, config?: ConfigSnapshot): PagingDirectory {
  if (config) return cachedDirectory(db, config);
  return {
    policy: (id) => findEscalationPolicy(db, id),

    async schedules(ids, from, to) {
      const schedules = await findSchedules(db, ids);
      const overrides = await overlappingOverrides(db, ids, from, to);
      return schedules.map((s) => toSchedule(s, overrides));
    },

    teamMembers: (teamIds) => teamMembers(db, teamIds),

    async people(userIds) {
      if (userIds.length === 0) return new Map<string, Person>();
      return loadPeople(db, userIds);
    },

    teamChannels: (teamId) => loadTeamChannels(db, teamId),

    settings: () => readPagingSettings(db),
  };
}

function toSchedule(s: StoredSchedule, overrides: readonly StoredOverride[]): Schedule {
  return {
    id: s.id,
    name: s.name,
    timeZone: s.timeZone,
    layers: s.layers,
    overrides: overrides.filter((o) => o.scheduleId === s.id).map((o) => ({ id: o.id, userId: o.userId, start: o.start, end: o.end })),
  };
}

async function loadPeople(db: Executor, userIds: readonly string[]): Promise<Map<string, Person>> {
  const map = new Map<string, Person>();
  const users = await findUsersByIds(db, userIds);
  const methods = await listContactMethods(db, userIds);
  const rules = await listNotificationRules(db, userIds);
  for (const u of users) {
    const contactMethods = methods
      .filter((m) => m.userId === u.id)
      .map((m): ContactMethod =>
        m.kind === 'im' && m.channel
          ? { id: m.id, kind: m.kind, address: '', channel: m.channel }
          : { id: m.id, kind: m.kind, address: m.address ?? '' },
      );
    map.set(u.id, {
      id: u.id,
      name: u.name,
      email: u.email,
      locale: u.locale,
      disabled: u.disabled,
      settings: {
        contactMethods,
        rules: rules.filter((r) => r.userId === u.id).map((r) => ({ contactMethodId: r.contactMethodId, delayMinutes: r.delayMinutes })),
      },
    });
  }
  return map;
}

async function loadTeamChannels(db: Executor, teamId: string): Promise<ChannelRef[]> {
  return (await channelsOfTeam(db, teamId))
    .filter((c) => !c.disabled)
    .map((c) => ({ id: c.id, kind: c.kind, name: c.name, locale: c.locale }));
}

/** Overrides of one schedule that end after `since`: every override that can overlap a time from `since` on. */
interface OverridesFrom {
  since: number;
  overrides: StoredOverride[];
}

/**
 * Who a schedule had on call, resolved once for a window around `at` (as onCallAt does) and reused
 * for later instants in the next hour while the schedule and its overrides in force are the same.
 * Who is on call at an instant depends on that instant only (layers, restrictions and overrides are
 * evaluated per instant; the window only clips the shifts' bounds, which paging does not use).
 */
interface OnCallWindow {
  at: number;
  overrideIds: string;
  shifts: Array<{ userId: string; start: number; end: number }>;
}

const ONCALL_REUSE_MS = HOUR_MS;
/** Larger resolutions are not kept (far beyond any real rota; keeps resolveShifts' limits as they were). */
const ONCALL_MAX_SHIFTS = 1_000;

function cachedDirectory(db: Executor, config: ConfigSnapshot): PagingDirectory {
  return {
    policy: (id) => config.cached<EscalationPolicy | null>(`policy:${id}`, () => findEscalationPolicy(db, id)),

    async schedules(ids, from, to) {
      const rows = await config.cachedMany<StoredSchedule | null>(
        ids.map((id) => `schedule:${id}`),
        async (keys) => {
          const found = await findSchedules(
            db,
            keys.map((k) => k.slice('schedule:'.length)),
          );
          return new Map(found.map((s) => [`schedule:${s.id}`, s]));
        },
        null,
      );
      const schedules = [...rows.values()].filter((s): s is StoredSchedule => s !== null);
      if (schedules.length === 0) return [];
      const known = await config.cachedMany<OverridesFrom | null>(
        schedules.map((s) => `overrides:${s.id}`),
        async (keys) => {
          const scheduleIds = keys.map((k) => k.slice('overrides:'.length));
          const overrides = await overridesEndingAfter(db, scheduleIds, from);
          return new Map(
            scheduleIds.map((id) => [`overrides:${id}`, { since: from, overrides: overrides.filter((o) => o.scheduleId === id) }]),
          );
        },
        null,
      );
      // Cached from `since` on: exact for any range that starts there or later (the clock only
      // moves forward in production; a range before it is read from the table).
      const covered = schedules.filter((s) => {
        const o = known.get(`overrides:${s.id}`);
        return o != null && o.since <= from;
      });
      const overrides = covered.flatMap((s) =>
        (known.get(`overrides:${s.id}`)?.overrides ?? []).filter((o) => o.end > from && o.start < to),
      );
      const rest = schedules.filter((s) => !covered.includes(s)).map((s) => s.id);
      if (rest.length > 0) overrides.push(...(await overlappingOverrides(db, rest, from, to)));
      return schedules.map((s) => toSchedule(s, overrides));
    },

    async teamMembers(teamIds) {
      const members = await config.cachedMany<string[]>(
        teamIds.map((id) => `members:${id}`),
        async (keys) => {
          const found = await teamMembers(
            db,
            keys.map((k) => k.slice('members:'.length)),
          );
          return new Map([...found].map(([id, users]) => [`members:${id}`, users]));
        },
        [],
      );
      return new Map(teamIds.map((id) => [id, members.get(`members:${id}`) ?? []]));
    },

    async people(userIds) {
      const map = new Map<string, Person>();
      if (userIds.length === 0) return map;
      const people = await config.cachedMany<Person | null>(
        userIds.map((id) => `person:${id}`),
        async (keys) => {
          const found = await loadPeople(
            db,
            keys.map((k) => k.slice('person:'.length)),
          );
          return new Map([...found].map(([id, p]) => [`person:${id}`, p]));
        },
        null,
      );
      for (const id of userIds) {
        const person = people.get(`person:${id}`);
        if (person) map.set(id, person);
      }
      return map;
    },

    teamChannels: (teamId) => config.cached(`channels:${teamId}`, () => loadTeamChannels(db, teamId)),

    settings: () => config.cached('paging-settings', () => readPagingSettings(db)),

    onCall(schedule, at) {
      const key = `oncall:${schedule.id}`;
      const overrideIds = schedule.overrides.map((o) => o.id).join(',');
      const usable = (w: OnCallWindow | null | undefined): w is OnCallWindow =>
        w != null && w.overrideIds === overrideIds && at >= w.at && at < w.at + ONCALL_REUSE_MS;
      const hit = config.peek<OnCallWindow>(key);
      const window = usable(hit) ? hit : resolveWindow(schedule, at, overrideIds);
      if (window !== hit && window.shifts.length <= ONCALL_MAX_SHIFTS) config.put(key, window);
      return window.shifts.filter((s) => s.start <= at && at < s.end).map((s) => s.userId);
    },
  };
}

function resolveWindow(schedule: Schedule, at: number, overrideIds: string): OnCallWindow {
  const horizon = ONCALL_HORIZON_DAYS * DAY_MS;
  const shifts = resolveShifts(schedule, at - horizon, at + horizon).map((s) => ({ userId: s.userId, start: s.start, end: s.end }));
  return { at, overrideIds, shifts };
}
