import type { Generated } from 'kysely';

/**
 * The database schema as Kysely sees it. Times are epoch milliseconds (bigint), booleans are
 * 0/1 integers and structured values are JSON text, so both dialects store the same bytes.
 */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  locale: string;
  time_zone: string;
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface ServicesTable {
  id: string;
  name: string;
  kind: string;
  critical: number;
  payment: number;
  user_facing: number;
  owner_team: string | null;
  runbook: string | null;
  rto_minutes: number | null;
  rpo_minutes: number | null;
  created_at: number;
  updated_at: number;
  team_id: string | null;
  escalation_policy_id: string | null;
  /** VendorContact[] as JSON (0009); '[]' by default. */
  contacts: Generated<string>;
  /** The availability the contract promises, percent (0009). */
  contracted_sla_pct: number | null;
}

export interface ServiceDependenciesTable {
  service_id: string;
  depends_on_id: string;
}

export interface IncidentsTable {
  id: string;
  number: number;
  title: string;
  summary: string | null;
  status: string;
  level: number;
  level_reasons: string;
  /** ImpactFacts as JSON. */
  facts: string;
  drill: number;
  alert_count: number;
  version: number;
  created_by: string;
  started_at: number;
  created_at: number;
  acknowledged_at: number | null;
  mitigated_at: number | null;
  resolved_at: number | null;
  updated_at: number;
  /** Why pages are held back (`silence:<id>`, `maintenance:<id>`), or null. */
  suppressed: string | null;
  /** `manual` (opened by a person) or `signals` (opened by alerts). */
  origin: string;
  /** Who holds the incident's roles (user ids), or null; written only by the roles operation. */
  commander_id: string | null;
  communications_id: string | null;
}

export interface IncidentServicesTable {
  incident_id: string;
  service_id: string;
}

export interface IncidentEventsTable {
  id: string;
  incident_id: string;
  at: number;
  kind: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  from_value: string | null;
  to_value: string | null;
  message: string | null;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface ResponseProfilesTable {
  level: number;
  profile: string;
  updated_at: number;
}

export interface IntegrationsTable {
  id: string;
  name: string;
  kind: string;
  key_hash: string;
  key_prefix: string;
  service_id: string | null;
  config: string;
  secret_enc: string | null;
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface AlertsTable {
  id: string;
  integration_id: string;
  dedup_key: string;
  status: string;
  incident_id: string | null;
  service_id: string | null;
  summary: string;
  severity: string | null;
  impact: string;
  labels: string;
  details: string | null;
  event_count: number;
  suppressed: string | null;
  flap: string | null;
  flapping: number;
  first_at: number;
  last_at: number;
  resolved_at: number | null;
}

export interface SignalEventsTable {
  id: string;
  integration_id: string;
  alert_id: string | null;
  dedup_key: string;
  action: string;
  summary: string;
  received_at: number;
}

export interface SilencesTable {
  id: string;
  matchers: string;
  starts_at: number;
  ends_at: number;
  created_by: string;
  comment: string;
  created_at: number;
}

export interface MaintenanceWindowsTable {
  id: string;
  service_ids: string;
  starts_at: number | null;
  ends_at: number | null;
  cron: string | null;
  duration_minutes: number | null;
  time_zone: string;
  comment: string;
  created_by: string;
  created_at: number;
}

export interface HeartbeatsTable {
  id: string;
  integration_id: string;
  name: string;
  interval_seconds: number;
  grace_seconds: number;
  state: string;
  last_beat_at: number | null;
  last_msg: string | null;
  last_ping_ms: number | null;
  created_at: number;
}

export interface TeamsTable {
  id: string;
  name: string;
  description: string | null;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface ContactMethodsTable {
  id: string;
  user_id: string;
  kind: string;
  label: string;
  address: string | null;
  /** IM methods: slack, wecom, dingtalk, feishu, webhook. */
  channel: string | null;
  /** Sealed JSON config of IM methods (robot URL, signing secret). */
  config_enc: string | null;
  created_at: number;
}

export interface NotificationRulesTable {
  id: string;
  user_id: string;
  contact_method_id: string;
  delay_minutes: number;
  created_at: number;
}

export interface SchedulesTable {
  id: string;
  name: string;
  team_id: string | null;
  time_zone: string;
  /** Layer[] as JSON. */
  layers: string;
  created_at: number;
  updated_at: number;
}

export interface ScheduleOverridesTable {
  id: string;
  schedule_id: string;
  user_id: string;
  starts_at: number;
  ends_at: number;
  created_by: string;
  created_at: number;
}

export interface EscalationPoliciesTable {
  id: string;
  name: string;
  team_id: string | null;
  /** Step[] as JSON. */
  steps: string;
  repeat: number;
  created_at: number;
  updated_at: number;
}

export interface ChannelsTable {
  id: string;
  name: string;
  kind: string;
  team_id: string | null;
  locale: string;
  /** Sealed JSON config (URL, secrets). */
  config_enc: string;
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface SettingsTable {
  name: string;
  value: string;
  updated_at: number;
}

export interface EscalationsTable {
  incident_id: string;
  policy_id: string | null;
  /** `active`, `acknowledged` (waiting for the ack timeout), `stopped` or `exhausted`. */
  status: string;
  /** EscalationState as JSON. */
  state: string;
  /** When the worker must look again (next firing or ack timeout); null: nothing left. */
  next_at: number | null;
  version: number;
  started_at: number;
  updated_at: number;
}

export interface NotificationsTable {
  id: string;
  incident_id: string;
  /** `page`, `channel` (a team channel post), `resolved`, `reminder`. */
  kind: string;
  step: number | null;
  round: number | null;
  user_id: string | null;
  contact_method_id: string | null;
  channel_id: string | null;
  channel_kind: string;
  /** What rate limits and bundling count against: one robot, one mailbox, one phone. */
  target_key: string;
  locale: string;
  /** `pending`, `sending`, `sent`, `failed`, `unknown`, `cancelled`, `bundled`. */
  status: string;
  due_at: number;
  attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  bundle_id: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  /** The `reminders` row a `reminder` notification delivers (0011); null for every other kind. */
  reminder_id: string | null;
}

export interface StatusPagesTable {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  /** JSON array of lower-case host names mapped to this page. */
  hostnames: string;
  /** JSON object: logoUrl, primaryColor, … */
  branding: string;
  default_locale: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface StatusComponentsTable {
  id: string;
  page_id: string;
  group_name: string | null;
  name: string;
  description: string | null;
  position: number;
  /** JSON array of service ids. */
  service_ids: string;
  /** JSON array of monitor ids. */
  monitor_ids: string;
  status_override: string | null;
  created_at: number;
  updated_at: number;
}

export interface StatusIncidentsTable {
  id: string;
  page_id: string;
  incident_id: string | null;
  title: string;
  impact: string;
  stage: string;
  /** JSON array of component ids. */
  component_ids: string;
  /** JSON object: component id → status shown while open. */
  component_status: string;
  created_by: string;
  started_at: number;
  resolved_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface StatusUpdatesTable {
  id: string;
  status_incident_id: string;
  stage: string;
  body: string;
  created_by: string;
  created_at: number;
}

export interface StatusMaintenancesTable {
  id: string;
  page_id: string;
  title: string;
  body: string;
  /** JSON array of component ids. */
  component_ids: string;
  starts_at: number;
  ends_at: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface StatusSubscribersTable {
  id: string;
  page_id: string;
  kind: string;
  address: string;
  /** JSON array of component ids; empty: all. */
  component_ids: string;
  locale: string;
  secret_enc: string | null;
  confirm_token_hash: string | null;
  confirmed_at: number | null;
  unsubscribe_token_hash: string;
  created_at: number;
}

export interface StatusDeliveriesTable {
  id: string;
  subscriber_id: string;
  kind: string;
  ref_id: string | null;
  status: string;
  due_at: number;
  attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface DB {
  drills: DrillsTable;
  drill_runs: DrillRunsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  services: ServicesTable;
  service_dependencies: ServiceDependenciesTable;
  incidents: IncidentsTable;
  incident_services: IncidentServicesTable;
  incident_events: IncidentEventsTable;
  audit_log: AuditLogTable;
  counters: CountersTable;
  response_profiles: ResponseProfilesTable;
  integrations: IntegrationsTable;
  alerts: AlertsTable;
  signal_events: SignalEventsTable;
  silences: SilencesTable;
  maintenance_windows: MaintenanceWindowsTable;
  heartbeats: HeartbeatsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  contact_methods: ContactMethodsTable;
  notification_rules: NotificationRulesTable;
  schedules: SchedulesTable;
  schedule_overrides: ScheduleOverridesTable;
  escalation_policies: EscalationPoliciesTable;
  channels: ChannelsTable;
  settings: SettingsTable;
  escalations: EscalationsTable;
  notifications: NotificationsTable;
  status_pages: StatusPagesTable;
  status_components: StatusComponentsTable;
  status_incidents: StatusIncidentsTable;
  status_updates: StatusUpdatesTable;
  status_maintenances: StatusMaintenancesTable;
  status_subscribers: StatusSubscribersTable;
  status_deliveries: StatusDeliveriesTable;
  monitors: MonitorsTable;
  monitor_locations: MonitorLocationsTable;
  monitor_location_states: MonitorLocationStatesTable;
  monitor_results: MonitorResultsTable;
  monitor_rollups: MonitorRollupsTable;
  slos: SlosTable;
  postmortems: PostmortemsTable;
  action_items: ActionItemsTable;
  regulator_reports: RegulatorReportsTable;
  reminders: RemindersTable;
  monitor_backups: MonitorBackupsTable;
}

export interface SlosTable {
  id: string;
  service_id: string;
  name: string;
  target_pct: number;
  /** `rolling` or `calendar-month`. */
  window_kind: string;
  window_days: number | null;
  /** JSON array of monitor ids; null: the service's monitors. */
  monitor_ids: string | null;
  created_at: number;
  updated_at: number;
}

export interface MonitorBackupsTable {
  monitor_id: string;
  last_good_at: number | null;
  rpo_alert_at: number | null;
}

export interface MonitorsTable {
  id: string;
  seq: number;
  name: string;
  service_id: string;
  kind: string;
  config: string;
  interval_seconds: number;
  timeout_ms: number;
  failure_threshold: number;
  recovery_threshold: number;
  locations: string;
  quorum: number | null;
  paused: number;
  state: string;
  state_since: number;
  push_token_hash: string | null;
  grace_seconds: number;
  last_beat_at: number | null;
  bars: string;
  bars_day: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface MonitorLocationsTable {
  id: string;
  seq: number;
  name: string;
  description: string | null;
  token_hash: string | null;
  token_prefix: string | null;
  last_seen_at: number | null;
  state: string;
  created_at: number;
  updated_at: number;
}

export interface MonitorLocationStatesTable {
  monitor_id: string;
  location: string;
  state: string;
  streak: number;
  streak_status: string | null;
  last_at: number;
  last_status: string;
  last_latency_ms: number | null;
  last_error: string | null;
}

export interface MonitorResultsTable {
  monitor_seq: number;
  at: number;
  location_seq: number;
  status: number;
  latency_ms: number | null;
  error: string | null;
}

export interface MonitorRollupsTable {
  monitor_seq: number;
  grain: number;
  start: number;
  up: number;
  degraded: number;
  down: number;
  latency_sum: number;
  latency_count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface PostmortemsTable {
  id: string;
  incident_id: string;
  status: string;
  required: number;
  due_at: number | null;
  owner_id: string | null;
  /** PostmortemText as JSON. */
  content: string;
  /** IncidentFacts as JSON, frozen at publication; null before. */
  facts: string | null;
  version: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  published_at: number | null;
  published_by: string | null;
}

export interface ActionItemsTable {
  id: string;
  title: string;
  description: string | null;
  owner_id: string;
  due_date: string;
  due_at: number;
  status: string;
  source: string | null;
  source_id: string | null;
  incident_id: string | null;
  version: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

export interface RegulatorReportsTable {
  id: string;
  incident_id: string;
  kind: string;
  /** RegulatorText as JSON. */
  content: string;
  /** What was sent (facts and text) as JSON; null before. */
  sent_snapshot: string | null;
  sent_at: number | null;
  sent_by: string | null;
  recipient: string | null;
  channel: string | null;
  send_note: string | null;
  version: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface RemindersTable {
  id: string;
  key: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  incident_id: string | null;
  user_id: string | null;
  due_at: number;
  message: string;
  fired_at: number;
}

/** Drills (0010): JSON columns hold the scenario, participants and schedule (docs/drills.md). */
export interface DrillsTable {
  id: string;
  name: string;
  scenario: string;
  hypothesis: string | null;
  blast_radius: string | null;
  participants: string;
  schedule: string | null;
  status: string;
  next_run_at: number | null;
  version: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface DrillRunsTable {
  id: string;
  drill_id: string;
  started_via: string;
  started_by: string;
  started_at: number;
  snapshot: string;
  incident_ids: string;
  injected_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  recover_requested_at: number | null;
  detect_ms: number | null;
  acknowledge_ms: number | null;
  mitigate_ms: number | null;
  recover_ms: number | null;
  services: string | null;
  verdict: string;
  findings: string | null;
  ended_at: number | null;
  version: number;
  updated_at: number;
}
