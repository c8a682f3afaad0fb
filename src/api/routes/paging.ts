import { Type } from '@sinclair/typebox';
import { readIncidentPaging } from '../../operations/paging/read-paging.js';
import type { StoredEscalation } from '../../store/escalations-repo.js';
import type { StoredNotification } from '../../store/notifications-repo.js';
import type { App, RouteDeps } from '../app-types.js';
import { contextOf, incidentRef } from '../context.js';
import { iso, isoOrNull } from '../presenters.js';
import { IdParam, Iso, IsoOrNull } from '../schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Target = Type.Object({ kind: Type.String(), id: Type.String() });
const FiringSchema = Type.Object({
  seq: Type.Integer(),
  step: Type.Union([Type.Integer(), Type.Null()], { description: '1-based step of the policy; null for extra targets alone' }),
  round: Type.Integer(),
  at: Iso,
  targets: Type.Array(Target),
  cancelledAt: IsoOrNull,
  fired: Type.Boolean(),
});
const EscalationSchema = Type.Object({
  status: Type.String({ description: 'active | acknowledged | stopped | exhausted' }),
  policyId: Nullable(Type.String()),
  startedAt: Iso,
  nextAt: IsoOrNull,
  firings: Type.Array(FiringSchema),
});
const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'page | channel | resolved | reminder' }),
  step: Type.Union([Type.Integer(), Type.Null()]),
  round: Type.Union([Type.Integer(), Type.Null()]),
  userId: Nullable(Type.String()),
  channelId: Nullable(Type.String()),
  via: Type.String(),
  status: Type.String({ description: 'pending | sending | sent | failed | unknown | cancelled | bundled' }),
  dueAt: Iso,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  bundleId: Nullable(Type.String()),
  sentAt: IsoOrNull,
  reminderId: Nullable(Type.String({ description: 'the reminder a `reminder` notification delivers' })),
});

function escalationJson(e: StoredEscalation) {
  return {
    status: e.status,
    policyId: e.policyId,
    startedAt: iso(e.startedAt),
    nextAt: isoOrNull(e.nextAt),
    firings: e.state.firings.map((f) => ({
      seq: f.seq,
      step: f.stepIndex === null ? null : f.stepIndex + 1,
      round: f.round,
      at: iso(f.at),
      targets: f.targets,
      cancelledAt: isoOrNull(f.cancelledAt),
      fired: f.cancelledAt === null && f.seq < e.state.nextSeq,
    })),
  };
}

function notificationJson(n: StoredNotification) {
  return {
    id: n.id,
    kind: n.kind,
    step: n.step === null ? null : n.step + 1,
    round: n.round,
    userId: n.userId,
    channelId: n.channelId,
    via: n.channelKind,
    status: n.status,
    dueAt: iso(n.dueAt),
    attempts: n.attempts,
    lastError: n.lastError,
    bundleId: n.bundleId,
    sentAt: isoOrNull(n.sentAt),
    reminderId: n.reminderId,
  };
}

/** An incident's paging record: its escalation and every notification with its outcome. */
export function pagingRoutes(app: App, { deps }: RouteDeps): void {
  app.get('/api/v1/incidents/:id/paging', {
    config: { access: 'viewer' },
    schema: {
      tags: ['incidents'],
      summary: "Where the incident's escalation stands and every page sent for it, with outcomes",
      params: IdParam,
      response: {
        200: Type.Object({ escalation: Type.Union([EscalationSchema, Type.Null()]), notifications: Type.Array(NotificationSchema) }),
      },
    },
    handler: async (request) => {
      const { escalation, notifications } = await readIncidentPaging(contextOf(deps, request), incidentRef(request.params.id));
      return { escalation: escalation ? escalationJson(escalation) : null, notifications: notifications.map(notificationJson) };
    },
  });
}
