// The console: providers, then the session decides between the sign-in screen and the shell.
import { useEffect } from 'react';
import { ErrorState, Loading } from '../components/StateView';
import { ToastProvider } from '../components/Toast';
import { I18nProvider } from '../i18n/I18nProvider';
import { SignInScreen } from '../screens/auth/SignInScreen';
import { ErrorBoundary } from './ErrorBoundary';
import { Layout } from './Layout';
import { RouterProvider, useRouter } from './router';
import { safeNext } from './routes';
import { screenFor } from './screens';
import { SessionProvider, useSession } from './session';

export function App() {
  return (
    <I18nProvider>
      <ErrorBoundary>
        <RouterProvider>
          <ToastProvider>
            <SessionProvider>
              <Console />
            </SessionProvider>
          </ToastProvider>
        </RouterProvider>
      </ErrorBoundary>
    </I18nProvider>
  );
}

function Console() {
  const { route, location, navigate } = useRouter();
  const { state, refresh } = useSession();
  const here = location.pathname + location.search;

  // The two redirects of the console: signed out → sign in (remembering where to come back to);
  // signed in on the sign-in page → the first-run steps, or back to where the person was going.
  useEffect(() => {
    if (state.status === 'signedOut' && route.name !== 'login') navigate({ name: 'login', next: here }, { replace: true });
    if (state.status === 'signedIn' && route.name === 'login') {
      navigate(state.me.firstRun ? { name: 'welcome' } : safeNext(route.next), { replace: true });
    }
  }, [state, route, here, navigate]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <main id="main" className="boot-error">
        <ErrorState error={state.error} onRetry={() => void refresh()} />
      </main>
    );
  }
  if (state.status === 'signedOut' || route.name === 'login') return route.name === 'login' ? <SignInScreen /> : <Loading />;
  return (
    <Layout>
      <ErrorBoundary key={location.pathname}>{screenFor(route)}</ErrorBoundary>
    </Layout>
  );
}
