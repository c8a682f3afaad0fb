// Reliability reports over many incidents: how long GET /api/v1/reports/* takes with --incidents
// (default 100,000) started in the last 30 days, plus --older (default 100,000) started before
// that, which the range must skip. The rows are written straight into a fresh database (the API
// would take minutes to open them one by one); the requests go through the whole app
// (authentication, validation, query, computation, JSON or CSV), in process.
//
//   npm run build && node dist/bench/reports.js [options]   (--help lists them)

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql, type Insertable } from 'kysely';
import { buildApp } from '../src/api/app.js';
import { SYSTEM_ACTOR } from '../src/domain/actor.js';
import { DEFAULT_POLICY } from '../src/domain/grading/policy.js';
import { createToken } from '../src/operations/access/tokens.js';
import { systemClock, timeOrderedIds, type Deps } from '../src/operations/context.js';
import { secretBox } from '../src/operations/secret-box.js';
import { migrateToLatest, openStore, type Store } from '../src/store/database.js';
import type { IncidentServicesTable, IncidentsTable } from '../src/store/schema.js';
import { machineDescription, ms, numberOption, rng } from './harness.js';

const DAY = 86_400_000;
const SERVICES = 60;
const TEAMS = 12;

const USAGE = `usage: node dist/bench/reports.js [options]   (npm run bench:reports -- [options])
  --incidents N   incidents started in the last 30 days (100000)
  --older N       incidents started before that, which the range must skip (100000)
  --runs N        requests per report; the table gives the median and the max (7)
  --pg URL        an empty, throwaway PostgreSQL database instead of SQLite in a temp dir`;

function options(): { incidents: number; older: number; runs: number; pg: string | null } {
  const { values } = parseArgs({
    options: {
      incidents: { type: 'string', default: '100000' },
      older: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '7' },
      pg: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return {
    incidents: numberOption('incidents', values.incidents, 1, 5_000_000, true),
    older: numberOption('older', values.older, 0, 5_000_000, true),
    runs: numberOption('runs', values.runs, 1, 100, true),
    pg: values.pg ?? null,
  };
}

/** Services with owners, then incidents with 1–3 services and realistic, mostly ordered times. */
async function seed(store: Store, count: number, from: number, span: number, firstNumber: number, random: () => number) {
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const incidents: Array<Insertable<IncidentsTable>> = [];
    const links: Array<Insertable<IncidentServicesTable>> = [];
    for (let n = start; n < Math.min(count, start + batch); n++) {
      const id = `bench-${firstNumber + n}`;
      const startedAt = from + Math.floor(random() * span);
      const createdAt = startedAt + Math.floor(random() * 600_000);
      const ack = random() < 0.9 ? createdAt + Math.floor(random() * 1_800_000) : null;
      const mitigated = ack !== null && random() < 0.8 ? ack + Math.floor(random() * 7_200_000) : null;
      const resolved = mitigated !== null && random() < 0.9 ? mitigated + Math.floor(random() * 3_600_000) : null;
      const level = 1 + Math.floor(random() * 4);
      incidents.push({
        id,
        number: firstNumber + n,
        title: `bench incident ${n}`,
        summary: null,
        status: resolved !== null ? 'resolved' : mitigated !== null ? 'mitigated' : ack !== null ? 'acknowledged' : 'triggered',
        level,
        level_reasons: '[]',
        facts: '{"affected":[]}',
        drill: random() < 0.02 ? 1 : 0,
        alert_count: 0,
        version: 1,
        created_by: 'bench',
        started_at: startedAt,
        created_at: createdAt,
        acknowledged_at: ack,
        mitigated_at: mitigated,
        resolved_at: resolved,
        updated_at: resolved ?? mitigated ?? ack ?? createdAt,
        suppressed: null,
        origin: 'signals',
      });
      const services = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => `svc-${Math.floor(random() * SERVICES)}`));
      for (const service_id of services) links.push({ incident_id: id, service_id });
    }
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('incidents').values(incidents).execute();
      await trx.insertInto('incident_services').values(links).execute();
    });
  }
}

async function main(): Promise<void> {
  const opts = options();
  const dataDir = mkdtempSync(join(tmpdir(), 'fh-bench-reports-'));
  const store = openStore({ databaseUrl: opts.pg, dataDir, poolSize: 5 });
  try {
    await migrateToLatest(store);
    const now = systemClock.now();
    const random = rng(42);
    const services = Array.from({ length: SERVICES }, (_, i) => ({
      id: `svc-${i}`,
      name: `Service ${i}`,
      kind: 'business',
      critical: 0,
      payment: 0,
      user_facing: 1,
      owner_team: i % 5 === 4 ? null : `team-${i % TEAMS}`,
      created_at: now,
      updated_at: now,
    }));
    await store.db.insertInto('services').values(services).execute();
    const seeding = performance.now();
    await seed(store, opts.older, now - 400 * DAY, 365 * DAY, 1, random);
    await seed(store, opts.incidents, now - 30 * DAY + 1000, 30 * DAY - 2000, opts.older + 1, random);
    const seeded = performance.now() - seeding;
    // What autovacuum would do within a minute of such an insert; without statistics PostgreSQL
    // plans the filters as if the tables were empty.
    if (store.dialect === 'postgres') await sql`analyze`.execute(store.db);

    const deps: Deps = {
      store,
      clock: systemClock,
      ids: timeOrderedIds(systemClock, randomBytes),
      policy: DEFAULT_POLICY,
      secrets: secretBox(randomBytes(32)),
    };
    const { app } = await buildApp(deps, { bodyLimitBytes: 1 << 20, sessionHours: 12, cookieSecure: false, logger: false });
    const { token } = await createToken({ ...deps, actor: SYSTEM_ACTOR, requestId: null }, { name: 'bench', role: 'viewer' });

    const m = machineDescription();
    console.log(`# reports bench: ${store.dialect}, ${opts.incidents.toLocaleString('en-US')} incidents in the last 30 days, `);
    console.log(`# ${opts.older.toLocaleString('en-US')} older; seeded in ${(seeded / 1000).toFixed(1)} s`);
    console.log(`# ${m.model}, ${m.nproc} CPUs, node ${m.node}, ${m.git}\n`);
    console.log('| request (last 30 days) | incidents | median ms | median CPU ms | max ms |');
    console.log('|---|---|---|---|---|');
    const urls = [
      '/api/v1/reports/metrics?groupBy=level',
      '/api/v1/reports/metrics?groupBy=service',
      '/api/v1/reports/metrics?groupBy=team',
      '/api/v1/reports/metrics?groupBy=week&tz=Asia/Shanghai',
      '/api/v1/reports/metrics?groupBy=service&format=csv',
      '/api/v1/reports/metrics?groupBy=level&team=team-3',
      '/api/v1/reports/incident-counts?interval=day',
    ];
    for (const url of urls) {
      const wall: number[] = [];
      const cpu: number[] = [];
      let counted = 0;
      for (let run = 0; run < opts.runs; run++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        if (!url.includes('csv')) {
          const body = JSON.parse(res.body) as { overall?: { count: number }; total?: { count: number } };
          counted = (body.overall ?? body.total)?.count ?? 0;
        }
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] ?? 0;
      const max = Math.max(...wall);
      console.log(
        `| \`${url.replace('/api/v1/reports/', '')}\` | ${counted ? counted.toLocaleString('en-US') : 'as above'} | ${ms(median(wall))} | ${ms(median(cpu))} | ${ms(max)} |`,
      );
    }
    console.log('\n(incidents: counted overall; CPU: this process, user + system, during the request)');
    await app.close();
  } finally {
    if (opts.pg) {
      await store.db.deleteFrom('incident_services').where('incident_id', 'like', 'bench-%').execute();
      await store.db.deleteFrom('incidents').where('id', 'like', 'bench-%').execute();
    }
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
