import type { Shift } from '../domain/oncall/schedule.js';
import type { PublicContactMethod } from '../operations/oncall/contact-settings.js';
import type { PublicChannel } from '../operations/oncall/manage-channels.js';
import type { LayerInput, RestrictionInput, RotationInput, ScheduleInput } from '../operations/oncall/schedule-input.js';
import type { StoredEscalationPolicy } from '../store/escalation-policies-repo.js';
import type { StoredNotificationRule } from '../store/contacts-repo.js';
import type { StoredOverride, StoredSchedule } from '../store/schedules-repo.js';
import type { StoredTeam } from '../store/teams-repo.js';
import { parseTime } from './context.js';
import { iso, isoOrNull } from './presenters.js';

/** On-call records as JSON: the domain's shapes with ISO-8601 strings for instants. */
export const teamJson = (t: StoredTeam) => ({ ...t, createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt) });

export const contactMethodJson = (m: PublicContactMethod) => ({ ...m, createdAt: iso(m.createdAt) });

export const ruleJson = (r: StoredNotificationRule) => ({ id: r.id, contactMethodId: r.contactMethodId, delayMinutes: r.delayMinutes });

export function scheduleJson(s: StoredSchedule) {
  return {
    ...s,
    layers: s.layers.map((l) => ({ ...l, start: iso(l.start), end: isoOrNull(l.end ?? null) })),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

export const overrideJson = (o: StoredOverride) => ({ ...o, start: iso(o.start), end: iso(o.end), createdAt: iso(o.createdAt) });

/** A resolved shift; `userName` is the person's display name (null if the user no longer exists). */
export function shiftJson(schedule: StoredSchedule, s: Shift, names: ReadonlyMap<string, string>) {
  return {
    userId: s.userId,
    userName: names.get(s.userId) ?? null,
    start: iso(s.start),
    end: iso(s.end),
    layerId: s.layerId,
    layerName: schedule.layers.find((l) => l.id === s.layerId)?.name ?? null,
    overrideId: s.overrideId,
  };
}

export const policyJson = (p: StoredEscalationPolicy) => ({ ...p, createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt) });

export const channelJson = (c: PublicChannel) => ({ ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) });

interface LayerBody {
  id?: string;
  name?: string;
  start: string;
  end?: string | null;
  rotation: RotationInput;
  participants: string[];
  restrictions?: RestrictionInput[];
}

/** A schedule body with its instants read (errors name `body.layers[i].start`). */
export function scheduleInput(body: { name?: string; timeZone?: string; teamId?: string | null; layers?: LayerBody[] }): ScheduleInput {
  const layers = body.layers?.map((l, i): LayerInput => ({
    ...l,
    start: parseTime(l.start, `body.layers[${i}].start`),
    end: l.end == null ? null : parseTime(l.end, `body.layers[${i}].end`),
  }));
  return { ...body, layers };
}
