import type { Level } from '../../domain/grading/policy.js';
import { decideManualLevel } from '../../domain/incident/level-change.js';
import type { IncidentRef, StoredIncident } from '../../store/incidents-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { appendTimeline, requireIncident, saveIncident, timelineEntry } from './incident-helpers.js';

/** A person sets the level; lowering needs a reason. The reasons then start with the person's call. */
export async function setIncidentLevel(ctx: Context, ref: IncidentRef, level: Level, reason: string | null): Promise<StoredIncident> {
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await requireIncident(trx, ref);
    const change = decideManualLevel(before.level, level, reason);
    if (change.kind === 'none') return before;
    const detail = `set to level ${change.to} by ${ctx.actor.name}${change.reason ? `: ${change.reason}` : ''}`;
    const saved = await saveIncident(ctx, trx, before, {
      ...before,
      level: change.to,
      levelReasons: [{ rule: 'manual', level: change.to, detail }, ...before.levelReasons.filter((r) => r.rule !== 'manual')],
      updatedAt: ctx.clock.now(),
    });
    await appendTimeline(trx, [
      timelineEntry(ctx, before.id, 'level', { from: String(change.from), to: String(change.to), message: change.reason }),
    ]);
    await audit(
      ctx,
      trx,
      'incident.level',
      { type: 'incident', id: before.id },
      {
        before: { level: before.level },
        after: { level: saved.level, reason: change.reason },
      },
    );
    return saved;
  });
  void ctx.wakePaging?.();
  return result;
}
