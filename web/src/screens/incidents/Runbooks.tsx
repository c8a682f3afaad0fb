// The runbooks (应急预案) of the services the incident touches, directly affected ones first (the
// order of the incident's `services`). The first is open; the others unfold on demand.
import type { IncidentDetail, Service } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { Markdown } from '../../components/Markdown';

export function Runbooks({ services, incident }: { services: Service[]; incident: IncidentDetail }) {
  const { t } = useI18n();
  const r = t.incident.runbook;
  const order = (s: Service) => incident.services.indexOf(s.id);
  const withRunbook = services.filter((s) => s.runbook?.trim()).sort((a, b) => order(a) - order(b));

  return (
    <section className="card incident-section" aria-labelledby="incident-runbook">
      <h2 id="incident-runbook">{r.title}</h2>
      {withRunbook.length === 0 ? (
        <p className="muted">{r.none}</p>
      ) : (
        withRunbook.map((service, index) => (
          <details key={service.id} className="runbook" open={index === 0} data-service-id={service.id}>
            <summary>{r.of(service.name)}</summary>
            <Markdown source={service.runbook ?? ''} />
          </details>
        ))
      )}
    </section>
  );
}
