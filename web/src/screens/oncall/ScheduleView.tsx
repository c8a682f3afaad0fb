// One schedule: its week of shifts, its overrides and its calendar feed.
import { listShifts } from '../../api/oncall';
import type { ScheduleDetail } from '../../api/types';
import { listUsers } from '../../api/users';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { FeedCard } from './FeedCard';
import { OverridesPanel } from './OverridesPanel';
import { namesFrom, shiftNames, useReloadOnRevision } from './people';
import { WeekCalendar, WeekNav } from './WeekCalendar';
import { addDays, startOfDay } from './week';

const DIRECTORY_MS = 90 * 24 * 3600_000;

interface Props {
  schedule: ScheduleDetail;
  week: string;
  revision: number;
  onChanged(): void;
}

export function ScheduleView({ schedule, week, revision, onChanged }: Props) {
  const { t, fmt } = useI18n();
  const me = useMe();
  const isAdmin = me.role === 'admin';
  const zone = fmt.timeZone;
  const from = startOfDay(week, zone);
  const to = startOfDay(addDays(week, 7), zone);
  const shifts = useQuery(`oncall-shifts:${schedule.id}:${week}:${zone}`, (signal) =>
    listShifts(schedule.id, new Date(from), new Date(to), signal),
  );
  useReloadOnRevision(revision, shifts.reload);
  // Only administrators may list users; for everyone else names come with the shifts.
  const users = useQuery(isAdmin ? 'oncall-users' : null, (signal) => listUsers(signal).catch(() => ({ items: [], nextCursor: null })));
  // …so for them the coming quarter's shifts also name the people of the rotation.
  const ahead = useQuery(isAdmin ? null : `oncall-directory:${schedule.id}`, (signal) =>
    listShifts(schedule.id, new Date(Date.now()), new Date(Date.now() + DIRECTORY_MS), signal).catch(() => ({ items: [] })),
  );

  const names = namesFrom(
    me.id && me.type === 'user' ? [[me.id, me.name]] : undefined, // a session's name is its e-mail: the last resort
    users.data?.items.map((u): [string, string] => [u.id, u.name]),
    shiftNames(ahead.data?.items ?? []),
    shiftNames(shifts.data?.items ?? []),
  );
  const people = isAdmin
    ? (users.data?.items ?? []).filter((u) => !u.disabled).map((u) => u.id)
    : [...new Set([...(me.id && me.type === 'user' ? [me.id] : []), ...schedule.layers.flatMap((l) => l.participants), ...names.keys()])];

  return (
    <section className="schedule-view" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{schedule.name}</h2>
      <p className="muted">
        {t.oncall.zoneNote(zone)} {schedule.timeZone !== zone && t.oncall.scheduleZone(schedule.timeZone)}
      </p>
      <div className="card">
        <WeekNav scheduleId={schedule.id} week={week} zone={zone} />
        <QueryView query={shifts}>
          {(range) => <WeekCalendar week={week} zone={zone} shifts={range.items} layers={schedule.layers} names={names} />}
        </QueryView>
      </div>
      <OverridesPanel scheduleId={schedule.id} names={names} people={people} revision={revision} onChanged={onChanged} />
      <FeedCard scheduleId={schedule.id} />
    </section>
  );
}
