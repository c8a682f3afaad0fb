import type { CatalogEntry } from '../../domain/catalog/service.js';
import type { AffectedService, ImpactFacts } from '../../domain/grading/facts.js';
import { effectiveImpacts } from '../../domain/grading/facts.js';
import { gradeIncident } from '../../domain/grading/grade-incident.js';
import type { GradingPolicy } from '../../domain/grading/policy.js';
import { decideAutomaticLevel } from '../../domain/incident/level-change.js';
import { transitionIncident, type IncidentAction } from '../../domain/incident/state-machine.js';
import type { TimelineEntry } from '../../domain/incident/timeline.js';
import type { OpenIncidentView } from '../../domain/signals/correlate.js';
import type { IdSource } from '../../operations/context.js';
import type { StoredIncident } from '../../store/incidents-repo.js';

type Actor = TimelineEntry['actor'];

interface Tracked {
  before: StoredIncident | null;
  next: StoredIncident;
  entries: TimelineEntry[];
  factsChanged: boolean;
  /** Changed without a timeline entry (an alert counted); entries and facts count as changes too. */
  touched: boolean;
}

/**
 * The incidents one ingest batch reads and changes, held in memory until the batch writes them:
 * attach an alert, open, merge, acknowledge, resolve — then re-grade once per incident.
 */
export class IncidentTracker {
  private readonly tracked = new Map<string, Tracked>();
  /** Correlation asks for the open incidents once per new alert; rebuild only after a change. */
  private views: OpenIncidentView[] | null = null;

  constructor(
    private readonly ids: IdSource,
    private readonly now: number,
    private readonly policy: GradingPolicy,
    private readonly catalog: ReadonlyArray<CatalogEntry>,
  ) {}

  load(incidents: StoredIncident[]): void {
    this.views = null;
    for (const i of incidents) {
      if (!this.tracked.has(i.id))
        this.tracked.set(i.id, { before: i, next: structuredClone(i), entries: [], factsChanged: false, touched: false });
    }
  }

  get(id: string): StoredIncident | null {
    return this.tracked.get(id)?.next ?? null;
  }

  /** Open incidents as correlation sees them. */
  openViews(): OpenIncidentView[] {
    this.views ??= [...this.tracked.values()]
      .filter((t) => t.next.status !== 'resolved')
      .map((t) => ({
        id: t.next.id,
        direct: [...new Set(t.next.facts.affected.map((a) => a.service))],
        services: t.next.services,
        origin: t.next.origin,
        drill: t.next.drill,
        // Read live: attaching an alert moves it, and must not force a rebuild.
        get lastActivityAt() {
          return t.next.updatedAt;
        },
      }));
    return this.views;
  }

  note(
    id: string,
    actor: Actor,
    kind: TimelineEntry['kind'],
    values: { from?: string | null; to?: string | null; message?: string | null },
  ): void {
    const t = this.require(id);
    t.entries.push({
      id: this.ids.newId(),
      incidentId: id,
      at: this.now,
      kind,
      actor,
      from: values.from ?? null,
      to: values.to ?? null,
      message: values.message ?? null,
    });
    t.next.updatedAt = this.now;
  }

  /** Opens a new incident for an alert; graded when the batch finishes. */
  open(input: {
    title: string;
    facts: ImpactFacts;
    suppressed: string | null;
    createdBy: Actor;
    startedAt: number;
    number: number;
    /** Opened by a drill's alert: a drill incident (paged with every message marked). */
    drill: boolean;
  }): StoredIncident {
    this.views = null;
    const incident: StoredIncident = {
      id: this.ids.newId(),
      number: input.number,
      title: input.title,
      summary: null,
      status: 'triggered',
      level: 4,
      levelReasons: [],
      facts: input.facts,
      services: [...new Set(input.facts.affected.map((a) => a.service))],
      drill: input.drill,
      alertCount: 0,
      version: 1,
      createdBy: input.createdBy.name,
      startedAt: input.startedAt,
      createdAt: this.now,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      updatedAt: this.now,
      suppressed: input.suppressed,
      origin: 'signals',
    };
    this.tracked.set(incident.id, { before: null, next: incident, entries: [], factsChanged: true, touched: true });
    this.note(incident.id, input.createdBy, 'created', { to: 'triggered', message: incident.title });
    return incident;
  }

  /** Counts an alert against the incident and adds its service/impact to the facts if new. */
  attach(
    id: string,
    affected: AffectedService | null,
    extra: { usersAffectedPct: number | null; recordsExposed: number | null },
    countsAlert = true,
  ): boolean {
    const t = this.require(id);
    if (countsAlert) t.next.alertCount += 1;
    t.next.updatedAt = this.now;
    let changed = false;
    if (affected && !t.next.facts.affected.some((a) => a.service === affected.service && a.impact === affected.impact)) {
      t.next.facts = { ...t.next.facts, affected: [...t.next.facts.affected, affected] };
      changed = true;
    }
    const pct = maxOf(t.next.facts.usersAffectedPct, extra.usersAffectedPct);
    const records = maxOf(t.next.facts.recordsExposed, extra.recordsExposed);
    if (pct !== (t.next.facts.usersAffectedPct ?? null) || records !== (t.next.facts.recordsExposed ?? null)) {
      t.next.facts = { ...t.next.facts, usersAffectedPct: pct, recordsExposed: records };
      changed = true;
    }
    t.factsChanged ||= changed;
    t.touched ||= countsAlert || changed;
    if (changed) this.views = null;
    return changed;
  }

  /** Applies a lifecycle action if the state machine allows it; returns whether it did. */
  transition(id: string, action: IncidentAction, actor: Actor, message: string): boolean {
    this.views = null;
    const t = this.require(id);
    try {
      const lifecycle = transitionIncident(t.next, action, this.now);
      const from = t.next.status;
      Object.assign(t.next, lifecycle);
      this.note(id, actor, 'status', { from, to: t.next.status, message });
      return true;
    } catch {
      return false;
    }
  }

  /** Moves everything of `from` into `into` and resolves `from`. */
  merge(from: string, into: string, actor: Actor): void {
    const source = this.require(from);
    const target = this.require(into);
    for (const a of source.next.facts.affected) this.attach(into, a, { usersAffectedPct: null, recordsExposed: null }, false);
    target.next.alertCount += source.next.alertCount;
    this.note(into, actor, 'note', { message: `merged incident #${source.next.number}: ${source.next.title}` });
    this.transition(from, 'resolve', actor, `merged into incident #${target.next.number}`);
  }

  /** Re-grades incidents whose facts changed: new ones take the grade, others only rise. */
  regrade(actor: Actor): void {
    for (const t of this.tracked.values()) {
      if (!t.factsChanged) continue;
      const i = t.next;
      const end = i.resolvedAt ?? this.now;
      const facts = { ...i.facts, durationMinutes: Math.max(0, Math.floor((end - i.startedAt) / 60_000)) };
      const grade = gradeIncident(facts, this.catalog, this.policy);
      i.services = [...new Set(effectiveImpacts(i.facts, this.catalog, this.policy).map((e) => e.service.id))];
      if (t.before === null) {
        i.level = grade.level;
        i.levelReasons = grade.reasons;
        this.note(i.id, actor, 'level', {
          to: String(grade.level),
          message: `graded by policy "${this.policy.name}": ${grade.reasons.map((r) => r.rule).join(', ')}`,
        });
        continue;
      }
      const change = decideAutomaticLevel(i.level, grade.level);
      if (change.kind === 'raise') {
        i.level = change.to;
        i.levelReasons = grade.reasons;
        this.note(i.id, actor, 'level', {
          from: String(change.from),
          to: String(change.to),
          message: `raised by policy: ${grade.reasons
            .filter((r) => r.level === change.to)
            .map((r) => r.rule)
            .join(', ')}`,
        });
      } else if (grade.level === i.level) {
        i.levelReasons = [...i.levelReasons.filter((r) => r.rule === 'manual'), ...grade.reasons];
      }
    }
  }

  /** What to write: new incidents, changed ones (with the version they were read at), timeline. */
  changes(): { created: StoredIncident[]; updated: Array<{ before: StoredIncident; next: StoredIncident }>; entries: TimelineEntry[] } {
    const created: StoredIncident[] = [];
    const updated: Array<{ before: StoredIncident; next: StoredIncident }> = [];
    const entries: TimelineEntry[] = [];
    for (const t of this.tracked.values()) {
      entries.push(...t.entries);
      if (t.before === null) created.push(t.next);
      else if (t.touched || t.factsChanged || t.entries.length > 0) updated.push({ before: t.before, next: t.next });
    }
    return { created, updated, entries };
  }

  private require(id: string): Tracked {
    const t = this.tracked.get(id);
    if (!t) throw new Error(`incident ${id} is not loaded in this batch`);
    return t;
  }
}

function maxOf(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return Math.max(a, b);
}
