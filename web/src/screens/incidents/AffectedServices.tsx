// The services the incident touches, drawn on the dependency graph: the directly affected ones with
// their impact, those reached through the catalog marked as such, and what they stand on (down to
// the facilities), so the layers read facility → infrastructure → business. Then their runbooks.
import { useMemo } from 'react';
import { listAllServices } from '../../api/services';
import type { IncidentDetail, Service } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { DependencyGraph } from '../../components/graph/DependencyGraph';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import type { SectionProps } from './IncidentView';
import { Runbooks } from './Runbooks';

/** The incident's services and everything they depend on, transitively. */
function relevant(catalog: Service[], incident: IncidentDetail): Service[] {
  const byId = new Map(catalog.map((s) => [s.id, s]));
  const keep = new Set<string>();
  const visit = (id: string) => {
    const service = byId.get(id);
    if (!service || keep.has(id)) return;
    keep.add(id);
    service.dependsOn.forEach(visit);
  };
  [...incident.affected.map((a) => a.service), ...incident.services].forEach(visit);
  return catalog.filter((s) => keep.has(s.id));
}

export function highlightOf(incident: IncidentDetail): Map<string, string> {
  const map = new Map<string, string>(incident.services.map((id) => [id, 'reached']));
  // A service with several impacts shows the gravest: an outage wins.
  for (const a of incident.affected) if (map.get(a.service) !== 'outage') map.set(a.service, a.impact);
  return map;
}

export function AffectedServices({ incident }: SectionProps) {
  const { t } = useI18n();
  const s = t.incident.services;
  const catalog = useQuery('incident-catalog', listAllServices);
  const data = catalog.data;
  const services = useMemo(() => (data ? relevant(data, incident) : []), [data, incident]);
  const highlight = useMemo(() => highlightOf(incident), [incident]);
  const missing = data ? incident.services.filter((id) => !data.some((svc) => svc.id === id)) : [];

  return (
    <>
      <section className="card incident-section" aria-labelledby="incident-services">
        <h2 id="incident-services">{s.title}</h2>
        <QueryView query={catalog}>
          {() => (
            <>
              <DependencyGraph services={services} highlight={highlight} />
              <p className="muted incident-note">{s.note}</p>
              {missing.length > 0 && <p className="muted">{s.missing(missing.join(', '))}</p>}
            </>
          )}
        </QueryView>
      </section>
      {data && <Runbooks services={services.filter((svc) => incident.services.includes(svc.id))} incident={incident} />}
    </>
  );
}
