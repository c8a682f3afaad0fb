import type { NotificationSettings } from '../../domain/escalation/contact.js';
import type { EscalationPolicy } from '../../domain/escalation/policy.js';
import type { Schedule } from '../../domain/oncall/schedule.js';
import type { PagingSettings } from '../oncall/paging-settings.js';

/** A person as paging sees them: how to reach them and in which language. */
export interface Person {
  id: string;
  name: string;
  email: string;
  locale: string;
  disabled: boolean;
  settings: NotificationSettings;
}

/** A team's outbound channel (a chat-group robot, a mailing list, a webhook). */
export interface ChannelRef {
  id: string;
  kind: string;
  name: string;
  locale: string;
}

/**
 * What paging reads about people, rotas and policies, inside the caller's transaction. A port,
 * so the planning code does not care how the on-call tables are laid out.
 */
export interface PagingDirectory {
  policy(id: string): Promise<EscalationPolicy | null>;
  /** Schedules with the overrides that touch [from, to). */
  schedules(ids: string[], from: number, to: number): Promise<Schedule[]>;
  teamMembers(teamIds: string[]): Promise<Map<string, string[]>>;
  people(userIds: string[]): Promise<Map<string, Person>>;
  teamChannels(teamId: string): Promise<ChannelRef[]>;
  settings(): Promise<PagingSettings>;
  /**
   * Who is on call in `schedule` (as `schedules` returned it) at `at`: the users of onCallAt. A
   * directory may answer from a cache; without this method planning calls onCallAt itself.
   */
  onCall?(schedule: Schedule, at: number): readonly string[];
}
