import type { MetricIncident } from './reliability.js';

export interface FixtureIncident extends MetricIncident {
  id: string;
}

/**
 * Six incidents with hand-picked times, for the metrics tests. Times are seconds after the start
 * (`startedAt`), which is also what every duration is measured from:
 *
 *   id  level  started (UTC)      detect  ack   mitigate  resolve  services
 *   A   1      2025-06-01 08:00   60      120   900       3600     pay, storage
 *   B   2      2025-06-01 10:00   300     600   1800      7200     chat          (started 5 min before detection)
 *   C   2      2025-06-15 12:00   0       180   –         –        chat, search  (acknowledged, still open)
 *   D   3      2025-06-20 09:00   120     –     2400      2400     search        (resolved unacknowledged: mitigated = resolved)
 *   E   4      2025-07-02 06:00   30      90    600       600      wiki
 *   F   1      2025-07-03 00:00   60      30    –         –        pay           (acknowledged before detection: invalid)
 *
 * Teams (services' ownerTeam): pay → payments, storage → infra, chat and search → messaging, wiki → none.
 */
export const S = 1000;
export const at = (iso: string): number => Date.parse(iso);

function incident(
  id: string,
  level: MetricIncident['level'],
  started: string,
  detect: number,
  ack: number | null,
  mitigate: number | null,
  resolve: number | null,
): FixtureIncident {
  const startedAt = at(started);
  const after = (s: number | null) => (s === null ? null : startedAt + s * S);
  return {
    id,
    level,
    startedAt,
    createdAt: startedAt + detect * S,
    acknowledgedAt: after(ack),
    mitigatedAt: after(mitigate),
    resolvedAt: after(resolve),
  };
}

export const INCIDENTS: readonly FixtureIncident[] = [
  incident('A', 1, '2025-06-01T08:00:00Z', 60, 120, 900, 3600),
  incident('B', 2, '2025-06-01T10:00:00Z', 300, 600, 1800, 7200),
  incident('C', 2, '2025-06-15T12:00:00Z', 0, 180, null, null),
  incident('D', 3, '2025-06-20T09:00:00Z', 120, null, 2400, 2400),
  incident('E', 4, '2025-07-02T06:00:00Z', 30, 90, 600, 600),
  incident('F', 1, '2025-07-03T00:00:00Z', 60, 30, null, null),
];

export const SERVICES_OF: ReadonlyMap<string, readonly string[]> = new Map([
  ['A', ['pay', 'storage']],
  ['B', ['chat']],
  ['C', ['chat', 'search']],
  ['D', ['search']],
  ['E', ['wiki']],
  ['F', ['pay']],
]);

/** The services of a fixture incident, as the grouping asks for them. */
export const servicesOf = (i: FixtureIncident): readonly string[] => SERVICES_OF.get(i.id) ?? [];

export const TEAM_OF: ReadonlyMap<string, string | null> = new Map([
  ['pay', 'payments'],
  ['storage', 'infra'],
  ['chat', 'messaging'],
  ['search', 'messaging'],
  ['wiki', null],
]);
