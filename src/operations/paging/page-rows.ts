import type { ContactMethod } from '../../domain/escalation/contact.js';
import { expandTargets } from '../../domain/escalation/expand-targets.js';
import { personalNotifications } from '../../domain/escalation/personal-notifications.js';
import type { EscalationFiring } from '../../domain/escalation/plan-escalation.js';
import type { EscalationTarget } from '../../domain/escalation/policy.js';
import { onCallAt } from '../../domain/oncall/resolve-shifts.js';
import type { StoredNotification } from '../../store/notifications-repo.js';
import type { IdSource } from '../context.js';
import type { ChannelRef, PagingDirectory, Person } from './directory.js';

/** How one contact method is reached: the channel plugin kind and what rate limits count against. */
export function contactRoute(method: ContactMethod): { channelKind: string; targetKey: string } {
  switch (method.kind) {
    case 'email':
      return { channelKind: 'email', targetKey: `email:${method.address.toLowerCase()}` };
    case 'sms':
    case 'voice':
      return { channelKind: method.kind, targetKey: `${method.kind}:${method.address}` };
    case 'im':
      return { channelKind: method.channel ?? 'webhook', targetKey: `im:${method.id}` };
  }
}

/** A person's contact methods; someone who set none is still reached at their account e-mail. */
export function reachableMethods(person: Person): ContactMethod[] {
  if (person.settings.contactMethods.length > 0) return person.settings.contactMethods;
  return [{ id: `account:${person.id}`, kind: 'email', address: person.email }];
}

/** The people a set of firings pages at `now`, resolving schedules and teams then. */
export async function peopleFor(directory: PagingDirectory, targets: EscalationTarget[], now: number): Promise<Person[]> {
  const scheduleIds = [...new Set(targets.filter((t) => t.kind === 'schedule').map((t) => t.id))];
  const teamIds = [...new Set(targets.filter((t) => t.kind === 'team').map((t) => t.id))];
  const schedules = new Map((await directory.schedules(scheduleIds, now, now + 1)).map((s) => [s.id, s]));
  const members = await directory.teamMembers(teamIds);
  const userIds = expandTargets(
    targets,
    {
      onCallAt: (id, at) => {
        const schedule = schedules.get(id);
        if (!schedule) return [];
        return directory.onCall ? directory.onCall(schedule, at) : onCallAt(schedule, at).map((s) => s.userId);
      },
      teamMembers: (id) => members.get(id) ?? [],
    },
    now,
  );
  const people = await directory.people(userIds);
  return userIds.map((id) => people.get(id)).filter((p): p is Person => p !== undefined && !p.disabled);
}

/**
 * When each of a person's contact methods is used for a message sent at `now`, by their personal
 * rules (in time order): what pages and reminders both follow.
 */
function plannedContacts(person: Person, now: number): Array<{ method: ContactMethod; at: number }> {
  const methods = reachableMethods(person);
  const byId = new Map(methods.map((m) => [m.id, m]));
  return personalNotifications({ contactMethods: methods, rules: person.settings.rules }, now).flatMap((p) => {
    const method = byId.get(p.contactMethodId);
    return method ? [{ method, at: p.at }] : [];
  });
}

/** One row to one of a person's contact methods, in their language. */
function personRow(
  ids: IdSource,
  person: Person,
  method: ContactMethod,
  row: Pick<StoredNotification, 'incidentId' | 'kind' | 'step' | 'round' | 'dueAt' | 'createdAt'> & { reminderId?: string },
): StoredNotification {
  const route = contactRoute(method);
  return newNotification(ids, {
    ...row,
    userId: person.id,
    contactMethodId: method.id,
    channelId: null,
    channelKind: route.channelKind,
    targetKey: route.targetKey,
    locale: person.locale,
  });
}

/** Outbox rows for the people one firing pages: one per contact method use, by their personal rules. */
export function pageRows(ids: IdSource, incidentId: string, firing: EscalationFiring, people: Person[], now: number): StoredNotification[] {
  return people.flatMap((person) =>
    plannedContacts(person, now).map(({ method, at }) =>
      personRow(ids, person, method, { incidentId, kind: 'page', step: firing.stepIndex, round: firing.round, dueAt: at, createdAt: now }),
    ),
  );
}

/**
 * Outbox rows delivering a reminder to its person: the contact methods their rules use first, due
 * now. A reminder is not an escalation, so the rules' later steps ("SMS after 5 minutes") are not
 * used: nobody acknowledges a reminder to stop them.
 */
export function reminderRows(
  ids: IdSource,
  reminder: { id: string; incidentId: string },
  person: Person,
  now: number,
): StoredNotification[] {
  const planned = plannedContacts(person, now);
  const first = Math.min(...planned.map((p) => p.at));
  return planned
    .filter((p) => p.at === first)
    .map(({ method }) =>
      personRow(ids, person, method, {
        incidentId: reminder.incidentId,
        kind: 'reminder',
        step: null,
        round: null,
        reminderId: reminder.id,
        dueAt: now,
        createdAt: now,
      }),
    );
}

/** Outbox rows posting to a team's channels (a post, not a page: acknowledging does not cancel it). */
export function channelRows(
  ids: IdSource,
  incidentId: string,
  channels: ChannelRef[],
  kind: 'channel' | 'resolved',
  now: number,
): StoredNotification[] {
  return channels.map((c) =>
    newNotification(ids, {
      incidentId,
      kind,
      step: null,
      round: null,
      userId: null,
      contactMethodId: null,
      channelId: c.id,
      channelKind: c.kind,
      targetKey: `channel:${c.id}`,
      locale: c.locale,
      dueAt: now,
      createdAt: now,
    }),
  );
}

type NewNotification = Omit<
  StoredNotification,
  'id' | 'status' | 'attempts' | 'leaseOwner' | 'leaseUntil' | 'bundleId' | 'lastError' | 'sentAt' | 'reminderId'
> & { reminderId?: string | null };

function newNotification(ids: IdSource, n: NewNotification): StoredNotification {
  return {
    reminderId: null,
    ...n,
    id: ids.newId(),
    status: 'pending',
    attempts: 0,
    leaseOwner: null,
    leaseUntil: null,
    bundleId: null,
    lastError: null,
    sentAt: null,
  };
}
