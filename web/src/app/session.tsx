// Who is signed in. The console asks GET /auth/me once at start; any 401 afterwards (a session that
// expired or was ended by a password change) drops back to the sign-in screen.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchMe, signIn as postSignIn, signOut as postSignOut } from '../api/auth';
import { forgetEarly, setUnauthenticatedHandler } from '../api/client';
import { isApiError } from '../api/errors';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason: 'start' | 'expired' | 'signedOut' }
  | { status: 'signedIn'; me: Me }
  | { status: 'error'; error: unknown };

export interface Session {
  state: SessionState;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  /** Reads /auth/me again (e.g. after a change that affects `firstRun`). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

async function readSession(): Promise<SessionState> {
  try {
    return { status: 'signedIn', me: await fetchMe() };
  } catch (error) {
    if (isApiError(error) && error.status === 401) return { status: 'signedOut', reason: 'start' };
    return { status: 'error', error };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { setUserTimeZone } = useI18n();

  const load = useCallback(async (): Promise<SessionState> => {
    const next = await readSession();
    setState(next);
    return next;
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      forgetEarly();
      setState((s) => (s.status === 'signedIn' ? { status: 'signedOut', reason: 'expired' } : s));
    });
    void readSession().then((next) => {
      // Signed out at start: what the page asked for early was refused, and must not be served
      // once the person has signed in.
      if (next.status !== 'signedIn') forgetEarly();
      setState(next);
    });
  }, []);

  const me = state.status === 'signedIn' ? state.me : null;
  // Times read in the signed-in person's own zone (a token has none: the browser's).
  const timeZone = me?.timeZone ?? undefined;
  useEffect(() => setUserTimeZone(timeZone), [timeZone, setUserTimeZone]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await postSignIn(email, password);
      forgetEarly();
      const next = await load();
      if (next.status !== 'signedIn') throw new Error('signed in, but /auth/me did not answer');
      return next.me;
    },
    [load],
  );

  const signOut = useCallback(async () => {
    await postSignOut().catch(() => undefined); // an expired session is signed out anyway
    forgetEarly();
    setState({ status: 'signedOut', reason: 'signedOut' });
  }, []);

  const refresh = useCallback(async () => void (await load()), [load]);
  const value = useMemo<Session>(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** The signed-in actor, for screens that only render inside the signed-in shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe outside the signed-in shell');
  return state.me;
}
