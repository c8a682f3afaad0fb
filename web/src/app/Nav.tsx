import { useI18n } from '../i18n/I18nProvider';
import { Link, useRouter } from './router';
import type { Route, RouteName } from './routes';

type NavKey = 'now' | 'incidents' | 'services' | 'monitors' | 'oncall' | 'reports' | 'integrations' | 'statusPages' | 'settings';

const ITEMS: { key: NavKey; to: Route; section: RouteName[] }[] = [
  { key: 'now', to: { name: 'now' }, section: ['now'] },
  { key: 'incidents', to: { name: 'incidents' }, section: ['incidents', 'incident'] },
  { key: 'services', to: { name: 'services' }, section: ['services', 'service'] },
  { key: 'monitors', to: { name: 'monitors' }, section: ['monitors', 'monitor'] },
  { key: 'oncall', to: { name: 'oncall' }, section: ['oncall'] },
  { key: 'reports', to: { name: 'reports' }, section: ['reports'] },
  { key: 'integrations', to: { name: 'integrations' }, section: ['integrations'] },
  { key: 'statusPages', to: { name: 'statusPages' }, section: ['statusPages', 'statusPage'] },
  { key: 'settings', to: { name: 'settings' }, section: ['settings'] },
];

export function Nav() {
  const { t } = useI18n();
  const { route } = useRouter();
  return (
    <nav className="main-nav" aria-label={t.common.nav.label}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.key}>
            <Link to={item.to} aria-current={item.section.includes(route.name) ? 'page' : undefined}>
              {item.key === 'statusPages' ? t.statusPages.nav : t.common.nav[item.key]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
