import { Type, type TSchema } from '@sinclair/typebox';
import { ACTION_ITEM_SOURCES, ACTION_ITEM_STATUSES } from '../domain/learn/action-item.js';
import { POSTMORTEM_STATUSES, POSTMORTEM_TEXT_FIELDS } from '../domain/learn/postmortem.js';
import { REGULATOR_REPORT_KINDS, REGULATOR_TEXT_FIELDS } from '../domain/learn/regulator-report.js';
import { REMINDER_KINDS } from '../domain/learn/reminders.js';
import {
  enumOf,
  Iso,
  IsoOrNull,
  LevelLabelSchema,
  LevelSchema,
  ListQuery,
  nullable,
  PersonRef,
  ReasonSchema,
  RegulatorClockSchema,
  strict,
} from './schemas.js';

/** Schemas of postmortems, action items, regulator reports, reminders and the organisation settings. */
const Ref = Type.String({ minLength: 1, maxLength: 100 });
const LongText = nullable(Type.String({ maxLength: 50_000, description: 'Markdown; null or blank clears it' }));
const Version = Type.Optional(Type.Integer({ minimum: 1, description: 'the version you edited; another is a 409' }));
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD in the organisation’s time zone' });
const textFields = <K extends string, S extends TSchema>(fields: readonly K[], schema: S) =>
  Object.fromEntries(fields.map((f) => [f, schema])) as Record<K, S>;

export const IncidentParam = Type.Object({ id: Ref });
export const ReportParams = Type.Object({ id: Ref, reportId: Ref });
export const ExportQuery = Type.Object({ lang: Type.Optional(enumOf(['zh-CN', 'en'] as const, 'default: zh-CN')) }, strict);
export const NoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 5000 })) }, strict);

// ---- the drafted facts ---------------------------------------------------------------------
export const FactsSchema = Type.Object({
  incident: Type.Object({ id: Type.String(), number: Type.Integer(), title: Type.String(), drill: Type.Boolean() }),
  level: LevelSchema,
  levelLabel: LevelLabelSchema,
  levelReasons: Type.Array(ReasonSchema),
  startedAt: Iso,
  detectedAt: Iso,
  acknowledgedAt: IsoOrNull,
  mitigatedAt: IsoOrNull,
  resolvedAt: IsoOrNull,
  durationSeconds: nullable(Type.Number({ description: 'start to resolution' })),
  timeToDetectSeconds: Type.Number(),
  services: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), impact: nullable(Type.String()) })),
  usersAffected: nullable(Type.Integer()),
  usersAffectedPct: nullable(Type.Number()),
  scope: nullable(Type.String()),
  recordsExposed: nullable(Type.Integer()),
  timeline: Type.Array(
    Type.Object({
      at: Iso,
      kind: Type.String(),
      actor: Type.String(),
      from: nullable(Type.String()),
      to: nullable(Type.String()),
      message: nullable(Type.String()),
    }),
  ),
  alerts: Type.Array(
    Type.Object({
      id: Type.String(),
      summary: Type.String(),
      service: nullable(Type.String()),
      status: Type.String(),
      firstAt: Iso,
      resolvedAt: IsoOrNull,
    }),
  ),
});

// ---- action items --------------------------------------------------------------------------
export const ActionItemSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: nullable(Type.String()),
  owner: PersonRef,
  dueDate: Type.String(),
  dueAt: Iso,
  status: enumOf(ACTION_ITEM_STATUSES),
  overdue: Type.Boolean(),
  source: nullable(enumOf(ACTION_ITEM_SOURCES)),
  sourceId: nullable(Type.String()),
  incidentId: nullable(Type.String()),
  version: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Iso,
  updatedAt: Iso,
  completedAt: IsoOrNull,
});

const itemFields = {
  title: Type.String({ minLength: 1, maxLength: 500 }),
  description: nullable(Type.String({ maxLength: 20_000 })),
  ownerId: Ref,
  dueDate: DateOnly,
  status: enumOf(ACTION_ITEM_STATUSES),
};
export const CreateActionItemBody = Type.Object(
  {
    title: itemFields.title,
    description: Type.Optional(itemFields.description),
    ownerId: itemFields.ownerId,
    dueDate: itemFields.dueDate,
    status: Type.Optional(itemFields.status),
    postmortemId: Type.Optional(Ref),
  },
  strict,
);
export const UpdateActionItemBody = Type.Object(
  {
    title: Type.Optional(itemFields.title),
    description: Type.Optional(itemFields.description),
    ownerId: Type.Optional(itemFields.ownerId),
    dueDate: Type.Optional(itemFields.dueDate),
    status: Type.Optional(itemFields.status),
    version: Version,
  },
  { ...strict, minProperties: 1 },
);
export const ActionItemListQuery = Type.Object(
  {
    ...ListQuery,
    status: Type.Optional(
      Type.String({
        pattern: `^(${ACTION_ITEM_STATUSES.join('|')})(,(${ACTION_ITEM_STATUSES.join('|')}))*$`,
        description: 'comma-separated',
      }),
    ),
    ownerId: Type.Optional(Ref),
    source: Type.Optional(enumOf(ACTION_ITEM_SOURCES)),
    sourceId: Type.Optional(Ref),
    incidentId: Type.Optional(Ref),
    overdue: Type.Optional(Type.Boolean({ description: 'only items still owed past their due date' })),
  },
  strict,
);
export const ActionItemSummarySchema = Type.Object({
  at: Iso,
  byStatus: Type.Record(Type.String(), Type.Integer()),
  overdue: Type.Integer(),
  overdueByOwner: Type.Array(Type.Object({ ownerId: Type.String(), name: Type.String(), count: Type.Integer() })),
});

// ---- postmortems ---------------------------------------------------------------------------
const postmortemCommon = {
  id: Type.String(),
  incidentId: Type.String(),
  status: enumOf(POSTMORTEM_STATUSES),
  required: Type.Boolean({ description: "the level's profile required it when it was drafted" }),
  dueAt: IsoOrNull,
  overdue: Type.Boolean(),
  owner: nullable(PersonRef),
  version: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Iso,
  updatedAt: Iso,
  submittedAt: IsoOrNull,
  publishedAt: IsoOrNull,
  publishedBy: nullable(Type.String()),
};
export const PostmortemListItemSchema = Type.Object(postmortemCommon);
export const PostmortemSchema = Type.Object({
  ...postmortemCommon,
  text: Type.Object(textFields(POSTMORTEM_TEXT_FIELDS, nullable(Type.String()))),
  accountabilitySection: Type.Boolean({ description: 'the organisation adds an accountability section (else blameless only)' }),
  factsFrozen: Type.Boolean({ description: 'true once published: the facts are those at publication' }),
  facts: FactsSchema,
  actionItems: Type.Array(ActionItemSchema),
});
export const UpdatePostmortemBody = Type.Object(
  { ...textFields(POSTMORTEM_TEXT_FIELDS, Type.Optional(LongText)), ownerId: Type.Optional(nullable(Ref)), version: Version },
  { ...strict, minProperties: 1 },
);
export const PostmortemListQuery = Type.Object(
  {
    ...ListQuery,
    status: Type.Optional(enumOf(POSTMORTEM_STATUSES)),
    incidentId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "an incident's id: its postmortem, if any" })),
    overdue: Type.Optional(Type.Boolean({ description: 'only unpublished postmortems past their deadline' })),
  },
  strict,
);

// ---- regulator reports ---------------------------------------------------------------------
const regulatorText = textFields(REGULATOR_TEXT_FIELDS, Type.Optional(nullable(Type.String({ maxLength: 20_000 }))));
export const RegulatorReportSchema = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  kind: enumOf(REGULATOR_REPORT_KINDS),
  status: enumOf(['draft', 'sent'] as const),
  text: Type.Object(textFields(REGULATOR_TEXT_FIELDS, nullable(Type.String()))),
  sentAt: IsoOrNull,
  sentBy: nullable(Type.String()),
  recipient: nullable(Type.String()),
  channel: nullable(Type.String()),
  note: nullable(Type.String()),
  version: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Iso,
  updatedAt: Iso,
});
export const RegulatorReportListSchema = Type.Object({ clock: RegulatorClockSchema, items: Type.Array(RegulatorReportSchema) });
export const CreateRegulatorReportBody = Type.Object({ kind: enumOf(REGULATOR_REPORT_KINDS), ...regulatorText }, strict);
export const UpdateRegulatorReportBody = Type.Object({ ...regulatorText, version: Version }, { ...strict, minProperties: 1 });
export const SendRegulatorReportBody = Type.Object(
  {
    recipient: Type.String({ minLength: 1, maxLength: 500, description: 'who received it (the authority, the office)' }),
    channel: Type.Optional(nullable(Type.String({ maxLength: 200, description: 'how: portal, e-mail, fax, phone, …' }))),
    note: Type.Optional(nullable(Type.String({ maxLength: 5000 }))),
    sentAt: Type.Optional(Iso),
  },
  strict,
);

// ---- reminders, organisation ---------------------------------------------------------------
export const ReminderSchema = Type.Object({
  id: Type.String(),
  kind: enumOf(REMINDER_KINDS),
  subjectType: Type.String(),
  subjectId: Type.String(),
  incidentId: nullable(Type.String()),
  userId: nullable(Type.String()),
  dueAt: Iso,
  message: Type.String(),
  firedAt: Iso,
});
export const ReminderListQuery = Type.Object({ ...ListQuery, incidentId: Type.Optional(Ref), subjectId: Type.Optional(Ref) }, strict);

export const OrganisationSchema = Type.Object({
  name: nullable(Type.String()),
  timeZone: Type.String(),
  accountabilitySection: Type.Boolean(),
});
export const UpdateOrganisationBody = Type.Object(
  {
    name: Type.Optional(nullable(Type.String({ maxLength: 300 }))),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone, e.g. Asia/Shanghai' })),
    accountabilitySection: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);
