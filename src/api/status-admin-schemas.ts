import { Type, type TSchema } from '@sinclair/typebox';
import { MAX_HOSTNAMES, STATUS_SLUG_PATTERN } from '../domain/status/page-settings.js';
import { COMPONENT_STATUSES, PUBLIC_IMPACTS, PUBLIC_STAGES } from '../domain/status/snapshot.js';
import { Iso, IsoOrNull, ListQuery, strict } from './schemas.js';

/** Schemas of the status-page admin API: pages, components, public incidents, maintenances, snapshots. */
const enumOf = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const partial = <T extends Record<string, TSchema>>(fields: T) =>
  Type.Object(Type.Partial(Type.Object(fields)).properties, { ...strict, minProperties: 1 });
const Ref = Type.String({ minLength: 1, maxLength: 100 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Text = Type.String({ minLength: 1, maxLength: 20_000, description: 'Markdown' });
const ComponentStatusSchema = enumOf(COMPONENT_STATUSES);
const StageSchema = enumOf(PUBLIC_STAGES);
const ImpactSchema = enumOf(PUBLIC_IMPACTS);
const LocaleSchema = enumOf(['zh-CN', 'en'] as const);

export const PageParams = Type.Object({ id: Ref });
export const ComponentParams = Type.Object({ id: Ref, componentId: Ref });
export const StatusIncidentParams = Type.Object({ id: Ref, statusIncidentId: Ref });
export const MaintenanceParams = Type.Object({ id: Ref, maintenanceId: Ref });
export const PagedQuery = Type.Object(ListQuery, strict);

// ---- pages --------------------------------------------------------------------------------
const BrandingSchema = Type.Object({
  logoUrl: nullable(Type.String({ maxLength: 2000, description: 'https URL' })),
  primaryColor: nullable(Type.String({ maxLength: 7, description: '#rrggbb' })),
});
const BrandingBody = Type.Object(Type.Partial(BrandingSchema).properties, strict);
const pageFields = {
  slug: Type.String({ pattern: STATUS_SLUG_PATTERN, description: 'the page is at /status/{slug}' }),
  name: Name,
  description: nullable(Type.String({ maxLength: 2000 })),
  hostnames: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
    maxItems: MAX_HOSTNAMES,
    description: 'custom domains mapped to this page by the Host header; lower-cased, unique across pages',
  }),
  branding: BrandingBody,
  defaultLocale: LocaleSchema,
};
export const StatusPageSchema = Type.Object({
  id: Type.String(),
  ...pageFields,
  branding: BrandingSchema,
  version: Type.Integer({ description: 'rises on every change readers see' }),
  createdAt: Iso,
  updatedAt: Iso,
});
export const CreateStatusPageBody = Type.Object(
  {
    slug: pageFields.slug,
    name: pageFields.name,
    description: Type.Optional(pageFields.description),
    hostnames: Type.Optional(pageFields.hostnames),
    branding: Type.Optional(pageFields.branding),
    defaultLocale: Type.Optional(pageFields.defaultLocale),
  },
  strict,
);
export const UpdateStatusPageBody = partial(pageFields);

// ---- components ---------------------------------------------------------------------------
const componentFields = {
  name: Name,
  group: nullable(Type.String({ maxLength: 200, description: 'components of one group are shown together' })),
  description: nullable(Type.String({ maxLength: 2000 })),
  position: Type.Integer({ minimum: 0, maximum: 100_000 }),
  serviceIds: Type.Array(Ref, { maxItems: 200, description: 'catalog services whose incidents drive the status' }),
  monitorIds: Type.Array(Ref, {
    maxItems: 50,
    uniqueItems: true,
    description: 'monitors whose state drives the status (down: major outage, degraded: degraded performance)',
  }),
  statusOverride: nullable(ComponentStatusSchema),
};
export const StatusComponentSchema = Type.Object({
  id: Type.String(),
  pageId: Type.String(),
  ...componentFields,
  createdAt: Iso,
  updatedAt: Iso,
});
export const CreateStatusComponentBody = Type.Object(
  {
    name: componentFields.name,
    group: Type.Optional(componentFields.group),
    description: Type.Optional(componentFields.description),
    position: Type.Optional(componentFields.position),
    serviceIds: Type.Optional(componentFields.serviceIds),
    monitorIds: Type.Optional(componentFields.monitorIds),
    statusOverride: Type.Optional(componentFields.statusOverride),
  },
  strict,
);
export const UpdateStatusComponentBody = partial(componentFields);

// ---- public incidents ---------------------------------------------------------------------
const ShownComponent = Type.Object({ id: Ref, status: ComponentStatusSchema }, strict);
const ShownComponents = Type.Array(ShownComponent, { maxItems: 200, description: 'the components and the status each shows while open' });
export const StatusUpdateSchema = Type.Object({
  id: Type.String(),
  stage: StageSchema,
  body: Type.String(),
  createdBy: Type.String(),
  createdAt: Iso,
});
export const StatusIncidentSchema = Type.Object({
  id: Type.String(),
  pageId: Type.String(),
  incidentId: nullable(Type.String()),
  title: Type.String(),
  impact: ImpactSchema,
  stage: StageSchema,
  components: Type.Array(Type.Object({ id: Type.String(), status: ComponentStatusSchema })),
  createdBy: Type.String(),
  startedAt: Iso,
  resolvedAt: IsoOrNull,
  createdAt: Iso,
  updatedAt: Iso,
  updates: Type.Array(StatusUpdateSchema, { description: 'newest first' }),
});
export const CreateStatusIncidentBody = Type.Object(
  {
    title: Name,
    impact: ImpactSchema,
    components: ShownComponents,
    incidentId: Type.Optional(
      nullable(Type.String({ minLength: 1, maxLength: 100, description: 'the internal incident; only referred to' })),
    ),
    stage: Type.Optional(StageSchema),
    body: Text,
    startedAt: Type.Optional(Iso),
  },
  strict,
);
export const AddStatusUpdateBody = Type.Object({ stage: StageSchema, body: Text, components: Type.Optional(ShownComponents) }, strict);

// ---- maintenances -------------------------------------------------------------------------
const maintenanceFields = {
  title: Name,
  body: Text,
  componentIds: Type.Array(Ref, { maxItems: 200 }),
  startsAt: Iso,
  endsAt: Iso,
};
const MaintenanceState = enumOf(['scheduled', 'in_progress', 'completed'] as const);
export const StatusMaintenanceSchema = Type.Object({
  id: Type.String(),
  pageId: Type.String(),
  ...maintenanceFields,
  state: MaintenanceState,
  createdBy: Type.String(),
  createdAt: Iso,
  updatedAt: Iso,
});
export const CreateStatusMaintenanceBody = Type.Object(maintenanceFields, strict);
export const UpdateStatusMaintenanceBody = partial(maintenanceFields);

// ---- snapshot -----------------------------------------------------------------------------
const UptimeDaySchema = Type.Object({
  date: Type.String(),
  uptime: nullable(Type.Number()),
  worst: ComponentStatusSchema,
  downMinutes: Type.Integer(),
});
const SnapshotIncidentSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  impact: ImpactSchema,
  stage: StageSchema,
  componentIds: Type.Array(Type.String()),
  startedAt: Iso,
  resolvedAt: IsoOrNull,
  updates: Type.Array(Type.Object({ id: Type.String(), stage: StageSchema, body: Type.String(), at: Iso })),
});
export const SnapshotSchema = Type.Object({
  page: Type.Object({
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    description: nullable(Type.String()),
    defaultLocale: LocaleSchema,
    branding: BrandingSchema,
  }),
  version: Type.Integer(),
  builtAt: Iso,
  overall: ComponentStatusSchema,
  components: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      description: nullable(Type.String()),
      group: nullable(Type.String()),
      status: ComponentStatusSchema,
      uptimeDays: Type.Array(UptimeDaySchema),
      uptime90: nullable(Type.Number()),
    }),
  ),
  activeIncidents: Type.Array(SnapshotIncidentSchema),
  pastIncidents: Type.Array(SnapshotIncidentSchema),
  maintenances: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      body: Type.String(),
      componentIds: Type.Array(Type.String()),
      startsAt: Iso,
      endsAt: Iso,
      state: MaintenanceState,
    }),
  ),
});
