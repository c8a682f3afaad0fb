// Paging end to end against the real server process (`node bin/fenghuo.js serve`):
// - a PagerDuty event pages the on-call person through their webhook and a real SMTP server, and
//   the acknowledge link in the page stops the escalation before its next step;
// - the server is killed with SIGKILL while pages are due; after a restart every page is
//   delivered (a page caught mid-send goes again with the same idempotency key), none is lost.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { startFakeSmtp, type FakeSmtp } from '../../src/notify/channels/email/fake-smtp.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { cli, freePort, startServer, serverEnv, type Server } from '../helpers/server-process.js';
import { signedWebhookReceiver } from '../helpers/webhook-receiver.js';
import { waitFor } from '../helpers/wait-for.js';

interface Page {
  idempotencyKey: string;
  messages: Array<{ incidentNumber: number; level: number; ackUrl: string | null }>;
}

/** Sets up on-call over the API: alice on call (webhook + e-mail), bob on step 2, a paging service. */
async function setUpOnCall(base: string, token: string, webhookUrl: string): Promise<{ api: Api; pdKey: string; bob: string }> {
  const api: Api = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const alice = (await api('POST', '/api/v1/users', { email: 'alice@example.test', name: 'Alice', role: 'responder', locale: 'en' }))
    .id as string;
  const bob = (await api('POST', '/api/v1/users', { email: 'bob@example.test', name: 'Bob', role: 'responder', locale: 'zh-CN' }))
    .id as string;
  const hook = await api('POST', `/api/v1/users/${alice}/contact-methods`, {
    kind: 'im',
    label: 'hook',
    channel: 'webhook',
    address: webhookUrl,
    secret: 'alice-secret',
  });
  const mail = await api('POST', `/api/v1/users/${alice}/contact-methods`, { kind: 'email', label: 'work', address: 'alice@example.test' });
  await api('PUT', `/api/v1/users/${alice}/notification-rules`, [
    { contactMethodId: hook.id, delayMinutes: 0 },
    { contactMethodId: mail.id, delayMinutes: 0 },
  ]);
  const schedule = await api('POST', '/api/v1/schedules', {
    name: 'primary',
    timeZone: 'Europe/Berlin',
    layers: [
      {
        name: 'all',
        start: '2026-01-01T08:00:00Z',
        rotation: { kind: 'weekly', handoffTime: '09:00' },
        participants: [alice],
        restrictions: [],
      },
    ],
  });
  const policy = await api('POST', '/api/v1/escalation-policies', {
    name: 'payments',
    steps: [
      { delayMinutes: 1, targets: [{ kind: 'schedule', id: schedule.id }] },
      { delayMinutes: 1, targets: [{ kind: 'user', id: bob }] },
    ],
    repeat: 0,
  });
  await api('POST', '/api/v1/services', { id: 'payments-api', name: 'Payments API', escalationPolicyId: policy.id });
  const pd = await api('POST', '/api/v1/integrations', { name: 'pd', kind: 'pagerduty', serviceId: 'payments-api' });
  return { api, pdKey: pd.key as string, bob };
}

type Api = (method: string, path: string, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const dialect of DIALECTS) {
  describe(`paging through the real server (${dialect})`, { timeout: 120_000 }, () => {
    let db: TestDatabase | undefined;
    let smtp: FakeSmtp;
    const servers: Server[] = [];

    before(async () => {
      db = await createTestDatabase(dialect);
      smtp = await startFakeSmtp();
    });
    after(async () => {
      for (const s of servers) {
        if (s.child.exitCode === null && s.child.signalCode === null) {
          s.child.kill('SIGKILL');
          await once(s.child, 'exit').catch(() => undefined);
        }
      }
      await smtp.close();
      await db?.drop();
    });

    it('a PagerDuty event reaches the on-call webhook and mailbox; the ack link stops step 2', async () => {
      assert.ok(db);
      const receiver = await signedWebhookReceiver<Page>('alice-secret');
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        ...serverEnv(db, port),
        FENGHUO_PUBLIC_URL: base,
        FENGHUO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        FENGHUO_SMTP_FROM: 'Fenghuo <fenghuo@example.test>',
      };
      const server = await startServer(env, base);
      servers.push(server);
      const token = cli(env, ['token', 'create', '--name', 'e2e', '--role', 'admin']);
      assert.equal(token.status, 0, token.stderr);
      const { api, pdKey } = await setUpOnCall(base, token.stdout.trim(), receiver.url);

      const sent = await fetch(`${base}/v2/enqueue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          routing_key: pdKey,
          event_action: 'trigger',
          dedup_key: 'db-primary-down',
          payload: { summary: 'db primary down', source: 'db-1', severity: 'critical' },
        }),
      });
      assert.equal(sent.status, 202);

      await waitFor('the webhook page', () => receiver.pages.length === 1, 15_000);
      await waitFor('the e-mail page', () => smtp.mails.some((m) => m.rcptTo.includes('alice@example.test')), 15_000);
      assert.deepEqual(receiver.bad, [], 'every webhook was signed');
      const mail = smtp.mails.find((m) => m.rcptTo.includes('alice@example.test'));
      assert.match(mail?.header('subject') ?? '', /Level 2/);
      assert.match(mail?.text ?? '', /\/respond\/ack\//, 'the e-mail carries the acknowledge link too');

      const page = receiver.pages[0]!;
      const ackUrl = page.messages[0]?.ackUrl ?? '';
      assert.ok(ackUrl.startsWith(`${base}/respond/ack/`), ackUrl);
      const number = page.messages[0]?.incidentNumber;
      const preview = await fetch(ackUrl);
      assert.equal(preview.status, 200);
      assert.equal((await api('GET', `/api/v1/incidents/${number}`)).status, 'triggered', 'opening the link changes nothing');
      const pressed = await fetch(ackUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
      assert.equal(pressed.status, 200);
      const incident = await api('GET', `/api/v1/incidents/${number}`);
      assert.equal(incident.status, 'acknowledged');

      const record = await api('GET', `/api/v1/incidents/${number}/paging`);
      assert.equal(record.escalation.status, 'acknowledged');
      const [step1, step2] = record.escalation.firings;
      assert.equal(step1.fired, true);
      assert.equal(step2.fired, false);
      assert.ok(step2.cancelledAt, 'step 2 (bob, due a minute later) is cancelled by the ack');
      assert.ok(
        record.notifications.every((n: { status: string }) => n.status === 'sent'),
        JSON.stringify(record.notifications),
      );
      assert.equal(smtp.mails.filter((m) => m.rcptTo.includes('bob@example.test')).length, 0);
      await server.stop();
      await receiver.close();
    });

    it('SIGKILL while pages are due: after a restart every page is delivered, none lost', async () => {
      assert.ok(db);
      const fresh = await createTestDatabase(dialect);
      // Each answer takes 150 ms, so pages queue up behind one another and the kill lands mid-send.
      const receiver = await signedWebhookReceiver<Page>('alice-secret', 150);
      try {
        const port = await freePort();
        const base = `http://127.0.0.1:${port}`;
        // The default lease (60 s): on SQLite a restarted server takes over the dead process's
        // leases at once; on PostgreSQL (other nodes may be alive) they must run out first.
        const leaseSeconds = dialect === 'sqlite' ? '60' : '2';
        const env = { ...serverEnv(fresh, port), FENGHUO_PUBLIC_URL: base, FENGHUO_PAGING_LEASE_SECONDS: leaseSeconds };
        const first = await startServer(env, base);
        servers.push(first);
        const token = cli(env, ['token', 'create', '--name', 'crash', '--role', 'admin']);
        assert.equal(token.status, 0, token.stderr);
        const { api } = await setUpOnCall(base, token.stdout.trim(), receiver.url);

        const INCIDENTS = 20;
        const numbers: number[] = [];
        for (let i = 0; i < INCIDENTS; i++) {
          const created = await api('POST', '/api/v1/incidents', {
            title: `crash ${i}`,
            affected: [{ service: 'payments-api', impact: 'outage' }],
          });
          numbers.push(created.number as number);
        }
        await waitFor('the first pages', () => receiver.pages.length >= 3, 15_000);
        first.child.kill('SIGKILL');
        await once(first.child, 'exit');
        const beforeRestart = new Set(receiver.pages.map((p) => p.idempotencyKey)).size;
        assert.ok(beforeRestart < INCIDENTS * 2, `pages were still due at the kill (${beforeRestart} delivered)`);

        const second = await startServer(env, base);
        servers.push(second);
        // Every page row of every incident ends up sent, and the receiver saw each of them.
        const expected = new Set<string>();
        await waitFor(
          'every page delivered after the restart',
          async () => {
            expected.clear();
            let allSent = true;
            for (const n of numbers) {
              const record = await api('GET', `/api/v1/incidents/${n}/paging`);
              for (const row of record.notifications as Array<{ id: string; via: string; status: string }>) {
                if (row.via !== 'webhook') continue;
                expected.add(row.id);
                if (row.status !== 'sent') allSent = false;
              }
            }
            return allSent && expected.size === INCIDENTS;
          },
          30_000,
        );
        const received = new Set(receiver.pages.map((p) => p.idempotencyKey));
        for (const id of expected) assert.ok(received.has(id), `page ${id} reached the receiver`);
        assert.deepEqual(receiver.bad, []);
        // A repeat only ever carries the same idempotency key (the receiver can drop it).
        assert.ok(
          receiver.pages.length - received.size <= 1,
          `at most the page caught mid-send is repeated (${receiver.pages.length} for ${received.size})`,
        );
        await second.stop();
      } finally {
        receiver.closeNow();
        await receiver.close();
        await fresh.drop();
      }
    });
  });
}
