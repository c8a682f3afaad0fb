import type { Kysely, Migration } from 'kysely';

/**
 * Drills (issue 8, docs/drills.md): the rehearsed scenarios and each run of one, with what it
 * measured. A drill's `next_run_at` is what the scheduler claims (a conditional update, so one
 * node starts each run); a run's lease covers injecting its signals, so a node that dies before
 * they are committed is replaced by another.
 */
export const drills: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('drills')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      // JSON [{serviceId, impact}]
      .addColumn('scenario', 'text', (c) => c.notNull())
      .addColumn('hypothesis', 'text')
      .addColumn('blast_radius', 'text')
      // JSON [{userId, role}]
      .addColumn('participants', 'text', (c) => c.notNull())
      // JSON null | {at} | {cron, timeZone}
      .addColumn('schedule', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('next_run_at', 'bigint')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('drills_next_run_idx').on('drills').column('next_run_at').execute();

    await db.schema
      .createTable('drill_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('drill_id', 'text', (c) => c.notNull())
      // schedule | manual
      .addColumn('started_via', 'text', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      // The drill's name and scenario as they were when the run started (JSON).
      .addColumn('snapshot', 'text', (c) => c.notNull())
      // JSON array of incident ids, once the signals are in.
      .addColumn('incident_ids', 'text', (c) => c.notNull())
      .addColumn('injected_at', 'bigint')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('recover_requested_at', 'bigint')
      .addColumn('detect_ms', 'bigint')
      .addColumn('acknowledge_ms', 'bigint')
      .addColumn('mitigate_ms', 'bigint')
      .addColumn('recover_ms', 'bigint')
      // JSON [{serviceId, rtoMinutes, recoverMs, verdict}], set when the run ends.
      .addColumn('services', 'text')
      // pending | met | breached | no_target
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('findings', 'text')
      .addColumn('ended_at', 'bigint')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('drill_runs_drill_idx').on('drill_runs').columns(['drill_id', 'id']).execute();
    // The scheduler's sweep reads the runs not ended yet.
    await db.schema.createIndex('drill_runs_open_idx').on('drill_runs').columns(['ended_at', 'id']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('drill_runs').ifExists().execute();
    await db.schema.dropTable('drills').ifExists().execute();
  },
};
