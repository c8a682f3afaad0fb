// What each role may do, in words (docs/api.md, "Roles").
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/I18nProvider';

const ROLES = ['viewer', 'responder', 'admin'] as const;

export function RolesSection() {
  const { t } = useI18n();
  const s = t.settings;
  const role = useMe().role;
  return (
    <>
      <p>{s.roleHelp.intro}</p>
      <dl className="card facts roles">
        {ROLES.map((r) => (
          <div key={r}>
            <dt>
              <strong>{s.roles[r]}</strong>
            </dt>
            <dd>{s.roleHelp[r]}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{s.roleHelp.yours(s.roles[role] ?? role)}</p>
    </>
  );
}
