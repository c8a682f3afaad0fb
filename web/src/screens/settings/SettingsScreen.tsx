// Settings, in sections chosen by the query string (`/settings?section=tokens`). Sections that
// only administrators may use stay visible to others, with a note saying so.
import type { ReactNode } from 'react';
import { useRouter } from '../../app/router';
import { useMe } from '../../app/session';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { ChannelsSection } from './ChannelsSection';
import { PolicySection } from './PolicySection';
import { ProfileSection } from './ProfileSection';
import { QueryLink } from './QueryLink';
import { ResponseProfilesSection } from './ResponseProfilesSection';
import { RolesSection } from './RolesSection';
import { TokensSection } from './TokensSection';
import { UsersSection } from './UsersSection';
import '../integrations/integrations.css';
import './settings.css';

const SECTIONS = ['profile', 'users', 'roles', 'tokens', 'channels', 'policy', 'profiles'] as const;
type Section = (typeof SECTIONS)[number];
const ADMIN_ONLY: ReadonlySet<Section> = new Set(['users', 'tokens']);

const BODY: Record<Section, () => ReactNode> = {
  profile: () => <ProfileSection />,
  users: () => <UsersSection />,
  roles: () => <RolesSection />,
  tokens: () => <TokensSection />,
  channels: () => <ChannelsSection />,
  policy: () => <PolicySection />,
  profiles: () => <ResponseProfilesSection />,
};

export const settingsHref = (section: Section) => `/settings?section=${section}`;

export function SettingsScreen() {
  const { t } = useI18n();
  const s = t.settings;
  const isAdmin = useMe().role === 'admin';
  const asked = new URLSearchParams(useRouter().location.search).get('section');
  const section = SECTIONS.find((id) => id === asked) ?? (isAdmin ? 'users' : 'profile');

  return (
    <Page title={s.title}>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={s.sectionsLabel}>
          <ul>
            {SECTIONS.map((id) => (
              <li key={id}>
                <QueryLink href={settingsHref(id)} aria-current={id === section ? 'page' : undefined}>
                  {s.sections[id]}
                  {ADMIN_ONLY.has(id) && !isAdmin && <span className="settings-nav-note">{s.adminOnly}</span>}
                </QueryLink>
              </li>
            ))}
          </ul>
        </nav>
        <section className="settings-body" aria-labelledby="settings-section-title" data-section={section}>
          <h2 id="settings-section-title">{s.sections[section]}</h2>
          {BODY[section]()}
        </section>
      </div>
    </Page>
  );
}
