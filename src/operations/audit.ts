import { insertAudit } from '../store/audit-repo.js';
import type { Context, Executor } from './context.js';

/** Records a state change by the context's actor, in the caller's transaction. */
export async function audit(
  ctx: Context,
  db: Executor,
  action: string,
  target: { type: string; id: string | null },
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  await insertAudit(db, {
    id: ctx.ids.newId(),
    at: ctx.clock.now(),
    actor: ctx.actor,
    action,
    targetType: target.type,
    targetId: target.id,
    before: change.before,
    after: change.after,
    requestId: ctx.requestId,
  });
}
