import { ESCALATION_TARGET_KINDS, type EscalationTarget } from '../../domain/escalation/policy.js';
import type { FieldIssue } from '../../domain/errors.js';
import { readSetting, writeSetting } from '../../store/settings-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { rejectIssues, unknownChannel, unknownTargets } from './references.js';

/** Organisation-wide paging: who leadership and the incident commander are, and the SMS/voice gateways. */
export interface PagingSettings {
  leadership: EscalationTarget[];
  incidentCommander: EscalationTarget[];
  smsGatewayChannelId: string | null;
  voiceGatewayChannelId: string | null;
}

const NAME = 'paging';
export const MAX_PAGING_TARGETS = 20;
/** The channel kind that carries SMS and voice calls. */
const GATEWAY_KIND = 'sms-gateway';

const isTarget = (t: unknown): t is EscalationTarget =>
  typeof t === 'object' &&
  t !== null &&
  ESCALATION_TARGET_KINDS.includes((t as EscalationTarget).kind) &&
  typeof (t as EscalationTarget).id === 'string';

/** The paging settings in force; defaults (nobody, no gateways) for anything never set. */
export async function readPagingSettings(db: Executor): Promise<PagingSettings> {
  const stored = (await readSetting<Partial<PagingSettings>>(db, NAME)) ?? {};
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isTarget) : []);
  const id = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    leadership: list(stored.leadership),
    incidentCommander: list(stored.incidentCommander),
    smsGatewayChannelId: id(stored.smsGatewayChannelId),
    voiceGatewayChannelId: id(stored.voiceGatewayChannelId),
  };
}

export function getPagingSettings(ctx: Context): Promise<PagingSettings> {
  return readPagingSettings(ctx.store.db);
}

function duplicateTargets(list: readonly EscalationTarget[], path: string): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  list.forEach((t, i) => {
    const key = `${t.kind}:${t.id}`;
    if (seen.has(key)) issues.push({ field: `${path}[${i}]`, message: `repeats ${key}` });
    seen.add(key);
  });
  return issues;
}

/** Replaces the paging settings; every target and gateway channel must exist. */
export async function updatePagingSettings(ctx: Context, next: PagingSettings): Promise<PagingSettings> {
  return ctx.store.db.transaction().execute(async (trx) => {
    rejectIssues(
      [
        ...duplicateTargets(next.leadership, 'leadership'),
        ...duplicateTargets(next.incidentCommander, 'incidentCommander'),
        ...(await unknownTargets(trx, next.leadership, 'leadership')),
        ...(await unknownTargets(trx, next.incidentCommander, 'incidentCommander')),
        ...(await unknownChannel(trx, next.smsGatewayChannelId, 'smsGatewayChannelId', GATEWAY_KIND)),
        ...(await unknownChannel(trx, next.voiceGatewayChannelId, 'voiceGatewayChannelId', GATEWAY_KIND)),
      ],
      'invalid paging settings',
    );
    const before = await readPagingSettings(trx);
    await writeSetting(trx, NAME, next, ctx.clock.now());
    await audit(ctx, trx, 'paging-settings.update', { type: 'settings', id: NAME }, { before, after: next });
    return next;
  });
}
