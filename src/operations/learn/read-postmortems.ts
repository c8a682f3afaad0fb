import type { PostmortemStatus, IncidentFacts } from '../../domain/learn/postmortem.js';
import { actionItemsOfSource, type StoredActionItem } from '../../store/action-items-repo.js';
import type { IncidentRef, StoredIncident } from '../../store/incidents-repo.js';
import { listPostmortems, type StoredPostmortem } from '../../store/postmortems-repo.js';
import type { Context } from '../context.js';
import { usersById } from '../incidents/role-holders.js';
import { liveFacts } from './learn-helpers.js';
import { readOrganisation, type OrganisationSettings } from './organisation.js';
import { requirePostmortem } from './postmortem-access.js';

/** A postmortem with what it shows: the facts (frozen once published, else live), its items, names. */
export interface PostmortemView {
  incident: StoredIncident;
  postmortem: StoredPostmortem;
  facts: IncidentFacts;
  actionItems: StoredActionItem[];
  /** User ids (owner, item owners) → names. */
  names: Map<string, string>;
  organisation: OrganisationSettings;
}

export async function getPostmortem(ctx: Context, ref: IncidentRef): Promise<PostmortemView> {
  const db = ctx.store.db;
  const { incident, postmortem } = await requirePostmortem(db, ref);
  const [facts, actionItems, organisation] = await Promise.all([
    postmortem.facts ?? liveFacts(db, incident),
    actionItemsOfSource(db, 'postmortem', postmortem.id),
    readOrganisation(db),
  ]);
  const ids = [...new Set([...(postmortem.ownerId ? [postmortem.ownerId] : []), ...actionItems.map((i) => i.ownerId)])];
  const names = new Map([...(await usersById(db, ids)).values()].map((u) => [u.id, u.name]));
  return { incident, postmortem, facts, actionItems, names, organisation };
}

/** A page of postmortems, newest first, with their owners' names. */
export async function findPostmortems(
  ctx: Context,
  q: { statuses?: PostmortemStatus[]; incidentId?: string; overdue?: boolean; beforeId?: string; limit: number },
): Promise<{ items: StoredPostmortem[]; hasMore: boolean; names: Map<string, string> }> {
  const { overdue, ...rest } = q;
  const page = await listPostmortems(ctx.store.db, { ...rest, dueBefore: overdue ? ctx.clock.now() : undefined });
  const owners = await usersById(ctx.store.db, [...new Set(page.items.flatMap((p) => (p.ownerId ? [p.ownerId] : [])))]);
  return { ...page, names: new Map([...owners.values()].map((u) => [u.id, u.name])) };
}
