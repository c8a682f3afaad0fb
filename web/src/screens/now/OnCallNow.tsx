// Who is on call right now, per schedule. Shifts carry the person's name (GET …/oncall), so every
// role sees it; a shift without one (a user since deleted) shows a short id.
import { listSchedules, whoIsOnCall } from '../../api/oncall';
import type { OnCall, Schedule } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { useInterval } from '../../hooks/useInterval';
import { nameOf, namesFrom, shiftNames } from '../oncall/people';

interface Row {
  schedule: Schedule;
  oncall: OnCall;
}

async function loadOnCall(signal: AbortSignal): Promise<{ rows: Row[]; names: Map<string, string> }> {
  const schedules = await listSchedules(signal);
  const rows = await Promise.all(schedules.items.map(async (schedule) => ({ schedule, oncall: await whoIsOnCall(schedule.id, signal) })));
  return { rows, names: namesFrom(shiftNames(rows.flatMap((r) => r.oncall.onCall))) };
}

export function OnCallNow() {
  const { t, fmt } = useI18n();
  const query = useQuery('oncall-now', loadOnCall);
  useInterval(query.reload, 60_000); // handoffs happen on the clock, not on events
  const o = t.now.oncall;

  return (
    <section className="card" aria-labelledby="now-oncall-title">
      <h2 id="now-oncall-title">{o.title}</h2>
      <QueryView query={query} isEmpty={(data) => data.rows.length === 0} empty={o.empty}>
        {({ rows, names }) => (
          <ul className="plain-list">
            {rows.map(({ schedule, oncall }) => (
              <li key={schedule.id}>
                <strong>{schedule.name}</strong>
                {oncall.onCall.length === 0 ? (
                  <p className="muted">{o.nobody}</p>
                ) : (
                  <ul className="oncall-people">
                    {oncall.onCall.map((shift) => (
                      <li key={`${shift.userId}-${shift.start}`}>
                        {nameOf(shift.userId, names, o.someone)}{' '}
                        <span className="muted">
                          {shift.overrideId ? `${o.override} · ` : shift.layerName ? `${shift.layerName} · ` : ''}
                          <time dateTime={shift.end}>{o.until(fmt.dateTime(shift.end))}</time>
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
