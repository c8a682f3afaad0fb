// The service form's state as strings and booleans, and the API body made from it.
import { isApiError } from '../../api/errors';
import type { Service, ServiceInput, ServiceKind } from '../../api/types';
import type { Messages } from '../../i18n/messages';
import { errorFor, fieldErrors, type FieldMessages } from '../monitors/form-errors';

export const SERVICE_KINDS: ServiceKind[] = ['business', 'infrastructure', 'facility', 'vendor'];

export interface ServiceDraft {
  id: string;
  name: string;
  kind: ServiceKind;
  critical: boolean;
  payment: boolean;
  userFacing: boolean;
  dependsOn: string[];
  ownerTeam: string;
  teamId: string;
  escalationPolicyId: string;
  runbook: string;
  rto: string;
  rpo: string;
}

export function draftOf(s: Service | undefined): ServiceDraft {
  return {
    id: s?.id ?? '',
    name: s?.name ?? '',
    kind: s?.kind ?? 'business',
    critical: s?.critical ?? false,
    payment: s?.payment ?? false,
    userFacing: s?.userFacing ?? true, // the API's default
    dependsOn: s?.dependsOn ?? [],
    ownerTeam: s?.ownerTeam ?? '',
    teamId: s?.teamId ?? '',
    escalationPolicyId: s?.escalationPolicyId ?? '',
    runbook: s?.runbook ?? '',
    rto: s?.rtoMinutes == null ? '' : String(s.rtoMinutes),
    rpo: s?.rpoMinutes == null ? '' : String(s.rpoMinutes),
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);
const minutes = (v: string) => (v.trim() ? Number(v) : null);

export function inputOf(d: ServiceDraft): ServiceInput {
  return {
    id: d.id.trim(),
    name: d.name.trim(),
    kind: d.kind,
    critical: d.critical,
    payment: d.payment,
    userFacing: d.userFacing,
    dependsOn: d.dependsOn,
    ownerTeam: orNull(d.ownerTeam),
    teamId: orNull(d.teamId),
    escalationPolicyId: orNull(d.escalationPolicyId),
    runbook: d.runbook.trim() ? d.runbook : null,
    rtoMinutes: minutes(d.rto),
    rpoMinutes: minutes(d.rpo),
  };
}

/** The API's field errors, with the ID's two usual ones in the reader's words. */
export function serviceFieldErrors(err: unknown, t: Messages): FieldMessages {
  const errors = fieldErrors(err);
  const id = errorFor(errors, 'id');
  if (id)
    errors.id = isApiError(err) && err.code === 'conflict' ? t.services.form.idTaken : /pattern/.test(id) ? t.services.form.idInvalid : id;
  const deps = errorFor(errors, 'dependsOn');
  if (deps) errors.dependsOn = deps;
  return errors;
}
