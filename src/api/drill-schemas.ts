import { Type } from '@sinclair/typebox';
import { DRILL_STATUSES, MAX_DRILL_TEXT, MAX_PARTICIPANTS, MAX_SCENARIO_COMPONENTS } from '../domain/drills/drill.js';
import { ActionItemSchema } from './learn-schemas.js';
import { enumOf, ImpactSchema, Iso, IsoOrNull, LevelSchema, ListQuery, nullable, ServiceId, StatusSchema, strict } from './schemas.js';

/** Schemas of /api/v1/drills (docs/drills.md). */
const Ref = Type.String({ minLength: 1, maxLength: 100 });
const Text = nullable(Type.String({ maxLength: MAX_DRILL_TEXT }));
const Seconds = nullable(Type.Number({ minimum: 0 }));

const ScenarioComponent = Type.Object(
  { serviceId: ServiceId, impact: ImpactSchema },
  { ...strict, description: 'a component that fails in the scenario, and how' },
);
const Participant = Type.Object(
  { userId: Ref, role: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. commander, observer' }) },
  strict,
);
const OneOff = Type.Object({ at: Type.String({ format: 'date-time', description: 'runs once, at this time' }) }, strict);
const Recurring = Type.Object(
  {
    cron: Type.String({ minLength: 1, maxLength: 200, description: '5 fields, wall-clock time in timeZone' }),
    timeZone: Type.String({ minLength: 1, maxLength: 100, description: 'IANA, e.g. Asia/Shanghai' }),
  },
  strict,
);
const Schedule = nullable(Type.Union([OneOff, Recurring], { description: 'null: on demand only' }));

const drillFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  scenario: Type.Array(ScenarioComponent, { minItems: 1, maxItems: MAX_SCENARIO_COMPONENTS }),
  hypothesis: Text,
  blastRadius: Text,
  participants: Type.Array(Participant, { maxItems: MAX_PARTICIPANTS }),
  schedule: Schedule,
  status: enumOf(DRILL_STATUSES, 'paused: the schedule does not fire'),
};
const { name: _n, scenario: _s, ...optionalFields } = drillFields;

export const CreateDrillBody = Type.Object(
  { name: drillFields.name, scenario: drillFields.scenario, ...Type.Partial(Type.Object(optionalFields)).properties },
  strict,
);
export const UpdateDrillBody = Type.Object(
  { ...Type.Partial(Type.Object(drillFields)).properties, version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { ...strict, minProperties: 1 },
);
export const DrillParam = Type.Object({ id: Ref });
export const RunParams = Type.Object({ id: Ref, runId: Ref });
export const DrillListQuery = Type.Object({ ...ListQuery }, strict);

export const UpdateRunBody = Type.Object(
  { findings: Text, version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { ...strict, minProperties: 1 },
);
export const DrillActionItemBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500 }),
    description: Type.Optional(nullable(Type.String({ maxLength: 20_000 }))),
    ownerId: Ref,
    dueDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD in the organisation’s time zone' }),
  },
  strict,
);

export const DrillSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scenario: Type.Array(ScenarioComponent),
  hypothesis: nullable(Type.String()),
  blastRadius: nullable(Type.String()),
  participants: Type.Array(Participant),
  schedule: nullable(Type.Union([Type.Object({ at: Iso }), Recurring])),
  status: enumOf(DRILL_STATUSES),
  nextRunAt: IsoOrNull,
  version: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Iso,
  updatedAt: Iso,
});

const Verdict = enumOf(['pending', 'met', 'breached', 'no_target'] as const);

export const DrillRunSchema = Type.Object({
  id: Type.String(),
  drillId: Type.String(),
  name: Type.String({ description: 'the drill’s name when the run started' }),
  scenario: Type.Array(ScenarioComponent),
  hypothesis: nullable(Type.String()),
  startedVia: enumOf(['schedule', 'manual'] as const),
  startedBy: Type.String(),
  startedAt: Iso,
  injectedAt: IsoOrNull,
  recoverRequestedAt: IsoOrNull,
  endedAt: IsoOrNull,
  incidents: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.Integer(),
      title: Type.String(),
      status: StatusSchema,
      level: LevelSchema,
      drill: Type.Boolean(),
    }),
  ),
  detectSeconds: Seconds,
  acknowledgeSeconds: Seconds,
  mitigateSeconds: Seconds,
  recoverSeconds: Seconds,
  services: Type.Array(
    Type.Object({ serviceId: Type.String(), rtoMinutes: nullable(Type.Number()), recoverSeconds: Seconds, verdict: Verdict }),
  ),
  verdict: Verdict,
  findings: nullable(Type.String()),
  version: Type.Integer(),
  updatedAt: Iso,
  actionItems: Type.Optional(Type.Array(ActionItemSchema)),
});
