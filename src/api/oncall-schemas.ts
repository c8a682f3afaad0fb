import { Type, type TSchema } from '@sinclair/typebox';
import { CONTACT_KINDS, IM_CHANNELS, MAX_NOTIFICATION_RULES, MAX_RULE_DELAY_MINUTES } from '../domain/escalation/contact.js';
import { ESCALATION_TARGET_KINDS, MAX_ESCALATION_STEPS, MAX_TARGETS_PER_STEP } from '../domain/escalation/policy.js';
import { MAX_LAYERS, MAX_PARTICIPANTS, MAX_RESTRICTIONS } from '../domain/oncall/schedule.js';
import { CHANNEL_KINDS } from '../notify/channels/channel.js';
import { LOCALES } from '../notify/message.js';
import { MAX_PAGING_TARGETS } from '../operations/oncall/paging-settings.js';
import { Iso, IsoOrNull, strict } from './schemas.js';

/** Schemas of the on-call API: teams, contacts, schedules, escalation policies, channels, paging settings. */
const enumOf = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Ref = Type.String({ minLength: 1, maxLength: 100 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const partial = <T extends Record<string, TSchema>>(fields: T) =>
  Type.Object(Type.Partial(Type.Object(fields)).properties, { ...strict, minProperties: 1 });

export const IdParam = Type.Object({ id: Ref });
export const MethodParams = Type.Object({ id: Ref, methodId: Ref });
export const OverrideParams = Type.Object({ id: Ref, overrideId: Ref });
export const RangeQuery = Type.Object({ from: Type.Optional(Iso), to: Type.Optional(Iso) }, strict);
export const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }, strict);

// ---- teams ------------------------------------------------------------------------------
const teamFields = {
  name: Name,
  description: nullable(Type.String({ maxLength: 2000 })),
  members: Type.Array(Ref, { maxItems: 500, description: 'user ids' }),
};
export const TeamSchema = Type.Object({ id: Type.String(), ...teamFields, createdAt: Iso, updatedAt: Iso });
export const CreateTeamBody = Type.Object(
  { name: Name, description: Type.Optional(teamFields.description), members: Type.Optional(teamFields.members) },
  strict,
);
export const UpdateTeamBody = partial(teamFields);

// ---- contact methods and notification rules -----------------------------------------------
export const ContactMethodSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  kind: enumOf(CONTACT_KINDS),
  label: Type.String(),
  address: Type.String({ description: 'an IM robot/webhook URL is masked: scheme, host and last 4 characters' }),
  channel: nullable(enumOf(IM_CHANNELS)),
  hasSecret: Type.Boolean(),
  createdAt: Iso,
});
export const CreateContactMethodBody = Type.Object(
  {
    kind: enumOf(CONTACT_KINDS),
    label: Type.String({ minLength: 1, maxLength: 100 }),
    address: Type.String({ minLength: 1, maxLength: 512, description: 'e-mail, E.164 phone number, or (im) the robot/webhook URL' }),
    channel: Type.Optional(enumOf(IM_CHANNELS, 'for im only')),
    secret: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'an IM robot’s signing secret; never shown again' })),
  },
  strict,
);
const RuleFields = {
  contactMethodId: Ref,
  delayMinutes: Type.Integer({ minimum: 0, maximum: MAX_RULE_DELAY_MINUTES }),
};
export const NotificationRuleSchema = Type.Object({ id: Type.String(), ...RuleFields });
export const NotificationRulesBody = Type.Array(Type.Object(RuleFields, strict), {
  maxItems: MAX_NOTIFICATION_RULES,
  description: 'the whole list; empty: every contact method at once',
});

// ---- schedules ----------------------------------------------------------------------------
const Clock = Type.String({ maxLength: 5, description: 'wall-clock HH:MM in the schedule’s time zone' });
const Weekday = Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday' });
const RotationSchema = Type.Object(
  {
    kind: enumOf(['daily', 'weekly', 'custom'] as const),
    handoffTime: Type.Optional(Clock),
    lengthMinutes: Type.Optional(Type.Integer({ description: 'custom rotations: elapsed minutes per shift' })),
  },
  strict,
);
const RestrictionSchema = Type.Object(
  {
    kind: enumOf(['time-of-day', 'weekly'] as const),
    start: Clock,
    end: Clock,
    startDay: Type.Optional(Weekday),
    endDay: Type.Optional(Weekday),
  },
  strict,
);
const layerFields = {
  id: Type.String({ minLength: 1, maxLength: 200 }),
  name: Name,
  start: Type.String({ format: 'date-time', description: 'the first handoff: participants[0] is on call from then' }),
  end: IsoOrNull,
  rotation: RotationSchema,
  participants: Type.Array(Ref, { maxItems: MAX_PARTICIPANTS, description: 'user ids, in rotation order' }),
  restrictions: Type.Array(RestrictionSchema, { maxItems: MAX_RESTRICTIONS }),
};
const LayerSchema = Type.Object(layerFields);
const LayerBody = Type.Object(
  {
    id: Type.Optional(layerFields.id),
    name: Type.Optional(layerFields.name),
    start: layerFields.start,
    end: Type.Optional(layerFields.end),
    rotation: RotationSchema,
    participants: layerFields.participants,
    restrictions: Type.Optional(layerFields.restrictions),
  },
  strict,
);
const scheduleFields = {
  name: Name,
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' }),
  teamId: nullable(Ref),
  layers: Type.Array(LayerBody, { maxItems: MAX_LAYERS, description: 'lowest priority first' }),
};
export const ScheduleSchema = Type.Object({
  id: Type.String(),
  ...scheduleFields,
  layers: Type.Array(LayerSchema),
  createdAt: Iso,
  updatedAt: Iso,
});
export const PutScheduleBody = Type.Object(
  {
    name: scheduleFields.name,
    timeZone: scheduleFields.timeZone,
    teamId: Type.Optional(scheduleFields.teamId),
    layers: scheduleFields.layers,
  },
  strict,
);
export const PatchScheduleBody = partial(scheduleFields);

export const OverrideSchema = Type.Object({
  id: Type.String(),
  scheduleId: Type.String(),
  userId: Type.String(),
  start: Iso,
  end: Iso,
  createdBy: Type.String(),
  createdAt: Iso,
});
export const CreateOverrideBody = Type.Object({ userId: Ref, start: Iso, end: Iso }, strict);

export const ShiftSchema = Type.Object({
  userId: Type.String(),
  userName: nullable(Type.String({ description: 'the person’s display name, so that every role can see who is on call' })),
  start: Iso,
  end: Iso,
  layerId: nullable(Type.String()),
  layerName: nullable(Type.String()),
  overrideId: nullable(Type.String()),
});
export const OnCallSchema = Type.Object({
  scheduleId: Type.String(),
  at: Iso,
  onCall: Type.Array(ShiftSchema, { description: 'none or one shift; its end is looked for at most 14 days ahead' }),
});
export const ShiftsSchema = Type.Object({ scheduleId: Type.String(), from: Iso, to: Iso, items: Type.Array(ShiftSchema) });
export const FeedUrlSchema = Type.Object({
  url: Type.String({ description: 'subscribe to it in a calendar app; the token in it is the only credential' }),
  path: Type.String(),
});

// ---- escalation policies ---------------------------------------------------------------------
export const TargetSchema = Type.Object(
  { kind: enumOf(ESCALATION_TARGET_KINDS as readonly ('user' | 'schedule' | 'team')[]), id: Type.String({ minLength: 1, maxLength: 128 }) },
  strict,
);
const StepSchema = Type.Object(
  {
    delayMinutes: Type.Integer({ description: 'minutes until the next step (or, after the last, the next round)' }),
    targets: Type.Array(TargetSchema, { maxItems: MAX_TARGETS_PER_STEP }),
  },
  strict,
);
const policyFields = {
  name: Name,
  teamId: nullable(Ref),
  steps: Type.Array(StepSchema, { maxItems: MAX_ESCALATION_STEPS }),
  repeat: Type.Integer({ description: 'how many more times the whole policy runs after the last step' }),
};
export const EscalationPolicySchema = Type.Object({ id: Type.String(), ...policyFields, createdAt: Iso, updatedAt: Iso });
export const EscalationPolicyBody = Type.Object(
  { name: Name, teamId: Type.Optional(policyFields.teamId), steps: policyFields.steps, repeat: Type.Optional(policyFields.repeat) },
  strict,
);

// ---- channels and paging settings -----------------------------------------------------------
const channelFields = {
  name: Name,
  kind: enumOf(CHANNEL_KINDS),
  teamId: nullable(Ref),
  locale: enumOf(LOCALES as readonly ('zh-CN' | 'en')[]),
  config: Type.Record(Type.String(), Type.Unknown(), { description: 'per kind; stored sealed, shown masked' }),
  disabled: Type.Boolean(),
};
export const ChannelSchema = Type.Object({ id: Type.String(), ...channelFields, createdAt: Iso, updatedAt: Iso });
export const CreateChannelBody = Type.Object(
  {
    name: Name,
    kind: channelFields.kind,
    teamId: Type.Optional(channelFields.teamId),
    locale: channelFields.locale,
    config: channelFields.config,
    disabled: Type.Optional(channelFields.disabled),
  },
  strict,
);
export const UpdateChannelBody = partial(channelFields);

export const PagingSettingsSchema = Type.Object(
  {
    leadership: Type.Array(TargetSchema, { maxItems: MAX_PAGING_TARGETS }),
    incidentCommander: Type.Array(TargetSchema, { maxItems: MAX_PAGING_TARGETS }),
    smsGatewayChannelId: nullable(Ref),
    voiceGatewayChannelId: nullable(Ref),
  },
  strict,
);
