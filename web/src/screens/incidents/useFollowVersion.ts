import { useEffect, useRef } from 'react';

/**
 * Reloads a section of the incident page when the page's revision moves: the page reloads the
 * incident on live events and after its own actions, and the sections follow it from here. Notes
 * change no version (so no live event), so open incidents also poll them now and then.
 */
export function useFollowVersion(reload: () => void, revision: string): void {
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    reload();
  }, [reload, revision]);
}

/** How often an open incident's notes and timeline are read again without an event. */
export const NOTE_POLL_MS = 30_000;
