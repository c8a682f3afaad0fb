import type { VendorContact } from '../../domain/catalog/service.js';
import { HOUR_MS } from '../../domain/monitors/stats.js';
import { namesVendorDirectly, outageMinutes, type VendorIncident } from '../../domain/metrics/vendor-outages.js';
import { isBackupHeartbeat } from '../../domain/slo/backup.js';
import { GRAIN } from '../../store/monitor-results-repo.js';
import { monitorKeysOf, sumChecks } from '../../store/slos-repo.js';
import { incidentsListingVendors, vendors } from '../../store/vendor-reports-repo.js';
import type { Context } from '../context.js';
import { resolveReportQuery } from './report-query.js';

export interface VendorSummary {
  id: string;
  name: string;
  contacts: VendorContact[];
  contractedSlaPct: number | null;
  incidents: Array<VendorIncident & { direct: boolean }>;
  /** Incidents that name the vendor as affected themselves. */
  directCount: number;
  outageMinutes: number;
  /** From the vendor's own monitors over the range (hours still kept: 90 days); null without checks. */
  measuredAvailabilityPct: number | null;
  totalChecks: number;
  /** Measured ≥ contracted; null when either is missing. */
  slaMet: boolean | null;
}

export interface VendorReport {
  from: number;
  to: number;
  timeZone: string;
  vendors: VendorSummary[];
}

/** Availability of a vendor from its monitors' hour rollups in [from, to) (backup heartbeats left out). */
async function measured(ctx: Context, vendorId: string, from: number, to: number) {
  const monitors = (await monitorKeysOf(ctx.store.db, { serviceIds: [vendorId] })).filter((m) => !isBackupHeartbeat(m));
  // Hour rows starting in [hour of from, to): an hour cut by the range counts whole.
  const c = await sumChecks(
    ctx.store.db,
    monitors.map((m) => m.seq),
    GRAIN.hour,
    from - (from % HOUR_MS),
    to - 1,
  );
  return { totalChecks: c.total, measuredAvailabilityPct: c.total === 0 ? null : Number(((c.good / c.total) * 100).toFixed(6)) };
}

/**
 * Per vendor: the incidents started in the range that list it (named as affected, or reached
 * through the catalog because it depends on what was), their outage minutes, and the availability
 * its monitors measured against what its contract promises.
 */
export async function vendorReport(ctx: Context, input: { from?: string; to?: string; tz?: string }): Promise<VendorReport> {
  const { filter, timeZone } = resolveReportQuery(ctx, input);
  const { from, to } = filter;
  const list = await vendors(ctx.store.db);
  const rows = await incidentsListingVendors(
    ctx.store.db,
    list.map((v) => v.id),
    from,
    to,
  );
  const now = ctx.clock.now();
  const out: VendorSummary[] = [];
  for (const v of list) {
    const incidents = rows
      .filter((r) => r.vendorId === v.id)
      .map((r) => ({ ...r.incident, direct: namesVendorDirectly(r.incident, v.id) }));
    const m = await measured(ctx, v.id, from, to);
    out.push({
      ...v,
      incidents,
      directCount: incidents.filter((i) => i.direct).length,
      outageMinutes: outageMinutes(incidents, from, to, now),
      ...m,
      slaMet: m.measuredAvailabilityPct === null || v.contractedSlaPct === null ? null : m.measuredAvailabilityPct >= v.contractedSlaPct,
    });
  }
  return { from, to, timeZone, vendors: out };
}
