// The shapes the console reads from the API (docs/api.md), only the fields it uses. The server's
// OpenAPI document at /api/v1/openapi.json is the full reference.
export type Role = 'viewer' | 'responder' | 'admin';
export type IncidentStatus = 'triggered' | 'acknowledged' | 'mitigated' | 'resolved';
export type MonitorState = 'up' | 'degraded' | 'down' | 'pending';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `GET /auth/me`: the actor; `firstRun`, `timeZone` and `locale` only when the server sends them. */
export interface Me {
  type: string;
  id: string | null;
  name: string;
  role: Role;
  firstRun?: boolean;
  /** The user's own time zone and locale; null for a token. */
  timeZone: string | null;
  locale: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  timeZone: string;
  disabled: boolean;
}

export interface Incident {
  id: string;
  number: number;
  title: string;
  status: IncidentStatus;
  level: number;
  services: string[];
  drill: boolean;
  startedAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Monitor {
  id: string;
  name: string;
  serviceId: string | null;
  kind: string;
  paused: boolean;
  state: MonitorState;
  stateSince: string;
  lastCheckAt: string | null;
  lastLatencyMs: number | null;
  lastError: string | null;
}

export interface Schedule {
  id: string;
  name: string;
  timeZone: string;
}

export interface Shift {
  userId: string;
  /** The person's display name (servers before it was added send none; null: the user is gone). */
  userName?: string | null;
  start: string;
  end: string;
  layerId: string | null;
  layerName: string | null;
  overrideId: string | null;
}

export interface OnCall {
  scheduleId: string;
  at: string;
  onCall: Shift[];
}

export interface MetricsSummary {
  count: number;
  mttaSeconds: number | null;
  mttrSeconds: number | null;
  mttdSeconds: number | null;
  mttmSeconds: number | null;
}

export interface Metrics {
  overall: MetricsSummary;
}

// ---- reports (screens/reports; docs/reports.md) ------------------------------------------------
export type LevelCounts = Record<'1' | '2' | '3' | '4', number>;
export type Step = 'td' | 'ta' | 'tm' | 'tr';

/** One group (or the whole) of GET /reports/metrics: means, medians, p90s and counts per step. */
export interface MetricsGroup extends MetricsSummary {
  key: string | null;
  label: string;
  invalid: number;
  countsByLevel: LevelCounts;
  ttdMedianSeconds: number | null;
  ttdP90Seconds: number | null;
  ttdCount: number;
  ttaMedianSeconds: number | null;
  ttaP90Seconds: number | null;
  ttaCount: number;
  ttmMedianSeconds: number | null;
  ttmP90Seconds: number | null;
  ttmCount: number;
  ttrMedianSeconds: number | null;
  ttrP90Seconds: number | null;
  ttrCount: number;
}

export interface MetricsReport {
  from: string;
  to: string;
  timeZone: string;
  groupBy: string;
  overall: MetricsGroup;
  groups: MetricsGroup[];
}

export interface CountsPeriod {
  key: string;
  label: string;
  start: string;
  end: string;
  count: number;
  countsByLevel: LevelCounts;
}

/** One line of GET /reports/slos (docs/slo.md): an SLO and its numbers now. */
export interface SloLine {
  sloId: string;
  name: string;
  serviceId: string;
  serviceName: string;
  targetPct: number;
  window: 'rolling' | 'calendar-month';
  windowDays: number | null;
  availabilityPct: number | null;
  totalChecks: number;
  budgetMinutes: number;
  budgetRemainingMinutes: number | null;
  budgetRemainingFraction: number | null;
  burnRates: Record<'5m' | '30m' | '1h' | '6h' | '24h', number | null>;
  fastBurn: boolean;
  slowBurn: boolean;
}

export interface IncidentCountsReport {
  from: string;
  to: string;
  interval: 'day' | 'week' | 'month';
  total: { count: number; countsByLevel: LevelCounts };
  periods: CountsPeriod[];
}

// ---- services and monitors (screens/services, screens/monitors) -------------------------------
export type ServiceKind = 'business' | 'infrastructure' | 'facility' | 'vendor';

export interface Service {
  id: string;
  name: string;
  kind: ServiceKind;
  critical: boolean;
  payment: boolean;
  userFacing: boolean;
  dependsOn: string[];
  ownerTeam: string | null;
  teamId: string | null;
  escalationPolicyId: string | null;
  runbook: string | null;
  rtoMinutes: number | null;
  rpoMinutes: number | null;
  createdAt: string;
  updatedAt: string;
}

/** What `POST /services` takes (and `PATCH`, without `id`). */
export type ServiceInput = Omit<Service, 'createdAt' | 'updatedAt'>;

export type MonitorKind = 'http' | 'tcp' | 'dns' | 'tls' | 'heartbeat';
export type CheckStatus = 'up' | 'degraded' | 'down';

/** One row of `GET /monitors` (up to 10,000 a page). */
export interface MonitorListItem extends Monitor {
  serviceId: string;
  kind: MonitorKind;
  intervalSeconds: number;
  locations: string[];
  lastStatus: CheckStatus | null;
  /** 90 daily uptime percentages (UTC days), oldest first, today last; null: not checked that day. */
  uptime90d: Array<number | null>;
}

export interface LocationVerdict {
  location: string;
  state: MonitorState;
  lastAt: string;
  lastStatus: CheckStatus;
  lastLatencyMs: number | null;
  lastError: string | null;
}

/** `GET /monitors/{id}`: the settings and each location's verdict as well. */
export interface MonitorDetail extends MonitorListItem {
  config: Record<string, unknown>;
  timeoutMs: number;
  failureThreshold: number;
  recoveryThreshold: number;
  quorum: number | null;
  graceSeconds: number;
  lastBeatAt: string | null;
  locationStates: LocationVerdict[];
  createdAt: string;
  updatedAt: string;
}

export interface MonitorInput {
  name: string;
  serviceId: string;
  kind: MonitorKind;
  config?: Record<string, unknown>;
  intervalSeconds?: number;
  timeoutMs?: number | null;
  failureThreshold?: number;
  recoveryThreshold?: number;
  locations?: string[];
  quorum?: number | null;
  graceSeconds?: number;
}

export interface CreatedMonitor {
  monitor: MonitorDetail;
  /** Heartbeat monitors only, and only in this answer. */
  pushToken: string | null;
  pushUrl: string | null;
}

export interface CheckNowResult {
  status: CheckStatus;
  latencyMs: number | null;
  error: string | null;
  recorded: boolean;
}

export interface CheckResultRow {
  at: string;
  location: string;
  status: CheckStatus;
  latencyMs: number | null;
  error: string | null;
}

export interface Rollup {
  start: string;
  up: number;
  degraded: number;
  down: number;
  uptimePct: number | null;
  latencyMeanMs: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

// Integration (the on-call/integrations section below) serves the service page too.

export interface EscalationTarget {
  kind: 'user' | 'schedule' | 'team';
  id: string;
}

export interface EscalationPolicy {
  id: string;
  name: string;
  teamId: string | null;
  steps: { delayMinutes: number; targets: EscalationTarget[] }[];
  repeat: number;
}

export interface Team {
  id: string;
  name: string;
}

// ---- on-call, integrations and settings (screens/oncall, integrations, settings) ----------------
export interface ShiftRange {
  scheduleId: string;
  from: string;
  to: string;
  items: Shift[];
}

export interface ScheduleLayer {
  id: string;
  name: string;
  participants: string[];
}

/** A schedule as GET /schedules/{id} answers it (the list items carry the same fields). */
export interface ScheduleDetail extends Schedule {
  teamId: string | null;
  layers: ScheduleLayer[];
}

export interface Override {
  id: string;
  scheduleId: string;
  userId: string;
  start: string;
  end: string;
  createdBy: string;
  createdAt: string;
}

export interface FeedUrl {
  url: string;
  path: string;
}

export type IntegrationKind = 'alertmanager' | 'grafana' | 'pagerduty' | 'opsgenie' | 'webhook' | 'heartbeat' | 'monitor';

export interface Integration {
  id: string;
  name: string;
  kind: IntegrationKind;
  serviceId: string | null;
  settings: {
    signatureHeader: string;
    timestampHeader: string | null;
    heartbeat: { intervalSeconds: number; graceSeconds: number } | null;
  };
  hasSecret: boolean;
  keyPrefix: string;
  disabled: boolean;
  createdAt: string;
}

/** POST /integrations and …/rotate-key: the only answers that carry the key. */
export interface IntegrationWithKey extends Integration {
  key: string;
  endpoints: Record<string, string>;
}

export interface ServiceOption {
  id: string;
  name: string;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type ChannelKind = 'email' | 'webhook' | 'slack' | 'wecom' | 'dingtalk' | 'feishu' | 'sms-gateway';

export interface Channel {
  id: string;
  name: string;
  kind: ChannelKind;
  teamId: string | null;
  locale: 'zh-CN' | 'en';
  /** As the API shows it: secrets masked. */
  config: Record<string, unknown>;
  disabled: boolean;
}

export interface TeamOption {
  id: string;
  name: string;
}

export type ImpactType = 'outage' | 'degraded' | 'data_leak' | 'security_attack' | 'vulnerability' | 'complaint' | 'incorrect_results';
export type ImpactScope = 'all' | 'region' | 'partial' | 'individual';

export interface GradeReason {
  rule: string;
  level: number;
  detail: string;
}

export interface GradeResult {
  level: number;
  reasons: GradeReason[];
}

export interface GradeInput {
  services: string[];
  impact: ImpactType;
  usersAffectedPct?: number | null;
  usersAffected?: number | null;
  scope?: ImpactScope | null;
  recordsExposed?: number | null;
  durationMinutes?: number | null;
}

export interface PolicyRule {
  kind: string;
  name: string;
  level: number;
  enabled: boolean;
  impacts: ImpactType[];
  minRecords: number | null;
  maxRecords: number | null;
}

export interface Policy {
  name: string;
  scope: { largePct: number; largeUsers: number | null; whenUnknown: string };
  propagate: ImpactType[];
  rules: PolicyRule[];
  durationEscalation: { fromLevel: number; afterMinutes: number; toLevel: number }[];
  levels: Record<string, { en: string; zh: string; nationalTier: string | null }>;
}

export type PageTarget = 'on-call' | 'escalation-policy' | 'team-channel' | 'leadership' | 'incident-commander';

export interface ResponseProfile {
  ackTargetMinutes: number | null;
  ackTimeoutMinutes?: number | null;
  page: PageTarget[];
  escalationStartStep: number;
  updateCadenceMinutes: number | null;
  statusPageUpdateRequired: boolean;
  postmortem: { required: boolean; dueWorkingDays: number | null };
  regulatorReport: { required: boolean; dueMinutes: number | null; clockStartsAt: 'detected' | 'started' };
}

export interface EffectiveProfile {
  level: number;
  source: 'policy' | 'override';
  profile: ResponseProfile;
}

export type ContactKind = 'email' | 'sms' | 'voice' | 'im';
export type ImChannel = 'slack' | 'wecom' | 'dingtalk' | 'feishu' | 'webhook';

export interface ContactMethod {
  id: string;
  userId: string;
  kind: ContactKind;
  label: string;
  /** An IM URL comes back masked. */
  address: string;
  channel: ImChannel | null;
  hasSecret: boolean;
  createdAt: string;
}

export interface NotificationRule {
  id: string;
  contactMethodId: string;
  delayMinutes: number;
}

// ---- incidents (screens/incidents) -------------------------------------------------------------
export interface PersonRef {
  id: string;
  name: string;
}

/** One incident as `GET /incidents/{id}` (and every list item) answers it. */
export interface IncidentDetail extends Incident {
  summary: string | null;
  levelLabel: { en: string; zh: string; nationalTier: string | null };
  levelReasons: GradeReason[];
  affected: { service: string; impact: ImpactType }[];
  usersAffectedPct: number | null;
  usersAffected: number | null;
  scope: ImpactScope | null;
  recordsExposed: number | null;
  alertCount: number;
  createdBy: string;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  suppressed: string | null;
  roles: { commander: PersonRef | null; communications: PersonRef | null };
  response: {
    ackDueAt: string | null;
    regulatorReportDueAt: string | null;
    statusPageUpdateRequired: boolean;
    postmortemRequired: boolean;
    page: string[];
  };
  /** The regulator's reporting clock (docs/postmortems.md). */
  regulatorReport: RegulatorClock;
}

export interface RegulatorClock {
  required: boolean;
  startsAt: string | null;
  dueAt: string | null;
  status: 'not_required' | 'due' | 'sent';
  sentAt: string | null;
  overdue: boolean;
  sentLate: boolean;
}

// ---- postmortems and regulator reports (docs/postmortems.md) ----------------------------------
export type PostmortemStatus = 'draft' | 'in_review' | 'published';

/** What the incident page shows of a postmortem (GET /incidents/{id}/postmortem has more). */
export interface PostmortemSummary {
  id: string;
  status: PostmortemStatus;
  required: boolean;
  dueAt: string | null;
  overdue: boolean;
  owner: PersonRef | null;
  actionItems: Array<{ id: string; title: string; status: string; overdue: boolean; dueDate: string; owner: PersonRef }>;
}

export interface RegulatorReportSummary {
  id: string;
  kind: 'initial' | 'final';
  status: 'draft' | 'sent';
  sentAt: string | null;
  recipient: string | null;
}

export type IncidentAction = 'acknowledge' | 'mitigate' | 'resolve' | 'reopen';
export type TimelineKind = 'created' | 'status' | 'level' | 'facts' | 'note' | 'paging' | 'role' | 'postmortem' | 'regulator';

export interface TimelineEntry {
  id: string;
  at: string;
  kind: TimelineKind;
  actor: { type: string; id: string | null; name: string };
  from: string | null;
  to: string | null;
  message: string | null;
}

export interface Alert {
  id: string;
  integrationId: string;
  dedupKey: string;
  status: string;
  incidentId: string | null;
  serviceId: string | null;
  summary: string;
  severity: string | null;
  impact: string;
  labels: Record<string, string>;
  eventCount: number;
  suppressed: string | null;
  flapping: boolean;
  firstAt: string;
  lastAt: string;
  resolvedAt: string | null;
}

export interface PagingFiring {
  seq: number;
  step: number | null;
  round: number;
  at: string;
  targets: { kind: string; id: string }[];
  cancelledAt: string | null;
  fired: boolean;
}

export interface PagingNotification {
  id: string;
  kind: string;
  step: number | null;
  round: number | null;
  userId: string | null;
  channelId: string | null;
  via: string;
  status: string;
  dueAt: string;
  attempts: number;
  lastError: string | null;
  bundleId: string | null;
  sentAt: string | null;
  /** The reminder a `reminder` notification delivers; null for other kinds. */
  reminderId: string | null;
}

/** `GET /incidents/{id}/paging`: the escalation (null when nothing was paged) and every notification. */
export interface IncidentPaging {
  escalation: { status: string; policyId: string | null; startedAt: string; nextAt: string | null; firings: PagingFiring[] } | null;
  notifications: PagingNotification[];
}

// ---- status pages (screens/status) -------------------------------------------------------------
export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
export type PublicStage = 'investigating' | 'identified' | 'monitoring' | 'resolved';
export type PublicImpact = 'none' | 'minor' | 'major' | 'critical';
export type MaintenanceState = 'scheduled' | 'in_progress' | 'completed';

export interface StatusBranding {
  /** An https URL or null. */
  logoUrl: string | null;
  /** `#rrggbb` or null. */
  primaryColor: string | null;
}

export interface StatusPage {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  hostnames: string[];
  branding: StatusBranding;
  defaultLocale: 'zh-CN' | 'en';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /status-pages` (and `PATCH`, every field optional). */
export type StatusPageInput = Pick<StatusPage, 'slug' | 'name' | 'description' | 'hostnames' | 'branding' | 'defaultLocale'>;

export interface StatusComponent {
  id: string;
  pageId: string;
  name: string;
  group: string | null;
  description: string | null;
  position: number;
  serviceIds: string[];
  /** Read only: the API takes no monitors yet. */
  monitorIds: string[];
  statusOverride: ComponentStatus | null;
  createdAt: string;
  updatedAt: string;
}

export type StatusComponentInput = Pick<StatusComponent, 'name' | 'group' | 'description' | 'serviceIds' | 'statusOverride'> & {
  position?: number;
};

export interface ShownComponent {
  id: string;
  status: ComponentStatus;
}

export interface StatusUpdate {
  id: string;
  stage: PublicStage;
  body: string;
  createdBy: string;
  createdAt: string;
}

export interface StatusIncident {
  id: string;
  pageId: string;
  /** The internal incident it is about: only referred to, nothing of it is shown publicly. */
  incidentId: string | null;
  title: string;
  impact: PublicImpact;
  stage: PublicStage;
  components: ShownComponent[];
  createdBy: string;
  startedAt: string;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Newest first. */
  updates: StatusUpdate[];
}

export interface StatusIncidentInput {
  title: string;
  impact: PublicImpact;
  components: ShownComponent[];
  incidentId: string | null;
  stage: PublicStage;
  body: string;
}

export interface StatusUpdateInput {
  stage: PublicStage;
  body: string;
  components?: ShownComponent[];
}

export interface StatusMaintenance {
  id: string;
  pageId: string;
  title: string;
  body: string;
  componentIds: string[];
  startsAt: string;
  endsAt: string;
  state: MaintenanceState;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type StatusMaintenanceInput = Pick<StatusMaintenance, 'title' | 'body' | 'componentIds' | 'startsAt' | 'endsAt'>;

/** `GET /status-pages/{id}/snapshot`: what the public page shows now (only the fields the console reads). */
export interface StatusSnapshot {
  version: number;
  builtAt: string;
  overall: ComponentStatus;
  components: { id: string; name: string; group: string | null; status: ComponentStatus; uptime90: number | null }[];
}
