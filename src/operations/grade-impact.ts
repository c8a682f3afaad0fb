import { gradeIncident, type GradeResult } from '../domain/grading/grade-incident.js';
import { loadCatalog } from '../store/services-repo.js';
import type { Context } from './context.js';
import { factsFromInput, type ImpactInput } from './incidents/incident-input.js';

/** Grades impact facts against the live catalog and policy, storing nothing (`POST /grade`). */
export async function gradeImpact(ctx: Context, input: ImpactInput & { durationMinutes?: number | null }): Promise<GradeResult> {
  const facts = factsFromInput(input, null);
  const catalog = await loadCatalog(ctx.store.db);
  return gradeIncident({ ...facts, durationMinutes: input.durationMinutes ?? null }, catalog, ctx.policy);
}
