import type { ContactMethod } from '../../domain/escalation/contact.js';
import type { Schedule } from '../../domain/oncall/schedule.js';
import { findUsersByIds } from '../../store/access-repo.js';
import { channelsOfTeam } from '../../store/channels-repo.js';
import { listContactMethods, listNotificationRules } from '../../store/contacts-repo.js';
import { findEscalationPolicy } from '../../store/escalation-policies-repo.js';
import { findSchedules, overlappingOverrides } from '../../store/schedules-repo.js';
import { teamMembers } from '../../store/teams-repo.js';
import type { Executor } from '../context.js';
import { readPagingSettings } from '../oncall/paging-settings.js';
import type { PagingDirectory, Person } from './directory.js';

/**
 * The directory over the on-call tables, in the caller's transaction. IM addresses stay sealed:
 * planning only needs to know a method exists and which system it is on; the sender opens it.
 */
export function pagingDirectory(db: Executor): PagingDirectory {
  return {
    policy: (id) => findEscalationPolicy(db, id),

    async schedules(ids, from, to) {
      const schedules = await findSchedules(db, ids);
      const overrides = await overlappingOverrides(db, ids, from, to);
      return schedules.map((s): Schedule => ({
        id: s.id,
        name: s.name,
        timeZone: s.timeZone,
        layers: s.layers,
        overrides: overrides.filter((o) => o.scheduleId === s.id).map((o) => ({ id: o.id, userId: o.userId, start: o.start, end: o.end })),
      }));
    },

    teamMembers: (teamIds) => teamMembers(db, teamIds),

    async people(userIds) {
      const map = new Map<string, Person>();
      if (userIds.length === 0) return map;
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
            rules: rules
              .filter((r) => r.userId === u.id)
              .map((r) => ({ contactMethodId: r.contactMethodId, delayMinutes: r.delayMinutes })),
          },
        });
      }
      return map;
    },

    async teamChannels(teamId) {
      return (await channelsOfTeam(db, teamId))
        .filter((c) => !c.disabled)
        .map((c) => ({ id: c.id, kind: c.kind, name: c.name, locale: c.locale }));
    },

    settings: () => readPagingSettings(db),
  };
}
