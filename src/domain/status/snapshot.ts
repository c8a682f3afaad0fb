/**
 * What a public status page shows, as plain data: everything the renderers (HTML, JSON, badges,
 * feeds) need, and nothing internal. Built from the database once per change and rendered from
 * memory; the renderers never query anything themselves.
 */

export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const PUBLIC_STAGES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicStage = (typeof PUBLIC_STAGES)[number];

export const PUBLIC_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type PublicImpact = (typeof PUBLIC_IMPACTS)[number];

export type StatusLocale = 'zh-CN' | 'en';

/** One day of a component's uptime bar (UTC days). */
export interface UptimeDay {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  /** Share of the day without an outage, 0..1; null when the component did not exist yet. */
  uptime: number | null;
  /** The worst status seen that day. */
  worst: ComponentStatus;
  /** Minutes of major or partial outage that day. */
  downMinutes: number;
}

export interface SnapshotComponent {
  id: string;
  name: string;
  description: string | null;
  group: string | null;
  status: ComponentStatus;
  /** 90 entries, oldest first, ending with today. */
  uptimeDays: UptimeDay[];
  /** Over the 90 days, 0..1 (null when no day has data). */
  uptime90: number | null;
}

export interface SnapshotUpdate {
  id: string;
  stage: PublicStage;
  body: string;
  at: number;
}

export interface SnapshotIncident {
  id: string;
  title: string;
  impact: PublicImpact;
  stage: PublicStage;
  componentIds: string[];
  startedAt: number;
  resolvedAt: number | null;
  /** Newest first. */
  updates: SnapshotUpdate[];
}

export interface SnapshotMaintenance {
  id: string;
  title: string;
  body: string;
  componentIds: string[];
  startsAt: number;
  endsAt: number;
  /** `scheduled` (ahead), `in_progress`, `completed`. */
  state: 'scheduled' | 'in_progress' | 'completed';
}

export interface StatusSnapshot {
  page: {
    id: string;
    slug: string;
    name: string;
    description: string | null;
    defaultLocale: StatusLocale;
    branding: { logoUrl: string | null; primaryColor: string | null };
  };
  /** The page's version this snapshot was built from (ETag material). */
  version: number;
  /** When it was built; "last updated" on the page. */
  builtAt: number;
  /** The worst component status, for the banner and the badge. */
  overall: ComponentStatus;
  components: SnapshotComponent[];
  /** Open public incidents, newest first. */
  activeIncidents: SnapshotIncident[];
  /** Resolved public incidents of the last 90 days, newest first (grouped by month when shown). */
  pastIncidents: SnapshotIncident[];
  /** Maintenance scheduled ahead or in progress, soonest first; and completed in the last 7 days. */
  maintenances: SnapshotMaintenance[];
}

const SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The graver of two statuses (maintenance is graver than operational, lighter than any trouble). */
export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
