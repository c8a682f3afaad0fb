// One incident: `/incidents/:number`. Reloads itself when a live event names it (an acknowledgement
// from an e-mail link, an alert joining, a colleague's change); its sections follow its version.
import { getIncident } from '../../api/incidents';
import { useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { IncidentView } from './IncidentView';
import './incident.css';

export function IncidentScreen({ number }: { number: number }) {
  const { t } = useI18n();
  const query = useQuery(`incident:${number}`, (signal) => getIncident(number, signal));
  useReloadOnLive(query.reload, (event) => event.type === 'incident' && event.incident.number === number);
  const incident = query.data;

  return (
    <Page
      title={incident ? t.incident.title(incident.number, incident.title) : t.incident.heading(number)}
      actions={
        <Link to={{ name: 'incidents' }} className="button">
          {t.incident.back}
        </Link>
      }
    >
      <QueryView query={query}>{(data) => <IncidentView incident={data} reload={query.reload} />}</QueryView>
    </Page>
  );
}
