import type { Executor } from '../operations/context.js';

/**
 * Next value of a named counter. The UPDATE takes a row lock on PostgreSQL and the write lock
 * on SQLite, so concurrent transactions get distinct values.
 */
export async function nextCounter(db: Executor, name: string): Promise<number> {
  await db
    .insertInto('counters')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
