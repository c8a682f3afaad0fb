import { LEVELS, type Level } from '../grading/policy.js';
import { outOfOrderMilestone, type Milestones } from '../incident/milestones.js';
import { DurationList, summarizeDurations, type DurationSummary } from './durations.js';
import { periodIndexOf, type Period } from './periods.js';

/** What the metrics need of an incident: its level and times. */
export interface MetricIncident extends Milestones {
  level: Level;
}

export const METRIC_GROUP_BY = ['level', 'service', 'team', 'month', 'week'] as const;
export type MetricGroupBy = (typeof METRIC_GROUP_BY)[number];

/**
 * How to split incidents into groups; an incident may fall in several (one per service, team).
 * `servicesOf` lists every service an incident lists (directly affected or reached).
 */
export type MetricGrouping<T extends MetricIncident = MetricIncident> =
  | { by: 'level' }
  | { by: 'service'; servicesOf: (i: T) => readonly string[] }
  | { by: 'team'; servicesOf: (i: T) => readonly string[]; teamOf: ReadonlyMap<string, string | null> }
  | { by: 'period'; periods: readonly Period[] };

export type LevelCounts = Record<Level, number>;

/**
 * Every duration is measured from the incident's start (`startedAt`), which may precede detection:
 * detect = createdAt, acknowledge/mitigate/resolve = their times. An incident without a time
 * (not yet acknowledged, …) is left out of that duration's summary only.
 */
export interface ReliabilitySummary {
  /** Incidents counted: those whose times are in order. */
  count: number;
  /** Incidents left out because their recorded times are out of order. */
  invalid: number;
  countsByLevel: LevelCounts;
  detect: DurationSummary;
  acknowledge: DurationSummary;
  mitigate: DurationSummary;
  resolve: DurationSummary;
}

/** A group's key: the level (`"1"`), service id, team, or period key; null for no service or team. */
export interface ReliabilityGroup extends ReliabilitySummary {
  key: string | null;
}

export interface ReliabilityMetrics {
  overall: ReliabilitySummary;
  groups: ReliabilityGroup[];
}

interface Tally {
  count: number;
  invalid: number;
  byLevel: LevelCounts;
  detect: DurationList;
  acknowledge: DurationList;
  mitigate: DurationList;
  resolve: DurationList;
}

const newTally = (): Tally => ({
  count: 0,
  invalid: 0,
  byLevel: { 1: 0, 2: 0, 3: 0, 4: 0 },
  detect: new DurationList(),
  acknowledge: new DurationList(),
  mitigate: new DurationList(),
  resolve: new DurationList(),
});

function summarize(t: Tally): ReliabilitySummary {
  return {
    count: t.count,
    invalid: t.invalid,
    countsByLevel: t.byLevel,
    detect: summarizeDurations(t.detect.view()),
    acknowledge: summarizeDurations(t.acknowledge.view()),
    mitigate: summarizeDurations(t.mitigate.view()),
    resolve: summarizeDurations(t.resolve.view()),
  };
}

const NO_KEY: readonly (string | null)[] = [null];

/** Without repeats; most incidents list one service or two, so a Set would cost more than it saves. */
function distinct(keys: readonly string[]): readonly string[] {
  for (let a = 1; a < keys.length; a++) for (let b = 0; b < a; b++) if (keys[a] === keys[b]) return [...new Set(keys)];
  return keys;
}

/** The keys an incident is counted under; arrays shared where they can be, as this runs per incident. */
function keysOf<T extends MetricIncident>(g: MetricGrouping<T>): (i: T) => readonly (string | null)[] {
  switch (g.by) {
    case 'level': {
      const byLevel = Object.fromEntries(LEVELS.map((l) => [l, [String(l)]])) as Record<Level, string[]>;
      return (i) => byLevel[i.level];
    }
    case 'period': {
      const byIndex = g.periods.map((p) => [p.key]);
      return (i) => byIndex[periodIndexOf(g.periods, i.startedAt)] ?? [];
    }
    case 'service':
      return (i) => {
        const services = g.servicesOf(i);
        return services.length ? distinct(services) : NO_KEY;
      };
    case 'team':
      return (i) => {
        const teams: string[] = [];
        for (const s of g.servicesOf(i)) {
          const team = g.teamOf.get(s);
          if (team && !teams.includes(team)) teams.push(team);
        }
        return teams.length === 0 ? NO_KEY : teams;
      };
  }
}

function add(t: Tally, i: MetricIncident): void {
  t.count++;
  t.byLevel[i.level]++;
  t.detect.push(i.createdAt - i.startedAt);
  if (i.acknowledgedAt !== null) t.acknowledge.push(i.acknowledgedAt - i.startedAt);
  if (i.mitigatedAt !== null) t.mitigate.push(i.mitigatedAt - i.startedAt);
  if (i.resolvedAt !== null) t.resolve.push(i.resolvedAt - i.startedAt);
}

/** The groups every report lists even when empty: the four levels, or every period. */
function fixedKeys<T extends MetricIncident>(g: MetricGrouping<T>): string[] {
  if (g.by === 'level') return LEVELS.map(String);
  if (g.by === 'period') return g.periods.map((p) => p.key);
  return [];
}

/** Services and teams by key, "none" (null) last. */
const byKey = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * MTTD, MTTA, MTTM and MTTR (with medians, p90s and counts) over all incidents and per group,
 * in one pass. Incidents whose times are out of order are counted as `invalid` and nothing else,
 * so no duration is ever negative.
 */
export function computeReliability<T extends MetricIncident>(incidents: readonly T[], grouping: MetricGrouping<T>): ReliabilityMetrics {
  const overall = newTally();
  const groups = new Map<string | null, Tally>(fixedKeys(grouping).map((k) => [k, newTally()]));
  const tallyOf = (key: string | null): Tally => {
    let t = groups.get(key);
    if (!t) groups.set(key, (t = newTally()));
    return t;
  };
  const keys = keysOf(grouping);
  for (const i of incidents) {
    const valid = outOfOrderMilestone(i) === null;
    if (valid) add(overall, i);
    else overall.invalid++;
    for (const key of keys(i)) {
      if (valid) add(tallyOf(key), i);
      else tallyOf(key).invalid++;
    }
  }
  const order = [...groups.keys()];
  if (grouping.by === 'service' || grouping.by === 'team') order.sort(byKey);
  return {
    overall: summarize(overall),
    groups: order.map((key) => ({ key, ...summarize(groups.get(key) as Tally) })),
  };
}
