// The signed-in shell: skip link, top bar (folding into a menu on phones), the screen, live status.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLiveEvents } from '../api/useLiveEvents';
import { useI18n } from '../i18n/I18nProvider';
import { Nav } from './Nav';
import { Link, useRouter } from './router';
import { useMe, useSession } from './session';
import { LanguageSwitch, LiveIndicator, ThemeToggle } from './ShellTools';
import '../styles/layout.css';

const keepLiveConnectionOpen = () => undefined;

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { location } = useRouter();
  const { signOut } = useSession();
  const me = useMe();
  // The menu (phones) is open on the page where it was opened: navigating closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === location.pathname;
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // The connection stays open while signed in, so the indicator tells the truth on every screen.
  useLiveEvents(keepLiveConnectionOpen);

  useEffect(() => {
    // After a navigation, keyboard and screen-reader users start at the new screen, not the old link.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        {t.common.skipToContent}
      </a>
      <header className="topbar">
        <Link to={{ name: 'now' }} className="brand">
          {t.common.appName}
        </Link>
        <LiveIndicator />
        <button
          type="button"
          className="button menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="shell-panel"
          onClick={() => setMenuOpenOn(menuOpen ? null : location.pathname)}
        >
          {t.common.menu}
        </button>
        <div className="panel" id="shell-panel" data-open={menuOpen ? true : undefined}>
          <Nav />
          <div className="tools">
            <LanguageSwitch />
            <ThemeToggle />
            <span className="user-name" title={t.common.signedInAs(me.name)}>
              {me.name}
            </span>
            <button type="button" className="button" title={t.common.signedInAs(me.name)} onClick={() => void signOut()}>
              {t.common.signOut}
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
