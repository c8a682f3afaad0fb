// One maintenance: its state, its window in the reader's time zone, components and message.
import type { StatusComponent, StatusMaintenance } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { MaintenanceStateBadge } from './StatusWords';

interface Props {
  maintenance: StatusMaintenance;
  components: StatusComponent[];
  canEdit: boolean;
  onRemove(): void;
}

export function MaintenanceItem({ maintenance, components, canEdit, onRemove }: Props) {
  const { t, fmt } = useI18n();
  const m = t.statusPages.maintenance;
  const names = new Map(components.map((c) => [c.id, c.name]));
  const done = maintenance.state === 'completed';
  const affected = maintenance.componentIds.map((id) => names.get(id) ?? id);
  return (
    <div className="sp-item">
      <div className="sp-item-main">
        <p className="sp-item-title">
          <strong>{maintenance.title}</strong> <MaintenanceStateBadge value={maintenance.state} />
        </p>
        <p className="sp-meta">
          {m.window(fmt.dateTime(maintenance.startsAt), fmt.dateTime(maintenance.endsAt))} <span className="muted">({fmt.timeZone})</span>
        </p>
        <p className="muted sp-meta">{affected.length > 0 ? m.components(t.statusPages.list(affected)) : m.noComponents}</p>
        <p className="sp-text">{maintenance.body}</p>
      </div>
      {canEdit && (
        <div className="sp-row-actions">
          <button
            type="button"
            className="button button-danger"
            onClick={onRemove}
            aria-label={done ? m.removeLabel(maintenance.title) : m.cancelLabel(maintenance.title)}
          >
            {done ? m.remove : m.cancel}
          </button>
        </div>
      )}
    </div>
  );
}
