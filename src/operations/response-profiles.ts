import { LEVELS, type Level } from '../domain/grading/policy.js';
import type { ResponseProfile } from '../domain/response/profiles.js';
import { deleteProfile, loadProfileOverrides, upsertProfile } from '../store/profiles-repo.js';
import { audit } from './audit.js';
import type { Context, Deps } from './context.js';

export interface EffectiveProfile {
  level: Level;
  source: 'policy' | 'override';
  profile: ResponseProfile;
}

/** Each level's profile: an override stored through the API, else the policy file's. */
export async function listResponseProfiles(deps: Deps): Promise<EffectiveProfile[]> {
  const overrides = await loadProfileOverrides(deps.store.db);
  return LEVELS.map((level) => {
    const override = overrides.get(level);
    return override
      ? { level, source: 'override', profile: override }
      : { level, source: 'policy', profile: deps.policy.responseProfiles[level] };
  });
}

export async function profileForLevel(deps: Deps, level: Level): Promise<ResponseProfile> {
  const all = await listResponseProfiles(deps);
  return all.find((p) => p.level === level)?.profile ?? deps.policy.responseProfiles[level];
}

export async function setResponseProfile(ctx: Context, level: Level, profile: ResponseProfile): Promise<EffectiveProfile> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = (await loadProfileOverrides(trx)).get(level) ?? ctx.policy.responseProfiles[level];
    await upsertProfile(trx, level, profile, ctx.clock.now());
    await audit(ctx, trx, 'response-profile.set', { type: 'response-profile', id: String(level) }, { before, after: profile });
  });
  return { level, source: 'override', profile };
}

/** Drops the override so the policy file's profile applies again. */
export async function resetResponseProfile(ctx: Context, level: Level): Promise<EffectiveProfile> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const before = (await loadProfileOverrides(trx)).get(level) ?? null;
    await deleteProfile(trx, level);
    await audit(ctx, trx, 'response-profile.reset', { type: 'response-profile', id: String(level) }, { before });
  });
  return { level, source: 'policy', profile: ctx.policy.responseProfiles[level] };
}
