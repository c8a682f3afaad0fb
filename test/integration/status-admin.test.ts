import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../src/operations/context.js';
import { findPageForRequest, pageVersions } from '../../src/operations/status/find-status-page.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type CallResult, type TestApp } from '../helpers/test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Words that exist only inside: none of them may reach a snapshot.
const SECRET_TITLE = 'INTERNAL-ONLY root cause: primary db disk full';
const SERVICES = [
  { id: 'svc-pay', name: 'Payments', payment: true, critical: true },
  { id: 'svc-storage', name: 'Storage', kind: 'infrastructure', userFacing: false },
  { id: 'svc-chat', name: 'Chat', critical: true, dependsOn: ['svc-storage'] },
  { id: 'svc-search', name: 'Search' },
  { id: 'svc-ledger', name: 'Ledger' },
];

const fields = (res: CallResult): string[] => [...new Set<string>((res.body?.error?.details ?? []).map((d: { field: string }) => d.field))];
const iso = (ms: number): string => new Date(ms).toISOString();

for (const dialect of DIALECTS) {
  describe(`status pages: admin API (${dialect})`, () => {
    let t: TestApp;
    let now = Date.parse('2026-03-10T08:00:00.000Z');
    const clock: Clock = { now: () => now };
    const advance = (ms: number): void => {
      now += ms;
    };
    const ids = { page: '', payments: '', chat: '', search: '', ledger: '', post: '' };
    const base = () => `/api/v1/status-pages/${ids.page}`;
    const version = async (): Promise<number> => (await t.call('GET', base(), { as: 'viewer' })).body.version;
    const snapshot = async () => {
      const res = await t.call('GET', `${base()}/snapshot`, { as: 'viewer' });
      assert.equal(res.status, 200, res.text);
      return res;
    };
    const statusOf = (snap: CallResult, componentId: string): string =>
      snap.body.components.find((c: { id: string }) => c.id === componentId)?.status;
    const openIncident = async (body: Record<string, unknown>) => {
      const res = await t.call('POST', '/api/v1/incidents', { as: 'responder', body });
      assert.equal(res.status, 201, res.text);
      return res.body as { id: string; level: number; levelReasons: Array<{ detail: string }> };
    };
    const act = async (incidentId: string, action: 'resolve' | 'mitigate') => {
      const res = await t.call('POST', `/api/v1/incidents/${incidentId}/${action}`, { as: 'responder', body: {} });
      assert.equal(res.status, 200, res.text);
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      for (const s of SERVICES) {
        const res = await t.call('POST', '/api/v1/services', { body: s });
        assert.equal(res.status, 201, res.text);
      }
    });
    after(() => t.close());

    it('pages: create, read, change and list; the version rises; host names are normalised', async () => {
      const viewer = await t.call('POST', '/api/v1/status-pages', { as: 'viewer', body: { slug: 'nope', name: 'Nope' } });
      assert.equal(viewer.status, 403);
      const created = await t.call('POST', '/api/v1/status-pages', {
        as: 'responder',
        body: {
          slug: 'acme',
          name: 'Acme',
          hostnames: ['Status.Acme.COM', 'status.acme.com.'],
          branding: { logoUrl: 'https://cdn.acme.com/logo.svg', primaryColor: '#FF6600' },
          defaultLocale: 'en',
        },
      });
      assert.equal(created.status, 201, created.text);
      ids.page = created.body.id;
      assert.equal(created.body.version, 1);
      assert.deepEqual(created.body.hostnames, ['status.acme.com']);
      assert.deepEqual(created.body.branding, { logoUrl: 'https://cdn.acme.com/logo.svg', primaryColor: '#ff6600' });
      assert.equal(created.body.defaultLocale, 'en');
      assert.equal(created.body.createdAt, iso(now));

      advance(MINUTE);
      const changed = await t.call('PATCH', base(), { as: 'responder', body: { name: 'Acme Cloud', branding: { primaryColor: null } } });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.version, 2);
      assert.equal(changed.body.updatedAt, iso(now));
      assert.deepEqual(changed.body.branding, { logoUrl: 'https://cdn.acme.com/logo.svg', primaryColor: null }, 'branding fields merge');
      const got = await t.call('GET', base(), { as: 'viewer' });
      assert.equal(got.body.name, 'Acme Cloud');
      assert.equal(got.body.slug, 'acme');
      const list = await t.call('GET', '/api/v1/status-pages', { as: 'viewer' });
      assert.deepEqual(
        list.body.items.map((p: { slug: string }) => p.slug),
        ['acme'],
      );

      const db = t.deps.store.db;
      assert.deepEqual(await findPageForRequest(db, { slug: 'acme' }), { id: ids.page, slug: 'acme', version: 2 });
      assert.equal((await findPageForRequest(db, { host: 'STATUS.acme.com:8443' }))?.id, ids.page);
      assert.equal(await findPageForRequest(db, { host: 'acme.com' }), null);
      assert.equal(await findPageForRequest(db, { slug: 'other' }), null);
      assert.equal(await findPageForRequest(db, { slug: '../acme' }), null);
      assert.equal((await pageVersions(db)).get(ids.page), 2);
      const audit = await t.call('GET', `/api/v1/audit?targetType=status-page&targetId=${ids.page}`);
      assert.deepEqual(
        audit.body.items.map((a: { action: string }) => a.action),
        ['status-page.update', 'status-page.create'],
      );
    });

    it('pages: duplicates are 409s and bad input 400s naming the field; nothing is written', async () => {
      const before = await version();
      const cases: Array<[Record<string, unknown>, number, string[]]> = [
        [{ slug: 'acme', name: 'Again' }, 409, ['slug']],
        [{ slug: 'beta', name: 'Beta', hostnames: ['ok.example.com', 'STATUS.ACME.com'] }, 409, ['hostnames[1]']],
        [{ slug: 'Beta!', name: 'Beta' }, 400, ['body.slug']],
        [{ slug: '-beta', name: 'Beta' }, 400, ['body.slug']],
        [{ slug: 'beta', name: 'Beta', hostnames: ['not a host'] }, 400, ['hostnames[0]']],
        [{ slug: 'beta', name: 'Beta', branding: { logoUrl: 'http://cdn.acme.com/x.png' } }, 400, ['branding.logoUrl']],
        [{ slug: 'beta', name: 'Beta', branding: { primaryColor: 'orange' } }, 400, ['branding.primaryColor']],
        [{ slug: 'beta', name: 'Beta', defaultLocale: 'fr' }, 400, ['body.defaultLocale']],
        [{ slug: 'beta', name: '   ' }, 400, ['name']],
        [{ slug: 'beta', name: 'Beta', colour: 'red' }, 400, ['body.colour']],
        [{ slug: 'beta' }, 400, ['body.name']],
      ];
      for (const [body, status, expected] of cases) {
        const res = await t.call('POST', '/api/v1/status-pages', { as: 'responder', body });
        assert.equal(res.status, status, `${JSON.stringify(body)}: ${res.text}`);
        assert.deepEqual(fields(res), expected, JSON.stringify(body));
      }
      const beta = await t.call('POST', '/api/v1/status-pages', { as: 'responder', body: { slug: 'beta', name: 'Beta' } });
      assert.equal(beta.status, 201, beta.text);
      const taken = await t.call('PATCH', `/api/v1/status-pages/${beta.body.id}`, {
        as: 'responder',
        body: { hostnames: ['status.acme.com'] },
      });
      assert.equal(taken.status, 409, taken.text);
      const slugTaken = await t.call('PATCH', `/api/v1/status-pages/${beta.body.id}`, { as: 'responder', body: { slug: 'acme' } });
      assert.equal(slugTaken.status, 409, slugTaken.text);
      assert.equal((await t.call('GET', `/api/v1/status-pages/${beta.body.id}`)).body.version, 1, 'refused changes did not count');
      const empty = await t.call('PATCH', base(), { as: 'responder', body: {} });
      assert.equal(empty.status, 400);
      assert.equal(await version(), before);
      assert.equal((await t.call('GET', '/api/v1/status-pages/no-such-page')).status, 404);
      assert.equal((await t.call('PATCH', '/api/v1/status-pages/no-such-page', { body: { name: 'X' } })).status, 404);
    });

    it('components: create, change, list and delete; services must exist; each change raises the version', async () => {
      const v0 = await version();
      const add = (body: Record<string, unknown>) => t.call('POST', `${base()}/components`, { as: 'responder', body });
      const payments = await add({ name: 'Payments', group: 'Core', serviceIds: ['svc-pay'] });
      assert.equal(payments.status, 201, payments.text);
      assert.equal(payments.body.position, 0);
      assert.deepEqual(payments.body.monitorIds, []);
      assert.equal(payments.body.statusOverride, null);
      ids.payments = payments.body.id;
      const chat = await add({ name: 'Chat', group: 'Core', serviceIds: ['svc-chat'] });
      ids.chat = chat.body.id;
      assert.equal(chat.body.position, 1);
      const search = await add({ name: 'Search', description: 'Find things', serviceIds: ['svc-search', 'svc-search'] });
      ids.search = search.body.id;
      assert.deepEqual(search.body.serviceIds, ['svc-search']);
      assert.equal(await version(), v0 + 3);

      const unknown = await add({ name: 'Ghost', serviceIds: ['svc-pay', 'svc-ghost'] });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'unknown_service');
      assert.deepEqual(fields(unknown), ['serviceIds[1]']);
      assert.deepEqual(fields(await add({ name: 'X', statusOverride: 'on_fire' })), ['body.statusOverride']);
      assert.deepEqual(fields(await add({ name: 'X', position: -1 })), ['body.position']);
      assert.equal(await version(), v0 + 3, 'refused writes do not raise the version');

      const overridden = await t.call('PATCH', `${base()}/components/${ids.search}`, {
        as: 'responder',
        body: { statusOverride: 'degraded_performance', position: 5, group: 'Extras' },
      });
      assert.equal(overridden.status, 200, overridden.text);
      assert.equal(overridden.body.statusOverride, 'degraded_performance');
      assert.equal(overridden.body.name, 'Search');
      const cleared = await t.call('PATCH', `${base()}/components/${ids.search}`, { as: 'responder', body: { statusOverride: null } });
      assert.equal(cleared.body.statusOverride, null);
      assert.equal(cleared.body.group, 'Extras');
      assert.equal(await version(), v0 + 5);

      const temp = await add({ name: 'Temporary' });
      assert.equal((await t.call('DELETE', `${base()}/components/${temp.body.id}`, { as: 'responder' })).status, 204);
      const list = await t.call('GET', `${base()}/components`, { as: 'viewer' });
      assert.deepEqual(
        list.body.items.map((c: { name: string }) => c.name),
        ['Payments', 'Chat', 'Search'],
      );
      assert.equal(await version(), v0 + 7);
      assert.equal((await t.call('DELETE', `${base()}/components/${temp.body.id}`)).status, 404);
      assert.equal((await t.call('PATCH', `${base()}/components/nope`, { body: { name: 'X' } })).status, 404);
      assert.equal((await t.call('GET', '/api/v1/status-pages/nope/components')).status, 404);
      assert.equal((await t.call('POST', '/api/v1/status-pages/nope/components', { body: { name: 'X' } })).status, 404);
    });

    it('derives component status from internal incidents, maintenance and the override', async () => {
      let snap = await snapshot();
      assert.equal(snap.body.overall, 'operational');
      assert.deepEqual(
        snap.body.components.map((c: { name: string; group: string | null }) => [c.name, c.group]),
        [
          ['Payments', 'Core'],
          ['Chat', 'Core'],
          ['Search', 'Extras'],
        ],
      );

      const pay = await openIncident({ title: SECRET_TITLE, affected: [{ service: 'svc-pay', impact: 'outage' }] });
      assert.equal(pay.level, 1);
      const search = await openIncident({ title: 'search index stale', services: ['svc-search'], impact: 'outage', usersAffectedPct: 2 });
      assert.equal(search.level, 3);
      snap = await snapshot();
      assert.equal(statusOf(snap, ids.payments), 'major_outage', 'outage at level 1');
      assert.equal(statusOf(snap, ids.search), 'partial_outage', 'outage at level 3');
      assert.equal(statusOf(snap, ids.chat), 'operational');
      assert.equal(snap.body.overall, 'major_outage');
      for (const secret of [SECRET_TITLE, 'search index stale', pay.id, search.id, 'svc-', ...pay.levelReasons.map((r) => r.detail)]) {
        assert.ok(!snap.text.includes(secret), `the snapshot leaks ${secret}`);
      }

      const storage = await openIncident({ title: 'storage down', affected: [{ service: 'svc-storage', impact: 'outage' }] });
      assert.equal(statusOf(await snapshot(), ids.chat), 'major_outage', 'reached through the catalog');
      const drill = await openIncident({ title: 'drill', affected: [{ service: 'svc-chat', impact: 'outage' }], drill: true });
      await act(storage.id, 'resolve');
      assert.equal(statusOf(await snapshot(), ids.chat), 'operational', 'drills never count');
      await act(drill.id, 'resolve');

      await act(search.id, 'mitigate');
      await act(pay.id, 'resolve');
      snap = await snapshot();
      assert.equal(statusOf(snap, ids.search), 'degraded_performance', 'mitigated: degraded at most');
      assert.equal(statusOf(snap, ids.payments), 'operational');
      assert.equal(snap.body.overall, 'degraded_performance');
      await act(search.id, 'resolve');

      const inProgress = await t.call('POST', `${base()}/maintenances`, {
        as: 'responder',
        body: {
          title: 'DB upgrade',
          body: 'Payments may be slow.',
          componentIds: [ids.payments],
          startsAt: iso(now - HOUR),
          endsAt: iso(now + HOUR),
        },
      });
      assert.equal(inProgress.status, 201, inProgress.text);
      assert.equal(inProgress.body.state, 'in_progress');
      snap = await snapshot();
      assert.equal(statusOf(snap, ids.payments), 'under_maintenance');
      assert.equal(snap.body.overall, 'under_maintenance');
      const degraded = await openIncident({ title: 'slow payments', affected: [{ service: 'svc-pay', impact: 'degraded' }] });
      assert.equal(statusOf(await snapshot(), ids.payments), 'degraded_performance', 'trouble is graver than maintenance');
      await act(degraded.id, 'resolve');

      const override = await t.call('PATCH', `${base()}/components/${ids.payments}`, {
        as: 'responder',
        body: { statusOverride: 'partial_outage' },
      });
      assert.equal(override.status, 200);
      assert.equal(statusOf(await snapshot(), ids.payments), 'partial_outage', 'the override wins');
      const outage = await openIncident({ title: 'chat down', affected: [{ service: 'svc-chat', impact: 'outage' }] });
      await t.call('PATCH', `${base()}/components/${ids.chat}`, { as: 'responder', body: { statusOverride: 'operational' } });
      assert.equal(statusOf(await snapshot(), ids.chat), 'operational', 'the override wins over an outage too');
      await act(outage.id, 'resolve');
      for (const id of [ids.payments, ids.chat]) await t.call('PATCH', `${base()}/components/${id}`, { body: { statusOverride: null } });
      await t.call('DELETE', `${base()}/maintenances/${inProgress.body.id}`);
      assert.equal((await snapshot()).body.overall, 'operational');
    });

    it('draws the 90-day bars from outage minutes', async () => {
      const ledger = await t.call('POST', `${base()}/components`, { body: { name: 'Ledger', serviceIds: ['svc-ledger'] } });
      ids.ledger = ledger.body.id;
      const createdAt = now;
      advance(HOUR);
      const first = await openIncident({
        title: 'ledger down',
        affected: [{ service: 'svc-ledger', impact: 'outage' }],
        usersAffectedPct: 1,
      });
      assert.equal(first.level, 3);
      advance(10 * MINUTE);
      const second = await openIncident({
        title: 'ledger down again',
        affected: [{ service: 'svc-ledger', impact: 'outage' }],
        usersAffectedPct: 1,
      });
      advance(20 * MINUTE);
      await act(first.id, 'resolve');
      advance(10 * MINUTE);
      await act(second.id, 'resolve');
      advance(20 * MINUTE);
      // Observed: 2 hours since the component was created; down 40 minutes (overlap counted once).
      const component = (await snapshot()).body.components.find((c: { id: string }) => c.id === ids.ledger);
      assert.equal(component.uptimeDays.length, 90);
      const today = component.uptimeDays.at(-1);
      assert.equal(today.date, iso(now).slice(0, 10));
      assert.equal(today.downMinutes, 40);
      assert.equal(today.worst, 'partial_outage');
      assert.equal(today.uptime, 1 - 40 / 120);
      assert.equal(component.uptimeDays.at(-2).uptime, null, 'before the component existed');
      assert.equal(component.uptime90, 1 - 40 / 120);
      assert.equal(now - createdAt, 2 * HOUR);
    });

    it('public incidents: posted, updated through the stages, resolved and reopened; internal details stay inside', async () => {
      const internal = await openIncident({ title: SECRET_TITLE, affected: [{ service: 'svc-chat', impact: 'degraded' }] });
      const v0 = await version();
      const post = await t.call('POST', `${base()}/incidents`, {
        as: 'responder',
        body: {
          title: 'Messages are delayed',
          impact: 'minor',
          components: [{ id: ids.chat, status: 'partial_outage' }],
          incidentId: internal.id,
          body: 'We are looking into delayed messages.',
        },
      });
      assert.equal(post.status, 201, post.text);
      ids.post = post.body.id;
      assert.equal(post.body.stage, 'investigating');
      assert.equal(post.body.incidentId, internal.id);
      assert.equal(post.body.resolvedAt, null);
      assert.deepEqual(post.body.components, [{ id: ids.chat, status: 'partial_outage' }]);
      assert.equal(post.body.updates.length, 1);
      assert.ok(!post.text.includes(SECRET_TITLE), 'nothing of the internal incident is copied');
      assert.equal(await version(), v0 + 1);

      let snap = await snapshot();
      assert.equal(statusOf(snap, ids.chat), 'partial_outage', 'the post’s status is graver than the degraded incident');
      assert.deepEqual(
        snap.body.activeIncidents.map((i: { title: string; componentIds: string[] }) => [i.title, i.componentIds]),
        [['Messages are delayed', [ids.chat]]],
      );
      assert.ok(!snap.text.includes(SECRET_TITLE) && !snap.text.includes(internal.id));

      const update = (body: Record<string, unknown>) =>
        t.call('POST', `${base()}/incidents/${ids.post}/updates`, { as: 'responder', body });
      advance(MINUTE);
      assert.equal((await update({ stage: 'identified', body: 'A queue is backed up.' })).status, 201);
      advance(MINUTE);
      const monitoring = await update({
        stage: 'monitoring',
        body: 'Draining.',
        components: [{ id: ids.chat, status: 'degraded_performance' }],
      });
      assert.equal(monitoring.body.stage, 'monitoring');
      assert.deepEqual(monitoring.body.components, [{ id: ids.chat, status: 'degraded_performance' }]);
      const back = await update({ stage: 'identified', body: 'Oops' });
      assert.equal(back.status, 409);
      assert.equal(back.body.error.code, 'invalid_transition');
      await act(internal.id, 'resolve');
      advance(MINUTE);
      const resolved = await update({ stage: 'resolved', body: 'All messages delivered.' });
      assert.equal(resolved.status, 201, resolved.text);
      assert.equal(resolved.body.resolvedAt, iso(now));
      snap = await snapshot();
      assert.equal(statusOf(snap, ids.chat), 'operational');
      assert.deepEqual(snap.body.activeIncidents, []);
      assert.deepEqual(
        snap.body.pastIncidents[0].updates.map((u: { stage: string }) => u.stage),
        ['resolved', 'monitoring', 'identified', 'investigating'],
        'newest first',
      );

      advance(MINUTE);
      const reopened = await update({ stage: 'investigating', body: 'Delays are back.' });
      assert.equal(reopened.status, 201);
      assert.equal(reopened.body.resolvedAt, null, 'reopening clears resolvedAt');
      assert.equal(statusOf(await snapshot(), ids.chat), 'degraded_performance');
      assert.equal(await version(), v0 + 6, 'every update raised the version, and so did resolving the internal incident');
      const closed = await update({ stage: 'resolved', body: 'Fixed for good.' });
      assert.equal(closed.status, 201);

      const got = await t.call('GET', `${base()}/incidents/${ids.post}`, { as: 'viewer' });
      assert.equal(got.body.updates.length, 6);
      assert.equal(got.body.updates[0].body, 'Fixed for good.');
      const list = await t.call('GET', `${base()}/incidents?limit=1`, { as: 'viewer' });
      assert.deepEqual(
        list.body.items.map((i: { id: string }) => i.id),
        [ids.post],
      );
      assert.equal(list.body.nextCursor, null);
    });

    it('public incidents: bad input and unknown ids', async () => {
      const before = await version();
      const post = (body: Record<string, unknown>) => t.call('POST', `${base()}/incidents`, { as: 'responder', body });
      const ok = { title: 'T', impact: 'minor', components: [], body: 'B' };
      const cases: Array<[Record<string, unknown>, number, string[]]> = [
        [{ ...ok, components: [{ id: 'nope', status: 'major_outage' }] }, 400, ['components[0].id']],
        [
          {
            ...ok,
            components: [
              { id: ids.chat, status: 'major_outage' },
              { id: ids.chat, status: 'operational' },
            ],
          },
          400,
          ['components[1].id'],
        ],
        [{ ...ok, components: [{ id: ids.chat, status: 'broken' }] }, 400, ['body.components[0].status']],
        [{ ...ok, incidentId: 'no-such-incident' }, 400, ['incidentId']],
        [{ ...ok, impact: 'catastrophic' }, 400, ['body.impact']],
        [{ ...ok, title: ' ' }, 400, ['title']],
        [{ ...ok, startedAt: iso(now + HOUR) }, 400, ['startedAt']],
        [{ title: 'T', impact: 'minor', components: [] }, 400, ['body.body']],
      ];
      for (const [body, status, expected] of cases) {
        const res = await post(body);
        assert.equal(res.status, status, `${JSON.stringify(body)}: ${res.text}`);
        assert.deepEqual(fields(res), expected, JSON.stringify(body));
      }
      const badStage = await t.call('POST', `${base()}/incidents/${ids.post}/updates`, { body: { stage: 'done', body: 'x' } });
      assert.deepEqual(fields(badStage), ['body.stage']);
      assert.equal(await version(), before);
      assert.equal((await t.call('GET', `${base()}/incidents/nope`)).status, 404);
      assert.equal((await t.call('POST', `${base()}/incidents/nope/updates`, { body: { stage: 'resolved', body: 'x' } })).status, 404);
      assert.equal((await t.call('GET', '/api/v1/status-pages/nope/incidents')).status, 404);
      assert.equal((await t.call('POST', '/api/v1/status-pages/nope/incidents', { body: ok })).status, 404);
      assert.equal((await t.call('GET', `${base()}/incidents?cursor=forged`)).status, 400);
    });

    it('maintenances: scheduled ahead, changed, listed, cancelled; shown for 7 days after', async () => {
      const add = (body: Record<string, unknown>) => t.call('POST', `${base()}/maintenances`, { as: 'responder', body });
      const ahead = await add({
        title: 'Network work',
        body: 'Brief blips.',
        componentIds: [ids.chat],
        startsAt: iso(now + DAY),
        endsAt: iso(now + DAY + HOUR),
      });
      assert.equal(ahead.status, 201, ahead.text);
      assert.equal(ahead.body.state, 'scheduled');
      const recent = await add({
        title: 'Done lately',
        body: 'x',
        componentIds: [],
        startsAt: iso(now - 3 * DAY),
        endsAt: iso(now - 2 * DAY),
      });
      const old = await add({
        title: 'Done long ago',
        body: 'x',
        componentIds: [],
        startsAt: iso(now - 9 * DAY),
        endsAt: iso(now - 8 * DAY),
      });
      assert.equal(old.body.state, 'completed');

      let snap = await snapshot();
      assert.equal(statusOf(snap, ids.chat), 'operational', 'ahead of time it changes nothing');
      assert.deepEqual(
        snap.body.maintenances.map((m: { title: string; state: string }) => [m.title, m.state]),
        [
          ['Network work', 'scheduled'],
          ['Done lately', 'completed'],
        ],
      );

      const v0 = await version();
      const moved = await t.call('PATCH', `${base()}/maintenances/${ahead.body.id}`, {
        as: 'responder',
        body: { startsAt: iso(now - MINUTE), title: 'Network work (started early)' },
      });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.state, 'in_progress');
      assert.equal(await version(), v0 + 1);
      snap = await snapshot();
      assert.equal(statusOf(snap, ids.chat), 'under_maintenance', 'switches automatically');
      advance(HOUR + 30 * MINUTE);
      assert.equal(statusOf(await snapshot(), ids.chat), 'under_maintenance', 'until it ends');
      advance(DAY);
      assert.equal(statusOf(await snapshot(), ids.chat), 'operational');

      const bad = [
        [{ endsAt: iso(now - 2 * DAY) }, ['endsAt']],
        [{ componentIds: ['nope'] }, ['componentIds[0]']],
        [{ title: '' }, ['body.title']],
        [{ startsAt: 'tomorrow' }, ['body.startsAt']],
      ] as const;
      for (const [body, expected] of bad) {
        const res = await t.call('PATCH', `${base()}/maintenances/${ahead.body.id}`, { body });
        assert.equal(res.status, 400, res.text);
        assert.deepEqual(fields(res), expected);
      }
      const backwards = await add({ title: 'x', body: 'x', componentIds: [], startsAt: iso(now), endsAt: iso(now) });
      assert.deepEqual(fields(backwards), ['endsAt']);

      const list = await t.call('GET', `${base()}/maintenances?limit=2`, { as: 'viewer' });
      assert.deepEqual(
        list.body.items.map((m: { id: string }) => m.id),
        [old.body.id, recent.body.id],
      );
      const rest = await t.call('GET', `${base()}/maintenances?limit=2&cursor=${list.body.nextCursor}`, { as: 'viewer' });
      assert.deepEqual(
        rest.body.items.map((m: { id: string }) => m.id),
        [ahead.body.id],
      );
      assert.equal((await t.call('DELETE', `${base()}/maintenances/${recent.body.id}`, { as: 'responder' })).status, 204);
      assert.equal((await t.call('DELETE', `${base()}/maintenances/${recent.body.id}`)).status, 404);
      assert.equal((await t.call('PATCH', `${base()}/maintenances/nope`, { body: { title: 'x' } })).status, 404);
      assert.equal((await t.call('GET', '/api/v1/status-pages/nope/maintenances')).status, 404);
    });

    it('roles: viewers read only, responders cannot delete a page, no credentials is 401; deleting removes everything', async () => {
      const body = { name: 'X' };
      assert.equal((await t.call('GET', base(), { as: null })).status, 401);
      assert.equal((await t.call('GET', `${base()}/snapshot`, { as: null })).status, 401);
      assert.equal((await t.call('PATCH', base(), { as: 'viewer', body })).status, 403);
      assert.equal((await t.call('POST', `${base()}/components`, { as: 'viewer', body })).status, 403);
      assert.equal((await t.call('DELETE', `${base()}/components/${ids.chat}`, { as: 'viewer' })).status, 403);
      assert.equal(
        (await t.call('POST', `${base()}/incidents/${ids.post}/updates`, { as: 'viewer', body: { stage: 'resolved', body: 'x' } })).status,
        403,
      );
      assert.equal((await t.call('POST', `${base()}/maintenances`, { as: 'viewer', body })).status, 403);
      assert.equal((await t.call('DELETE', base(), { as: 'responder' })).status, 403);
      assert.equal((await t.call('GET', `${base()}/components`, { as: 'viewer' })).body.items.length, 4, 'refused calls changed nothing');

      assert.equal((await t.call('DELETE', base(), { as: 'admin' })).status, 204);
      assert.equal((await t.call('GET', base())).status, 404);
      assert.equal((await t.call('GET', `${base()}/snapshot`)).status, 404);
      assert.equal((await t.call('DELETE', base())).status, 404);
      assert.equal(await findPageForRequest(t.deps.store.db, { host: 'status.acme.com' }), null);
      assert.equal((await pageVersions(t.deps.store.db)).has(ids.page), false);
      const db = t.deps.store.db;
      for (const table of ['status_components', 'status_incidents', 'status_maintenances'] as const) {
        const rows = await db.selectFrom(table).select('id').where('page_id', '=', ids.page).execute();
        assert.equal(rows.length, 0, table);
      }
      const updates = await db.selectFrom('status_updates').select('id').where('status_incident_id', '=', ids.post).execute();
      assert.equal(updates.length, 0);
      const reuse = await t.call('POST', '/api/v1/status-pages', {
        body: { slug: 'acme', name: 'Acme again', hostnames: ['status.acme.com'] },
      });
      assert.equal(reuse.status, 201, 'the slug and host name are free again');
    });
  });
}
