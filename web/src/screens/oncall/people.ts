// Names for user ids. Shifts carry the name (GET …/oncall and …/shifts); overrides and layers only
// ids, so names also come from the user list (administrators) and from the shifts already loaded.
import { useEffect, useRef } from 'react';
import type { Shift } from '../../api/types';

export type Names = ReadonlyMap<string, string>;

export function namesFrom(...sources: (Iterable<[string, string]> | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of sources) for (const [id, name] of source ?? []) if (name) out.set(id, name);
  return out;
}

export const shiftNames = (shifts: readonly Shift[]): [string, string][] =>
  shifts.flatMap((s): [string, string][] => (s.userName ? [[s.userId, s.userName]] : []));

/** A person's name, else a short form of their id in words ("用户 01a2b3c4"). */
export function nameOf(id: string, names: Names, someone: (shortId: string) => string): string {
  return names.get(id) ?? someone(id.slice(0, 8));
}

/** Reloads when `revision` moves (something on the screen changed the schedule), not on mount. */
export function useReloadOnRevision(revision: number, reload: () => void): void {
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    reload();
  }, [revision, reload]);
}
