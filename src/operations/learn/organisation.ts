import { isValidTimeZone } from '../../domain/time/zone.js';
import { readSetting, writeSetting } from '../../store/settings-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { rejectIssues } from '../oncall/references.js';

/** Who the organisation is, as postmortems and regulator reports state it. */
export interface OrganisationSettings {
  /** The name a regulator knows the organisation by; null until an administrator sets it. */
  name: string | null;
  /** The IANA zone of working days, due dates and the times in exported documents. */
  timeZone: string;
  /** Whether postmortems carry the optional accountability section (blameless without it). */
  accountabilitySection: boolean;
}

const NAME = 'organisation';
export const DEFAULT_ORGANISATION: OrganisationSettings = { name: null, timeZone: 'UTC', accountabilitySection: false };

/** The settings in force; defaults for anything never set (or no longer valid, like a removed zone). */
export async function readOrganisation(db: Executor): Promise<OrganisationSettings> {
  const stored = (await readSetting<Partial<OrganisationSettings>>(db, NAME)) ?? {};
  return {
    name: typeof stored.name === 'string' ? stored.name : DEFAULT_ORGANISATION.name,
    timeZone: typeof stored.timeZone === 'string' && isValidTimeZone(stored.timeZone) ? stored.timeZone : DEFAULT_ORGANISATION.timeZone,
    accountabilitySection: stored.accountabilitySection === true,
  };
}

export function getOrganisation(ctx: Context): Promise<OrganisationSettings> {
  return readOrganisation(ctx.store.db);
}

/** Changes some of the settings (absent: kept); audited. */
export async function updateOrganisation(ctx: Context, patch: Partial<OrganisationSettings>): Promise<OrganisationSettings> {
  if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone)) {
    rejectIssues([{ field: 'body.timeZone', message: `unknown time zone "${patch.timeZone}"` }], 'invalid organisation settings');
  }
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await readOrganisation(trx);
    const name = patch.name === undefined ? before.name : patch.name?.trim() || null;
    const after: OrganisationSettings = { ...before, ...patch, name };
    await writeSetting(trx, NAME, after, ctx.clock.now());
    await audit(ctx, trx, 'organisation.update', { type: 'settings', id: NAME }, { before, after });
    return after;
  });
}
