// Who is on call right now, per schedule. Shifts name users by id; names come from the user list,
// which only administrators may read, so others see a short id (see docs/console.md, "Gaps").
import { listSchedules, whoIsOnCall } from '../../api/oncall';
import type { OnCall, Schedule } from '../../api/types';
import { listUsers } from '../../api/users';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { useInterval } from '../../hooks/useInterval';

interface Row {
  schedule: Schedule;
  oncall: OnCall;
}

async function loadOnCall(signal: AbortSignal, isAdmin: boolean): Promise<{ rows: Row[]; names: Map<string, string> }> {
  const [schedules, names] = await Promise.all([listSchedules(signal), isAdmin ? userNames(signal) : new Map<string, string>()]);
  const rows = await Promise.all(schedules.items.map(async (schedule) => ({ schedule, oncall: await whoIsOnCall(schedule.id, signal) })));
  return { rows, names };
}

async function userNames(signal: AbortSignal): Promise<Map<string, string>> {
  try {
    return new Map((await listUsers(signal)).items.map((u) => [u.id, u.name]));
  } catch {
    return new Map(); // names are a nicety: the shifts still show, by id
  }
}

export function OnCallNow() {
  const { t, fmt } = useI18n();
  const isAdmin = useMe().role === 'admin';
  const query = useQuery(`oncall-now:${isAdmin}`, (signal) => loadOnCall(signal, isAdmin));
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
                        {names.get(shift.userId) ?? o.someone(shift.userId.slice(0, 8))}{' '}
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
