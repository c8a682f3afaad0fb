import type { FieldIssue } from '../../domain/errors.js';
import type { Layer, Restriction, Rotation } from '../../domain/oncall/schedule.js';

/** A rotation as a client sends it: the fields of every kind, checked against the kind here. */
export interface RotationInput {
  kind: Rotation['kind'];
  handoffTime?: string;
  lengthMinutes?: number;
}

export interface RestrictionInput {
  kind: Restriction['kind'];
  start: string;
  end: string;
  startDay?: number;
  endDay?: number;
}

/** A layer as a client sends it (instants already epoch ms); a missing id or name is filled in. */
export interface LayerInput {
  id?: string;
  name?: string;
  start: number;
  end?: number | null;
  rotation: RotationInput;
  participants: string[];
  restrictions?: RestrictionInput[];
}

export interface ScheduleInput {
  name?: string;
  timeZone?: string;
  teamId?: string | null;
  layers?: LayerInput[];
}

function rotationOf(r: RotationInput, path: string, issues: FieldIssue[]): Rotation {
  if (r.kind === 'custom') {
    if (r.handoffTime !== undefined) issues.push({ field: `${path}.handoffTime`, message: 'is only for daily and weekly rotations' });
    return { kind: 'custom', lengthMinutes: r.lengthMinutes ?? Number.NaN };
  }
  if (r.lengthMinutes !== undefined) issues.push({ field: `${path}.lengthMinutes`, message: 'is only for custom rotations' });
  return { kind: r.kind, handoffTime: r.handoffTime ?? '' };
}

function restrictionOf(r: RestrictionInput, path: string, issues: FieldIssue[]): Restriction {
  if (r.kind === 'weekly')
    return { kind: 'weekly', startDay: r.startDay ?? Number.NaN, start: r.start, endDay: r.endDay ?? Number.NaN, end: r.end };
  for (const day of ['startDay', 'endDay'] as const) {
    if (r[day] !== undefined) issues.push({ field: `${path}.${day}`, message: 'is only for weekly restrictions' });
  }
  return { kind: 'time-of-day', start: r.start, end: r.end };
}

/**
 * The domain's layers from the client's, with issues for fields that do not fit the chosen kind (the
 * domain's validateSchedule checks the rest). Missing ids come from `newId`.
 */
export function layersOf(input: readonly LayerInput[], newId: () => string): { layers: Layer[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const layers = input.map((l, i): Layer => {
    const path = `layers[${i}]`;
    return {
      id: l.id ?? newId(),
      name: l.name ?? `Layer ${i + 1}`,
      start: l.start,
      end: l.end ?? null,
      rotation: rotationOf(l.rotation, `${path}.rotation`, issues),
      participants: l.participants,
      restrictions: (l.restrictions ?? []).map((r, j) => restrictionOf(r, `${path}.restrictions[${j}]`, issues)),
    };
  });
  return { layers, issues };
}
