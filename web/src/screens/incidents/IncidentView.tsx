// The incident page's body: a header line, the actions, then the sections. Wide screens get two
// columns (the story left, the facts and controls right); phones get one, actions first.
import { useCallback, useState } from 'react';
import type { IncidentDetail } from '../../api/types';
import { useMe } from '../../app/session';
import { LevelBadge } from '../../components/LevelBadge';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/I18nProvider';
import { AffectedServices } from './AffectedServices';
import { ChangeLevel } from './ChangeLevel';
import { IncidentActions } from './IncidentActions';
import { IncidentTimeline } from './IncidentTimeline';
import { IncidentTimes } from './IncidentTimes';
import { LevelWhy } from './LevelWhy';
import { LinkedAlerts } from './LinkedAlerts';
import { PagingSection } from './PagingSection';
import { ReportingSection } from './ReportingSection';
import { RolesSection } from './RolesSection';
import { UpdatesSection } from './UpdatesSection';

export interface SectionProps {
  incident: IncidentDetail;
  /** Reads the incident (and every section) again, after a change made here. */
  reload(): void;
  /**
   * Moves with the incident's version and with every change made on this page (a note leaves the
   * version alone): sections refetch when it moves.
   */
  revision: string;
  /** Responders and admins may change it; viewers read. */
  canAct: boolean;
}

export function IncidentView({ incident, reload }: { incident: IncidentDetail; reload(): void }) {
  const { t, locale } = useI18n();
  const canAct = useMe().role !== 'viewer';
  const [changes, setChanges] = useState(0);
  const reloadAll = useCallback(() => {
    setChanges((n) => n + 1);
    reload();
  }, [reload]);
  const props: SectionProps = { incident, reload: reloadAll, canAct, revision: `${incident.version}:${changes}` };
  const label = locale === 'en' ? incident.levelLabel.en : incident.levelLabel.zh;

  return (
    <div className="incident-page" data-incident-number={incident.number} data-status={incident.status}>
      <div className="incident-headline">
        <LevelBadge level={incident.level} />
        <span className="incident-level-label">{label}</span>
        <StatusBadge kind="incident" value={incident.status} />
        {incident.drill && <span className="badge status-badge">{t.incident.drill}</span>}
        {incident.suppressed && (
          <span className="badge status-badge" title={incident.suppressed}>
            {t.incident.suppressed}
          </span>
        )}
      </div>
      {incident.summary && <p className="incident-summary">{incident.summary}</p>}
      {canAct ? <IncidentActions {...props} /> : <p className="muted">{t.incident.viewerOnly}</p>}
      <div className="incident-grid">
        <div className="incident-main">
          <LevelWhy {...props} />
          <AffectedServices {...props} />
          <UpdatesSection {...props} />
          <IncidentTimeline {...props} />
          <LinkedAlerts {...props} />
          <PagingSection {...props} />
        </div>
        <div className="incident-side">
          <IncidentTimes {...props} />
          <RolesSection {...props} />
          <ReportingSection {...props} />
          {canAct && <ChangeLevel {...props} />}
        </div>
      </div>
    </div>
  );
}
