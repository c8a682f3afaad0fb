import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createIncident } from '../../src/operations/incidents/create-incident.js';
import { ChangeFeed, type LiveEvent } from '../../src/operations/live/change-feed.js';
import { LiveHub, type LiveSubscriber } from '../../src/operations/live/live-hub.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON */

interface Frame {
  event: string | null;
  data: any;
  comment: string | null;
  retry: number | null;
  /** When it arrived (Date.now()). */
  at: number;
}

function parseFrame(text: string): Frame {
  const frame: Frame = { event: null, data: null, comment: null, retry: null, at: Date.now() };
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6));
    else if (line.startsWith('retry: ')) frame.retry = Number(line.slice(7));
  }
  return frame;
}

interface Stream {
  status: number;
  headers: Headers;
  frames: Frame[];
  /** The first frame (received so far or within `ms`) that `match` accepts. */
  until(what: string, match: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  ended(): boolean;
  close(): void;
}

/** Opens `GET /api/v1/events` with fetch and reads its frames as they come. */
async function openStream(base: string, token: string | null): Promise<Stream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}/api/v1/events`, { headers, signal: controller.signal });
  const frames: Frame[] = [];
  let ended = false;
  const body = res.body;
  if (res.status === 200 && body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            frames.push(parseFrame(buffer.slice(0, end)));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // aborted
      } finally {
        ended = true;
      }
    })();
  } else {
    frames.push({ event: null, data: await res.json(), comment: null, retry: null, at: Date.now() });
    ended = true;
  }
  return {
    status: res.status,
    headers: res.headers,
    frames,
    async until(what, match, ms = 3_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = frames.find(match);
        if (found) return found;
        if (Date.now() > deadline || ended) throw new Error(`no ${what} within ${ms} ms; got ${JSON.stringify(frames)}`);
        await sleep(5);
      }
    },
    ended: () => ended,
    close: () => controller.abort(),
  };
}

async function eventually(what: string, probe: () => boolean | Promise<boolean>, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

/**
 * Within a second of the commit, which lies between the change's stamp (`updatedAt`) and the answer
 * to the call that made it (`answeredAt`). Measured from the answer: on a busy machine a transaction
 * can take a while between stamp and commit, which is not the feed's delay.
 */
function assertPrompt(frame: Frame, answeredAt: number): void {
  const delay = frame.at - answeredAt;
  assert.ok(delay < 1000, `event ${JSON.stringify(frame.data)} came ${delay} ms after the change was answered`);
  assert.ok(frame.at >= Date.parse(frame.data.updatedAt), 'not before the change');
}

const incidentEvent = (id: string, version: number) => (f: Frame) =>
  f.event === 'incident' && f.data.id === id && f.data.version === version;

for (const dialect of DIALECTS) {
  describe(`live events (${dialect})`, () => {
    let t: TestApp;
    let base = '';
    let pdKey = '';

    before(async () => {
      t = await startTestApp(dialect);
      for (const id of ['orders', 'queue'])
        assert.equal((await t.call('POST', '/api/v1/services', { body: { id, name: id } })).status, 201);
      // Alerts of their own service, so they open an incident rather than join one opened by hand.
      const integration = await t.call('POST', '/api/v1/integrations', { body: { name: 'pd', kind: 'pagerduty', serviceId: 'queue' } });
      assert.equal(integration.status, 201, integration.text);
      pdKey = integration.body.key as string;
      base = await listen(t);
    });
    after(() => t.close());

    it('answers 401 without or with wrong credentials, and opens nothing', async () => {
      for (const token of [null, 'fh_not-a-real-token']) {
        const res = await openStream(base, token);
        assert.equal(res.status, 401);
        assert.equal(res.frames[0]?.data.error.code, 'unauthenticated');
      }
      assert.equal(t.live.clients, 0);
      assert.equal(t.live.active, false);
    });

    it('sends the headers at once, then the retry interval', async () => {
      const stream = await openStream(base, t.tokens.viewer);
      try {
        assert.equal(stream.status, 200);
        assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
        assert.equal(stream.headers.get('cache-control'), 'no-store');
        assert.equal(stream.headers.get('x-content-type-options'), 'nosniff');
        assert.ok(stream.headers.get('x-request-id'));
        const first = await stream.until('retry', () => true);
        assert.equal(first.retry, 2000);
        assert.equal(t.live.clients, 1);
      } finally {
        stream.close();
      }
    });

    it('reports incidents opened through the API and by an inbound PagerDuty event, and their changes, within a second', async () => {
      const stream = await openStream(base, t.tokens.viewer);
      try {
        await stream.until('retry', (f) => f.retry !== null);

        const created = await t.call('POST', '/api/v1/incidents', {
          as: 'responder',
          body: { title: 'Checkout fails', services: ['orders'], impact: 'outage' },
        });
        assert.equal(created.status, 201, created.text);
        let answeredAt = Date.now();
        const opened = await stream.until('the new incident', incidentEvent(created.body.id, 1));
        assertPrompt(opened, answeredAt);
        assert.deepEqual(opened.data, {
          id: created.body.id,
          number: created.body.number,
          status: 'triggered',
          level: created.body.level,
          version: 1,
          updatedAt: created.body.updatedAt,
        });

        const ack = await t.call('POST', `/api/v1/incidents/${created.body.id}/acknowledge`, { as: 'responder' });
        assert.equal(ack.status, 200, ack.text);
        answeredAt = Date.now();
        const acked = await stream.until('the acknowledgement', incidentEvent(created.body.id, 2));
        assert.equal(acked.data.status, 'acknowledged');
        assertPrompt(acked, answeredAt);

        const lead = await t.call('POST', '/api/v1/users', { body: { email: 'lead@example.com', name: 'Lead', role: 'responder' } });
        const roles = await t.call('PUT', `/api/v1/incidents/${created.body.id}/roles`, {
          as: 'responder',
          body: { commander: lead.body.id },
        });
        assert.equal(roles.status, 200, roles.text);
        answeredAt = Date.now();
        const assigned = await stream.until('the new commander', incidentEvent(created.body.id, 3));
        assert.equal(assigned.data.updatedAt, roles.body.updatedAt);
        assertPrompt(assigned, answeredAt);

        const fired = await t.call('POST', '/v2/enqueue', {
          as: null,
          body: {
            routing_key: pdKey,
            event_action: 'trigger',
            dedup_key: 'live-1',
            payload: { summary: 'queue backlog', source: 'mq-1', severity: 'critical' },
          },
        });
        assert.equal(fired.status, 202, fired.text);
        answeredAt = Date.now();
        const fromPd = await stream.until(
          'the incident from PagerDuty',
          (f) => f.event === 'incident' && f.data.id !== created.body.id && f.data.version === 1,
        );
        assertPrompt(fromPd, answeredAt);
        const incident = await t.call('GET', `/api/v1/incidents/${fromPd.data.id}`);
        assert.equal(incident.body.title, 'queue backlog');
        assert.equal(fromPd.data.status, 'triggered');
      } finally {
        stream.close();
      }
    });

    it('reports a change made on another node of the cluster', async () => {
      const stream = await openStream(base, t.tokens.viewer);
      const other = await startTestApp(dialect, { database: t.database, secrets: t.deps.secrets });
      try {
        await stream.until('retry', (f) => f.retry !== null);
        const created = await other.call('POST', '/api/v1/incidents', {
          body: { title: 'From node B', services: ['orders'], impact: 'degraded' },
        });
        assert.equal(created.status, 201, created.text);
        const answeredAt = Date.now();
        const seen = await stream.until('the other node’s incident', incidentEvent(created.body.id, 1));
        assertPrompt(seen, answeredAt);
      } finally {
        stream.close();
        await other.close();
      }
    });

    it('reports monitor states as lists show them: pending, up, paused, and back', async () => {
      const stream = await openStream(base, t.tokens.viewer);
      try {
        await stream.until('retry', (f) => f.retry !== null);
        const created = await t.call('POST', '/api/v1/monitors', {
          as: 'responder',
          body: {
            name: 'nightly export',
            serviceId: 'orders',
            kind: 'heartbeat',
            intervalSeconds: 3600,
            failureThreshold: 1,
            recoveryThreshold: 1,
          },
        });
        assert.equal(created.status, 201, created.text);
        const id = created.body.monitor.id as string;
        const monitorEvent = (state: string) => (f: Frame) => f.event === 'monitor' && f.data.id === id && f.data.state === state;
        assert.deepEqual((await stream.until('the new monitor', monitorEvent('pending'))).data, { id, state: 'pending' });
        assert.deepEqual((await t.call('GET', `/api/push/${created.body.pushToken}?status=up&msg=OK`, { as: null })).body, { ok: true });
        await stream.until('up', monitorEvent('up'));
        assert.equal((await t.call('POST', `/api/v1/monitors/${id}/pause`, { as: 'responder' })).status, 200);
        await stream.until('paused', monitorEvent('paused'));
        const resumedAt = stream.frames.length;
        assert.equal((await t.call('POST', `/api/v1/monitors/${id}/resume`, { as: 'responder' })).status, 200);
        await stream.until('up again', (f) => monitorEvent('up')(f) && stream.frames.indexOf(f) >= resumedAt);
        // A change that leaves the state as it was is no event.
        const renamedAt = stream.frames.length;
        assert.equal(
          (await t.call('PATCH', `/api/v1/monitors/${id}`, { as: 'responder', body: { name: 'nightly export v2' } })).status,
          200,
        );
        await sleep(600);
        assert.ok(!stream.frames.slice(renamedAt).some((f) => f.event === 'monitor' && f.data.id === id));
      } finally {
        stream.close();
      }
    });

    it('lets go of a client that disconnects, and stops polling when the last one has', async () => {
      const a = await openStream(base, t.tokens.viewer);
      const b = await openStream(base, t.tokens.admin);
      await a.until('retry', (f) => f.retry !== null);
      await b.until('retry', (f) => f.retry !== null);
      await eventually('two clients', () => t.live.clients === 2);
      assert.equal(t.live.active, true);
      a.close();
      await eventually('one client', () => t.live.clients === 1);
      assert.equal(t.live.active, true);
      b.close();
      await eventually('no client and no timers', () => t.live.clients === 0 && !t.live.active);
      // A new client starts it again and still hears of changes.
      const c = await openStream(base, t.tokens.viewer);
      try {
        await c.until('retry', (f) => f.retry !== null);
        const created = await t.call('POST', '/api/v1/incidents', {
          body: { title: 'After a restart', services: ['orders'], impact: 'outage' },
        });
        await c.until('the incident', incidentEvent(created.body.id, 1));
      } finally {
        c.close();
      }
      await eventually('idle again', () => t.live.clients === 0 && !t.live.active);
    });

    it('refuses more than 1,000 connections per process with 503', async () => {
      const idle: LiveSubscriber = { deliver: () => undefined, ping: () => undefined, close: () => undefined };
      const leave: Array<() => void> = [];
      try {
        while (t.live.clients < 1000) leave.push(await t.live.subscribe({ ...idle }));
        const refused = await openStream(base, t.tokens.viewer);
        assert.equal(refused.status, 503);
        assert.equal(refused.frames[0]?.data.error.code, 'unavailable');
      } finally {
        for (const unsubscribe of leave) unsubscribe();
      }
      assert.equal(t.live.clients, 0);
      assert.equal(t.live.active, false);
      const again = await openStream(base, t.tokens.viewer);
      assert.equal(again.status, 200);
      again.close();
      await eventually('idle', () => t.live.clients === 0);
    });

    it('ends open streams when the app closes, and closing does not wait for them', async () => {
      const node = await startTestApp(dialect);
      try {
        const url = await listen(node);
        const stream = await openStream(url, node.tokens.viewer);
        await stream.until('retry', (f) => f.retry !== null);
        const started = Date.now();
        await node.app.close();
        assert.ok(Date.now() - started < 2000, `closing took ${Date.now() - started} ms`);
        await eventually('the stream to end', () => stream.ended());
        assert.equal(node.live.clients, 0);
        assert.equal(node.live.active, false);
        await assert.rejects(
          node.live.subscribe({ deliver: () => undefined, ping: () => undefined, close: () => undefined }),
          /shutting down/,
        );
      } finally {
        await node.close();
      }
    });

    it('pings idle clients, and its timers stop with the last one', async () => {
      const hub = new LiveHub(t.deps, {
        pollMs: 20,
        pingMs: 30,
        lookbackMs: 5000,
        maxClients: 2,
        onError: (err) => assert.fail(String(err)),
      });
      let pings = 0;
      const leave = await hub.subscribe({ deliver: () => undefined, ping: () => (pings += 1), close: () => undefined });
      await eventually('two pings', () => pings >= 2);
      leave();
      assert.equal(hub.active, false);
      const after = pings;
      await sleep(100);
      assert.equal(pings, after, 'no ping after the last client left');
      await hub.close();
    });

    it('sees changes stamped in the same millisecond, and one committed after a later one was seen', async () => {
      const now = Date.now() + 60_000;
      const clock = { now: () => now };
      const ctx = { ...t.systemContext, clock };
      const feed = new ChangeFeed({ store: t.deps.store, clock }, 5_000);
      await feed.prime();
      const first = await createIncident(ctx, { title: 'same ms 1', services: ['orders'], impact: 'outage' });
      const second = await createIncident(ctx, { title: 'same ms 2', services: ['orders'], impact: 'outage' });
      const ids = (events: LiveEvent[]) => events.filter((e) => e.type === 'incident').map((e) => e.id);
      assert.deepEqual(ids(await feed.poll()).sort(), [first.id, second.id].sort());
      assert.deepEqual(ids(await feed.poll()), [], 'each version once');
      // Stamped two seconds ago, committed only now (a slow transaction, or a node whose clock is behind).
      await sql`update incidents set version = version + 1, updated_at = ${now - 2_000} where id = ${first.id}`.execute(t.deps.store.db);
      const late = (await feed.poll()).filter((e) => e.type === 'incident');
      assert.deepEqual(
        late.map((e) => [e.id, e.type === 'incident' ? e.version : 0]),
        [[first.id, 2]],
      );
    });
  });
}
