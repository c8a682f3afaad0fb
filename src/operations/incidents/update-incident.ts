import { FenghuoError } from '../../domain/errors.js';
import { decideAutomaticLevel } from '../../domain/incident/level-change.js';
import { latestPossibleStart, type Milestones } from '../../domain/incident/milestones.js';
import { isOpen } from '../../domain/incident/state-machine.js';
import type { TimelineEntry } from '../../domain/incident/timeline.js';
import { replaceIncidentServices, type IncidentRef, type StoredIncident } from '../../store/incidents-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import {
  appendTimeline,
  describeFacts,
  gradeFacts,
  minutesBetween,
  requireIncident,
  saveIncident,
  timelineEntry,
} from './incident-helpers.js';
import { factsFromInput, type ImpactInput } from './incident-input.js';

export interface UpdateIncidentInput extends ImpactInput {
  title?: string;
  summary?: string | null;
  startedAt?: number;
}

/** The start may move earlier, never past detection (createdAt) nor any later recorded time. */
function checkStart(startedAt: number, times: Milestones): void {
  const { at, bound } = latestPossibleStart(times);
  if (startedAt <= at) return;
  const message = `must be at or before ${bound} (${new Date(at).toISOString()})`;
  throw new FenghuoError('invalid_request', `startedAt ${message}`, [{ field: 'startedAt', message }]);
}

/**
 * Changes an incident's title, summary, start or impact facts. New facts are graded again:
 * a graver result raises the level at once; a milder one is noted but only a person lowers.
 */
export async function updateIncident(ctx: Context, ref: IncidentRef, input: UpdateIncidentInput): Promise<StoredIncident> {
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await requireIncident(trx, ref);
    const now = ctx.clock.now();
    if (input.startedAt !== undefined) checkStart(input.startedAt, before);
    const facts = factsFromInput(input, before.facts);
    const next: StoredIncident = {
      ...before,
      title: input.title?.trim() ?? before.title,
      summary: input.summary !== undefined ? input.summary : before.summary,
      startedAt: input.startedAt ?? before.startedAt,
      facts,
      updatedAt: now,
    };
    const entries: TimelineEntry[] = [];
    const factsBefore = describeFacts(before.facts);
    const factsAfter = describeFacts(facts);
    if (factsBefore !== factsAfter) {
      entries.push(timelineEntry(ctx, before.id, 'facts', { from: factsBefore, to: factsAfter }));
      const end = isOpen(before.status) ? now : (before.resolvedAt ?? now);
      const { grade, services } = await gradeFacts(ctx, trx, {
        ...facts,
        durationMinutes: minutesBetween(next.startedAt, end),
      });
      next.services = services;
      const change = decideAutomaticLevel(before.level, grade.level);
      if (change.kind === 'raise') {
        next.level = change.to;
        next.levelReasons = grade.reasons;
        entries.push(
          timelineEntry(ctx, before.id, 'level', {
            from: String(change.from),
            to: String(change.to),
            message: `raised by policy: ${grade.reasons
              .filter((r) => r.level === change.to)
              .map((r) => r.rule)
              .join(', ')}`,
          }),
        );
      } else if (grade.level > before.level) {
        entries.push(
          timelineEntry(ctx, before.id, 'note', {
            message: `policy now grades this level ${grade.level}; it stays level ${before.level} until a person lowers it`,
          }),
        );
      } else {
        next.levelReasons = [...before.levelReasons.filter((r) => r.rule === 'manual'), ...grade.reasons];
      }
    }
    if (next.title !== before.title) entries.push(timelineEntry(ctx, before.id, 'note', { message: `title: ${next.title}` }));
    const saved = await saveIncident(ctx, trx, before, next);
    if (saved.services.join() !== before.services.join()) await replaceIncidentServices(trx, saved.id, saved.services);
    await appendTimeline(trx, entries);
    await audit(ctx, trx, 'incident.update', { type: 'incident', id: before.id }, { before, after: saved });
    return saved;
  });
  void ctx.wakePaging?.();
  return result;
}
