import type { BackupStatus } from '../domain/slo/backup.js';
import { FenghuoError } from '../domain/errors.js';
import type { GradingPolicy, Level } from '../domain/grading/policy.js';
import type { TimelineEntry } from '../domain/incident/timeline.js';
import type { RegulatorClock } from '../domain/learn/regulator-report.js';
import { responseDeadlines, type ResponseProfile } from '../domain/response/profiles.js';
import type { StoredToken } from '../store/access-repo.js';
import type { StoredIncident } from '../store/incidents-repo.js';
import type { StoredService } from '../store/services-repo.js';
import type { PublicUser } from '../operations/access/users.js';

/** Maps stored records to the API's JSON: ISO-8601 times, no secrets, stable field names. */
export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** A service; with its backup status (docs/slo.md), the RPO's proof. */
export function serviceJson(s: StoredService, backup?: BackupStatus) {
  return {
    ...s,
    ...(backup ? { lastGoodBackupAt: isoOrNull(backup.lastGoodBackupAt), rpoMet: backup.rpoMet } : {}),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

/** For an incident whose clock was not looked up: nothing owed as far as this answer knows. */
const NO_REGULATOR_CLOCK: RegulatorClock = {
  required: false,
  startsAt: null,
  dueAt: null,
  status: 'not_required',
  sentAt: null,
  overdue: false,
  sentLate: false,
};

/** A role's holder as `{ id, name }`; `names` maps user ids to names (an id without a name shows as itself). */
function holderJson(id: string | null | undefined, names: ReadonlyMap<string, string>) {
  return id ? { id, name: names.get(id) ?? id } : null;
}

export function incidentJson(
  i: StoredIncident,
  policy: GradingPolicy,
  profiles: Record<Level, ResponseProfile>,
  names: ReadonlyMap<string, string> = new Map(),
  regulatorClock: RegulatorClock = NO_REGULATOR_CLOCK,
) {
  const profile = profiles[i.level];
  const deadlines = responseDeadlines(profile, { triggeredAt: i.createdAt, startedAt: i.startedAt });
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    summary: i.summary,
    status: i.status,
    level: i.level,
    levelLabel: policy.levels[i.level],
    levelReasons: i.levelReasons,
    services: i.services,
    affected: i.facts.affected,
    usersAffectedPct: i.facts.usersAffectedPct ?? null,
    usersAffected: i.facts.usersAffected ?? null,
    scope: i.facts.scope ?? null,
    recordsExposed: i.facts.recordsExposed ?? null,
    alertCount: i.alertCount,
    drill: i.drill,
    createdBy: i.createdBy,
    startedAt: iso(i.startedAt),
    createdAt: iso(i.createdAt),
    acknowledgedAt: isoOrNull(i.acknowledgedAt),
    mitigatedAt: isoOrNull(i.mitigatedAt),
    resolvedAt: isoOrNull(i.resolvedAt),
    updatedAt: iso(i.updatedAt),
    version: i.version,
    origin: i.origin,
    suppressed: i.suppressed,
    roles: { commander: holderJson(i.roles?.commander, names), communications: holderJson(i.roles?.communications, names) },
    response: {
      ackDueAt: isoOrNull(deadlines.ackDueAt),
      regulatorReportDueAt: isoOrNull(deadlines.regulatorReportDueAt),
      statusPageUpdateRequired: profile.statusPageUpdateRequired,
      postmortemRequired: profile.postmortem.required,
      page: profile.page,
    },
    regulatorReport: {
      ...regulatorClock,
      startsAt: isoOrNull(regulatorClock.startsAt),
      dueAt: isoOrNull(regulatorClock.dueAt),
      sentAt: isoOrNull(regulatorClock.sentAt),
    },
  };
}

export function timelineJson(e: TimelineEntry) {
  return { id: e.id, at: iso(e.at), kind: e.kind, actor: e.actor, from: e.from, to: e.to, message: e.message };
}

export function userJson(u: PublicUser) {
  return { ...u, createdAt: iso(u.createdAt), updatedAt: iso(u.updatedAt) };
}

export function tokenJson(t: StoredToken) {
  return { ...t, createdAt: iso(t.createdAt), lastUsedAt: isoOrNull(t.lastUsedAt), revokedAt: isoOrNull(t.revokedAt) };
}

/** Opaque keyset cursors: base64url JSON, so their shape can change without breaking clients. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: not a cursor this API issued
  }
  return null;
}

/** The keyset position in a cursor (`a`: an id after which, `n`: a number below which); a forged one is a 400. */
export function cursorAfterId(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  const value = decodeCursor(cursor)?.a;
  if (typeof value !== 'string') throw badCursor();
  return value;
}

export function cursorBeforeNumber(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const value = decodeCursor(cursor)?.n;
  if (typeof value !== 'number') throw badCursor();
  return value;
}

function badCursor(): FenghuoError {
  return new FenghuoError('invalid_request', 'cursor: not a cursor this API issued', [
    { field: 'querystring.cursor', message: 'invalid cursor' },
  ]);
}
