import { assertEditable, type PostmortemText } from '../../domain/learn/postmortem.js';
import type { IncidentRef } from '../../store/incidents-repo.js';
import type { StoredPostmortem } from '../../store/postmortems-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { rejectIssues, unknownUsers } from '../oncall/references.js';
import { readOrganisation } from './organisation.js';
import { requirePostmortem, savePostmortem } from './postmortem-access.js';

export interface PostmortemPatch extends Partial<PostmortemText> {
  ownerId?: string | null;
  /** The version the client edited; a stale one is a 409. */
  version?: number;
}

/** Writes what people fill in (absent: kept, null or blank: cleared); a published one is final. */
export async function updatePostmortem(ctx: Context, ref: IncidentRef, patch: PostmortemPatch): Promise<StoredPostmortem> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { postmortem: before } = await requirePostmortem(trx, ref);
    assertEditable(before.status);
    const { ownerId, version, ...text } = patch;
    const organisation = await readOrganisation(trx);
    rejectIssues(
      [
        ...(text.accountability != null && !organisation.accountabilitySection
          ? [{ field: 'body.accountability', message: 'the organisation keeps postmortems blameless (accountabilitySection is off)' }]
          : []),
        ...(ownerId ? await unknownUsers(trx, [{ id: ownerId, field: 'body.ownerId' }]) : []),
      ],
      'invalid postmortem',
    );
    const cleaned = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v?.trim() || null])) as Partial<PostmortemText>;
    const next: StoredPostmortem = {
      ...before,
      text: { ...before.text, ...cleaned },
      ownerId: ownerId === undefined ? before.ownerId : ownerId,
      updatedAt: ctx.clock.now(),
    };
    const saved = await savePostmortem(trx, before, next, version);
    const changed = Object.keys(cleaned);
    await audit(
      ctx,
      trx,
      'postmortem.update',
      { type: 'postmortem', id: before.id },
      {
        before: { ownerId: before.ownerId, ...Object.fromEntries(changed.map((k) => [k, before.text[k as keyof PostmortemText]])) },
        after: { ownerId: saved.ownerId, ...cleaned },
      },
    );
    return saved;
  });
}
