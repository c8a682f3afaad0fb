import { compileMatchers, type Matcher } from '../../domain/suppression/matchers.js';
import { serviceInMaintenance, type MaintenanceWindow } from '../../domain/suppression/maintenance.js';
import { isSilenceActive, type Silence } from '../../domain/suppression/silence.js';
import { loadMaintenanceWindows, loadSilences } from '../../store/suppression-repo.js';
import type { Executor } from '../context.js';

const TTL_MS = 2_000;

interface Snapshot {
  silences: Array<{ silence: Silence; test: (labels: Record<string, string>) => boolean }>;
  windows: MaintenanceWindow[];
  until: number;
}

let snapshot: Snapshot | null = null;

/** Silences and maintenance windows change rarely and are read for every new alert: cache them briefly. */
export async function suppressionSnapshot(db: Executor, now: number): Promise<Snapshot> {
  if (snapshot && snapshot.until > now) return snapshot;
  const silences = (await loadSilences(db, now)).map((silence) => ({
    silence,
    test: compileMatchers(silence.matchers as Matcher[]),
  }));
  snapshot = { silences, windows: await loadMaintenanceWindows(db), until: now + TTL_MS };
  return snapshot;
}

export function invalidateSuppression(): void {
  snapshot = null;
}

/** Why a new alert's pages are held back: `silence:<id>`, `maintenance:<id>`, or null. */
export function suppressionReason(snap: Snapshot, labels: Record<string, string>, serviceId: string | null, now: number): string | null {
  for (const { silence, test } of snap.silences) {
    if (isSilenceActive(silence, now) && test(labels)) return `silence:${silence.id}`;
  }
  if (serviceId) {
    const window = serviceInMaintenance(snap.windows, serviceId, now);
    if (window) return `maintenance:${window.id}`;
  }
  return null;
}
