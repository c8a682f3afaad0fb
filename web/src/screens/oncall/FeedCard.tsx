// The schedule's iCal feed: a URL with a signed token that calendar apps subscribe to.
import { scheduleFeedUrl } from '../../api/oncall';
import { useQuery } from '../../api/useQuery';
import { QueryView } from '../../components/StateView';
import { useI18n } from '../../i18n/I18nProvider';
import { CopyField } from '../integrations/CopyButton';

export function FeedCard({ scheduleId }: { scheduleId: string }) {
  const { t } = useI18n();
  const f = t.oncall.feed;
  const query = useQuery(`oncall-feed:${scheduleId}`, (signal) => scheduleFeedUrl(scheduleId, signal));
  return (
    <section className="card" aria-labelledby="feed-title">
      <h3 id="feed-title">{f.title}</h3>
      <p className="muted">{f.body}</p>
      <QueryView query={query}>{(feed) => <CopyField id="schedule-feed-url" label={f.label} value={feed.url} />}</QueryView>
    </section>
  );
}
