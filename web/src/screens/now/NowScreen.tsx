// "Now": what an on-call engineer needs at a glance — open incidents by level, who is on call,
// what is down, and how fast the team has been responding.
import { Link } from '../../app/router';
import { useMe } from '../../app/session';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { MonitorsDown } from './MonitorsDown';
import { OnCallNow } from './OnCallNow';
import { OpenIncidents } from './OpenIncidents';
import { RecentMetrics } from './RecentMetrics';
import './now.css';

export function NowScreen() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <Page title={t.now.title}>
      {me.firstRun && (
        <p className="card first-run-banner">
          {t.now.firstRunBanner} <Link to={{ name: 'welcome' }}>{t.now.firstRunLink}</Link>
        </p>
      )}
      <div className="now-grid">
        <OpenIncidents />
        <div className="now-side">
          <OnCallNow />
          <MonitorsDown />
          <RecentMetrics />
        </div>
      </div>
    </Page>
  );
}
