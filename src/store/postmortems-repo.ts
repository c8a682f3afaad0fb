import type { Selectable } from 'kysely';
import type { IncidentFacts, PostmortemStatus, PostmortemText } from '../domain/learn/postmortem.js';
import type { Executor } from '../operations/context.js';
import type { PostmortemsTable } from './schema.js';

export interface StoredPostmortem {
  id: string;
  incidentId: string;
  status: PostmortemStatus;
  /** Whether the level's profile required it when it was created (else made on demand). */
  required: boolean;
  dueAt: number | null;
  ownerId: string | null;
  text: PostmortemText;
  /** The facts frozen at publication; null while they are drafted live from the incident. */
  facts: IncidentFacts | null;
  version: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  publishedAt: number | null;
  publishedBy: string | null;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toPostmortem(r: Selectable<PostmortemsTable>): StoredPostmortem {
  return {
    id: r.id,
    incidentId: r.incident_id,
    status: r.status as PostmortemStatus,
    required: Number(r.required) === 1,
    dueAt: num(r.due_at),
    ownerId: r.owner_id,
    text: JSON.parse(r.content) as PostmortemText,
    facts: r.facts === null ? null : (JSON.parse(r.facts) as IncidentFacts),
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    submittedAt: num(r.submitted_at),
    publishedAt: num(r.published_at),
    publishedBy: r.published_by,
  };
}

function toRow(p: StoredPostmortem): Selectable<PostmortemsTable> {
  return {
    id: p.id,
    incident_id: p.incidentId,
    status: p.status,
    required: p.required ? 1 : 0,
    due_at: p.dueAt,
    owner_id: p.ownerId,
    content: JSON.stringify(p.text),
    facts: p.facts === null ? null : JSON.stringify(p.facts),
    version: p.version,
    created_by: p.createdBy,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    submitted_at: p.submittedAt,
    published_at: p.publishedAt,
    published_by: p.publishedBy,
  };
}

/** Inserts unless the incident already has one (a concurrent resolve, or a second request); true if inserted. */
export async function insertPostmortemIfAbsent(db: Executor, p: StoredPostmortem): Promise<boolean> {
  const rows = await db
    .insertInto('postmortems')
    .values(toRow(p))
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function findPostmortem(db: Executor, id: string): Promise<StoredPostmortem | null> {
  const row = await db.selectFrom('postmortems').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPostmortem(row) : null;
}

export async function findPostmortemOfIncident(db: Executor, incidentId: string): Promise<StoredPostmortem | null> {
  const row = await db.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  return row ? toPostmortem(row) : null;
}

/** Saves under optimistic concurrency: false when someone else changed it since it was read. */
export async function savePostmortemIfVersion(db: Executor, p: StoredPostmortem, expectedVersion: number): Promise<boolean> {
  const { id: _id, incident_id: _incident, ...values } = toRow(p);
  const result = await db
    .updateTable('postmortems')
    .set(values)
    .where('id', '=', p.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface PostmortemFilter {
  statuses?: PostmortemStatus[];
  /** The one postmortem of an incident (by the incident's id). */
  incidentId?: string;
  /** Not published and due before this instant. */
  dueBefore?: number;
  /** Keyset: ids below this (newest first). */
  beforeId?: string;
  limit: number;
}

export async function listPostmortems(db: Executor, f: PostmortemFilter): Promise<{ items: StoredPostmortem[]; hasMore: boolean }> {
  let query = db.selectFrom('postmortems').selectAll();
  if (f.statuses?.length) query = query.where('status', 'in', f.statuses);
  if (f.incidentId !== undefined) query = query.where('incident_id', '=', f.incidentId);
  if (f.dueBefore !== undefined) query = query.where('status', '!=', 'published').where('due_at', '<=', f.dueBefore);
  if (f.beforeId !== undefined) query = query.where('id', '<', f.beforeId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return { items: rows.slice(0, f.limit).map(toPostmortem), hasMore: rows.length > f.limit };
}

/** Unpublished postmortems with a deadline before `before`: what the reminder sweep looks at. */
export async function unpublishedDueBefore(db: Executor, before: number): Promise<StoredPostmortem[]> {
  const rows = await db
    .selectFrom('postmortems')
    .selectAll()
    .where('status', '!=', 'published')
    .where('due_at', 'is not', null)
    .where('due_at', '<=', before)
    .execute();
  return rows.map(toPostmortem);
}
