// Shown once after signing in to a new installation (GET /auth/me answers `firstRun: true`): what to
// do next, in order, with the first step done right here.
import { Link } from '../../app/router';
import type { Route } from '../../app/routes';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { ChangePasswordForm } from './ChangePasswordForm';
import './auth.css';

export function WelcomeScreen() {
  const { t } = useI18n();
  const w = t.welcome;
  const steps: { key: string; title: string; body: string; link: string; to: Route }[] = [
    { key: 'users', ...w.users, to: { name: 'settings' } },
    { key: 'service', ...w.service, to: { name: 'services' } },
    { key: 'integration', ...w.integration, to: { name: 'integrations' } },
  ];
  return (
    <Page title={w.title}>
      <p className="welcome-intro">{w.intro}</p>
      <ol className="welcome-steps" aria-label={w.stepsLabel}>
        <li className="card">
          <h2>{w.password.title}</h2>
          <p>{w.password.body}</p>
          <ChangePasswordForm />
        </li>
        {steps.map((step) => (
          <li key={step.key} className="card">
            <h2>{step.title}</h2>
            <p>{step.body}</p>
            <Link to={step.to}>{step.link}</Link>
          </li>
        ))}
      </ol>
      <Link to={{ name: 'now' }} className="button button-primary">
        {w.done}
      </Link>
    </Page>
  );
}
