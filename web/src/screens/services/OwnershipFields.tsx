// Who owns the service and who is paged for it: a free-text owner team, the on-call team and the
// escalation policy (picked from their lists).
import { listEscalationPolicies, listTeams } from '../../api/escalation';
import { useQuery } from '../../api/useQuery';
import { FormField, type ControlProps } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';
import type { FieldMessages } from '../monitors/form-errors';
import type { ServiceDraft } from './service-draft';

type Key = 'ownerTeam' | 'teamId' | 'escalationPolicyId';
const none = { items: [], nextCursor: null };

interface Props {
  draft: ServiceDraft;
  errors: FieldMessages;
  onChange(key: Key, value: string): void;
}

export function OwnershipFields({ draft, errors, onChange }: Props) {
  const { t } = useI18n();
  const f = t.services.form;
  // Pickers are a convenience: without them (an older server, no rights) the rest still works.
  const teams = useQuery('teams', (signal) => listTeams(signal).catch(() => none));
  const policies = useQuery('escalation-policies', (signal) => listEscalationPolicies(signal).catch(() => none));
  const choose = (key: Key, options: readonly { id: string; name: string }[], control: ControlProps) => (
    <select {...control} name={key} value={draft[key]} onChange={(e) => onChange(key, e.target.value)}>
      <option value="">{f.noneOption}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
  return (
    <div className="form-row">
      <FormField label={f.ownerTeam} error={errors.ownerTeam}>
        {(c) => (
          <input {...c} name="ownerTeam" value={draft.ownerTeam} onChange={(e) => onChange('ownerTeam', e.target.value)} maxLength={200} />
        )}
      </FormField>
      <FormField label={f.team} error={errors.teamId}>
        {(c) => choose('teamId', teams.data?.items ?? [], c)}
      </FormField>
      <FormField label={f.policy} error={errors.escalationPolicyId}>
        {(c) => choose('escalationPolicyId', policies.data?.items ?? [], c)}
      </FormField>
    </div>
  );
}
