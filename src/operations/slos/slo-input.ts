import type { FieldIssue } from '../../domain/errors.js';
import { DEFAULT_SLO_WINDOW_DAYS, type Slo, type SloWindow, type SloWindowKind } from '../../domain/slo/slo.js';
import { monitorKeysOf } from '../../store/slos-repo.js';
import { findService } from '../../store/services-repo.js';
import type { Executor } from '../context.js';

/** What a person sets on an SLO (the schema has checked types and ranges). */
export interface SloInput {
  serviceId?: string;
  name?: string;
  targetPct?: number;
  window?: SloWindowKind;
  windowDays?: number;
  monitorIds?: string[] | null;
}

/** The window the input asks for over what was there: a rolling window keeps its days unless given. */
export function windowOf(input: SloInput, base: SloWindow | null): SloWindow {
  const kind = input.window ?? base?.kind ?? 'rolling';
  if (kind === 'calendar-month') return { kind };
  const days = input.windowDays ?? (base?.kind === 'rolling' ? base.days : DEFAULT_SLO_WINDOW_DAYS);
  return { kind, days };
}

/** A name when none is given: "99.9% availability". */
export const defaultSloName = (targetPct: number) => `${targetPct}% availability`;

/** Everything wrong with an SLO as it would be saved, fields named as the client sent them. */
export async function sloIssues(db: Executor, slo: Slo, input: SloInput): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (!(await findService(db, slo.serviceId))) issues.push({ field: 'serviceId', message: `unknown service "${slo.serviceId}"` });
  if (slo.name.trim() === '') issues.push({ field: 'name', message: 'must not be blank' });
  if (input.windowDays !== undefined && slo.window.kind !== 'rolling') {
    issues.push({ field: 'windowDays', message: 'only a rolling window has days' });
  }
  const ids = slo.monitorIds ?? [];
  if (new Set(ids).size !== ids.length) issues.push({ field: 'monitorIds', message: 'must not repeat a monitor' });
  const known = new Set((await monitorKeysOf(db, { ids })).map((m) => m.id));
  ids.forEach((id, i) => {
    if (!known.has(id)) issues.push({ field: `monitorIds[${i}]`, message: `unknown monitor "${id}"` });
  });
  return issues;
}
