import { FenghuoError } from '../../domain/errors.js';
import { workingDaysDeadline } from '../../domain/learn/working-days.js';
import { POSTMORTEM_TEXT_FIELDS, type PostmortemText } from '../../domain/learn/postmortem.js';
import type { IncidentRef, StoredIncident } from '../../store/incidents-repo.js';
import { insertPostmortemIfAbsent, type StoredPostmortem } from '../../store/postmortems-repo.js';
import { audit } from '../audit.js';
import type { Context, Deps, Executor } from '../context.js';
import { requireIncident } from '../incidents/incident-helpers.js';
import { learnTimeline, profileIn, systemContext, zoneOf } from './learn-helpers.js';
import { readOrganisation } from './organisation.js';

const EMPTY_TEXT = Object.fromEntries(POSTMORTEM_TEXT_FIELDS.map((f) => [f, null])) as PostmortemText;

/**
 * Writes a draft postmortem for the incident, if it has none, with the obligations of its level:
 * required or not, and due N working days (organisation's zone) after the resolution (or now, for
 * one asked for before the incident is resolved). Returns null when one already exists.
 */
async function draftPostmortem(ctx: Context, db: Executor, incident: StoredIncident): Promise<StoredPostmortem | null> {
  const now = ctx.clock.now();
  const { postmortem } = await profileIn(db, ctx, incident.level);
  const organisation = await readOrganisation(db);
  const dueAt =
    postmortem.required && postmortem.dueWorkingDays !== null
      ? workingDaysDeadline(incident.resolvedAt ?? now, postmortem.dueWorkingDays, zoneOf(organisation.timeZone))
      : null;
  const draft: StoredPostmortem = {
    id: ctx.ids.newId(),
    incidentId: incident.id,
    status: 'draft',
    required: postmortem.required,
    dueAt,
    ownerId: incident.roles?.commander ?? null,
    text: { ...EMPTY_TEXT, summary: incident.summary },
    facts: null,
    version: 1,
    createdBy: ctx.actor.name,
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
    publishedAt: null,
    publishedBy: null,
  };
  if (!(await insertPostmortemIfAbsent(db, draft))) return null;
  const due = dueAt === null ? 'no deadline' : `due ${new Date(dueAt).toISOString()}`;
  await learnTimeline(ctx, db, incident.id, 'postmortem', { to: 'draft', message: `postmortem drafted (${due})` });
  await audit(
    ctx,
    db,
    'postmortem.create',
    { type: 'postmortem', id: draft.id },
    { after: { incidentId: incident.id, required: draft.required, dueAt } },
  );
  return draft;
}

/**
 * Part of every incident change (in its transaction): an incident that has just been resolved at
 * a level whose profile requires a postmortem gets a draft, written by Fenghuo itself.
 */
export async function draftRequiredPostmortem(
  db: Executor,
  deps: Deps,
  before: StoredIncident | null,
  after: StoredIncident,
): Promise<void> {
  if (after.status !== 'resolved' || before?.status === 'resolved') return;
  // A drill's lessons go into its run's findings and action items (docs/drills.md); a person may
  // still start a postmortem for it by hand.
  if (after.drill) return;
  if (!(await profileIn(db, deps, after.level)).postmortem.required) return;
  await draftPostmortem(systemContext(deps), db, after);
}

/** A postmortem asked for by a person, for any incident (409 if it has one). */
export async function createPostmortem(ctx: Context, ref: IncidentRef): Promise<StoredPostmortem> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const incident = await requireIncident(trx, ref);
    const draft = await draftPostmortem(ctx, trx, incident);
    if (!draft) throw new FenghuoError('conflict', `incident #${incident.number} already has a postmortem`);
    return draft;
  });
}
