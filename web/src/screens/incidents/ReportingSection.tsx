// What the incident owes after the fire (docs/postmortems.md): the regulator's reporting clock
// with its reports, and the postmortem with its action items — each with its printable document
// in both languages. Writing them is done in the documents' own API for now; from here one starts
// them.
import { useState } from 'react';
import {
  getPostmortem,
  listRegulatorReports,
  postmortemDocument,
  regulatorDocument,
  startPostmortem,
  startRegulatorReport,
} from '../../api/learn';
import type { RegulatorClock } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { ErrorState, QueryView } from '../../components/StateView';
import { Time } from '../../components/Time';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import type { Locale } from '../../i18n/locales';
import type { SectionProps } from './IncidentView';
import { useFollowVersion } from './useFollowVersion';

const LANGS: Locale[] = ['zh-CN', 'en'];

function DocumentLinks({ href }: { href: (format: 'html' | 'md', lang: Locale) => string }) {
  const { t } = useI18n();
  const d = t.incident.reporting.documents;
  return (
    <p className="reporting-links">
      {LANGS.map((lang) => (
        <a key={lang} href={href('html', lang)} target="_blank" rel="noopener">
          {d.print(d.langs[lang])}
        </a>
      ))}
      {LANGS.map((lang) => (
        <a key={`md-${lang}`} href={href('md', lang)} download>
          {d.markdown(d.langs[lang])}
        </a>
      ))}
    </p>
  );
}

function ClockLine({ clock }: { clock: RegulatorClock }) {
  const { t } = useI18n();
  const c = t.incident.reporting.clock;
  if (!clock.required || !clock.dueAt) return <p className="muted">{c.notRequired}</p>;
  const state = clock.status === 'sent' ? (clock.sentLate ? 'late' : 'sent') : clock.overdue ? 'overdue' : 'due';
  return (
    <p className="reporting-clock" data-state={state}>
      <strong>{c.states[state]}</strong>{' '}
      {clock.status === 'sent' && clock.sentAt ? (
        <>
          {c.sentAt} <Time value={clock.sentAt} mode="absolute" />
        </>
      ) : (
        <>
          {c.dueAt} <Time value={clock.dueAt} mode="absolute" /> (<Time value={clock.dueAt} />)
        </>
      )}
    </p>
  );
}

export function ReportingSection({ incident, revision, canAct }: SectionProps) {
  const { t } = useI18n();
  const r = t.incident.reporting;
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const reports = useQuery(incident.regulatorReport.required ? `regulator-reports:${incident.id}` : null, (signal) =>
    listRegulatorReports(incident.id, signal),
  );
  const postmortem = useQuery(`postmortem:${incident.id}`, (signal) => getPostmortem(incident.id, signal));
  useFollowVersion(reports.reload, revision);
  useFollowVersion(postmortem.reload, revision);

  const start = async (what: () => Promise<unknown>, done: string, reload: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await what();
      toast.success(done);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const items = reports.data?.items ?? [];
  const initial = items.find((i) => i.kind === 'initial');
  const canStartFinal = initial?.status === 'sent' && !items.some((i) => i.kind === 'final');

  return (
    <section className="card incident-section" aria-labelledby="incident-reporting">
      <h2 id="incident-reporting">{r.title}</h2>

      <h3>{r.clock.title}</h3>
      <ClockLine clock={incident.regulatorReport} />
      {incident.regulatorReport.required && (
        <QueryView query={reports}>
          {() => (
            <>
              <ul className="reporting-list">
                {items.map((report) => (
                  <li key={report.id} data-report={report.kind}>
                    <span>
                      {r.reportKinds[report.kind]} · {r.reportStatus[report.status]}
                      {report.recipient && ` · ${report.recipient}`}
                    </span>
                    <DocumentLinks href={(format, lang) => regulatorDocument(incident.id, report.id, format, lang)} />
                  </li>
                ))}
              </ul>
              {canAct && !initial && (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void start(() => startRegulatorReport(incident.id, 'initial'), r.started, reports.reload)}
                >
                  {r.startInitial}
                </button>
              )}
              {canAct && canStartFinal && (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void start(() => startRegulatorReport(incident.id, 'final'), r.started, reports.reload)}
                >
                  {r.startFinal}
                </button>
              )}
            </>
          )}
        </QueryView>
      )}

      <h3>{r.postmortem.title}</h3>
      <QueryView query={postmortem}>
        {(pm) =>
          pm === null ? (
            <>
              <p className="muted">{incident.response.postmortemRequired ? r.postmortem.owed : r.postmortem.none}</p>
              {canAct && (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void start(() => startPostmortem(incident.id), r.started, postmortem.reload)}
                >
                  {r.postmortem.start}
                </button>
              )}
            </>
          ) : (
            <div data-postmortem={pm.status}>
              <p>
                <strong>{r.postmortem.status[pm.status]}</strong>
                {pm.owner && ` · ${pm.owner.name}`}
                {pm.dueAt && (
                  <>
                    {' · '}
                    <span className={pm.overdue ? 'reporting-overdue' : undefined}>
                      {pm.overdue ? r.postmortem.overdue : r.postmortem.due} <Time value={pm.dueAt} mode="absolute" />
                    </span>
                  </>
                )}
              </p>
              {pm.actionItems.length > 0 && (
                <ul className="reporting-list">
                  {pm.actionItems.map((item) => (
                    <li key={item.id} data-action-item={item.status}>
                      {item.title} · {item.owner.name} · {item.dueDate}
                      {item.overdue && <span className="reporting-overdue"> · {r.postmortem.itemOverdue}</span>}
                    </li>
                  ))}
                </ul>
              )}
              <DocumentLinks href={(format, lang) => postmortemDocument(incident.id, format, lang)} />
            </div>
          )
        }
      </QueryView>
      {error !== undefined && <ErrorState error={error} />}
    </section>
  );
}
