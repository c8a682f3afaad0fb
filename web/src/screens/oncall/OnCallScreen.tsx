// On call: per schedule who is on call now and next, then the chosen schedule's week of shifts, its
// overrides and its calendar feed. The schedule and the week are in the query string
// (`/oncall?schedule=…&week=2026-03-02`), so a view can be reloaded and shared.
import { useState } from 'react';
import { listSchedules } from '../../api/oncall';
import type { ScheduleDetail } from '../../api/types';
import { useQuery } from '../../api/useQuery';
import { useRouter } from '../../app/router';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/StateView';
import { useNow } from '../../components/Time';
import { useI18n } from '../../i18n/I18nProvider';
import { oncallHref } from './links';
import { NowNextCard } from './NowNext';
import { ScheduleView } from './ScheduleView';
import { mondayOf, parseYmd } from './week';
import '../integrations/integrations.css';
import './oncall.css';

export function OnCallScreen() {
  const { t } = useI18n();
  const query = useQuery('schedules', listSchedules);
  return (
    <Page title={t.oncall.title}>
      <QueryView query={query} isEmpty={(page) => page.items.length === 0} empty={t.oncall.empty}>
        {(page) => <OnCallBody schedules={page.items} />}
      </QueryView>
    </Page>
  );
}

function OnCallBody({ schedules }: { schedules: ScheduleDetail[] }) {
  const { t, fmt } = useI18n();
  const { location } = useRouter();
  const params = new URLSearchParams(location.search);
  const selected = schedules.find((s) => s.id === params.get('schedule')) ?? schedules[0];
  const now = useNow();
  const weekParam = params.get('week');
  const week = weekParam && parseYmd(weekParam) ? weekParam : mondayOf(now, fmt.timeZone);
  // Bumped after an override is added or removed: every view of the schedule reloads.
  const [revision, setRevision] = useState(0);

  return (
    <>
      <section aria-labelledby="oncall-summary-title">
        <h2 id="oncall-summary-title">{t.oncall.summaryTitle}</h2>
        <ul className="nownext-grid">
          {schedules.map((schedule) => (
            <NowNextCard
              key={schedule.id}
              schedule={schedule}
              revision={schedule.id === selected?.id ? revision : 0}
              selected={schedule.id === selected?.id}
              href={oncallHref(schedule.id, weekParam ?? undefined)}
            />
          ))}
        </ul>
      </section>
      {selected && (
        <ScheduleView key={selected.id} schedule={selected} week={week} revision={revision} onChanged={() => setRevision((r) => r + 1)} />
      )}
    </>
  );
}
