import type { Executor } from '../operations/context.js';

/**
 * Next value of a named counter (1 for a new one), in one statement. The upsert takes a row lock
 * on PostgreSQL and the write lock on SQLite, so concurrent transactions get distinct values.
 */
export async function nextCounter(db: Executor, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Current values of some counters, in one statement; a counter never bumped reads 0. */
export async function readCounters<N extends string>(db: Executor, names: readonly N[]): Promise<Record<N, number>> {
  const rows = await db
    .selectFrom('counters')
    .select(['name', 'value'])
    .where('name', 'in', [...names])
    .execute();
  const out = Object.fromEntries(names.map((n) => [n, 0])) as Record<N, number>;
  for (const r of rows) out[r.name as N] = Number(r.value);
  return out;
}
