import type { AffectedService, ImpactFacts } from '../../domain/grading/facts.js';
import { affectedFrom } from '../../domain/grading/facts.js';
import type { ImpactType, Scope } from '../../domain/grading/policy.js';
import { FenghuoError } from '../../domain/errors.js';

/** Impact facts as clients send them: `services` + `impact`, or per-service `affected`. */
export interface ImpactInput {
  services?: string[];
  impact?: ImpactType | ImpactType[];
  affected?: AffectedService[];
  usersAffectedPct?: number | null;
  usersAffected?: number | null;
  scope?: Scope | null;
  recordsExposed?: number | null;
}

/** Builds facts from input over a base; `services`/`impact`/`affected` replace the affected list. */
export function factsFromInput(input: ImpactInput, base: ImpactFacts | null): ImpactFacts {
  let affected = base?.affected ?? [];
  if (input.affected !== undefined) {
    affected = input.affected;
  } else if (input.services !== undefined || input.impact !== undefined) {
    const services = input.services ?? [...new Set(affected.map((a) => a.service))];
    const impact = input.impact ?? [...new Set(affected.map((a) => a.impact))];
    if (Array.isArray(impact) && impact.length === 0) {
      throw new FenghuoError('invalid_request', 'impact is required with services', [
        { field: 'impact', message: 'required when services are given' },
      ]);
    }
    affected = affectedFrom(services, impact);
  }
  if (affected.length === 0 && base === null) {
    throw new FenghuoError('invalid_request', 'an incident needs at least one affected service and an impact', [
      { field: 'services', message: 'at least one service with an impact is required' },
    ]);
  }
  const pick = <K extends keyof ImpactInput & keyof ImpactFacts>(key: K): ImpactFacts[K] =>
    (input[key] !== undefined ? input[key] : (base?.[key] ?? null)) as ImpactFacts[K];
  return {
    affected: dedupe(affected),
    usersAffectedPct: pick('usersAffectedPct'),
    usersAffected: pick('usersAffected'),
    scope: pick('scope'),
    recordsExposed: pick('recordsExposed'),
  };
}

function dedupe(affected: AffectedService[]): AffectedService[] {
  const seen = new Set<string>();
  return affected.filter((a) => {
    const key = `${a.service}\u0000${a.impact}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
