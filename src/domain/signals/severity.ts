import type { ImpactType } from '../grading/policy.js';

/**
 * Default severity/priority hints → impact. Integrations may override entries. Keys are
 * lower-case; unknown hints fall back to `degraded` (something is wrong, nothing says how badly).
 */
export const DEFAULT_SEVERITY_MAP: Readonly<Record<string, ImpactType>> = {
  critical: 'outage',
  fatal: 'outage',
  emergency: 'outage',
  disaster: 'outage',
  page: 'outage',
  p1: 'outage',
  sev1: 'outage',
  sev0: 'outage',
  error: 'degraded',
  high: 'degraded',
  major: 'degraded',
  p2: 'degraded',
  sev2: 'degraded',
  warning: 'degraded',
  warn: 'degraded',
  average: 'degraded',
  p3: 'degraded',
  sev3: 'degraded',
  info: 'complaint',
  informational: 'complaint',
  low: 'complaint',
  minor: 'complaint',
  p4: 'complaint',
  p5: 'complaint',
  sev4: 'complaint',
  sev5: 'complaint',
};

export const FALLBACK_IMPACT: ImpactType = 'degraded';

/** The impact a signal stands for: its explicit impact, else its severity through the map. */
export function impactOf(
  signal: { impact: ImpactType | null; severity: string | null },
  overrides: Readonly<Record<string, ImpactType>> = {},
): ImpactType {
  if (signal.impact) return signal.impact;
  const hint = signal.severity?.trim().toLowerCase();
  if (!hint) return FALLBACK_IMPACT;
  return overrides[hint] ?? DEFAULT_SEVERITY_MAP[hint] ?? FALLBACK_IMPACT;
}
