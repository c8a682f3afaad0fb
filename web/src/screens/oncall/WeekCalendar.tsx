// A week of shifts in the reader's time zone: seven days side by side (stacked on a phone), each
// shift a block placed by its time of day; layers by colour and name, overrides dashed and named.
import type { CSSProperties } from 'react';
import type { ScheduleLayer, Shift } from '../../api/types';
import { useNow } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';
import { QueryLink } from '../settings/QueryLink';
import { nameOf, type Names } from './people';
import { oncallHref } from './links';
import { addDays, dayOf, mondayOf, startOfDay } from './week';

const NOON_MS = 12 * 3600_000;

export function WeekNav({ scheduleId, week, zone }: { scheduleId: string; week: string; zone: string }) {
  const { t, locale } = useI18n();
  const c = t.oncall.calendar;
  const now = useNow();
  const label = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: zone });
  const first = startOfDay(week, zone) + NOON_MS;
  const last = startOfDay(addDays(week, 6), zone) + NOON_MS;
  return (
    <div className="week-nav">
      <h3 className="week-range" aria-live="polite">
        {c.title}: {c.range(label.format(first), label.format(last))}
      </h3>
      <div className="row-actions">
        <QueryLink className="button" href={oncallHref(scheduleId, addDays(week, -7))}>
          {c.previous}
        </QueryLink>
        <QueryLink className="button" href={oncallHref(scheduleId, mondayOf(now, zone))}>
          {c.thisWeek}
        </QueryLink>
        <QueryLink className="button" href={oncallHref(scheduleId, addDays(week, 7))}>
          {c.nextWeek}
        </QueryLink>
      </div>
    </div>
  );
}

interface Props {
  week: string;
  zone: string;
  shifts: Shift[];
  layers: ScheduleLayer[];
  names: Names;
}

export function WeekCalendar({ week, zone, shifts, layers, names }: Props) {
  const { t, fmt, locale } = useI18n();
  const c = t.oncall.calendar;
  const today = dayOf(useNow(), zone);
  const dayName = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'numeric', day: 'numeric', timeZone: zone });
  const layerIndex = (id: string | null) =>
    Math.max(
      0,
      layers.findIndex((l) => l.id === id),
    ) % 4;
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));

  return (
    <>
      <ol className="week" aria-label={c.title}>
        {days.map((day) => {
          const start = startOfDay(day, zone);
          const end = startOfDay(addDays(day, 1), zone);
          const length = end - start;
          const onDay = shifts.filter((s) => Date.parse(s.start) < end && Date.parse(s.end) > start);
          return (
            <li key={day} className="week-day" data-day={day} data-today={day === today || undefined}>
              <h4 className="week-day-title">
                {dayName.format(start + NOON_MS)}
                {day === today && <span className="badge status-badge">{c.today}</span>}
              </h4>
              {onDay.length === 0 ? (
                <p className="muted week-empty">{c.empty}</p>
              ) : (
                <ul className="week-track">
                  {onDay.map((shift) => {
                    const from = Math.max(start, Date.parse(shift.start));
                    const to = Math.min(end, Date.parse(shift.end));
                    const who = nameOf(shift.userId, names, t.oncall.someone);
                    const source = shift.overrideId ? t.oncall.override : (shift.layerName ?? '');
                    const toText = to === end ? c.endOfDay : fmt.time(to);
                    const place = {
                      '--top': `${((from - start) / length) * 100}%`,
                      '--height': `${((to - from) / length) * 100}%`,
                    } as CSSProperties;
                    return (
                      <li
                        key={`${shift.start}-${shift.userId}-${shift.overrideId ?? shift.layerId ?? ''}`}
                        className="shift-block"
                        data-kind={shift.overrideId ? 'override' : 'layer'}
                        data-layer={shift.overrideId ? undefined : layerIndex(shift.layerId)}
                        style={place}
                        title={c.shift(who, fmt.dateTime(shift.start), fmt.dateTime(shift.end), source)}
                      >
                        <span className="shift-who">{who}</span>
                        <span className="shift-meta">
                          {fmt.time(from)}–{toText}
                          {source && ` · ${source}`}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      <ul className="week-legend" aria-label={c.legend}>
        {layers.map((layer, i) => (
          <li key={layer.id}>
            <span className="swatch" data-kind="layer" data-layer={i % 4} aria-hidden="true" />
            {t.oncall.layer(layer.name)}
          </li>
        ))}
        <li>
          <span className="swatch" data-kind="override" aria-hidden="true" />
          {t.oncall.override}
        </li>
      </ul>
    </>
  );
}
