import type { EscalationTarget } from './policy.js';

/** How targets become people; the schedule resolution comes from the on-call domain. */
export interface TargetResolvers {
  /** Users on call in the schedule at `at` (epoch ms). */
  onCallAt(scheduleId: string, at: number): readonly string[];
  /** Users in the team. */
  teamMembers(teamId: string): readonly string[];
}

/**
 * The users a firing pages at `at`, each once, in the order first reached: a user named directly
 * and also on call in a scheduled target, or in a team, is notified once.
 */
export function expandTargets(targets: readonly EscalationTarget[], resolvers: TargetResolvers, at: number): string[] {
  const users = new Set<string>();
  for (const target of targets) {
    for (const userId of usersOf(target, resolvers, at)) users.add(userId);
  }
  return [...users];
}

function usersOf(target: EscalationTarget, resolvers: TargetResolvers, at: number): readonly string[] {
  switch (target.kind) {
    case 'user':
      return [target.id];
    case 'schedule':
      return resolvers.onCallAt(target.id, at);
    case 'team':
      return resolvers.teamMembers(target.id);
  }
}
