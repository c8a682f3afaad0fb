import type { Signal } from '../../domain/signals/signal.js';
import type { Deps } from '../../operations/context.js';
import { findHeartbeat, markHeartbeatDown, overdueHeartbeats, recordBeat, type StoredHeartbeat } from '../../store/heartbeats-repo.js';
import { findIntegration, type StoredIntegration } from '../../store/integrations-repo.js';
import type { IngestEngine } from '../ingest/engine.js';

function heartbeatSignal(hb: StoredHeartbeat, action: 'trigger' | 'resolve', summary: string): Signal {
  return {
    dedupKey: `heartbeat:${hb.name}`,
    action,
    summary,
    source: 'heartbeat',
    severity: 'critical',
    impact: null,
    service: null,
    facility: null,
    labels: { heartbeat: hb.name },
    details: { intervalSeconds: hb.intervalSeconds, graceSeconds: hb.graceSeconds, lastBeatAt: hb.lastBeatAt },
    usersAffectedPct: null,
    recordsExposed: null,
    occurredAt: null,
    links: [],
  };
}

/**
 * A push arrived (`status=up|down`). `up` after `down` resolves the missed-beat alert; `down`
 * raises one at once. Returns false when the integration has no heartbeat of that name.
 */
export async function acceptBeat(
  deps: Deps,
  engine: IngestEngine,
  integration: StoredIntegration,
  name: string,
  beat: { status: 'up' | 'down'; msg: string | null; ping: number | null },
): Promise<boolean> {
  if (name.includes('\u0000') || name.length > 200) return false;
  const hb = await findHeartbeat(deps.store.db, integration.id, name.toWellFormed());
  if (!hb) return false;
  const now = deps.clock.now();
  const msg = beat.msg === null ? null : beat.msg.replaceAll('\u0000', '').toWellFormed().slice(0, 1024);
  // Kuma sends fractional milliseconds; the column keeps whole ones.
  const pingMs = beat.ping === null ? null : Math.min(Math.max(Math.round(beat.ping), 0), 2_147_483_647);
  await recordBeat(deps.store.db, hb.id, { at: now, state: beat.status, msg, pingMs });
  if (beat.status === 'down') {
    await engine.submit(integration, [heartbeatSignal(hb, 'trigger', `Heartbeat ${hb.name} reports down${msg ? `: ${msg}` : ''}`)]);
  } else if (hb.state === 'down') {
    await engine.submit(integration, [heartbeatSignal(hb, 'resolve', `Heartbeat ${hb.name} is back`)]);
  }
  return true;
}

/**
 * Raises an alert for every heartbeat that missed its interval plus grace. The state change is
 * conditional, so when several nodes check at once only one of them raises it.
 */
export async function checkHeartbeats(deps: Deps, engine: IngestEngine): Promise<number> {
  const now = deps.clock.now();
  let raised = 0;
  for (const hb of await overdueHeartbeats(deps.store.db, now)) {
    if (!(await markHeartbeatDown(deps.store.db, hb.id, hb.state))) continue;
    const integration = await findIntegration(deps.store.db, hb.integrationId);
    if (!integration || integration.disabled) continue;
    const since = hb.lastBeatAt === null ? 'never beat' : `last beat ${new Date(hb.lastBeatAt).toISOString()}`;
    await engine.submit(integration, [
      heartbeatSignal(hb, 'trigger', `Heartbeat ${hb.name} missed (every ${hb.intervalSeconds}s + ${hb.graceSeconds}s grace; ${since})`),
    ]);
    raised++;
  }
  return raised;
}
