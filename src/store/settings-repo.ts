import type { Executor } from '../operations/context.js';
import { bumpConfigVersion } from './config-version.js';

/** Named organisation-wide settings, JSON values. */
export async function readSetting<T>(db: Executor, name: string): Promise<T | null> {
  const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function writeSetting(db: Executor, name: string, value: unknown, at: number): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ name, value: json, updated_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: json, updated_at: at }))
    .execute();
  await bumpConfigVersion(db);
}
