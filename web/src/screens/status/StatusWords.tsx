// Badges for what the public page says: a component's status, a post's stage, a maintenance's state.
// The words come with a coloured dot (the colour only repeats them), styled like <StatusBadge>.
import type { ComponentStatus, MaintenanceState, PublicStage } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import '../../components/badges.css';

type Tone = 'alert' | 'warn' | 'ok' | 'quiet';

const STATUS_TONE: Record<ComponentStatus, Tone> = {
  operational: 'ok',
  degraded_performance: 'warn',
  partial_outage: 'warn',
  major_outage: 'alert',
  under_maintenance: 'quiet',
};
const STAGE_TONE: Record<PublicStage, Tone> = { investigating: 'alert', identified: 'warn', monitoring: 'ok', resolved: 'quiet' };
const STATE_TONE: Record<MaintenanceState, Tone> = { in_progress: 'warn', scheduled: 'quiet', completed: 'quiet' };

function Badge({ tone, text, value }: { tone: Tone; text: string; value: string }) {
  return (
    <span className="badge status-badge" data-tone={tone} data-value={value}>
      <span className="status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

export function ComponentStatusBadge({ value }: { value: ComponentStatus }) {
  const { t } = useI18n();
  return <Badge tone={STATUS_TONE[value]} text={t.statusPages.status[value]} value={value} />;
}

export function StageBadge({ value }: { value: PublicStage }) {
  const { t } = useI18n();
  return <Badge tone={STAGE_TONE[value]} text={t.statusPages.stage[value]} value={value} />;
}

export function MaintenanceStateBadge({ value }: { value: MaintenanceState }) {
  const { t } = useI18n();
  return <Badge tone={STATE_TONE[value]} text={t.statusPages.maintenance.state[value]} value={value} />;
}

export const COMPONENT_STATUSES: ComponentStatus[] = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
];
export const STAGES: PublicStage[] = ['investigating', 'identified', 'monitoring', 'resolved'];
