import type { Service, ServiceKind, VendorContact } from '../../domain/catalog/service.js';

/** What a client may send to create or change a service (the id comes from the path on update). */
export interface ServiceInput {
  id?: string;
  name?: string;
  kind?: ServiceKind;
  critical?: boolean;
  payment?: boolean;
  userFacing?: boolean;
  dependsOn?: string[];
  ownerTeam?: string | null;
  teamId?: string | null;
  escalationPolicyId?: string | null;
  runbook?: string | null;
  rtoMinutes?: number | null;
  rpoMinutes?: number | null;
  contacts?: Array<Partial<VendorContact> & { name: string }>;
  contractedSlaPct?: number | null;
}

/** Fills a full service from input over a base (defaults on create, the stored one on update). */
export function applyServiceInput(base: Service, input: ServiceInput): Service {
  return {
    id: base.id,
    name: input.name ?? base.name,
    kind: input.kind ?? base.kind,
    critical: input.critical ?? base.critical,
    payment: input.payment ?? base.payment,
    userFacing: input.userFacing ?? base.userFacing,
    dependsOn: input.dependsOn ? [...new Set(input.dependsOn)] : base.dependsOn,
    ownerTeam: input.ownerTeam !== undefined ? input.ownerTeam : base.ownerTeam,
    teamId: input.teamId !== undefined ? input.teamId : base.teamId,
    escalationPolicyId: input.escalationPolicyId !== undefined ? input.escalationPolicyId : base.escalationPolicyId,
    runbook: input.runbook !== undefined ? input.runbook : base.runbook,
    rtoMinutes: input.rtoMinutes !== undefined ? input.rtoMinutes : base.rtoMinutes,
    rpoMinutes: input.rpoMinutes !== undefined ? input.rpoMinutes : base.rpoMinutes,
    contacts: input.contacts
      ? input.contacts.map((c) => ({ name: c.name.trim(), role: c.role ?? null, email: c.email ?? null, phone: c.phone ?? null }))
      : base.contacts,
    contractedSlaPct: input.contractedSlaPct !== undefined ? input.contractedSlaPct : base.contractedSlaPct,
  };
}
