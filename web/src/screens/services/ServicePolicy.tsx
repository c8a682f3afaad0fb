// The escalation policy the service's incidents follow: its steps and whom each one pages. Schedules
// and teams are named from their lists; users by id (GET /users is for administrators only).
import { getEscalationPolicy, listTeams } from '../../api/escalation';
import { listSchedules } from '../../api/oncall';
import type { EscalationTarget } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { Link } from '../../app/router';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';

export function ServicePolicy({ policyId }: { policyId: string | null }) {
  const { t } = useI18n();
  const d = t.services.detail;
  const query = useQuery(policyId ? `policy:${policyId}` : null, (signal) => getEscalationPolicy(policyId ?? '', signal));
  const names = useQuery(policyId ? 'policy-target-names' : null, async (signal) => {
    const [schedules, teams] = await Promise.all([listSchedules(signal).catch(() => null), listTeams(signal).catch(() => null)]);
    return new Map<string, string>([...(schedules?.items ?? []), ...(teams?.items ?? [])].map((x) => [x.id, x.name]));
  });
  const nameOf = (target: EscalationTarget) => names.data?.get(target.id) ?? target.id;

  return (
    <section className="card" aria-labelledby="service-policy">
      <h2 id="service-policy">{d.policy}</h2>
      {!policyId ? (
        <p className="muted">{d.noPolicy}</p>
      ) : (
        <QueryView query={query}>
          {(policy) => (
            <>
              <p className="policy-name">
                <strong>{policy.name}</strong> <span className="muted">{d.repeat(policy.repeat)}</span>
              </p>
              <ol className="policy-steps">
                {policy.steps.map((step, i) => (
                  <li key={i}>
                    <strong>{d.step(i + 1)}</strong>
                    <ul className="policy-targets">
                      {step.targets.length === 0 && <li className="muted">{d.noTargets}</li>}
                      {step.targets.map((target) => (
                        <li key={`${target.kind}:${target.id}`}>
                          {d.target[target.kind]}
                          {target.kind === 'schedule' ? (
                            <Link to={{ name: 'oncall' }}>{nameOf(target)}</Link>
                          ) : (
                            <span>{nameOf(target)}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                    <span className="muted">{d.after(step.delayMinutes)}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </QueryView>
      )}
    </section>
  );
}
