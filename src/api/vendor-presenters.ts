import type { VendorReport } from '../operations/reports/vendor-report.js';
import { toCsv } from './csv.js';
import { iso, isoOrNull } from './presenters.js';

/** The vendor report as JSON and CSV (docs/reports.md). */
export function vendorReportJson(r: VendorReport) {
  return {
    from: iso(r.from),
    to: iso(r.to),
    timeZone: r.timeZone,
    vendors: r.vendors.map((v) => ({
      serviceId: v.id,
      name: v.name,
      contacts: v.contacts,
      contractedSlaPct: v.contractedSlaPct,
      incidentCount: v.incidents.length,
      directCount: v.directCount,
      outageMinutes: v.outageMinutes,
      measuredAvailabilityPct: v.measuredAvailabilityPct,
      totalChecks: v.totalChecks,
      slaMet: v.slaMet,
      incidents: v.incidents.map((i) => ({
        id: i.id,
        number: i.number,
        title: i.title,
        level: i.level,
        direct: i.direct,
        startedAt: iso(i.startedAt),
        mitigatedAt: isoOrNull(i.mitigatedAt),
        resolvedAt: isoOrNull(i.resolvedAt),
      })),
    })),
  };
}

const HEADER = [
  'serviceId',
  'name',
  'contractedSlaPct',
  'measuredAvailabilityPct',
  'totalChecks',
  'slaMet',
  'incidentCount',
  'directCount',
  'outageMinutes',
  'incidentNumbers',
];

/** One line per vendor; its incidents' numbers space-separated. */
export function vendorReportCsv(r: VendorReport): string {
  return toCsv(
    HEADER,
    r.vendors.map((v) => [
      v.id,
      v.name,
      v.contractedSlaPct,
      v.measuredAvailabilityPct,
      v.totalChecks,
      v.slaMet === null ? null : String(v.slaMet),
      v.incidents.length,
      v.directCount,
      v.outageMinutes,
      v.incidents.map((i) => i.number).join(' '),
    ]),
  );
}
