import assert from 'node:assert/strict';
import type { Layer, Override, Rotation, Schedule, Shift } from './schedule.js';

// Builders and assertions shared by the schedule tests. Expected times in the tests are written by
// hand as local times with their offsets; none is computed by the code under test.

export const t = (iso: string): number => {
  const v = Date.parse(iso);
  assert.ok(Number.isFinite(v), iso);
  return v;
};
export const HOUR = 3_600_000;

export const daily = (handoffTime: string): Rotation => ({ kind: 'daily', handoffTime });
export const weekly = (handoffTime: string): Rotation => ({ kind: 'weekly', handoffTime });
export const custom = (lengthMinutes: number): Rotation => ({ kind: 'custom', lengthMinutes });

export function layer(id: string, fields: Partial<Layer> & Pick<Layer, 'start' | 'rotation' | 'participants'>): Layer {
  return { id, name: id, end: null, restrictions: [], ...fields };
}

export function schedule(timeZone: string, layers: Layer[], overrides: Override[] = []): Schedule {
  return { id: 'sch-1', name: 'Payments primary', timeZone, layers, overrides };
}

export function override(id: string, userId: string, start: string, end: string): Override {
  return { id, userId, start: t(start), end: t(end) };
}

/** [user, start, end, source]: source is a layer id or `override:<id>`. */
export type Expected = [string, string, string, string];

export function show(s: Shift): Record<string, string | null> {
  return {
    userId: s.userId,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    layerId: s.layerId,
    overrideId: s.overrideId,
  };
}

export function assertShifts(actual: Shift[], expected: Expected[]): void {
  const wanted = expected.map(([userId, start, end, source]) => {
    const isOverride = source.startsWith('override:');
    return show({
      userId,
      start: t(start),
      end: t(end),
      layerId: isOverride ? null : source,
      overrideId: isOverride ? source.slice('override:'.length) : null,
    });
  });
  assert.deepEqual(actual.map(show), wanted);
}

export const hours = (s: Shift | undefined): number => (s === undefined ? Number.NaN : (s.end - s.start) / HOUR);
