// One component as a row: name, what the public page shows now, its services; edit and remove.
import type { ComponentStatus, StatusComponent } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { ComponentStatusBadge } from './StatusWords';

interface Props {
  component: StatusComponent;
  /** From the snapshot; undefined while it loads. */
  shows: ComponentStatus | undefined;
  serviceNames: Map<string, string>;
  canEdit: boolean;
  onEdit(): void;
  onRemove(): void;
}

export function ComponentItem({ component, shows, serviceNames, canEdit, onEdit, onRemove }: Props) {
  const { t } = useI18n();
  const c = t.statusPages.components;
  const services = component.serviceIds.map((id) => serviceNames.get(id) ?? id);
  return (
    <div className="sp-item">
      <div className="sp-item-main">
        <p className="sp-item-title">
          <strong>{component.name}</strong>{' '}
          {shows && (
            <span className="sp-shows">
              <span className="visually-hidden">{c.shows}: </span>
              <ComponentStatusBadge value={shows} />
            </span>
          )}
          {component.statusOverride && <span className="muted"> ({c.overridden})</span>}
        </p>
        {component.description && <p className="sp-text muted">{component.description}</p>}
        <p className="muted sp-meta">
          {services.length > 0 ? c.services(t.statusPages.list(services)) : c.noServices}
          {component.monitorIds.length > 0 && ` · ${c.monitors(component.monitorIds.length)}`}
        </p>
      </div>
      {canEdit && (
        <div className="sp-row-actions">
          <button type="button" className="button" onClick={onEdit} aria-label={c.editLabel(component.name)}>
            {c.edit}
          </button>
          <button type="button" className="button button-danger" onClick={onRemove} aria-label={c.removeLabel(component.name)}>
            {c.remove}
          </button>
        </div>
      )}
    </div>
  );
}
