import type { ComponentStatus, SnapshotComponent, StatusSnapshot, UptimeDay } from '../../domain/status/snapshot.js';

/** Snapshot builders for the renderer and cache tests. */

export const DAY = 86_400_000;
/** 2026-11-20 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

export function days(
  now: number,
  uptime: (i: number) => number | null = () => 1,
  worst: (i: number) => ComponentStatus = () => 'operational',
): UptimeDay[] {
  const today = Math.floor(now / DAY) * DAY;
  return Array.from({ length: 90 }, (_, i) => {
    const u = uptime(i);
    return {
      date: new Date(today - (89 - i) * DAY).toISOString().slice(0, 10),
      uptime: u,
      worst: u === null ? 'operational' : worst(i),
      downMinutes: u === null ? 0 : Math.round((1 - u) * 1440),
    };
  });
}

export function aComponent(overrides: Partial<SnapshotComponent> = {}): SnapshotComponent {
  return {
    id: 'api',
    name: 'API',
    description: null,
    group: null,
    status: 'operational',
    uptimeDays: days(NOW),
    uptime90: 1,
    ...overrides,
  };
}

export function aSnapshot(overrides: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    page: {
      id: 'page-1',
      slug: 'acme',
      name: 'Acme',
      description: null,
      defaultLocale: 'zh-CN',
      branding: { logoUrl: null, primaryColor: null },
    },
    version: 1,
    builtAt: NOW,
    overall: 'operational',
    components: [aComponent()],
    activeIncidents: [],
    pastIncidents: [],
    maintenances: [],
    ...overrides,
  };
}

/** Script, quotes, an ampersand and a control character: what every text field is tested with. */
export const HOSTILE = `<script>alert("x")</script> & 'q' \u0007<img src=x onerror=alert(1)>`;

/** A snapshot with hostile text in every field people write. */
export function hostileSnapshot(): StatusSnapshot {
  return aSnapshot({
    page: {
      id: 'page-1',
      slug: 'acme',
      name: `Page ${HOSTILE}`,
      description: `Description ${HOSTILE}`,
      defaultLocale: 'en',
      branding: { logoUrl: `https://cdn.example.com/logo.png?"><script>`, primaryColor: `#fff;}</style><script>` },
    },
    overall: 'major_outage',
    components: [
      aComponent({
        id: 'c"1',
        name: `Component ${HOSTILE}`,
        description: `Component text ${HOSTILE}`,
        group: `Group ${HOSTILE}`,
        status: 'major_outage',
      }),
    ],
    activeIncidents: [
      {
        id: 'inc"1',
        title: `Incident ${HOSTILE}`,
        impact: 'critical',
        stage: 'identified',
        componentIds: ['c"1'],
        startedAt: NOW - 3600_000,
        resolvedAt: null,
        updates: [{ id: 'u1', stage: 'identified', body: `Update ${HOSTILE}\nsecond line`, at: NOW - 600_000 }],
      },
    ],
    pastIncidents: [
      {
        id: 'inc2',
        title: `Past ${HOSTILE}`,
        impact: 'minor',
        stage: 'resolved',
        componentIds: [],
        startedAt: NOW - 10 * DAY,
        resolvedAt: NOW - 10 * DAY + 3600_000,
        updates: [{ id: 'u2', stage: 'resolved', body: `Fixed ${HOSTILE}`, at: NOW - 10 * DAY + 3600_000 }],
      },
    ],
    maintenances: [
      {
        id: 'm1',
        title: `Maintenance ${HOSTILE}`,
        body: `Maintenance body ${HOSTILE}`,
        componentIds: ['c"1'],
        startsAt: NOW + DAY,
        endsAt: NOW + DAY + 3600_000,
        state: 'scheduled',
      },
    ],
  });
}
