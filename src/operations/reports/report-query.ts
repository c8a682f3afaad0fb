import { FenghuoError } from '../../domain/errors.js';
import type { Level } from '../../domain/grading/policy.js';
import { startOfLocalDate } from '../../domain/metrics/periods.js';
import { DAY_MS, zoneFormatter } from '../../domain/time/zone.js';
import type { ReportFilter } from '../../store/reports-repo.js';
import type { Context } from '../context.js';

/** The range when none is given: the last 30 days. */
export const DEFAULT_REPORT_DAYS = 30;
/** The longest range one report covers: two years (a leap day included). */
export const MAX_REPORT_DAYS = 731;

export type DrillFilter = 'false' | 'true' | 'only';

/** What every report accepts, as the query string has it (already checked against its schema). */
export interface ReportQueryInput {
  /** An ISO 8601 date-time, or a date `YYYY-MM-DD` meaning its midnight in `tz`. */
  from?: string;
  to?: string;
  /** IANA time zone for dates and calendar periods; default UTC. */
  tz?: string;
  levels?: Level[];
  service?: string;
  team?: string;
  /** Drills are left out unless `true` (with the rest) or `only`. */
  drill?: DrillFilter;
}

export interface ResolvedReportQuery {
  filter: ReportFilter;
  timeZone: string;
  zone: Intl.DateTimeFormat;
}

function invalid(field: string, message: string): FenghuoError {
  return new FenghuoError('invalid_request', `${field}: ${message}`, [{ field, message }]);
}

function parseBound(value: string, field: string, zone: Intl.DateTimeFormat): number {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfLocalDate(value, zone) : Date.parse(value);
  if (at === null || Number.isNaN(at)) throw invalid(field, 'not a date (YYYY-MM-DD) or date-time (ISO 8601)');
  return at;
}

/** Checks and completes the range, zone and filters; errors name the query parameter. */
export function resolveReportQuery(ctx: Context, input: ReportQueryInput): ResolvedReportQuery {
  const timeZone = input.tz ?? 'UTC';
  const zone = zoneFormatter(timeZone);
  if (!zone) throw invalid('querystring.tz', `unknown time zone "${timeZone}" (use an IANA name such as Asia/Shanghai)`);
  const to = input.to !== undefined ? parseBound(input.to, 'querystring.to', zone) : ctx.clock.now();
  const from = input.from !== undefined ? parseBound(input.from, 'querystring.from', zone) : to - DEFAULT_REPORT_DAYS * DAY_MS;
  if (to <= from) {
    throw input.to === undefined
      ? invalid('querystring.from', 'must be before now (to defaults to now)')
      : invalid('querystring.to', 'must be after from');
  }
  if (to - from > MAX_REPORT_DAYS * DAY_MS) throw invalid('querystring.to', `must be at most ${MAX_REPORT_DAYS} days after from`);
  const drills = input.drill === 'true' ? 'include' : input.drill === 'only' ? 'only' : 'exclude';
  return {
    filter: { from, to, levels: input.levels, service: input.service, team: input.team, drills },
    timeZone,
    zone,
  };
}
