import type { Transaction } from 'kysely';
import type { CatalogEntry } from '../../domain/catalog/service.js';
import { transitiveDependencies, transitiveDependents } from '../../domain/catalog/service.js';
import { correlateAlert, incidentsToMerge } from '../../domain/signals/correlate.js';
import { impactOf } from '../../domain/signals/severity.js';
import type { Signal } from '../../domain/signals/signal.js';
import { DEFAULT_FLAP_POLICY, isFlapping, recordTransition } from '../../domain/suppression/flapping.js';
import type { TimelineEntry } from '../../domain/incident/timeline.js';
import type { Deps, HandedOverPage } from '../../operations/context.js';
import {
  findAlertsByIds,
  insertSignalEvents,
  loadAlertsForKeys,
  moveAlerts,
  openAlertCounts,
  upsertAlerts,
  type SignalEventRow,
  type StoredAlert,
} from '../../store/alerts-repo.js';
import { nextCounter } from '../../store/counters-repo.js';
import {
  findIncidentsByIds,
  insertIncident,
  insertTimeline,
  openIncidentsForServices,
  replaceIncidentServices,
  updateIncidentIfVersion,
  type StoredIncident,
} from '../../store/incidents-repo.js';
import { reactToIncidentChange } from '../../operations/incidents/react-to-incident-change.js';
import type { StoredIntegration } from '../../store/integrations-repo.js';
import type { DB } from '../../store/schema.js';
import { IncidentTracker } from './incident-tracker.js';
import { suppressionReason, suppressionSnapshot } from '../../operations/suppression/suppression-cache.js';
import type { CommitItem, SignalOutcome } from './types.js';

/** A signal with what routing decided about it. */
interface Work {
  itemIndex: number;
  integration: StoredIntegration;
  signal: Signal;
  key: string;
  service: string | null;
}

export interface BatchResult {
  outcomes: SignalOutcome[][];
  /** Outbox rows written. */
  paged: number;
  /** Those of them leased to this process's worker, to hand it once the transaction has committed. */
  handedOver: HandedOverPage[];
}

/** Raised when a concurrent change to an incident beat this batch; the engine retries. */
export class BatchConflict extends Error {}

const keyOf = (integrationId: string, dedupKey: string): string => `${integrationId}\u0000${dedupKey}`;
/** Opsgenie closes and acknowledges by our alert id too (`identifierType=id`); nobody else does. */
const byAlertId = (integration: StoredIntegration, signal: Signal): boolean =>
  integration.kind === 'opsgenie' && signal.dedupKey.startsWith('id:');
const MAX_TITLE = 300;
const WEEK_MS = 7 * 24 * 3600_000;

function routeService(integration: StoredIntegration, signal: Signal, catalog: ReadonlyMap<string, CatalogEntry>): string | null {
  if (integration.serviceId && catalog.has(integration.serviceId)) return integration.serviceId;
  if (signal.service && catalog.has(signal.service)) return signal.service;
  if (signal.facility && catalog.has(signal.facility)) return signal.facility;
  return null;
}

/** Services whose open incidents this batch may touch: routed ones, what they depend on, and what depends on underlying ones. */
function relevantServices(works: Work[], catalog: ReadonlyArray<CatalogEntry>): string[] {
  const ids = new Set<string>();
  const byId = new Map(catalog.map((s) => [s.id, s]));
  for (const w of works) {
    if (!w.service || ids.has(w.service)) continue;
    ids.add(w.service);
    for (const dep of transitiveDependencies(catalog, w.service)) ids.add(dep);
    if (byId.get(w.service)?.kind !== 'business') for (const d of transitiveDependents(catalog, w.service)) ids.add(d.id);
  }
  return [...ids];
}

/**
 * Applies one group of signals inside one transaction: dedup against open alerts, correlate
 * into incidents (same service, or a component below it), open, acknowledge and resolve, hold
 * flapping alerts, then re-grade and write everything. Returns the outcomes per item.
 */
export async function processBatch(
  deps: Deps,
  trx: Transaction<DB>,
  items: CommitItem[],
  catalog: ReadonlyArray<CatalogEntry>,
): Promise<BatchResult> {
  const now = deps.clock.now();
  let paged = 0;
  const catalogById = new Map(catalog.map((s) => [s.id, s]));
  const works: Work[] = items.flatMap((item, itemIndex) =>
    item.signals.map((signal) => ({
      itemIndex,
      integration: item.integration,
      signal,
      key: keyOf(item.integration.id, signal.dedupKey),
      service: routeService(item.integration, signal, catalogById),
    })),
  );

  // What exists: alerts for these keys (open, or closed recently enough to matter for flapping).
  const byKeyWorks = works.filter((w) => !byAlertId(w.integration, w.signal));
  const loaded = await loadAlertsForKeys(
    trx,
    byKeyWorks.map((w) => ({ integrationId: w.integration.id, dedupKey: w.signal.dedupKey })),
    now - DEFAULT_FLAP_POLICY.windowMs,
  );
  const idWorks = works.filter((w) => byAlertId(w.integration, w.signal));
  const byId = await findAlertsByIds(
    trx,
    idWorks.map((w) => w.signal.dedupKey.slice(3)),
  );
  // An id only addresses alerts of the integration that asks.
  loaded.push(...byId.filter((a) => idWorks.some((w) => w.integration.id === a.integrationId && w.signal.dedupKey === `id:${a.id}`)));
  const open = new Map<string, StoredAlert>();
  const lastClosed = new Map<string, StoredAlert>();
  for (const a of loaded) {
    const key = keyOf(a.integrationId, a.dedupKey);
    if (a.resolvedAt === null) {
      open.set(key, a);
      open.set(keyOf(a.integrationId, `id:${a.id}`), a);
    } else if (!lastClosed.has(key)) {
      lastClosed.set(key, a);
    }
  }

  const tracker = new IncidentTracker(deps.ids, now, deps.policy, catalog);
  tracker.load(await openIncidentsForServices(trx, relevantServices(works, catalog)));
  const alertIncidents = loaded.map((a) => a.incidentId).filter((id): id is string => id !== null && tracker.get(id) === null);
  tracker.load(await findIncidentsByIds(trx, [...new Set(alertIncidents)]));

  const suppression = await suppressionSnapshot(trx, now);
  const touchedAlerts = new Map<string, StoredAlert>();
  const events: SignalEventRow[] = [];
  const resolveCandidates = new Map<string, StoredIntegration>();
  const moves: Array<{ from: string; into: string }> = [];
  // One timeline line per incident per batch, not one per alert: a storm stays readable.
  const attached = new Map<string, { actor: TimelineEntry['actor']; lines: string[] }>();
  const outcomes: SignalOutcome[][] = items.map(() => []);

  const actorOf = (i: StoredIntegration): TimelineEntry['actor'] => ({ type: 'system', id: i.id, name: `integration:${i.name}` });
  const outcome = (w: Work, status: SignalOutcome['status'], alert: StoredAlert | null): void => {
    const incident = alert?.incidentId ? tracker.get(alert.incidentId) : null;
    outcomes[w.itemIndex]?.push({
      dedupKey: w.signal.dedupKey,
      status,
      alertId: alert?.id ?? null,
      incidentId: incident?.id ?? null,
      incidentNumber: incident?.number ?? null,
    });
  };

  const openIncidentFor = async (w: Work, alert: StoredAlert): Promise<void> => {
    const affected = w.service ? { service: w.service, impact: alert.impact } : null;
    const extra = { usersAffectedPct: w.signal.usersAffectedPct, recordsExposed: w.signal.recordsExposed };
    const windowMs = w.integration.settings.groupingWindowMinutes * 60_000;
    const drill = w.signal.drill === true;
    const match = w.service ? correlateAlert(w.service, catalog, tracker.openViews(), now, windowMs, drill) : null;
    const actor = actorOf(w.integration);
    if (match) {
      alert.incidentId = match.incidentId;
      tracker.attach(match.incidentId, affected, extra);
      const via = match.kind === 'dependency' ? ` (depends on ${match.component})` : '';
      const list = attached.get(match.incidentId) ?? { actor, lines: [] };
      list.lines.push(`${alert.summary}${w.service ? ` [${w.service}]` : ''}${via}`);
      attached.set(match.incidentId, list);
      return;
    }
    const occurred = w.signal.occurredAt;
    const incident = tracker.open({
      title: alert.summary.slice(0, MAX_TITLE),
      facts: { affected: affected ? [affected] : [], usersAffectedPct: extra.usersAffectedPct, recordsExposed: extra.recordsExposed },
      suppressed: alert.suppressed,
      createdBy: actor,
      startedAt: occurred !== null && occurred <= now && occurred > now - WEEK_MS ? occurred : now,
      number: await nextCounter(trx, 'incident_number'),
      drill,
    });
    alert.incidentId = incident.id;
    tracker.attach(incident.id, null, { usersAffectedPct: null, recordsExposed: null });
    if (w.service) {
      for (const other of incidentsToMerge(
        w.service,
        catalog,
        tracker.openViews().filter((v) => v.id !== incident.id),
        drill,
      )) {
        tracker.merge(other, incident.id, actor);
        moves.push({ from: other, into: incident.id });
        for (const a of touchedAlerts.values()) if (a.incidentId === other) a.incidentId = incident.id;
      }
    }
  };

  for (const w of works) {
    const { signal, integration } = w;
    const impact = impactOf(signal, integration.settings.severityMap);
    const idLookup = byAlertId(integration, signal);
    let alert = open.get(w.key) ?? null;
    events.push({
      id: deps.ids.newId(),
      integrationId: integration.id,
      alertId: alert?.id ?? null,
      dedupKey: signal.dedupKey,
      action: signal.action,
      summary: signal.summary,
      receivedAt: now,
    });
    const event = events[events.length - 1];
    if (!alert && idLookup) {
      // An Opsgenie close/ack by an id we do not know: recorded, nothing else to do.
      outcome(w, 'ignored', null);
      continue;
    }

    if (signal.action === 'trigger') {
      if (alert) {
        const wasHeld = alert.status === 'resolved';
        if (wasHeld) alert.flap = recordTransition(alert.flap ?? { changes: [] }, now, DEFAULT_FLAP_POLICY);
        Object.assign(alert, { status: alert.status === 'acknowledged' ? 'acknowledged' : 'firing', lastAt: now, summary: signal.summary });
        alert.eventCount += 1;
        if (impact !== alert.impact) {
          alert.impact = impact;
          if (alert.incidentId && w.service) {
            tracker.attach(
              alert.incidentId,
              { service: w.service, impact },
              { usersAffectedPct: signal.usersAffectedPct, recordsExposed: signal.recordsExposed },
              false,
            );
          }
        }
        touchedAlerts.set(alert.id, alert);
        outcome(w, 'deduplicated', alert);
        continue;
      }
      const previous = lastClosed.get(w.key);
      const flap = previous ? recordTransition(previous.flap ?? { changes: [] }, now, DEFAULT_FLAP_POLICY) : null;
      if (previous && flap && previous.incidentId && tracker.get(previous.incidentId)) {
        // Fired again within the flap window of resolving: revive the same alert and incident
        // rather than open new ones; past the threshold it is marked flapping and held open.
        const flapping = isFlapping(flap, now, DEFAULT_FLAP_POLICY);
        alert = Object.assign(previous, { status: 'firing', resolvedAt: null, flapping, flap, lastAt: now, summary: signal.summary });
        alert.eventCount += 1;
        const incidentId = previous.incidentId;
        if (tracker.get(incidentId)?.status === 'resolved') {
          const why = flapping ? 'alert is flapping' : 'alert fired again soon after resolving';
          tracker.transition(incidentId, 'reopen', actorOf(integration), `${why}: ${alert.summary}`);
        }
        lastClosed.delete(w.key);
      } else {
        alert = {
          id: deps.ids.newId(),
          integrationId: integration.id,
          dedupKey: signal.dedupKey,
          status: 'firing',
          incidentId: null,
          serviceId: w.service,
          summary: signal.summary,
          severity: signal.severity,
          impact,
          labels: signal.labels,
          details: signal.details,
          eventCount: 1,
          suppressed: suppressionReason(suppression, signal.labels, w.service, now),
          flap,
          flapping: false,
          firstAt: now,
          lastAt: now,
          resolvedAt: null,
        };
        await openIncidentFor(w, alert);
      }
      open.set(w.key, alert);
      touchedAlerts.set(alert.id, alert);
      if (event) event.alertId = alert.id;
      outcome(w, 'created', alert);
      continue;
    }

    if (!alert) {
      // Resolving or acknowledging something not open (a repeat, or never seen): recorded, nothing changes.
      outcome(w, 'ignored', null);
      continue;
    }
    alert.lastAt = now;
    alert.eventCount += 1;
    touchedAlerts.set(alert.id, alert);
    const actor = actorOf(integration);
    if (signal.action === 'acknowledge') {
      alert.status = 'acknowledged';
      if (alert.incidentId && tracker.get(alert.incidentId)?.status === 'triggered') {
        tracker.transition(alert.incidentId, 'acknowledge', actor, `acknowledged by the sender: ${alert.summary}`);
      }
      outcome(w, 'acknowledged', alert);
      continue;
    }
    alert.flap = recordTransition(alert.flap ?? { changes: [alert.firstAt] }, now, DEFAULT_FLAP_POLICY);
    alert.status = 'resolved';
    if (isFlapping(alert.flap, now, DEFAULT_FLAP_POLICY)) {
      // Held open: the alert stays attached and its incident stays open until it is quiet.
      if (!alert.flapping && alert.incidentId)
        tracker.note(alert.incidentId, actor, 'note', { message: `alert is flapping, held open: ${alert.summary}` });
      alert.flapping = true;
    } else {
      alert.resolvedAt = now;
      alert.flapping = false;
      open.delete(w.key);
      lastClosed.set(w.key, alert);
      if (alert.incidentId && integration.settings.autoResolve) resolveCandidates.set(alert.incidentId, integration);
    }
    outcome(w, 'resolved', alert);
  }

  for (const [incidentId, { actor, lines }] of attached) {
    const shown = lines.slice(0, 5).join('; ');
    const more = lines.length > 5 ? `; and ${lines.length - 5} more` : '';
    tracker.note(incidentId, actor, 'note', {
      message: `${lines.length === 1 ? 'alert' : `${lines.length} alerts`} attached: ${shown}${more}`,
    });
  }

  await insertSignalEvents(trx, events);
  await upsertAlerts(trx, [...touchedAlerts.values()]);
  for (const m of moves) await moveAlerts(trx, m.from, m.into);

  // Resolve incidents whose alerts have all resolved (alert-driven incidents only: a person opened the others).
  const candidates = [...resolveCandidates.keys()].filter((id) => tracker.get(id)?.origin === 'signals');
  const stillOpen = await openAlertCounts(trx, candidates);
  for (const id of candidates) {
    const integration = resolveCandidates.get(id);
    if (integration && (stillOpen.get(id) ?? 0) === 0) tracker.transition(id, 'resolve', actorOf(integration), 'all alerts resolved');
  }

  tracker.regrade({ type: 'system', id: null, name: 'fenghuo' });
  const { created, updated, entries } = tracker.changes();
  for (const incident of created) await insertIncident(trx, incident);
  const saved: Array<{ before: StoredIncident | null; after: StoredIncident }> = created.map((after) => ({ before: null, after }));
  for (const { before, next } of updated) {
    const after = { ...next, version: before.version + 1 };
    if (!(await updateIncidentIfVersion(trx, after, before.version))) throw new BatchConflict(`incident ${before.id} changed concurrently`);
    if (after.services.join() !== before.services.join()) await replaceIncidentServices(trx, after.id, after.services);
    saved.push({ before, after });
  }
  // Paging and status pages react in the same transaction (only to openings and visible changes);
  // paging's timeline lines are written with the batch's own, in one statement.
  const timeline = [...entries];
  const handedOver: HandedOverPage[] = [];
  for (const { before, after } of saved) paged += await reactToIncidentChange(trx, deps, before, after, { timeline, handedOver });
  await insertTimeline(trx, timeline);
  // Outcomes were recorded before numbers settled for merged incidents; refresh them.
  for (const list of outcomes) {
    for (const o of list) {
      const alert = o.alertId ? touchedAlerts.get(o.alertId) : undefined;
      const incident = alert?.incidentId ? tracker.get(alert.incidentId) : null;
      if (incident) Object.assign(o, { incidentId: incident.id, incidentNumber: incident.number });
    }
  }
  return { outcomes, paged, handedOver };
}
