import { ackTimeoutAt, reescalateOnAckTimeout } from '../../domain/escalation/ack-timeout.js';
import { acknowledgeEscalation } from '../../domain/escalation/acknowledge.js';
import { escalationAdjustments, type EscalationAdjustments } from '../../domain/escalation/adjustments.js';
import { nextEscalationStep, startEscalation, type EscalationState } from '../../domain/escalation/next-escalation-step.js';
import { planEscalation, type EscalationFiring } from '../../domain/escalation/plan-escalation.js';
import type { EscalationPolicy } from '../../domain/escalation/policy.js';
import type { Level } from '../../domain/grading/policy.js';
import { expireAcknowledgement } from '../../domain/incident/state-machine.js';
import type { TimelineEntry } from '../../domain/incident/timeline.js';
import type { ResponseProfile } from '../../domain/response/profiles.js';
import { findEscalation, insertEscalation, saveEscalationIfVersion, type StoredEscalation } from '../../store/escalations-repo.js';
import { insertTimeline, updateIncidentIfVersion, type StoredIncident } from '../../store/incidents-repo.js';
import { cancelPendingPages, insertNotifications, wasPostedToChannel, type StoredNotification } from '../../store/notifications-repo.js';
import { loadProfileOverrides } from '../../store/profiles-repo.js';
import { configSnapshot, type ConfigSnapshot } from '../config-snapshot.js';
import type { Deps, Executor, HandedOverPage } from '../context.js';
import type { PagingDirectory, Person } from './directory.js';
import { pagingDirectory } from './paging-directory.js';
import { channelRows, pageRows, peopleFor } from './page-rows.js';

/**
 * Paging, as part of the transaction that changes an incident: opening one starts its
 * escalation and writes the first pages to the outbox; acknowledging stops it; mitigating or
 * resolving ends it; a raised level pages whom the new level adds. The worker fires later steps
 * (runEscalation). Every page is an outbox row before anything is sent.
 *
 * What it reads about services, policies, rotas, people and settings comes from the transaction's
 * ConfigSnapshot (cached per configuration generation), not from the tables each time.
 */

const SYSTEM = { type: 'system', id: null, name: 'fenghuo' } as const;
const NO_POLICY: EscalationPolicy = { id: '', name: '', steps: [], repeat: 0 };

export interface PagingOutcome {
  /** Outbox rows written (the worker should look now). */
  queued: number;
}

export interface PagingOptions {
  /**
   * Collects paging's timeline lines instead of inserting them, for a caller that writes its own
   * lines after paging, in the same transaction, with one statement.
   */
  timeline?: TimelineEntry[];
  /**
   * Collects the rows leased to this process as they are written, for a caller that hands them to
   * the paging worker itself once the transaction has committed (no read of the outbox first).
   */
  handedOver?: HandedOverPage[];
}

async function writeTimeline(db: Executor, entries: TimelineEntry[], options: PagingOptions): Promise<void> {
  if (options.timeline) options.timeline.push(...entries);
  else await insertTimeline(db, entries);
}

/** Pages due now are leased to this process as they are written (see Deps.pagingLease). */
function handOver(
  deps: Deps,
  incident: StoredIncident,
  rows: StoredNotification[],
  now: number,
  options: PagingOptions,
): StoredNotification[] {
  const lease = deps.pagingLease;
  if (!lease) return rows;
  return rows.map((r) => {
    if (r.dueAt > now) return r;
    const leased: StoredNotification = { ...r, status: 'sending', leaseOwner: lease.owner, leaseUntil: now + lease.leaseMs };
    options.handedOver?.push({ notification: leased, incident });
    return leased;
  });
}

async function profileFor(db: Executor, deps: Deps, config: ConfigSnapshot, level: Level): Promise<ResponseProfile> {
  const overrides = await config.cached('response-profiles', () => loadProfileOverrides(db));
  return overrides.get(level) ?? deps.policy.responseProfiles[level];
}

/** The service whose team and policy page for an incident: the first directly affected one. */
function owningService(config: ConfigSnapshot, incident: StoredIncident) {
  const id = incident.facts.affected[0]?.service ?? incident.services[0];
  return id ? config.service(id) : null;
}

function note(deps: Deps, incidentId: string, now: number, message: string): TimelineEntry {
  return { id: deps.ids.newId(), incidentId, at: now, kind: 'paging', actor: SYSTEM, from: null, to: null, message };
}

async function adjustmentsFor(
  db: Executor,
  deps: Deps,
  config: ConfigSnapshot,
  directory: PagingDirectory,
  level: Level,
  policy: EscalationPolicy,
): Promise<EscalationAdjustments> {
  const settings = await directory.settings();
  const profile = await profileFor(db, deps, config, level);
  return escalationAdjustments(profile, policy, { leadership: settings.leadership, incidentCommander: settings.incidentCommander });
}

function describePeople(people: Person[], rows: StoredNotification[]): string {
  return people
    .map((p) => {
      const kinds = [...new Set(rows.filter((r) => r.userId === p.id).map((r) => r.channelKind))];
      return `${p.name} (${kinds.join(', ')})`;
    })
    .join('; ');
}

/** Fires the firings of `state` due at `now`: outbox rows, a timeline line; returns the new state. */
async function fireDue(
  db: Executor,
  deps: Deps,
  directory: PagingDirectory,
  incident: StoredIncident,
  state: EscalationState,
  now: number,
): Promise<{ state: EscalationState; wakeAt: number | null; rows: StoredNotification[]; entries: TimelineEntry[] }> {
  const tick = nextEscalationStep(state, now);
  const rows: StoredNotification[] = [];
  const entries: TimelineEntry[] = [];
  for (const firing of tick.due) {
    const people = await peopleFor(directory, firing.targets, now);
    const fired = pageRows(deps.ids, incident.id, firing, people, now);
    rows.push(...fired);
    entries.push(note(deps, incident.id, now, describeFiring(firing, people, fired)));
  }
  return { state: { ...state, nextSeq: tick.nextSeq }, wakeAt: tick.wakeAt, rows, entries };
}

function describeFiring(firing: EscalationFiring, people: Person[], rows: StoredNotification[]): string {
  const which =
    firing.stepIndex === null ? 'paged' : `escalation step ${firing.stepIndex + 1}${firing.round > 0 ? `, repeat ${firing.round}` : ''}`;
  if (people.length === 0) return `${which}: nobody to page (no one on call or no members)`;
  return `${which}: paged ${describePeople(people, rows)}`;
}

/**
 * Starts paging for an incident that just opened (or reopened, or rose out of level 4). `created`:
 * the incident is new in this transaction, so it has no escalation yet.
 */
export async function startPaging(
  db: Executor,
  deps: Deps,
  incident: StoredIncident,
  now: number,
  options: PagingOptions & { created?: boolean } = {},
): Promise<PagingOutcome> {
  if (incident.status === 'resolved' || incident.status === 'mitigated') return { queued: 0 };
  const entries: TimelineEntry[] = [];
  // A drill pages like the real thing (that is what it rehearses); its messages say it is a drill.
  if (incident.suppressed !== null) {
    await writeTimeline(db, [note(deps, incident.id, now, `nobody paged: the incident is suppressed (${incident.suppressed})`)], options);
    return { queued: 0 };
  }
  const config = await configSnapshot(db, deps);
  const directory = pagingDirectory(db, config);
  const service = owningService(config, incident);
  const policy = (service?.escalationPolicyId ? await directory.policy(service.escalationPolicyId) : null) ?? NO_POLICY;
  const adjustments = await adjustmentsFor(db, deps, config, directory, incident.level, policy);
  const plan = planEscalation({ policy, adjustments, triggeredAt: now });
  const fired = await fireDue(db, deps, directory, incident, startEscalation(plan), now);
  const rows = [...fired.rows];
  entries.push(...fired.entries);
  if (plan.teamChannelPostAt !== null && service?.teamId) {
    const channels = await directory.teamChannels(service.teamId);
    rows.push(...channelRows(deps.ids, incident.id, channels, 'channel', now));
    if (channels.length > 0) entries.push(note(deps, incident.id, now, `posted to ${channels.map((c) => c.name).join(', ')}`));
  }
  if (plan.firings.length === 0 && rows.length === 0) {
    entries.push(
      note(deps, incident.id, now, `nobody paged: level ${incident.level} pages no one here (no escalation policy or team channel)`),
    );
  }
  const existing = options.created ? null : await findEscalation(db, incident.id);
  const escalation: StoredEscalation = {
    incidentId: incident.id,
    policyId: policy.id || null,
    status: fired.wakeAt === null ? 'exhausted' : 'active',
    state: fired.state,
    nextAt: fired.wakeAt,
    version: (existing?.version ?? 0) + 1,
    startedAt: now,
    updatedAt: now,
  };
  if (existing) {
    if (!(await saveEscalationIfVersion(db, escalation, existing.version)))
      throw new Error(`escalation of ${incident.id} changed concurrently`);
  } else {
    await insertEscalation(db, escalation);
  }
  await insertNotifications(db, handOver(deps, incident, rows, now, options));
  await writeTimeline(db, entries, options);
  return { queued: rows.length };
}

/**
 * The worker's turn for one escalation that is due: fire what is due, or act on an expired
 * acknowledgement (the incident returns to triggered and paging resumes from the current step).
 * Returns null when someone else changed the escalation first.
 */
export async function runEscalation(
  db: Executor,
  deps: Deps,
  escalation: StoredEscalation,
  incident: StoredIncident,
  now: number,
): Promise<PagingOutcome | null> {
  let state = escalation.state;
  let current = incident;
  const entries: TimelineEntry[] = [];
  if (incident.status === 'resolved' || incident.status === 'mitigated') {
    return (await save(db, escalation, { status: 'stopped', state, nextAt: null }, now)) ? { queued: 0 } : null;
  }
  const config = await configSnapshot(db, deps);
  const directory = pagingDirectory(db, config);
  if (escalation.status === 'acknowledged') {
    const profile = await profileFor(db, deps, config, incident.level);
    const again = reescalateOnAckTimeout(state, incident, profile.ackTimeoutMinutes ?? null, now);
    if (!again) {
      const stillAcked = incident.status === 'acknowledged';
      return (await save(db, escalation, { status: stillAcked ? 'acknowledged' : 'stopped', state, nextAt: null }, now))
        ? { queued: 0 }
        : null;
    }
    state = again.state;
    current = { ...incident, ...expireAcknowledgement(incident), updatedAt: now, version: incident.version + 1 };
    if (!(await updateIncidentIfVersion(db, current, incident.version))) return null;
    entries.push({
      id: deps.ids.newId(),
      incidentId: incident.id,
      at: now,
      kind: 'status',
      actor: SYSTEM,
      from: 'acknowledged',
      to: 'triggered',
      message: `acknowledgement timed out after ${profile.ackTimeoutMinutes} min without mitigation; escalating again`,
    });
  }
  const fired = await fireDue(db, deps, directory, current, state, now);
  const next = { status: fired.wakeAt === null ? ('exhausted' as const) : ('active' as const), state: fired.state, nextAt: fired.wakeAt };
  if (!(await save(db, escalation, next, now))) return null;
  await insertNotifications(db, handOver(deps, current, fired.rows, now, {}));
  await insertTimeline(db, [...entries, ...fired.entries]);
  return { queued: fired.rows.length };
}

async function save(
  db: Executor,
  before: StoredEscalation,
  change: Pick<StoredEscalation, 'status' | 'state' | 'nextAt'>,
  now: number,
): Promise<boolean> {
  return saveEscalationIfVersion(db, { ...before, ...change, version: before.version + 1, updatedAt: now }, before.version);
}

/** Stops the escalation at an acknowledgement: later steps and pending pages are cancelled. */
async function acknowledgePaging(db: Executor, deps: Deps, incident: StoredIncident, now: number, options: PagingOptions): Promise<void> {
  const escalation = await findEscalation(db, incident.id);
  const cancelled = await cancelPendingPages(db, incident.id, 'acknowledged');
  if (!escalation || (escalation.status !== 'active' && escalation.status !== 'exhausted')) return;
  const { state } = acknowledgeEscalation(escalation.state, now);
  const profile = await profileFor(db, deps, await configSnapshot(db, deps), incident.level);
  const timeout = ackTimeoutAt(state, profile.ackTimeoutMinutes ?? null);
  await save(db, escalation, { status: 'acknowledged', state, nextAt: timeout }, now);
  if (cancelled > 0)
    await writeTimeline(db, [note(deps, incident.id, now, `escalation stopped: ${cancelled} pending page(s) cancelled`)], options);
}

/** Ends paging when the incident is mitigated or resolved; a resolved incident is announced where it was posted. */
async function endPaging(db: Executor, deps: Deps, incident: StoredIncident, now: number, options: PagingOptions): Promise<number> {
  const escalation = await findEscalation(db, incident.id);
  await cancelPendingPages(db, incident.id, incident.status);
  if (escalation && escalation.status !== 'stopped')
    await save(db, escalation, { status: 'stopped', state: escalation.state, nextAt: null }, now);
  if (incident.status !== 'resolved') return 0;
  if (!(await wasPostedToChannel(db, incident.id))) return 0;
  const config = await configSnapshot(db, deps);
  const service = owningService(config, incident);
  if (!service?.teamId) return 0;
  const channels = await pagingDirectory(db, config).teamChannels(service.teamId);
  const rows = channelRows(deps.ids, incident.id, channels, 'resolved', now);
  await insertNotifications(db, handOver(deps, incident, rows, now, options));
  return rows.length;
}

/** Pages whom a higher level adds (leadership, incident commander), once. */
async function raiseLevel(
  db: Executor,
  deps: Deps,
  before: StoredIncident,
  after: StoredIncident,
  now: number,
  options: PagingOptions,
): Promise<number> {
  const escalation = await findEscalation(db, after.id);
  if (!escalation || escalation.state.firings.length === 0) return (await startPaging(db, deps, after, now, options)).queued;
  const config = await configSnapshot(db, deps);
  const directory = pagingDirectory(db, config);
  const oldExtras = (await adjustmentsFor(db, deps, config, directory, before.level, NO_POLICY)).extraTargets;
  const newExtras = (await adjustmentsFor(db, deps, config, directory, after.level, NO_POLICY)).extraTargets;
  const known = new Set(oldExtras.map((t) => `${t.kind}:${t.id}`));
  const added = newExtras.filter((t) => !known.has(`${t.kind}:${t.id}`));
  if (added.length === 0) return 0;
  const firing: EscalationFiring = {
    seq: -1,
    stepIndex: null,
    round: 0,
    at: now,
    targets: added,
    cancelledAt: null,
  };
  // A one-off: not part of the escalation's plan, so neither later steps nor a re-escalation repeat it.
  const people = await peopleFor(directory, added, now);
  const rows = pageRows(deps.ids, after.id, firing, people, now);
  await insertNotifications(db, handOver(deps, after, rows, now, options));
  await writeTimeline(db, [note(deps, after.id, now, `level ${after.level}: ${describeFiring(firing, people, rows)}`)], options);
  return rows.length;
}

/**
 * Paging's reaction to an incident change, in the transaction that made it. `before` is null for
 * a new incident. Returns how many outbox rows it wrote.
 */
export async function pagingAfterIncidentChange(
  db: Executor,
  deps: Deps,
  before: StoredIncident | null,
  after: StoredIncident,
  options: PagingOptions = {},
): Promise<number> {
  const now = deps.clock.now();
  if (before === null) return (await startPaging(db, deps, after, now, { ...options, created: true })).queued;
  if (before.status !== after.status) {
    if (after.status === 'acknowledged') {
      await acknowledgePaging(db, deps, after, now, options);
      return 0;
    }
    if (after.status === 'mitigated' || after.status === 'resolved') return endPaging(db, deps, after, now, options);
    if (after.status === 'triggered') return (await startPaging(db, deps, after, now, options)).queued;
  }
  if (after.level < before.level && after.status !== 'resolved' && after.status !== 'mitigated')
    return raiseLevel(db, deps, before, after, now, options);
  return 0;
}
