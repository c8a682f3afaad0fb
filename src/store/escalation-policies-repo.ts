import type { Selectable } from 'kysely';
import type { EscalationPolicy, EscalationStep } from '../domain/escalation/policy.js';
import type { Executor } from '../operations/context.js';
import { bumpConfigVersion } from './config-version.js';
import type { EscalationPoliciesTable } from './schema.js';

export interface StoredEscalationPolicy extends EscalationPolicy {
  teamId: string | null;
  createdAt: number;
  updatedAt: number;
}

function toPolicy(r: Selectable<EscalationPoliciesTable>): StoredEscalationPolicy {
  return {
    id: r.id,
    name: r.name,
    teamId: r.team_id,
    steps: JSON.parse(r.steps) as EscalationStep[],
    repeat: Number(r.repeat),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** Every policy, by name; there are few, and reference checks read their steps. */
export async function listEscalationPolicies(db: Executor): Promise<StoredEscalationPolicy[]> {
  const rows = await db.selectFrom('escalation_policies').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toPolicy);
}

export async function findEscalationPolicy(db: Executor, id: string): Promise<StoredEscalationPolicy | null> {
  const row = await db.selectFrom('escalation_policies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPolicy(row) : null;
}

export async function saveEscalationPolicy(db: Executor, p: StoredEscalationPolicy, isNew: boolean): Promise<void> {
  const row = { name: p.name, team_id: p.teamId, steps: JSON.stringify(p.steps), repeat: p.repeat, updated_at: p.updatedAt };
  if (isNew)
    await db
      .insertInto('escalation_policies')
      .values({ id: p.id, created_at: p.createdAt, ...row })
      .execute();
  else await db.updateTable('escalation_policies').set(row).where('id', '=', p.id).execute();
  await bumpConfigVersion(db);
}

export async function deleteEscalationPolicy(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('escalation_policies').where('id', '=', id).execute();
  await bumpConfigVersion(db);
}
