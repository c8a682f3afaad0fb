import { FenghuoError } from '../../domain/errors.js';
import { LOCAL_LOCATION } from '../../domain/monitors/monitor.js';
import { probeSpec } from '../../monitors/monitor-runtime.js';
import type { ProbeSpec } from '../../monitors/probe-runner.js';
import { findLocationByToken, type StoredLocation } from '../../store/monitor-locations-repo.js';
import { monitorRunRows } from '../../store/monitors-repo.js';
import { hashSecret } from '../access/secrets.js';
import type { Deps } from '../context.js';
import { MONITORS_GENERATION } from './manage-monitors.js';

/** The agent's credential: its location's token as a bearer token. Notes that the agent reported. */
export async function authenticateAgent(deps: Deps, authorization: string | undefined): Promise<StoredLocation> {
  const header = authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const location = token.startsWith('fha_') ? await findLocationByToken(deps.store.db, hashSecret(token)) : null;
  if (!location || location.name === LOCAL_LOCATION)
    throw new FenghuoError('unauthenticated', 'a valid location token is required (Authorization: Bearer fha_…)');
  await deps.monitors?.locationSeen(location);
  return location;
}

/** What a location's agent runs: its active probing monitors, and the generation they are at. */
export async function agentMonitors(deps: Deps, location: StoredLocation): Promise<{ generation: number; monitors: ProbeSpec[] }> {
  const row = await deps.store.db.selectFrom('counters').select('value').where('name', '=', MONITORS_GENERATION).executeTakeFirst();
  const generation = Number(row?.value ?? 0);
  const monitors = (await monitorRunRows(deps.store.db)).filter(
    (m) => !m.paused && m.kind !== 'heartbeat' && m.locations.includes(location.name),
  );
  return { generation, monitors: monitors.map(probeSpec) };
}
