// A scheduled drill end to end against the real server process (`node bin/fenghuo.js serve`):
// a one-off drill of a facility scenario ("gz-1 loses cooling") fires by itself a few seconds after
// it is created, pages the on-call through a real webhook receiver (signature checked) and a real
// SMTP server, each message marked as a drill; the page's acknowledge link is pressed; the failure
// is lifted through the API; the run record shows the measured times against the services' RTOs and
// a verdict — and the public status page never showed any of it.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { startFakeSmtp, type FakeSmtp } from '../../src/notify/channels/email/fake-smtp.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, startServer, serverEnv, type Server } from '../helpers/server-process.js';
import { signedWebhookReceiver } from '../helpers/webhook-receiver.js';
import { waitFor } from '../helpers/wait-for.js';

interface Page {
  drill: boolean;
  subject: string;
  text: string;
  messages: Array<{ incidentNumber: number; drill: boolean; title: string; ackUrl: string | null }>;
}

type Api = (method: string, path: string, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function apiFor(base: string, token: string): Api {
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** Alice (en) on call through her webhook, Bob (zh-CN) by e-mail; the facility and what runs on it. */
async function setUp(api: Api, webhookUrl: string): Promise<void> {
  const alice = (await api('POST', '/api/v1/users', { email: 'alice@example.test', name: 'Alice', role: 'responder', locale: 'en' })).id;
  const bob = (await api('POST', '/api/v1/users', { email: 'bob@example.test', name: 'Bob', role: 'responder', locale: 'zh-CN' })).id;
  await api('POST', `/api/v1/users/${alice}/contact-methods`, {
    kind: 'im',
    label: 'hook',
    channel: 'webhook',
    address: webhookUrl,
    secret: 'alice-secret',
  });
  const schedule = await api('POST', '/api/v1/schedules', {
    name: 'infra primary',
    timeZone: 'Asia/Shanghai',
    layers: [
      {
        name: 'all',
        start: '2026-01-01T01:00:00Z',
        rotation: { kind: 'weekly', handoffTime: '09:00' },
        participants: [alice],
        restrictions: [],
      },
    ],
  });
  const policy = await api('POST', '/api/v1/escalation-policies', {
    name: 'infra',
    steps: [
      {
        delayMinutes: 5,
        targets: [
          { kind: 'schedule', id: schedule.id },
          { kind: 'user', id: bob },
        ],
      },
    ],
    repeat: 0,
  });
  await api('POST', '/api/v1/services', {
    id: 'gz-1',
    name: 'Guangzhou DC 1',
    kind: 'facility',
    userFacing: false,
    escalationPolicyId: policy.id,
  });
  await api('POST', '/api/v1/services', {
    id: 'pay',
    name: 'WeChat Pay',
    critical: true,
    payment: true,
    dependsOn: ['gz-1'],
    rtoMinutes: 30,
  });
  await api('POST', '/api/v1/services', { id: 'chat', name: 'Chat', critical: true, dependsOn: ['gz-1'], rtoMinutes: 60 });
  const page = await api('POST', '/api/v1/status-pages', { slug: 'acme', name: 'Acme' });
  await api('POST', `/api/v1/status-pages/${page.id}/components`, { name: 'Payments', serviceIds: ['pay'] });
  await api('POST', `/api/v1/status-pages/${page.id}/components`, { name: 'Chat', serviceIds: ['chat'] });
}

for (const dialect of DIALECTS) {
  describe(`a scheduled drill through the real server (${dialect})`, { timeout: 120_000 }, () => {
    let db: TestDatabase | undefined;
    let smtp: FakeSmtp;
    let server: Server | undefined;

    before(async () => {
      db = await createTestDatabase(dialect);
      smtp = await startFakeSmtp();
    });
    after(async () => {
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await once(server.child, 'exit').catch(() => undefined);
      }
      await smtp.close();
      await db?.drop();
    });

    it('fires by itself, pages marked as a drill, is acknowledged and recovered, and records its times against RTO', async () => {
      assert.ok(db);
      const receiver = await signedWebhookReceiver<Page>('alice-secret');
      try {
        const port = await freePort();
        const base = `http://127.0.0.1:${port}`;
        const env = {
          ...serverEnv(db, port),
          FENGHUO_PUBLIC_URL: base,
          FENGHUO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
          FENGHUO_SMTP_FROM: 'Fenghuo <fenghuo@example.test>',
        };
        server = await startServer(env, base);
        const token = cli(env, ['token', 'create', '--name', 'drill-e2e', '--role', 'admin']);
        assert.equal(token.status, 0, token.stderr);
        const api = apiFor(base, token.stdout.trim());
        await setUp(api, receiver.url);

        const at = new Date(Date.now() + 3_000).toISOString();
        const drill = await api('POST', '/api/v1/drills', {
          name: 'gz-1 loses cooling',
          scenario: [{ serviceId: 'gz-1', impact: 'outage' }],
          hypothesis: 'the on-call is paged within a minute and Payments recovers within its RTO',
          blastRadius: 'gz-1 and the services above it; the infra on-call',
          schedule: { at },
        });
        assert.equal(drill.nextRunAt, at);

        // It fires by itself: the on-call's webhook gets a page marked as a drill.
        const page = await waitFor('the drill page on the webhook', () => receiver.pages[0], 30_000);
        assert.deepEqual(receiver.bad, [], 'every webhook was signed');
        assert.equal(page.drill, true);
        assert.equal(page.messages[0]?.drill, true);
        assert.ok(page.subject.startsWith('[DRILL] [Level 1] #'), page.subject);
        assert.ok(page.text.startsWith('[DRILL] '), page.text);
        const mail = await waitFor('the drill e-mail', () => smtp.mails.find((m) => m.rcptTo.includes('bob@example.test')), 20_000);
        assert.ok(mail.header('subject')?.startsWith('[演练] [一级] #'), mail.header('subject'));
        assert.ok(mail.text.includes('[演练]'), 'the body is marked too');

        const runs = (await api('GET', `/api/v1/drills/${drill.id}/runs`)).items;
        assert.equal(runs.length, 1);
        assert.equal(runs[0].startedVia, 'schedule');
        const number = page.messages[0]!.incidentNumber;
        const incident = await api('GET', `/api/v1/incidents/${number}`);
        assert.equal(incident.drill, true);
        assert.equal(incident.status, 'triggered');

        // The public status page shows nothing of it while it runs.
        const summary = (await (await fetch(`${base}/status/acme/summary.json`)).json()) as {
          status: { indicator: string };
          components: Array<{ status: string }>;
          incidents: unknown[];
        };
        assert.equal(summary.status.indicator, 'none');
        assert.deepEqual(
          summary.components.map((c) => c.status),
          ['operational', 'operational'],
        );
        assert.deepEqual(summary.incidents, []);

        // Acknowledged from the page's own link, then the injected failure is lifted.
        const ackUrl = page.messages[0]!.ackUrl ?? '';
        assert.ok(ackUrl.startsWith(`${base}/respond/ack/`), ackUrl);
        const pressed = await fetch(ackUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
        assert.equal(pressed.status, 200);
        assert.equal((await api('GET', `/api/v1/incidents/${number}`)).status, 'acknowledged');
        await new Promise((r) => setTimeout(r, 1_100)); // a measurable recovery
        const recovered = await api('POST', `/api/v1/drills/${drill.id}/runs/${runs[0].id}/recover`);
        assert.equal(recovered.incidents[0].status, 'resolved');

        const run = await api('GET', `/api/v1/drills/${drill.id}/runs/${runs[0].id}`);
        assert.ok(run.endedAt, 'the run has ended');
        for (const stage of ['detectSeconds', 'acknowledgeSeconds', 'mitigateSeconds', 'recoverSeconds']) {
          assert.equal(typeof run[stage], 'number', `${stage}: ${run[stage]}`);
        }
        assert.ok(run.detectSeconds <= run.acknowledgeSeconds && run.acknowledgeSeconds <= run.recoverSeconds, JSON.stringify(run));
        assert.ok(run.recoverSeconds >= 1 && run.recoverSeconds < 60, `recovered in ${run.recoverSeconds} s`);
        assert.deepEqual(
          run.services
            .map((s: { serviceId: string; rtoMinutes: number | null; verdict: string }) => [s.serviceId, s.rtoMinutes, s.verdict])
            .sort(),
          [
            ['chat', 60, 'met'],
            ['gz-1', null, 'no_target'],
            ['pay', 30, 'met'],
          ],
        );
        assert.equal(run.verdict, 'met');
        assert.equal(runs.length, (await api('GET', `/api/v1/drills/${drill.id}/runs`)).items.length, 'a one-off fires once');

        const after = (await (await fetch(`${base}/status/acme/summary.json`)).json()) as {
          incidents: unknown[];
          status: { indicator: string };
        };
        assert.deepEqual(after.incidents, []);
        assert.equal(after.status.indicator, 'none');
        await server.stop();
      } finally {
        receiver.closeNow();
        await receiver.close();
      }
    });
  });
}
