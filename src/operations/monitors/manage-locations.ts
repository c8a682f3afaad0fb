import { FenghuoError } from '../../domain/errors.js';
import { LOCAL_LOCATION } from '../../domain/monitors/monitor.js';
import { isUniqueViolation } from '../../store/database.js';
import { nextCounter } from '../../store/counters-repo.js';
import {
  deleteLocationRow,
  findLocation,
  insertLocation,
  listLocations as queryLocations,
  setLocationToken,
  updateLocation as saveLocation,
  type StoredLocation,
} from '../../store/monitor-locations-repo.js';
import { allMonitors } from '../../store/monitors-repo.js';
import { hashSecret, newSecret } from '../access/secrets.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { MONITORS_GENERATION } from './manage-monitors.js';

const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

function notFound(id: string): FenghuoError {
  return new FenghuoError('not_found', `no location "${id}"`);
}

export function listLocations(ctx: Context): Promise<StoredLocation[]> {
  return queryLocations(ctx.store.db);
}

/** A probe location for `fenghuo agent --location NAME`; its agent token is returned once. */
export async function createLocation(
  ctx: Context,
  input: { name: string; description?: string | null },
): Promise<{ location: StoredLocation; token: string }> {
  if (!NAME.test(input.name)) {
    throw new FenghuoError('invalid_request', 'invalid location: name: lower-case letters, digits, ".", "_", "-"; at most 63', [
      { field: 'name', message: 'lower-case letters, digits, ".", "_" and "-", at most 63, starting with a letter or digit' },
    ]);
  }
  const token = newSecret('fha_');
  const now = ctx.clock.now();
  try {
    return await ctx.store.db.transaction().execute(async (trx) => {
      const location: StoredLocation = {
        id: ctx.ids.newId(),
        seq: await nextCounter(trx, 'locations.seq'),
        name: input.name,
        description: input.description ?? null,
        tokenPrefix: token.slice(0, 8),
        lastSeenAt: null,
        state: 'up',
        createdAt: now,
        updatedAt: now,
      };
      await insertLocation(trx, location, hashSecret(token));
      if (!(await findLocation(trx, location.id)))
        throw new FenghuoError('conflict', `a location named "${input.name}" already exists`, [
          { field: 'name', message: 'already exists' },
        ]);
      await audit(ctx, trx, 'location.create', { type: 'location', id: location.id }, { after: location });
      return { location, token };
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new FenghuoError('conflict', `a location named "${input.name}" already exists`, [{ field: 'name', message: 'already exists' }]);
    throw err;
  }
}

export async function updateLocation(ctx: Context, id: string, input: { description?: string | null }): Promise<StoredLocation> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findLocation(trx, id);
    if (!before) throw notFound(id);
    const after = {
      ...before,
      description: input.description !== undefined ? input.description : before.description,
      updatedAt: ctx.clock.now(),
    };
    await saveLocation(trx, after);
    await audit(ctx, trx, 'location.update', { type: 'location', id }, { before, after });
    return after;
  });
}

/** A new agent token (the old one stops working at once), returned once. */
export async function rotateLocationToken(ctx: Context, id: string): Promise<string> {
  const token = newSecret('fha_');
  await ctx.store.db.transaction().execute(async (trx) => {
    const l = await findLocation(trx, id);
    if (!l) throw notFound(id);
    if (l.name === LOCAL_LOCATION)
      throw new FenghuoError('invalid_request', 'the local location has no agent token', [
        { field: 'id', message: 'is the server itself' },
      ]);
    await setLocationToken(trx, id, hashSecret(token), token.slice(0, 8), ctx.clock.now());
    await audit(ctx, trx, 'location.rotate_token', { type: 'location', id });
  });
  return token;
}

/** Removes a location no monitor runs from (409 names the monitors that do). */
export async function deleteLocation(ctx: Context, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const l = await findLocation(trx, id);
    if (!l) throw notFound(id);
    if (l.name === LOCAL_LOCATION) throw new FenghuoError('conflict', 'the local location is the server itself and cannot be removed');
    const users = (await allMonitors(trx)).filter((m) => m.locations.includes(l.name));
    if (users.length > 0) {
      throw new FenghuoError(
        'conflict',
        `monitors still run from "${l.name}": ${users
          .slice(0, 5)
          .map((m) => m.name)
          .join(', ')}`,
        [{ field: 'id', message: `used by ${users.length} monitor(s)` }],
      );
    }
    await deleteLocationRow(trx, id);
    await nextCounter(trx, MONITORS_GENERATION);
    await audit(ctx, trx, 'location.delete', { type: 'location', id }, { before: l });
  });
}
