import type { Service } from '../../api/types';
import { Time } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';
import { ServiceFlags } from './ServiceFlags';

export function ServiceDetails({ service: s }: { service: Service }) {
  const { t } = useI18n();
  const d = t.services.detail;
  const minutes = (n: number | null) => (n === null ? t.common.none : t.services.minutes(n));
  return (
    <section className="card" aria-labelledby="service-details">
      <h2 id="service-details">{d.details}</h2>
      <dl className="detail-facts">
        <div>
          <dt>ID</dt>
          <dd lang="en">{s.id}</dd>
        </div>
        <div>
          <dt>{d.kind}</dt>
          <dd>{t.services.kinds[s.kind]}</dd>
        </div>
        <div>
          <dt>{d.flags}</dt>
          <dd>
            <ServiceFlags service={s} none={d.noFlags} />
          </dd>
        </div>
        <div>
          <dt>{d.owner}</dt>
          <dd>{s.ownerTeam ?? t.common.none}</dd>
        </div>
        <div>
          <dt>{d.rto}</dt>
          <dd>{minutes(s.rtoMinutes)}</dd>
        </div>
        <div>
          <dt>{d.rpo}</dt>
          <dd>{minutes(s.rpoMinutes)}</dd>
        </div>
        <div>
          <dt>{d.updated}</dt>
          <dd>
            <Time value={s.updatedAt} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
