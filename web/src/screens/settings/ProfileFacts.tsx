// A level's response profile as facts a person reads: deadlines, who is paged, what is required.
import type { ResponseProfile } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { joinList } from './words';

export function ProfileFacts({ profile }: { profile: ResponseProfile }) {
  const { t, locale } = useI18n();
  const s = t.settings;
  const p = s.profiles;
  const minutes = (n: number | null | undefined) => (n ? s.minutes(n) : s.none);
  return (
    <dl className="facts">
      <div>
        <dt>{p.ackTarget}</dt>
        <dd>{minutes(profile.ackTargetMinutes)}</dd>
      </div>
      <div>
        <dt>{p.ackTimeout}</dt>
        <dd>{minutes(profile.ackTimeoutMinutes)}</dd>
      </div>
      <div>
        <dt>{p.page}</dt>
        <dd className="profile-page">
          {profile.page.length
            ? joinList(
                locale,
                profile.page.map((target) => p.pageTargets[target] ?? target),
              )
            : s.none}
        </dd>
      </div>
      <div>
        <dt>{p.escalationStartStep}</dt>
        <dd>{profile.escalationStartStep}</dd>
      </div>
      <div>
        <dt>{p.updateCadence}</dt>
        <dd>{minutes(profile.updateCadenceMinutes)}</dd>
      </div>
      <div>
        <dt>{p.statusPage}</dt>
        <dd>{profile.statusPageUpdateRequired ? s.yes : s.no}</dd>
      </div>
      <div>
        <dt>{p.postmortem}</dt>
        <dd>{profile.postmortem.required ? p.postmortemDue(profile.postmortem.dueWorkingDays) : s.no}</dd>
      </div>
      <div>
        <dt>{p.regulator}</dt>
        <dd>
          {profile.regulatorReport.required
            ? p.regulatorDue(profile.regulatorReport.dueMinutes, p.clock[profile.regulatorReport.clockStartsAt] ?? '')
            : s.no}
        </dd>
      </div>
    </dl>
  );
}
