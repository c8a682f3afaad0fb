/** The on-call screen's address for a schedule and, optionally, a week (its Monday, YYYY-MM-DD). */
export function oncallHref(scheduleId: string, week?: string): string {
  const params = new URLSearchParams({ schedule: scheduleId });
  if (week) params.set('week', week);
  return `/oncall?${params.toString()}`;
}
