// Probe agents end to end: the real server process (`node bin/fenghuo.js serve`) and three real
// agent processes (`node bin/fenghuo.js agent`), one per location, checking one HTTP monitor with
// a quorum of two (a majority of three):
// (a) all three see the target up: the monitor is up, no incident;
// (b) one location is cut off from the target (a network partition simulated in that agent's
//     process by test/helpers/partition-preload.ts): it says down, the monitor stays up;
// (c) a second one is cut off: the monitor is down and its service has an incident whose alert
//     names the two locations;
// (d) both heal: the monitor is up again and the incident resolved;
// (e) an agent is killed: its location is `lost` after FENGHUO_LOCATION_LOST_SECONDS and raises
//     "Probe location … stopped reporting"; the agent comes back and the alert clears.
// Monitors are checked every 10 s at the least, so each step waits for the next check (~10 s).

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { BIN, cli, freePort, serverEnv, startServer, type Server } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait-for.js';

const PARTITION_PRELOAD = new URL('../helpers/partition-preload.js', import.meta.url).href;
const LOCATIONS = ['gz-1', 'sh-1', 'bj-1'] as const;
type LocationName = (typeof LOCATIONS)[number];

type Api = (method: string, path: string, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface LocationState {
  location: string;
  state: string;
  lastAt: string;
  lastError: string | null;
}
interface MonitorJson {
  state: string;
  locationStates: LocationState[];
}
interface AlertJson {
  id: string;
  dedupKey: string;
  status: string;
  incidentId: string | null;
  serviceId: string | null;
  summary: string;
}

interface AgentProcess {
  location: LocationName;
  partitioned: boolean;
  child: ChildProcess;
  output: () => string;
}

for (const dialect of DIALECTS) {
  describe(`probe agents with the real server (${dialect})`, { timeout: 240_000 }, () => {
    let db: TestDatabase | undefined;
    let server: Server | undefined;
    let targetServer: http.Server | undefined;
    const children: ChildProcess[] = [];
    const agents = new Map<LocationName, AgentProcess>();
    const agentTokens = new Map<LocationName, string>();
    let base = '';
    let targetPort = 0;
    let api: Api;
    let monitorId = '';
    let incidentId = '';

    const context = (): string =>
      [...agents.values()]
        .map((a) => `--- agent ${a.location}${a.partitioned ? ' (partitioned)' : ''}:\n${a.output().slice(-3_000)}`)
        .join('\n') + `\n--- server:\n${server?.output().slice(-3_000) ?? ''}`;

    /** Starts `fenghuo agent` for a location; `partitioned`: it cannot reach the target. */
    async function startAgent(location: LocationName, partitioned: boolean): Promise<AgentProcess> {
      const args = [
        ...(partitioned ? ['--import', PARTITION_PRELOAD] : []),
        BIN,
        'agent',
        '--server',
        base,
        '--location',
        location,
        '--poll-seconds',
        '1',
      ];
      const child = spawn(process.execPath, args, {
        env: {
          PATH: process.env.PATH,
          // The token from the environment, not the command line, as an operator would run it.
          FENGHUO_AGENT_TOKEN: agentTokens.get(location),
          ...(partitioned ? { FENGHUO_TEST_PARTITION: `127.0.0.1:${targetPort}` } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      const agent: AgentProcess = { location, partitioned, child, output: () => out };
      agents.set(location, agent);
      await waitFor(`agent ${location} to start`, () => out.includes('"msg":"agent started"') || child.exitCode !== null, 15_000, {
        everyMs: 250,
        context,
      });
      assert.equal(child.exitCode, null, `agent ${location} exited:\n${out}`);
      return agent;
    }

    /** SIGTERM: the agent makes a last upload and exits 0. */
    async function stopAgent(location: LocationName): Promise<void> {
      const agent = agents.get(location);
      assert.ok(agent);
      const exited = once(agent.child, 'exit');
      agent.child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0, `agent ${location} exit code\n${agent.output()}`);
      assert.match(agent.output(), /"msg":"agent stopped"/);
    }

    async function monitor(): Promise<MonitorJson> {
      return (await api('GET', `/api/v1/monitors/${monitorId}`)) as MonitorJson;
    }
    const locationState = (m: MonitorJson, location: LocationName) => m.locationStates.find((s) => s.location === location);
    /** A check by `location` that started after `since` says `state`. */
    const reportedSince = (m: MonitorJson, location: LocationName, state: string, since: number) => {
      const s = locationState(m, location);
      return s !== undefined && s.state === state && Date.parse(s.lastAt) > since;
    };
    const openIncidents = async () => (await api('GET', '/api/v1/incidents?service=checkout&status=open')).items as Array<{ id: string }>;

    before(async () => {
      db = await createTestDatabase(dialect);
      targetServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('checkout ok'));
      targetServer.listen(0, '127.0.0.1');
      await once(targetServer, 'listening');
      targetPort = (targetServer.address() as AddressInfo).port;

      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = { ...serverEnv(db, port), FENGHUO_LOCATION_LOST_SECONDS: '8' };
      server = await startServer(env, base);
      const created = cli(env, ['token', 'create', '--name', 'e2e', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      const token = created.stdout.trim();
      api = async (method, path, body) => {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
        return text ? JSON.parse(text) : null;
      };

      await api('POST', '/api/v1/services', { id: 'checkout', name: 'Checkout' });
      for (const name of LOCATIONS) {
        const { location, token: agentToken } = await api('POST', '/api/v1/locations', { name });
        assert.equal(location.name, name);
        assert.match(agentToken, /^fha_/);
        agentTokens.set(name, agentToken);
      }
      const { monitor: m } = await api('POST', '/api/v1/monitors', {
        name: 'checkout home',
        serviceId: 'checkout',
        kind: 'http',
        config: { url: `http://127.0.0.1:${targetPort}/` },
        intervalSeconds: 10,
        failureThreshold: 1,
        recoveryThreshold: 1,
        locations: [...LOCATIONS],
      });
      monitorId = m.id;
      await Promise.all(LOCATIONS.map((l) => startAgent(l, false)));
    });

    after(async () => {
      for (const child of children) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await once(child, 'exit').catch(() => undefined);
        }
      }
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await once(server.child, 'exit').catch(() => undefined);
      }
      targetServer?.closeAllConnections();
      await new Promise((resolve) => (targetServer ? targetServer.close(resolve) : resolve(undefined)));
      await db?.drop();
    });

    it('(a) all three locations see the target: the monitor is up, no incident', async () => {
      await waitFor(
        'the monitor to be up at all three locations',
        async () => {
          const m = await monitor();
          return m.state === 'up' && LOCATIONS.every((l) => locationState(m, l)?.state === 'up');
        },
        30_000,
        { everyMs: 250, context },
      );
      assert.deepEqual(await openIncidents(), []);
    });

    it('(b) one location cut off: it says down, the quorum keeps the monitor up', async () => {
      await stopAgent('gz-1');
      const since = Date.now();
      await startAgent('gz-1', true);
      await waitFor('gz-1 to report down', async () => reportedSince(await monitor(), 'gz-1', 'down', since), 30_000, {
        everyMs: 250,
        context,
      });
      const m = await monitor();
      assert.equal(m.state, 'up', 'one location of three is not a quorum');
      assert.equal(locationState(m, 'gz-1')?.lastError, 'connection refused');
      assert.equal(locationState(m, 'sh-1')?.state, 'up');
      assert.equal(locationState(m, 'bj-1')?.state, 'up');
      await sleep(500); // a signal would follow the commit closely
      assert.deepEqual(await openIncidents(), []);
    });

    it('(c) a second location cut off: the monitor is down and the service has an incident naming both', async () => {
      await stopAgent('sh-1');
      await startAgent('sh-1', true);
      await waitFor('the monitor to be down', async () => (await monitor()).state === 'down', 30_000, { everyMs: 250, context });
      await waitFor('an open incident for checkout', async () => (await openIncidents()).length > 0, 10_000, { everyMs: 250, context });
      const open = await openIncidents();
      assert.equal(open.length, 1);
      incidentId = open[0]!.id;
      const alerts = (await api('GET', `/api/v1/incidents/${incidentId}/alerts`)).items as AlertJson[];
      const alert = alerts.find((a) => a.dedupKey === `monitor:${monitorId}`);
      assert.ok(alert, JSON.stringify(alerts));
      assert.equal(alert.serviceId, 'checkout');
      assert.match(alert.summary, /HTTP monitor checkout home is down: connection refused/);
      assert.match(alert.summary, /2 of 3 locations: (gz-1, sh-1|sh-1, gz-1)/);
      assert.ok(!alert.summary.includes('bj-1'), alert.summary);
    });

    it('(d) both heal: the monitor is up again and the incident resolved', async () => {
      await Promise.all([stopAgent('gz-1'), stopAgent('sh-1')]);
      await Promise.all([startAgent('gz-1', false), startAgent('sh-1', false)]);
      await waitFor('the monitor to be up', async () => (await monitor()).state === 'up', 30_000, { everyMs: 250, context });
      await waitFor(
        'the incident to be resolved',
        async () => (await api('GET', `/api/v1/incidents/${incidentId}`)).status === 'resolved',
        10_000,
        { everyMs: 250, context },
      );
      const alerts = (await api('GET', `/api/v1/incidents/${incidentId}/alerts`)).items as AlertJson[];
      assert.ok(
        alerts.every((a) => a.status === 'resolved'),
        JSON.stringify(alerts),
      );
      assert.deepEqual(await openIncidents(), []);
    });

    it('(e) a killed agent: its location is lost and alerts; it comes back and the alert clears', async () => {
      const bj = agents.get('bj-1');
      assert.ok(bj);
      bj.child.kill('SIGKILL');
      await once(bj.child, 'exit');
      const locationAlert = async (): Promise<AlertJson | undefined> =>
        ((await api('GET', '/api/v1/alerts?limit=500')).items as AlertJson[]).find((a) => a.dedupKey === 'location:bj-1');
      const locationsNow = async () => (await api('GET', '/api/v1/locations')).items as Array<{ name: string; state: string }>;

      await waitFor('bj-1 to be lost', async () => (await locationsNow()).find((l) => l.name === 'bj-1')?.state === 'lost', 30_000, {
        everyMs: 250,
        context,
      });
      await waitFor('the location alert', async () => (await locationAlert())?.status === 'firing', 10_000, { everyMs: 250, context });
      const raised = await locationAlert();
      assert.ok(raised);
      assert.match(raised.summary, /^Probe location bj-1 stopped reporting/);
      // The agents still running are not lost, and two of three still make the quorum.
      const states = Object.fromEntries((await locationsNow()).map((l) => [l.name, l.state]));
      assert.equal(states['gz-1'], 'up');
      assert.equal(states['sh-1'], 'up');
      assert.equal((await monitor()).state, 'up');

      await startAgent('bj-1', false);
      await waitFor('bj-1 to be up again', async () => (await locationsNow()).find((l) => l.name === 'bj-1')?.state === 'up', 10_000, {
        everyMs: 250,
        context,
      });
      await waitFor('the location alert to clear', async () => (await locationAlert())?.status === 'resolved', 10_000, {
        everyMs: 250,
        context,
      });
      if (raised.incidentId) {
        await waitFor(
          'its incident to be resolved',
          async () => (await api('GET', `/api/v1/incidents/${raised.incidentId}`)).status === 'resolved',
          10_000,
          { everyMs: 250, context },
        );
      }
    });
  });
}
