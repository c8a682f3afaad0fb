// A real Prometheus Alertmanager (Debian's `prometheus-alertmanager`, 0.25) started on loopback,
// with a webhook receiver pointing at the real Fenghuo server process: alerts posted to
// Alertmanager become one incident per Alertmanager group in Fenghuo, and resolve when
// Alertmanager resolves them. Alertmanager's re-sends of a group never open extra incidents.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, startServer, type Server, serverEnv } from '../helpers/server-process.js';

/** Where Debian's `prometheus-alertmanager` package puts the binary. CI installs it (.ci/run). */
const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';
/** How long to wait for Fenghuo to reflect what Alertmanager was told (group_wait/group_interval are 1 s). */
const CONVERGE_MS = 20_000;

// ---------------------------------------------------------------------------
// Alertmanager process
// ---------------------------------------------------------------------------

interface Alertmanager {
  base: string;
  output(): string;
  stop(): Promise<void>;
}

function missingAlertmanager(): Error {
  return new Error(
    `${ALERTMANAGER_BIN} not found: this end-to-end test drives a real Alertmanager. Install Debian's ` +
      '`prometheus-alertmanager` package (apt-get install --no-install-recommends prometheus-alertmanager; ' +
      '.ci/run does so in CI) — and do not start its system service, the test starts its own.',
  );
}

function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts Alertmanager on 127.0.0.1 with no clustering, its storage under `dir`, and one route
 * grouping by alertname and service into a webhook receiver at `webhookUrl` (send_resolved).
 */
async function startAlertmanager(dir: string, webhookUrl: string): Promise<Alertmanager> {
  if (!existsSync(ALERTMANAGER_BIN)) throw missingAlertmanager();
  const configFile = join(dir, 'alertmanager.yml');
  const config = {
    route: {
      receiver: 'fenghuo',
      group_by: ['alertname', 'service'],
      group_wait: '1s',
      group_interval: '1s',
      repeat_interval: '1h',
    },
    receivers: [{ name: 'fenghuo', webhook_configs: [{ url: webhookUrl, send_resolved: true }] }],
  };
  await writeFile(configFile, JSON.stringify(config, null, 2)); // JSON is YAML

  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(
      ALERTMANAGER_BIN,
      [
        `--config.file=${configFile}`,
        `--storage.path=${join(dir, `data-${attempt}`)}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=', // no gossip
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit); // never outlive the test process

    const deadline = Date.now() + 15_000;
    let ready = false;
    while (!ready) {
      const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
      if (failed) throw new Error(`could not start ${ALERTMANAGER_BIN}: ${failed.message}`);
      if (child.exitCode !== null || child.signalCode !== null) break;
      try {
        ready = (await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(2_000) })).ok;
      } catch {
        // not listening yet
      }
      if (!ready && Date.now() > deadline) {
        await stopChild(child, 2_000);
        process.removeListener('exit', killOnExit);
        throw new Error(`Alertmanager did not become ready on ${base}:\n${out}`);
      }
    }
    if (ready) {
      return {
        base,
        output: () => out,
        stop: async () => {
          await stopChild(child);
          process.removeListener('exit', killOnExit);
        },
      };
    }
    process.removeListener('exit', killOnExit);
    lastError = `Alertmanager exited (${child.exitCode ?? child.signalCode}) on ${base}:\n${out}`; // e.g. the port was taken meanwhile
  }
  throw new Error(lastError);
}

// ---------------------------------------------------------------------------
// Alerts, as Prometheus posts them to Alertmanager's API v2
// ---------------------------------------------------------------------------

interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL: string;
}

const startsAt = new Date(Date.now() - 60_000).toISOString();
const firing = (labels: Record<string, string>, summary: string): PostableAlert => ({
  labels,
  annotations: { summary },
  startsAt,
  generatorURL: `http://prometheus.example:9090/graph?g0.expr=${encodeURIComponent(labels.alertname ?? '')}`,
});
const resolvedNow = (alert: PostableAlert): PostableAlert => ({ ...alert, endsAt: new Date().toISOString() });

const DB_1 = firing({ alertname: 'DBDown', service: 'orders-db', instance: 'db-1:5432', severity: 'critical' }, 'orders-db db-1 is down');
const DB_2 = firing({ alertname: 'DBDown', service: 'orders-db', instance: 'db-2:5432', severity: 'critical' }, 'orders-db db-2 is down');
const DB_3 = firing({ alertname: 'DBDown', service: 'orders-db', instance: 'db-3:5432', severity: 'critical' }, 'orders-db db-3 is down');
const CHECKOUT = firing({ alertname: 'CheckoutSlow', service: 'checkout', severity: 'warning' }, 'checkout p99 latency above 2 s');

async function postAlerts(am: Alertmanager, alerts: PostableAlert[]): Promise<void> {
  const res = await fetch(`${am.base}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(res.status, 200, `Alertmanager refused the alerts: ${await res.text()}`);
}

/** A counter from Alertmanager's /metrics, summed over the series whose labels include `match`. */
async function amCounter(am: Alertmanager, name: string, match: string): Promise<number> {
  const text = await (await fetch(`${am.base}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(match))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

// ---------------------------------------------------------------------------
// Fenghuo API, as seen by the test
// ---------------------------------------------------------------------------

interface IncidentView {
  id: string;
  number: number;
  title: string;
  status: string;
  alertCount: number;
  services: string[];
}

interface AlertView {
  id: string;
  dedupKey: string;
  status: string;
  incidentId: string | null;
  serviceId: string | null;
  impact: string;
  labels: Record<string, string>;
  eventCount: number;
  resolvedAt: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of DIALECTS) {
  describe(`a real Alertmanager delivering to Fenghuo (${dialect})`, () => {
    let db: TestDatabase | undefined;
    let server: Server | undefined;
    let am: Alertmanager | undefined;
    let amDir: string | undefined;
    let base: string;
    let token: string;
    let integrationId: string;
    /** Incident ids per Alertmanager group, as first seen. */
    const incidentOf: { db?: string; checkout?: string } = {};

    const api = async <T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const incidents = async (query: string) =>
      (await api<{ items: IncidentView[] }>('GET', `/api/v1/incidents?limit=100${query}`)).body.items;
    const alertsOf = async (incidentId: string) =>
      (await api<{ items: AlertView[] }>('GET', `/api/v1/incidents/${incidentId}/alerts`)).body.items;
    const byInstance = (alerts: AlertView[], instance: string) => alerts.find((a) => a.labels.instance === instance);

    /** The steps below build on each other: after one fails, the rest fail at once instead of waiting. */
    let brokenAt: string | undefined;
    const step = (name: string, fn: () => Promise<void>): void => {
      it(name, async () => {
        if (brokenAt) assert.fail(`not run: the earlier step "${brokenAt}" failed`);
        try {
          await fn();
        } catch (err) {
          brokenAt = name;
          throw err;
        }
      });
    };

    /** Polls `check` until it returns a value (not undefined), at most CONVERGE_MS; fails with the last state seen. */
    async function converge<T>(what: string, check: () => Promise<{ done: T | undefined; seen: unknown }>): Promise<T> {
      const deadline = Date.now() + CONVERGE_MS;
      let seen: unknown;
      for (;;) {
        const result = await check();
        if (result.done !== undefined) return result.done;
        seen = result.seen;
        if (Date.now() > deadline) {
          assert.fail(
            `Fenghuo did not show ${what} within ${CONVERGE_MS / 1000} s.\nlast seen: ${JSON.stringify(seen, null, 2)}\n` +
              `--- alertmanager ---\n${am?.output().slice(-4_000) ?? ''}\n--- fenghuo ---\n${server?.output().slice(-4_000) ?? ''}`,
          );
        }
        await sleep(200);
      }
    }

    before(async () => {
      if (!existsSync(ALERTMANAGER_BIN)) throw missingAlertmanager(); // fail, never skip: CI installs it
      db = await createTestDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = serverEnv(db, port);
      server = await startServer(env, base);
      const created = cli(env, ['token', 'create', '--name', 'alertmanager-e2e', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      token = created.stdout.trim();

      assert.equal(
        (await api('POST', '/api/v1/services', { id: 'orders-db', name: 'Orders database', kind: 'infrastructure' })).status,
        201,
      );
      assert.equal((await api('POST', '/api/v1/services', { id: 'checkout', name: 'Checkout', critical: true })).status, 201);
      // No bound service: each alert is routed by its `service` label.
      const integration = await api<{ id: string; key: string; serviceId: string | null; endpoints: { url: string } }>(
        'POST',
        '/api/v1/integrations',
        {
          name: 'prometheus',
          kind: 'alertmanager',
        },
      );
      assert.equal(integration.status, 201, JSON.stringify(integration.body));
      assert.equal(integration.body.serviceId, null);
      assert.equal(integration.body.endpoints.url, `/api/v1/integrations/${integration.body.key}/alertmanager`);
      integrationId = integration.body.id;

      amDir = await mkdtemp(join(tmpdir(), 'fh-alertmanager-'));
      am = await startAlertmanager(amDir, `${base}${integration.body.endpoints.url}`);
    });

    after(async () => {
      // Alertmanager first, so it stops delivering before the server goes; each step runs regardless.
      const cleanups: Array<() => Promise<void> | undefined> = [
        () => am?.stop(),
        () => server?.stop(),
        () => db?.drop(),
        () => (amDir ? rm(amDir, { recursive: true, force: true }) : undefined),
      ];
      const errors: unknown[] = [];
      for (const cleanup of cleanups) {
        try {
          await cleanup();
        } catch (err) {
          errors.push(err);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed');
    });

    step('turns each Alertmanager group into one incident, routed by the service label', async () => {
      await postAlerts(am!, [DB_1, DB_2, CHECKOUT]);

      const [dbIncident, checkoutIncident] = await converge('one open incident per group', async () => {
        const open = await incidents('&status=open');
        const dbI = open.filter((i) => i.services.includes('orders-db'));
        const coI = open.filter((i) => i.services.includes('checkout'));
        const done = open.length === 2 && dbI.length === 1 && coI.length === 1 && dbI[0]?.alertCount === 2 && coI[0]?.alertCount === 1;
        return { done: done ? ([dbI[0]!, coI[0]!] as const) : undefined, seen: open };
      });
      assert.deepEqual(dbIncident.services, ['orders-db']);
      assert.deepEqual(checkoutIncident.services, ['checkout']);
      assert.equal(dbIncident.status, 'triggered');
      assert.match(dbIncident.title, /^orders-db db-[12] is down$/);
      assert.equal(checkoutIncident.title, 'checkout p99 latency above 2 s');
      incidentOf.db = dbIncident.id;
      incidentOf.checkout = checkoutIncident.id;

      const dbAlerts = await alertsOf(dbIncident.id);
      assert.deepEqual(dbAlerts.map((a) => a.labels.instance).sort(), ['db-1:5432', 'db-2:5432']);
      for (const a of dbAlerts) {
        assert.equal(a.status, 'firing');
        assert.equal(a.serviceId, 'orders-db');
        assert.equal(a.impact, 'outage'); // severity=critical
        // Dedup key: Alertmanager's groupKey + the alert's fingerprint.
        assert.match(a.dedupKey, /^\{\}:\{alertname="DBDown", service="orders-db"\}\|[0-9a-f]{16}$/);
      }
      const [checkoutAlert, ...others] = await alertsOf(checkoutIncident.id);
      assert.equal(others.length, 0);
      assert.equal(checkoutAlert?.serviceId, 'checkout');
      assert.match(checkoutAlert?.dedupKey ?? '', /^\{\}:\{alertname="CheckoutSlow", service="checkout"\}\|[0-9a-f]{16}$/);
    });

    step('keeps one incident per group when Alertmanager re-sends a changed group', async () => {
      // Prometheus re-posts everything still firing on each evaluation; a new instance changes the
      // DBDown group, so Alertmanager re-sends the whole group (db-1 and db-2 again, with db-3).
      await postAlerts(am!, [DB_1, DB_2, DB_3, CHECKOUT]);

      const dbAlerts = await converge('db-3 joining the DBDown incident', async () => {
        const alerts = await alertsOf(incidentOf.db!);
        return { done: alerts.length === 3 ? alerts : undefined, seen: alerts };
      });
      // db-1 and db-2 were delivered again and deduplicated onto the same alerts.
      assert.ok((byInstance(dbAlerts, 'db-1:5432')?.eventCount ?? 0) >= 2, JSON.stringify(dbAlerts));
      assert.ok((byInstance(dbAlerts, 'db-2:5432')?.eventCount ?? 0) >= 2, JSON.stringify(dbAlerts));
      assert.equal(byInstance(dbAlerts, 'db-3:5432')?.eventCount, 1);

      const open = await incidents('&status=open');
      assert.equal(open.length, 2, JSON.stringify(open));
      assert.equal(open.find((i) => i.id === incidentOf.db)?.alertCount, 3);
      assert.equal(open.find((i) => i.id === incidentOf.checkout)?.alertCount, 1);
    });

    step('keeps the incident open while some alerts of its group still fire', async () => {
      await postAlerts(am!, [resolvedNow(DB_1)]);

      const dbAlerts = await converge('db-1 resolved', async () => {
        const alerts = await alertsOf(incidentOf.db!);
        return { done: byInstance(alerts, 'db-1:5432')?.status === 'resolved' ? alerts : undefined, seen: alerts };
      });
      assert.ok(byInstance(dbAlerts, 'db-1:5432')?.resolvedAt);
      assert.equal(byInstance(dbAlerts, 'db-2:5432')?.status, 'firing');
      assert.equal(byInstance(dbAlerts, 'db-3:5432')?.status, 'firing');
      const open = await incidents('&status=open');
      assert.deepEqual(open.map((i) => i.id).sort(), [incidentOf.db, incidentOf.checkout].sort());
    });

    step('resolves the incidents when Alertmanager resolves their alerts', async () => {
      await postAlerts(am!, [resolvedNow(DB_2), resolvedNow(DB_3), resolvedNow(CHECKOUT)]);

      const resolved = await converge('both incidents resolved', async () => {
        const open = await incidents('&status=open');
        const done = await incidents('&status=resolved');
        return { done: open.length === 0 && done.length === 2 ? done : undefined, seen: { open, resolved: done } };
      });
      assert.deepEqual(resolved.map((i) => i.id).sort(), [incidentOf.db, incidentOf.checkout].sort());
      for (const id of [incidentOf.db!, incidentOf.checkout!]) {
        assert.ok((await alertsOf(id)).every((a) => a.status === 'resolved' && a.resolvedAt !== null));
        const timeline = await api<{ items: Array<{ kind: string; to: string | null; message: string | null; actor: { name: string } }> }>(
          'GET',
          `/api/v1/incidents/${id}/timeline`,
        );
        const resolution = timeline.body.items.filter((e) => e.kind === 'status' && e.to === 'resolved');
        assert.equal(resolution.length, 1, JSON.stringify(timeline.body.items));
        assert.equal(resolution[0]?.message, 'all alerts resolved');
        assert.equal(resolution[0]?.actor.name, 'integration:prometheus');
      }
    });

    step('has opened no extra incidents or alerts from Alertmanager re-sends, and every delivery succeeded', async () => {
      // Give Alertmanager a few more group intervals to send anything still pending.
      await sleep(2_500);
      const all = await incidents('');
      assert.equal(all.length, 2, JSON.stringify(all));
      assert.ok(
        all.every((i) => i.status === 'resolved'),
        JSON.stringify(all),
      );
      const alerts = await api<{ items: AlertView[] }>('GET', `/api/v1/alerts?integrationId=${integrationId}&limit=500`);
      assert.equal(alerts.body.items.length, 4, JSON.stringify(alerts.body.items));
      assert.ok(alerts.body.items.every((a) => a.status === 'resolved'));

      const sent = await amCounter(am!, 'alertmanager_notifications_total', 'integration="webhook"');
      const failed = await amCounter(am!, 'alertmanager_notifications_failed_total', 'integration="webhook"');
      assert.equal(failed, 0, `Fenghuo refused ${failed} webhook deliveries:\n${am!.output()}`);
      // At least: 2 groups firing, DBDown changed twice, both groups resolved.
      assert.ok(sent >= 6, `Alertmanager sent only ${sent} notifications`);
    });
  });
}
