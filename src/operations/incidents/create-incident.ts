import { FenghuoError } from '../../domain/errors.js';
import { nextCounter } from '../../store/counters-repo.js';
import { insertIncident, type StoredIncident } from '../../store/incidents-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { reactToIncidentChange } from './react-to-incident-change.js';
import { appendTimeline, describeFacts, gradeFacts, minutesBetween, timelineEntry } from './incident-helpers.js';
import { factsFromInput, type ImpactInput } from './incident-input.js';

export interface CreateIncidentInput extends ImpactInput {
  title: string;
  summary?: string | null;
  /** When the impact began, if earlier than now (a person may know better than the detector). */
  startedAt?: number | null;
  drill?: boolean;
}

/** Opens an incident, graded by the policy, with its first timeline entries and an audit row. */
export async function createIncident(ctx: Context, input: CreateIncidentInput): Promise<StoredIncident> {
  const now = ctx.clock.now();
  const startedAt = input.startedAt ?? now;
  if (startedAt > now) {
    throw new FenghuoError('invalid_request', 'startedAt is in the future', [
      { field: 'startedAt', message: 'must not be later than now' },
    ]);
  }
  const facts = factsFromInput(input, null);
  const created = await ctx.store.db.transaction().execute(async (trx) => {
    const { grade, services } = await gradeFacts(ctx, trx, { ...facts, durationMinutes: minutesBetween(startedAt, now) });
    const incident: StoredIncident = {
      id: ctx.ids.newId(),
      number: await nextCounter(trx, 'incident_number'),
      title: input.title.trim(),
      summary: input.summary ?? null,
      status: 'triggered',
      level: grade.level,
      levelReasons: grade.reasons,
      facts,
      services,
      drill: input.drill ?? false,
      alertCount: 0,
      version: 1,
      createdBy: ctx.actor.name,
      startedAt,
      createdAt: now,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      updatedAt: now,
      suppressed: null,
      origin: 'manual',
    };
    await insertIncident(trx, incident);
    await appendTimeline(trx, [
      timelineEntry(ctx, incident.id, 'created', { to: 'triggered', message: incident.title }),
      timelineEntry(ctx, incident.id, 'level', {
        to: String(grade.level),
        message: `graded by policy "${ctx.policy.name}": ${grade.reasons.map((r) => r.rule).join(', ')}`,
      }),
      timelineEntry(ctx, incident.id, 'facts', { to: describeFacts(facts) }),
    ]);
    await audit(ctx, trx, 'incident.create', { type: 'incident', id: incident.id }, { after: incident });
    await reactToIncidentChange(trx, ctx, null, incident);
    return incident;
  });
  void ctx.wakePaging?.();
  return created;
}
