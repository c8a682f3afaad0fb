// The optional link from a public post to an internal incident, picked among the open ones. Only
// the reference is stored: the hint says so, and nothing of the incident is put into the form.
import { describeError } from '../../api/describe-error';
import { listIncidents } from '../../api/incidents';
import { useQuery } from '../../api/useQuery';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  value: string;
  onChange(incidentId: string): void;
  error?: string | null;
}

const OPEN = 'triggered,acknowledged,mitigated';

export function InternalIncidentPicker({ value, onChange, error }: Props) {
  const { t } = useI18n();
  const f = t.statusPages.posts.form;
  const open = useQuery('status-post-open-incidents', (signal) => listIncidents({ status: OPEN, limit: 100 }, signal));
  const status = open.error !== undefined ? describeError(open.error, t).message : open.data === undefined ? f.linkLoading : '';
  const hint = status ? `${f.linkHint} ${status}` : f.linkHint;

  return (
    <FormField label={f.link} hint={hint} error={error}>
      {(c) => (
        <select {...c} name="incidentId" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{f.linkNone}</option>
          {(open.data?.items ?? []).map((incident) => (
            <option key={incident.id} value={incident.id}>
              {f.linkOption(incident.number, incident.title)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
