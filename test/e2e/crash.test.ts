// The crash test (issue 3, "Fast and never lost"): the real server process is killed with SIGKILL
// while a client sends PagerDuty events at full speed; after a restart on the same data, every
// event that got a 2xx is in the store exactly once, and nothing is stored twice.
//
// A request that failed with a connection error has an unknown outcome: it may or may not have
// been committed before the kill, but it must never be stored twice.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from '../../src/store/database.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, startServer, type Server, serverEnv } from '../helpers/server-process.js';

/** Concurrent keep-alive connections of the load client. */
const CONNECTIONS = 32;
/** The server is killed once this much time has passed and MIN_ACKED events were acknowledged. */
const RUN_MS = 1_500;
const MIN_ACKED = 300;
/** If MIN_ACKED is not reached by then, the test fails rather than waiting forever. */
const MAX_RUN_MS = 20_000;

interface Reply {
  status: number;
  text: string;
}

/** One POST over `agent`; rejects on a connection error or after `timeoutMs`. */
function post(agent: http.Agent, port: number, path: string, body: string, timeoutMs = 15_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function triggerEvent(routingKey: string, dedupKey: string): string {
  return JSON.stringify({
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: { summary: `crash test event ${dedupKey}`, source: 'crash-test', severity: 'warning', custom_details: { n: dedupKey } },
  });
}

for (const dialect of DIALECTS) {
  describe(`crash test: SIGKILL during full-speed ingest loses and duplicates nothing (${dialect})`, { timeout: 60_000 }, () => {
    let db: TestDatabase | undefined;
    let server: Server | undefined;
    let store: Store | undefined;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

    before(async () => {
      db = await createTestDatabase(dialect);
    });
    after(async () => {
      agent.destroy();
      await store?.close().catch(() => undefined);
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await once(server.child, 'exit').catch(() => undefined);
      }
      await db?.drop();
    });

    it('every acknowledged dedup key is stored exactly once after a kill -9 and a restart', { timeout: 60_000 }, async () => {
      assert.ok(db);
      const started = Date.now();
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = serverEnv(db, port);
      server = await startServer(env, base);
      const first = server;

      const token = cli(env, ['token', 'create', '--name', 'crash-test', '--role', 'admin']);
      assert.equal(token.status, 0, token.stderr);
      const created = await fetch(`${base}/api/v1/integrations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.stdout.trim()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'crash-test', kind: 'pagerduty' }),
      });
      assert.equal(created.status, 201, await created.clone().text());
      const integration = (await created.json()) as { id: string; key: string };

      // ---- load: CONNECTIONS workers, each sending one event per request as fast as it can ----
      const acked = new Set<string>();
      const unknown = new Map<string, string>(); // dedup key → connection error
      const refused = new Map<string, Reply>(); // answered, but not 2xx
      let next = 0;
      let stopping = false;
      let inFlight = 0;
      let inFlightAtKill = -1;
      let errorsBeforeKill = 0;
      const worker = async () => {
        while (!stopping) {
          const key = `crash-${next++}`;
          inFlight++;
          try {
            const reply = await post(agent, port, '/v2/enqueue', triggerEvent(integration.key, key));
            if (reply.status >= 200 && reply.status < 300) acked.add(key);
            else refused.set(key, reply);
          } catch (err) {
            if (!stopping) errorsBeforeKill++;
            unknown.set(key, (err as Error).message);
          } finally {
            inFlight--;
          }
        }
      };
      const loadStart = Date.now();
      const workers = Array.from({ length: CONNECTIONS }, () => worker());
      while (Date.now() - loadStart < RUN_MS || acked.size < MIN_ACKED) {
        if (Date.now() - loadStart > MAX_RUN_MS) break;
        if (first.child.exitCode !== null) break;
        await sleep(10);
      }
      const ackedAtKill = acked.size;
      stopping = true;
      inFlightAtKill = inFlight;
      const alreadyGone = first.child.exitCode !== null || first.child.signalCode !== null;
      const exited = alreadyGone ? Promise.resolve([first.child.exitCode, first.child.signalCode]) : once(first.child, 'exit');
      first.child.kill('SIGKILL');
      const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      await Promise.all(workers);
      const loadMs = Date.now() - loadStart;

      const summary =
        `${dialect}: ${next} sent in ${loadMs} ms, ${acked.size} acknowledged (${ackedAtKill} when killed), ` +
        `${unknown.size} connection errors, ${refused.size} other answers, ${inFlightAtKill} in flight at the kill`;
      process.stderr.write(`[crash] ${summary}\n`);
      assert.equal(signal, 'SIGKILL', `the server should die of SIGKILL, not exit on its own:\n${first.output()}`);
      assert.ok(ackedAtKill >= MIN_ACKED, `too few events acknowledged before the kill (${summary})`);
      assert.ok(inFlightAtKill > 0, `no request was in flight at the kill (${summary})`);
      assert.equal(errorsBeforeKill, 0, `connection errors before the kill: ${[...unknown.values()].slice(0, 5).join('; ')}`);
      assert.deepEqual(
        [...refused.entries()].slice(0, 5).map(([k, r]) => `${k}: ${r.status} ${r.text.slice(0, 200)}`),
        [],
        'every answered request should have been accepted',
      );

      // ---- restart on the same data: it must come up, and still take events ----
      server = await startServer(env, base);
      const afterRestart = await post(agent, port, '/v2/enqueue', triggerEvent(integration.key, 'after-restart'));
      assert.equal(afterRestart.status, 202, afterRestart.text);

      // ---- verify through the database (read-only queries) ----
      store = openStore({ databaseUrl: db.url ?? null, dataDir: db.dataDir, poolSize: 2 });
      const events = await store.db
        .selectFrom('signal_events')
        .select(['dedup_key', 'action', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('integration_id', '=', integration.id)
        .groupBy(['dedup_key', 'action'])
        .execute();
      const alerts = await store.db
        .selectFrom('alerts')
        .select(['dedup_key', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('integration_id', '=', integration.id)
        .groupBy('dedup_key')
        .execute();
      const eventCount = new Map<string, number>();
      for (const row of events) {
        assert.equal(row.action, 'trigger', `unexpected action for ${row.dedup_key}`);
        eventCount.set(row.dedup_key, (eventCount.get(row.dedup_key) ?? 0) + Number(row.n));
      }
      const alertCount = new Map(alerts.map((row) => [row.dedup_key, Number(row.n)]));

      const duplicatedEvents = [...eventCount].filter(([, n]) => n !== 1);
      assert.deepEqual(duplicatedEvents.slice(0, 10), [], `dedup keys stored more than once in signal_events (${duplicatedEvents.length})`);
      const duplicatedAlerts = [...alertCount].filter(([, n]) => n !== 1);
      assert.deepEqual(duplicatedAlerts.slice(0, 10), [], `dedup keys with more than one alert (${duplicatedAlerts.length})`);

      const lostEvents = [...acked].filter((k) => !eventCount.has(k));
      assert.deepEqual(
        lostEvents.slice(0, 10),
        [],
        `acknowledged events missing from signal_events (${lostEvents.length} of ${acked.size})`,
      );
      const lostAlerts = [...acked].filter((k) => !alertCount.has(k));
      assert.deepEqual(lostAlerts.slice(0, 10), [], `acknowledged events without an alert (${lostAlerts.length} of ${acked.size})`);

      // Nothing was stored that was never sent, and events and alerts were written together.
      const sent = (k: string) => acked.has(k) || unknown.has(k) || k === 'after-restart';
      const phantoms = [...eventCount.keys()].filter((k) => !sent(k));
      assert.deepEqual(phantoms.slice(0, 10), [], 'stored events that no request sent');
      const eventsWithoutAlert = [...eventCount.keys()].filter((k) => !alertCount.has(k));
      const alertsWithoutEvent = [...alertCount.keys()].filter((k) => !eventCount.has(k));
      assert.deepEqual(eventsWithoutAlert.slice(0, 10), [], 'events stored without their alert');
      assert.deepEqual(alertsWithoutEvent.slice(0, 10), [], 'alerts stored without their event');
      assert.ok(eventCount.has('after-restart'), 'the event sent after the restart is stored');

      const unknownStored = [...unknown.keys()].filter((k) => eventCount.has(k)).length;
      process.stderr.write(
        `[crash] ${dialect}: verified ${acked.size} acknowledged keys stored exactly once; ` +
          `${unknownStored} of ${unknown.size} unknown-outcome keys were committed; total ${Date.now() - started} ms\n`,
      );

      await server.stop();
    });
  });
}
