import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import { transitionPostmortem, type PostmortemAction, type PostmortemTextField } from '../../domain/learn/postmortem.js';
import type { IncidentRef } from '../../store/incidents-repo.js';
import type { StoredPostmortem } from '../../store/postmortems-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { learnTimeline, liveFacts } from './learn-helpers.js';
import { requirePostmortem, savePostmortem } from './postmortem-access.js';

/** What a postmortem must say before anyone reviews it. */
const REQUIRED_FOR_REVIEW: readonly PostmortemTextField[] = ['summary', 'impact', 'rootCause'];

/**
 * The review flow: submit (draft → in review), return (back to draft, with a note), publish (in
 * review → published). Publishing freezes the drafted facts into the document; its action items
 * stay live in the tracker.
 */
export async function reviewPostmortem(
  ctx: Context,
  ref: IncidentRef,
  action: PostmortemAction,
  note: string | null,
): Promise<StoredPostmortem> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { incident, postmortem: before } = await requirePostmortem(trx, ref);
    const status = transitionPostmortem(before.status, action);
    if (action === 'submit') {
      const missing: FieldIssue[] = REQUIRED_FOR_REVIEW.filter((f) => !before.text[f]).map((f) => ({
        field: f,
        message: 'must be written before the postmortem is submitted for review',
      }));
      if (missing.length > 0)
        throw new FenghuoError('invalid_request', `${missing.map((m) => m.field).join(', ')}: not written yet`, missing);
    }
    const now = ctx.clock.now();
    const next: StoredPostmortem = { ...before, status, updatedAt: now };
    if (action === 'submit') next.submittedAt = now;
    if (action === 'publish') {
      next.publishedAt = now;
      next.publishedBy = ctx.actor.name;
      next.facts = await liveFacts(trx, incident);
    }
    const saved = await savePostmortem(trx, before, next);
    const message = `postmortem ${action === 'return' ? 'returned to draft' : action === 'submit' ? 'submitted for review' : 'published'}`;
    await learnTimeline(ctx, trx, incident.id, 'postmortem', {
      from: before.status,
      to: status,
      message: note ? `${message}: ${note}` : message,
    });
    await audit(
      ctx,
      trx,
      `postmortem.${action}`,
      { type: 'postmortem', id: before.id },
      { before: { status: before.status }, after: { status, note } },
    );
    return saved;
  });
}
