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

export interface DB {
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
}
