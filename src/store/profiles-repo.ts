import type { ResponseProfile } from '../domain/response/profiles.js';
import type { Executor } from '../operations/context.js';
import { bumpConfigVersion } from './config-version.js';

/** Levels whose profile was changed through the API, with the stored profile. */
export async function loadProfileOverrides(db: Executor): Promise<Map<number, ResponseProfile>> {
  const rows = await db.selectFrom('response_profiles').selectAll().execute();
  return new Map(rows.map((r) => [Number(r.level), JSON.parse(r.profile) as ResponseProfile]));
}

export async function upsertProfile(db: Executor, level: number, profile: ResponseProfile, at: number): Promise<void> {
  await db
    .insertInto('response_profiles')
    .values({ level, profile: JSON.stringify(profile), updated_at: at })
    .onConflict((oc) => oc.column('level').doUpdateSet({ profile: JSON.stringify(profile), updated_at: at }))
    .execute();
  await bumpConfigVersion(db);
}

export async function deleteProfile(db: Executor, level: number): Promise<void> {
  await db.deleteFrom('response_profiles').where('level', '=', level).execute();
  await bumpConfigVersion(db);
}
