import { FenghuoError } from '../../domain/errors.js';
import { LOCAL_LOCATION } from '../../domain/monitors/monitor.js';
import type { CheckResult } from '../../monitors/checks/check.js';
import { probeSpec } from '../../monitors/monitor-runtime.js';
import { runProbe } from '../../monitors/probe-runner.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { getMonitor } from './manage-monitors.js';

/**
 * Runs a monitor's check once from this server and answers what it saw. The result counts (is
 * stored and judged) when the monitor runs at the `local` location and is not paused; other
 * locations run it on their own rhythm.
 */
export async function checkNow(ctx: Context, id: string): Promise<CheckResult & { recorded: boolean }> {
  const m = await getMonitor(ctx, id);
  if (m.kind === 'heartbeat') {
    throw new FenghuoError('invalid_request', 'a heartbeat monitor is pushed to; there is nothing to run', [
      { field: 'id', message: 'is a heartbeat monitor' },
    ]);
  }
  const at = ctx.clock.now();
  const result = await runProbe(probeSpec(m), { timeoutMs: m.timeoutMs, signal: new AbortController().signal, now: () => ctx.clock.now() });
  if (!result) throw new FenghuoError('invalid_request', `monitors of kind ${m.kind} cannot be run`);
  const recorded = !m.paused && m.locations.includes(LOCAL_LOCATION) && ctx.monitors !== undefined;
  if (recorded) await ctx.monitors?.write([{ monitorId: m.id, location: LOCAL_LOCATION, at, ...result }]);
  await audit(ctx, ctx.store.db, 'monitor.check_now', { type: 'monitor', id }, { after: { ...result, recorded } });
  return { ...result, recorded };
}
