import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeSmtp, type FakeSmtp, type ReceivedMail } from '../../src/notify/channels/email/fake-smtp.js';
import { json, localOnly, startReceiver, type ReceivedRequest, type Receiver } from '../../src/notify/channels/testing/receiver.js';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook/signature.js';
import { StatusMailer } from '../../src/notify/status/status-mailer.js';
import { queueSubscriberMessages } from '../../src/operations/status/queue-subscriber-messages.js';
import { insertStatusDeliveries } from '../../src/store/status-subscribers-repo.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type CallOptions, type CallResult, type TestApp } from '../helpers/test-app.js';

// Status-page subscriptions end to end in one process, with an injected clock: sign-up over the
// public endpoints (JSON and the no-JavaScript form), the confirm link read from a mail that a
// real SMTP server received, public updates queued the way the status side queues them, delivery
// by the worker to e-mail and to a local webhook receiver that checks the signature, and
// one-click unsubscribe.

const T0 = Date.parse('2026-11-30T02:00:00Z');
const PUBLIC = 'http://fenghuo.test';
const MINUTE = 60_000;

interface HookBody {
  type: string;
  idempotencyKey: string;
  locale: string;
  subject: string;
  page: { slug: string; name: string };
  incident?: { title: string; stage: string };
  update?: { stage: string; body: string };
}

for (const dialect of DIALECTS) {
  describe(`status subscriptions: e-mail double opt-in, webhooks, one-click unsubscribe (${dialect})`, () => {
    let t: TestApp;
    let smtp: FakeSmtp;
    let receiver: Receiver;
    let mailer: StatusMailer;
    let pageId = '';
    let hookSecret = '';
    let hookId = '';
    let failHookOnce = false;
    let now = T0;
    const clock = { now: () => now };
    const publicResponses: CallResult[] = [];

    /** A call without credentials, as the public makes it; no public answer may set a cookie. */
    const pub = async (method: string, url: string, opts: CallOptions = {}): Promise<CallResult> => {
      const res = await t.call(method, url, { ...opts, as: null });
      assert.equal(res.headers['set-cookie'], undefined, `${method} ${url} set a cookie`);
      publicResponses.push(res);
      return res;
    };
    const form = (url: string, fields: Array<[string, string]>, headers: Record<string, string> = {}) =>
      pub('POST', url, {
        rawBody: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    const subscribeJson = (body: unknown) => pub('POST', '/status/acme/subscribe', { body });
    const mailsTo = (address: string): ReceivedMail[] => smtp.mails.filter((m) => m.rcptTo.includes(address));
    const lastMailTo = (address: string): ReceivedMail => {
      const mail = mailsTo(address).at(-1);
      assert.ok(mail, `a mail to ${address}`);
      return mail;
    };
    /** The path of a confirm or unsubscribe link in a mail's text. */
    const linkIn = (mail: ReceivedMail, kind: 'confirm' | 'unsubscribe'): string => {
      const match = new RegExp(`${PUBLIC}(/status/acme/subscriptions/${kind}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text);
      assert.ok(match?.[1], `a ${kind} link in "${mail.header('subject') ?? ''}"`);
      return match[1];
    };
    const hooks = (): ReceivedRequest[] => receiver.requests.filter((r) => r.url === '/hook');
    const hookBody = (r: ReceivedRequest): HookBody => JSON.parse(r.body.toString('utf8')) as HookBody;
    const subscribers = async () =>
      (await t.call('GET', `/api/v1/status-pages/${pageId}/subscribers?limit=200`)).body.items as Array<{
        id: string;
        kind: string;
        address: string;
        confirmed: boolean;
        componentIds: string[];
      }>;
    const auditActions = async () =>
      ((await t.call('GET', '/api/v1/audit?targetType=status-subscriber&limit=500')).body.items as Array<{ action: string }>).map(
        (a) => a.action,
      );
    const confirmFromMail = async (address: string) => {
      const res = await pub('POST', linkIn(lastMailTo(address), 'confirm'), {
        rawBody: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 200, res.text);
    };

    /** A public incident post and an update, queued to subscribers in one transaction, as the status side does it. */
    let posts = 0;
    const publishUpdate = async (u: { stage: string; body: string; componentIds: string[] }) => {
      posts++;
      const incidentId = `si-${posts}`;
      const updateId = `su-${posts}`;
      const count = await t.deps.store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('status_incidents')
          .values({
            id: incidentId,
            page_id: pageId,
            incident_id: 'internal-incident-4711',
            title: 'Payments API errors',
            impact: 'major',
            stage: u.stage,
            component_ids: JSON.stringify(u.componentIds),
            component_status: '{}',
            created_by: 'test',
            started_at: now,
            resolved_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto('status_updates')
          .values({ id: updateId, status_incident_id: incidentId, stage: u.stage, body: u.body, created_by: 'test', created_at: now })
          .execute();
        return queueSubscriberMessages(trx, t.deps, { pageId, kind: 'update', refId: updateId, componentIds: u.componentIds });
      });
      return { count, incidentId, updateId };
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      smtp = await startFakeSmtp();
      receiver = await startReceiver((r) => {
        if (r.url === '/hook' && failHookOnce) {
          failHookOnce = false;
          return json({ error: 'busy' }, 503);
        }
        return json({ ok: true });
      });
      mailer = new StatusMailer(t.deps, {
        owner: 'test-status-mailer',
        publicUrl: PUBLIC,
        smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: 'Acme Status <status@acme.test>' },
        http: localOnly(),
      });
      const created = await t.call('POST', '/api/v1/status-pages', { body: { slug: 'acme', name: 'Acme Cloud', defaultLocale: 'en' } });
      assert.equal(created.status, 201, created.text);
      pageId = created.body.id as string;
      for (const [id, name, position] of [
        ['cmp-api', 'Payments API', 0],
        ['cmp-dash', 'Dashboard', 1],
      ] as const) {
        await t.deps.store.db
          .insertInto('status_components')
          .values({
            id,
            page_id: pageId,
            group_name: null,
            name,
            description: null,
            position,
            service_ids: '[]',
            monitor_ids: '[]',
            status_override: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    });
    after(async () => {
      await t.close();
      await smtp.close();
      await receiver.close();
    });

    it('confirms an e-mail subscription through the link in a real mail; opening the link (GET) changes nothing', async () => {
      const res = await subscribeJson({ kind: 'email', address: ' Ann@Example.test ', locale: 'en' });
      assert.equal(res.status, 202, res.text);
      assert.equal(res.body.status, 'accepted');
      assert.deepEqual(
        (await subscribers()).map((s) => [s.kind, s.address, s.confirmed]),
        [['email', 'a***@example.test', false]],
      );

      assert.deepEqual(await mailer.runOnce(), { deliveries: 1 });
      const mail = lastMailTo('ann@example.test');
      assert.match(mail.header('subject') ?? '', /\[Acme Cloud\] Please confirm your subscription/);
      assert.match(
        mail.header('list-unsubscribe') ?? '',
        /^<http:\/\/fenghuo\.test\/status\/acme\/subscriptions\/unsubscribe\?token=[\w-]+>$/,
      );
      assert.equal(mail.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      assert.match(mail.html, /subscriptions\/confirm\?token=/);

      const link = linkIn(mail, 'confirm');
      const shown = await pub('GET', link);
      assert.equal(shown.status, 200);
      assert.match(String(shown.headers['content-type']), /text\/html/);
      assert.match(shown.text, /<form method="post"[^>]*><button type="submit">Confirm subscription<\/button>/);
      assert.equal(shown.headers['referrer-policy'], 'no-referrer');
      assert.equal((await subscribers())[0]?.confirmed, false, 'GET must not confirm (link scanners open links)');

      const confirmed = await pub('POST', link);
      assert.equal(confirmed.status, 200, confirmed.text);
      assert.match(confirmed.text, /Your subscription is confirmed/);
      assert.equal((await subscribers())[0]?.confirmed, true);
      const again = await pub('POST', link);
      assert.match(again.text, /already confirmed/);
      assert.deepEqual(await auditActions(), ['status-subscriber.confirm']);
      assert.deepEqual(await mailer.runOnce(), { deliveries: 0 }, 'confirming queues nothing');
    });

    it('answers a repeated sign-up exactly like a new one, mails a confirmed address nothing, and re-sends a link at most every 10 minutes', async () => {
      const known = await subscribeJson({ kind: 'email', address: 'ann@example.test' });
      const fresh = await subscribeJson({ kind: 'email', address: 'nobody@example.test' });
      assert.equal(known.status, fresh.status);
      assert.equal(known.text, fresh.text);
      const knownForm = await form('/status/acme/subscribe', [['email', 'ann@example.test']]);
      const freshForm = await form('/status/acme/subscribe', [['email', 'other@example.test']]);
      assert.equal(knownForm.status, 202);
      assert.equal(knownForm.text, freshForm.text);

      await mailer.runOnce();
      assert.equal(mailsTo('ann@example.test').length, 1, 'a confirmed address gets no second mail');
      assert.equal(mailsTo('nobody@example.test').length, 1);
      const firstLink = linkIn(lastMailTo('nobody@example.test'), 'confirm');

      await subscribeJson({ kind: 'email', address: 'nobody@example.test' });
      await mailer.runOnce();
      assert.equal(mailsTo('nobody@example.test').length, 1, 'no new link within 10 minutes');

      now += 11 * MINUTE;
      await subscribeJson({ kind: 'email', address: 'NOBODY@example.test' });
      await mailer.runOnce();
      assert.equal(mailsTo('nobody@example.test').length, 2);
      const secondLink = linkIn(lastMailTo('nobody@example.test'), 'confirm');
      assert.notEqual(secondLink, firstLink);
      const stale = await pub('GET', firstLink);
      assert.equal(stale.status, 404, 'the new link replaces the old one');
      assert.match(stale.text, /not valid/);
      assert.equal((await pub('GET', secondLink)).status, 200);
      assert.equal((await subscribers()).filter((s) => s.address === 'n***@example.test').length, 1, 'one subscription per address');
    });

    it('subscribes through the no-JavaScript form, in the browser language, with chosen components', async () => {
      const res = await form(
        '/status/acme/subscribe',
        [
          ['email', 'zhao@example.test'],
          ['components', 'cmp-dash'],
        ],
        { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
      );
      assert.equal(res.status, 202, res.text);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(res.text, /请查收邮件/);
      assert.equal((await subscribeJson({ kind: 'email', address: 'li@example.test', locale: 'zh-CN' })).status, 202);

      await mailer.runOnce();
      const zhao = lastMailTo('zhao@example.test');
      assert.match(zhao.header('subject') ?? '', /\[Acme Cloud\] 请确认订阅/);
      assert.equal(zhao.header('content-language'), 'zh-CN');
      await confirmFromMail('zhao@example.test');
      await confirmFromMail('li@example.test');
      const byAddress = new Map((await subscribers()).map((s) => [s.address, s]));
      assert.deepEqual(byAddress.get('z***@example.test')?.componentIds, ['cmp-dash']);
      assert.equal(byAddress.get('l***@example.test')?.confirmed, true);
    });

    it('adds a webhook subscriber for administrators only: secret shown once, listed masked, audited', async () => {
      const body = { kind: 'webhook', url: `${receiver.origin}/hook`, componentIds: ['cmp-api'] };
      assert.equal((await t.call('POST', `/api/v1/status-pages/${pageId}/subscribers`, { as: 'responder', body })).status, 403);
      assert.equal((await t.call('GET', `/api/v1/status-pages/${pageId}/subscribers`, { as: 'viewer' })).status, 403);
      assert.equal((await t.call('POST', `/api/v1/status-pages/${pageId}/subscribers`, { as: null, body })).status, 401);
      assert.equal((await t.call('POST', '/api/v1/status-pages/no-such-page/subscribers', { body })).status, 404);

      const created = await t.call('POST', `/api/v1/status-pages/${pageId}/subscribers`, { body });
      assert.equal(created.status, 201, created.text);
      assert.match(created.body.secret, /^fhw_[\w-]{40,}$/);
      assert.equal(created.body.url, `${receiver.origin}/hook`);
      assert.equal(created.body.confirmed, true);
      hookSecret = created.body.secret as string;
      hookId = created.body.id as string;

      const listed = (await subscribers()).find((s) => s.id === hookId);
      assert.ok(listed);
      assert.equal(listed.address, `http://${new URL(receiver.origin).host}/…hook`);
      const raw = (await t.call('GET', `/api/v1/status-pages/${pageId}/subscribers`)).text;
      assert.ok(!raw.includes(hookSecret) && !raw.includes('zhao@'), 'no secret and no full address in the list');
      const audit = (await t.call('GET', '/api/v1/audit?targetType=status-subscriber&limit=500')).text;
      assert.match(audit, /status-subscriber\.create/);
      assert.ok(!audit.includes(hookSecret));
    });

    it('delivers a public update to every confirmed subscriber concerned, in their language, signed for the webhook', async () => {
      const { count } = await publishUpdate({
        stage: 'identified',
        body: 'A faulty deploy caused errors.\n\nWe are rolling it back.',
        componentIds: ['cmp-api'],
      });
      assert.equal(count, 3, 'ann and li (every component) and the webhook (cmp-api); not zhao (dashboard) nor the unconfirmed');
      const before = { zhao: mailsTo('zhao@example.test').length, nobody: mailsTo('nobody@example.test').length };
      assert.deepEqual(await mailer.runOnce(), { deliveries: 3 });

      const ann = lastMailTo('ann@example.test');
      assert.equal(ann.header('subject'), '[Acme Cloud] Identified: Payments API errors');
      assert.match(ann.text, /A faulty deploy caused errors\./);
      assert.match(ann.text, /Impact: major/);
      assert.match(ann.html, /We are rolling it back\./);
      const unsubscribeUrl = `${PUBLIC}${linkIn(ann, 'unsubscribe')}`;
      assert.equal(ann.header('list-unsubscribe'), `<${unsubscribeUrl}>`);
      assert.equal(ann.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      assert.ok(ann.html.includes(unsubscribeUrl), 'the unsubscribe link is in the HTML too');
      const li = lastMailTo('li@example.test');
      assert.equal(li.header('subject'), '[Acme Cloud] 已查明原因：Payments API errors');
      assert.match(li.text, /退订：http:\/\/fenghuo\.test\/status\/acme\/subscriptions\/unsubscribe\?token=/);
      assert.equal(mailsTo('zhao@example.test').length, before.zhao, 'zhao picked only the dashboard');
      assert.equal(mailsTo('nobody@example.test').length, before.nobody, 'an unconfirmed address gets only confirm mails');
      for (const mail of [ann, li]) assert.ok(!mail.raw.includes('internal-incident-4711'), 'nothing internal goes out');

      const [hook] = hooks();
      assert.ok(hook);
      const verified = verifyWebhookSignature({
        secret: hookSecret,
        timestamp: hook.headers['x-fenghuo-timestamp'] as string,
        signature: hook.headers['x-fenghuo-signature'] as string,
        body: hook.body,
        nowMs: now,
      });
      assert.deepEqual(verified, { ok: true });
      const payload = hookBody(hook);
      assert.equal(payload.type, 'status.update');
      assert.equal(payload.idempotencyKey, hook.headers['idempotency-key']);
      assert.deepEqual([payload.incident?.title, payload.update?.stage, payload.page.slug], ['Payments API errors', 'identified', 'acme']);
      assert.ok(!hook.body.toString('utf8').includes('internal-incident-4711'));
      assert.deepEqual(await mailer.runOnce(), { deliveries: 0 }, 'each delivery goes out once');
    });

    it('retries a failed webhook send with backoff, under the same idempotency key', async () => {
      const first = await publishUpdate({ stage: 'monitoring', body: 'Rolled back; watching.', componentIds: ['cmp-api'] });
      failHookOnce = true;
      const seen = hooks().length;
      await mailer.runOnce();
      assert.equal(hooks().length, seen + 1);
      const failedKey = hooks().at(-1)?.headers['idempotency-key'];
      await mailer.runOnce();
      assert.equal(hooks().length, seen + 1, 'not again before the backoff');
      now += 5_000;
      await mailer.runOnce();
      assert.equal(hooks().length, seen + 2);
      const retried = hooks().at(-1)!;
      assert.equal(retried.headers['idempotency-key'], failedKey);
      assert.equal(hookBody(retried).update?.body, 'Rolled back; watching.');
      const row = await t.deps.store.db
        .selectFrom('status_deliveries')
        .select(['status', 'attempts'])
        .where('ref_id', '=', first.updateId)
        .where('subscriber_id', '=', hookId)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.status, Number(row.attempts)], ['sent', 2]);
    });

    it('announces maintenance with its window in UTC', async () => {
      await t.deps.store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('status_maintenances')
          .values({
            id: 'mnt-1',
            page_id: pageId,
            title: 'Database upgrade',
            body: 'Writes pause for a minute.',
            component_ids: '["cmp-dash"]',
            starts_at: Date.parse('2026-12-05T18:00:00Z'),
            ends_at: Date.parse('2026-12-05T19:00:00Z'),
            created_by: 'test',
            created_at: now,
            updated_at: now,
          })
          .execute();
        assert.equal(
          await queueSubscriberMessages(trx, t.deps, { pageId, kind: 'maintenance', refId: 'mnt-1', componentIds: ['cmp-dash'] }),
          3,
        );
      });
      await mailer.runOnce();
      const zhao = lastMailTo('zhao@example.test');
      assert.equal(zhao.header('subject'), '[Acme Cloud] 计划维护：Database upgrade');
      assert.match(zhao.text, /2026-12-05 18:00 UTC 至 2026-12-05 19:00 UTC/);
      assert.match(lastMailTo('ann@example.test').text, /When: 2026-12-05 18:00 UTC to 2026-12-05 19:00 UTC/);
    });

    it('unsubscribes in one click (POST to the List-Unsubscribe URL); GET only asks; later updates skip the address', async () => {
      const link = linkIn(lastMailTo('ann@example.test'), 'unsubscribe');
      const shown = await pub('GET', link);
      assert.equal(shown.status, 200);
      assert.match(shown.text, /<button type="submit">Unsubscribe<\/button>/);
      assert.ok(
        (await subscribers()).some((s) => s.address === 'a***@example.test'),
        'GET must not unsubscribe',
      );

      const oneClick = await pub('POST', link, {
        rawBody: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(oneClick.status, 200, oneClick.text);
      assert.match(oneClick.text, /You are unsubscribed/);
      assert.ok(!(await subscribers()).some((s) => s.address === 'a***@example.test'));
      assert.ok((await auditActions()).includes('status-subscriber.unsubscribe'));
      assert.equal((await pub('POST', link)).status, 404, 'the link ends with the subscription');

      const annBefore = mailsTo('ann@example.test').length;
      const liBefore = mailsTo('li@example.test').length;
      const { count } = await publishUpdate({ stage: 'resolved', body: 'All clear.', componentIds: ['cmp-api'] });
      assert.equal(count, 2, 'li and the webhook');
      await mailer.runOnce();
      assert.equal(mailsTo('ann@example.test').length, annBefore);
      assert.equal(mailsTo('li@example.test').length, liBefore + 1);
    });

    it('lets an administrator remove a subscriber, audited; what was queued for it is dropped', async () => {
      const { count } = await publishUpdate({ stage: 'resolved', body: 'Post-incident note.', componentIds: ['cmp-api'] });
      assert.equal(count, 2, 'li and the webhook');
      const seen = hooks().length;
      const liBefore = mailsTo('li@example.test').length;
      assert.equal((await t.call('DELETE', `/api/v1/status-pages/${pageId}/subscribers/${hookId}`, { as: 'responder' })).status, 403);
      assert.equal((await t.call('DELETE', `/api/v1/status-pages/${pageId}/subscribers/${hookId}`)).status, 204);
      assert.equal((await t.call('DELETE', `/api/v1/status-pages/${pageId}/subscribers/${hookId}`)).status, 404);
      assert.ok((await auditActions()).includes('status-subscriber.delete'));
      assert.deepEqual(await mailer.runOnce(), { deliveries: 1 });
      assert.equal(hooks().length, seen, 'nothing goes to a removed webhook');
      assert.equal(mailsTo('li@example.test').length, liBefore + 1);
    });

    it('refuses bad input with a 4xx that names the field, and changes nothing', async () => {
      const countBefore = (await subscribers()).length;
      const cases: Array<{ body: unknown; status: number; field?: string }> = [
        { body: { kind: 'email', address: 'not-an-address' }, status: 400, field: 'address' },
        { body: { kind: 'email', address: 'a@b' }, status: 400, field: 'address' },
        { body: { kind: 'email', address: 'x@example.test', componentIds: ['cmp-nope'] }, status: 400, field: 'componentIds[0]' },
        {
          body: { kind: 'email', address: 'x@example.test', componentIds: Array.from({ length: 51 }, (_, i) => `c${i}`) },
          status: 400,
          field: 'body.componentIds',
        },
        { body: { kind: 'email', address: 'x@example.test', extra: 1 }, status: 400, field: 'body.extra' },
        { body: { kind: 'email', address: 'x@example.test', locale: 'fr' }, status: 400, field: 'body.locale' },
        { body: { kind: 'sms', address: '+8613800000000' }, status: 400, field: 'body.kind' },
        { body: { kind: 'webhook', address: 'http://127.0.0.1:1/' }, status: 403, field: 'kind' },
      ];
      for (const c of cases) {
        const res = await subscribeJson(c.body);
        assert.equal(res.status, c.status, `${JSON.stringify(c.body)}: ${res.text}`);
        assert.ok(
          (res.body.error.details as Array<{ field: string }>).some((d) => d.field === c.field),
          `${c.field} named in ${res.text}`,
        );
      }
      const unknownPage = await pub('POST', '/status/no-such-page/subscribe', { body: { kind: 'email', address: 'x@example.test' } });
      assert.equal(unknownPage.status, 404);
      assert.equal(unknownPage.body.error.code, 'not_found');
      const huge = await subscribeJson({ kind: 'email', address: `${'x'.repeat(20_000)}@example.test` });
      assert.equal(huge.status, 413);
      const badForm = await form('/status/acme/subscribe', [['email', 'nope']]);
      assert.equal(badForm.status, 400);
      assert.match(String(badForm.headers['content-type']), /text\/html/);
      assert.match(badForm.text, /\(email\)/);
      const noToken = await pub('GET', '/status/acme/subscriptions/confirm');
      assert.equal(noToken.status, 400);
      assert.match(noToken.text, /token/);
      assert.equal((await pub('POST', '/status/acme/subscriptions/unsubscribe?token=forged')).status, 404);

      const admin = (body: unknown) => t.call('POST', `/api/v1/status-pages/${pageId}/subscribers`, { body });
      for (const [body, field] of [
        [{ kind: 'webhook', url: 'ftp://example.test/hook' }, 'url'],
        [{ kind: 'webhook', url: 'https://user:pass@example.test/hook' }, 'url'],
        [{ kind: 'webhook', url: 'not a url' }, 'url'],
        [{ kind: 'webhook', url: 'https://example.test/hook', secret: 'short' }, 'body.secret'],
        [{ kind: 'webhook', url: 'https://example.test/hook', componentIds: ['cmp-nope'] }, 'componentIds[0]'],
        [{ kind: 'email', url: 'https://example.test/hook' }, 'body.kind'],
      ] as const) {
        const res = await admin(body);
        assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
        assert.ok(
          (res.body.error.details as Array<{ field: string }>).some((d) => d.field === field),
          `${field} named in ${res.text}`,
        );
      }

      assert.equal((await subscribers()).length, countBefore);
      assert.deepEqual(await mailer.runOnce(), { deliveries: 0 }, 'nothing was queued');
    });

    it('deletes a page with its subscribers and what was queued for them (admins only); other pages keep theirs', async () => {
      const gone = await t.call('POST', '/api/v1/status-pages', { body: { slug: 'gone', name: 'Gone Cloud', defaultLocale: 'en' } });
      assert.equal(gone.status, 201, gone.text);
      const goneId = gone.body.id as string;
      const hook = await t.call('POST', `/api/v1/status-pages/${goneId}/subscribers`, {
        body: { kind: 'webhook', url: `${receiver.origin}/gone` },
      });
      assert.equal(hook.status, 201, hook.text);
      const goneHookId = hook.body.id as string;
      const db = t.deps.store.db;
      await insertStatusDeliveries(db, [
        {
          id: 'dlv-of-a-deleted-page',
          subscriberId: goneHookId,
          kind: 'update',
          refId: null,
          status: 'pending',
          dueAt: Date.now() + 3_600_000,
          attempts: 0,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          createdAt: Date.now(),
          sentAt: null,
        },
      ]);
      const keptBefore = await subscribers();
      assert.ok(keptBefore.length > 0);

      assert.equal((await t.call('DELETE', `/api/v1/status-pages/${goneId}`, { as: 'responder' })).status, 403);
      assert.equal((await db.selectFrom('status_subscribers').select('id').where('page_id', '=', goneId).execute()).length, 1);
      assert.equal((await t.call('DELETE', `/api/v1/status-pages/${goneId}`)).status, 204);

      assert.deepEqual(await db.selectFrom('status_subscribers').select('id').where('page_id', '=', goneId).execute(), []);
      assert.deepEqual(await db.selectFrom('status_deliveries').select('id').where('subscriber_id', '=', goneHookId).execute(), []);
      assert.deepEqual(await subscribers(), keptBefore, 'the other page keeps its subscribers');
      assert.equal((await t.call('GET', `/api/v1/status-pages/${goneId}/subscribers`)).status, 404);
    });

    it('sets no cookie on any public answer', () => {
      assert.ok(publicResponses.length >= 30, `only ${publicResponses.length} public answers checked`);
      for (const res of publicResponses) assert.equal(res.headers['set-cookie'], undefined);
    });
  });
}
