// Per schedule: who is on call now (until when) and who takes over next.
import { listShifts, whoIsOnCall } from '../../api/oncall';
import type { ScheduleDetail, Shift } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { useInterval } from '../../hooks/useInterval';
import { useI18n } from '../../i18n/I18nProvider';
import { QueryLink } from '../settings/QueryLink';
import { nameOf, namesFrom, shiftNames, useReloadOnRevision } from './people';

const LOOK_AHEAD_MS = 14 * 24 * 3600_000;

async function loadNowNext(scheduleId: string, signal: AbortSignal): Promise<{ now: Shift | null; next: Shift | null }> {
  const at = Date.now();
  const [oncall, upcoming] = await Promise.all([
    whoIsOnCall(scheduleId, signal),
    listShifts(scheduleId, new Date(at), new Date(at + LOOK_AHEAD_MS), signal),
  ]);
  const now = oncall.onCall[0] ?? null;
  const after = now ? Date.parse(now.end) : at;
  const later = upcoming.items.filter((s) => Date.parse(s.start) >= after);
  const next = later.find((s) => s.userId !== now?.userId) ?? later[0] ?? null;
  return { now, next };
}

export function NowNextCard({
  schedule,
  revision,
  selected,
  href,
}: {
  schedule: ScheduleDetail;
  revision: number;
  selected: boolean;
  href: string;
}) {
  const { t, fmt } = useI18n();
  const o = t.oncall;
  const query = useQuery(`oncall-nownext:${schedule.id}`, (signal) => loadNowNext(schedule.id, signal));
  useInterval(query.reload, 60_000); // handoffs happen on the clock
  useReloadOnRevision(revision, query.reload);

  const source = (s: Shift) => (s.overrideId ? o.override : s.layerName ? o.layer(s.layerName) : '');
  return (
    <li className="card nownext" data-schedule={schedule.id} data-selected={selected || undefined}>
      <h3>
        <QueryLink href={href} aria-current={selected ? 'true' : undefined}>
          {schedule.name}
        </QueryLink>
      </h3>
      <QueryView query={query}>
        {({ now, next }) => {
          const names = namesFrom(shiftNames([now, next].filter((s): s is Shift => s !== null)));
          return (
            <dl className="nownext-list">
              <div>
                <dt>{o.now}</dt>
                <dd className="nownext-now">
                  {now ? (
                    <>
                      <strong>{nameOf(now.userId, names, o.someone)}</strong>{' '}
                      <span className="muted">
                        {source(now)} · {o.until(fmt.dateTime(now.end))}
                      </span>
                    </>
                  ) : (
                    <span className="muted">{o.nobody}</span>
                  )}
                </dd>
              </div>
              <div>
                <dt>{o.next}</dt>
                <dd>
                  {next ? (
                    <>
                      <strong>{nameOf(next.userId, names, o.someone)}</strong>{' '}
                      <span className="muted">
                        {source(next)} · {o.from(fmt.dateTime(next.start))}
                      </span>
                    </>
                  ) : (
                    <span className="muted">{o.noNext}</span>
                  )}
                </dd>
              </div>
            </dl>
          );
        }}
      </QueryView>
    </li>
  );
}
