import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readPagingSettings } from '../../src/operations/oncall/paging-settings.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type CallOptions, type TestApp } from '../helpers/test-app.js';

// Secrets sent in bodies: none of them may come back in a response or the audit log.
const IM_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=IMKEY-0000-secret-abcd';
const IM_SECRET = 'SEC-im-signing-secret';
const ROBOT_URL = 'https://oapi.dingtalk.com/robot/send?access_token=ROBOTTOKEN-77-wxyz';
const ROBOT_SECRET = 'SEC-robot-signing-secret';
const SECRETS = ['IMKEY-0000', IM_SECRET, 'ROBOTTOKEN-77', ROBOT_SECRET];

const fields = (res: { body: { error?: { details?: Array<{ field: string }> } } }) => (res.body.error?.details ?? []).map((d) => d.field);
const pad = (n: number) => String(n).padStart(2, '0');

for (const dialect of DIALECTS) {
  describe(`on-call management over HTTP (${dialect})`, () => {
    let t: TestApp;
    const users: Record<'ann' | 'bob' | 'cai', string> = { ann: '', bob: '', cai: '' };
    const cookies: Record<'ann' | 'bob', string> = { ann: '', bob: '' };
    const ids = {
      team: '',
      annEmail: '',
      annIm: '',
      annSms: '',
      schedule: '',
      override: '',
      feedSchedule: '',
      policy: '',
      robot: '',
      sms: '',
    };
    const as = (who: 'ann' | 'bob', opts: CallOptions = {}): CallOptions => ({ ...opts, as: null, headers: { cookie: cookies[who] } });

    before(async () => {
      t = await startTestApp(dialect);
      const people = [
        { key: 'ann', name: 'Ann Li', role: 'viewer', password: 'ann-password-1' },
        { key: 'bob', name: 'Bob Wang', role: 'responder', password: 'bob-password-1' },
        { key: 'cai', name: 'Cai Xu', role: 'responder' },
      ] as const;
      for (const p of people) {
        const body = { email: `${p.key}@example.com`, name: p.name, role: p.role, ...('password' in p ? { password: p.password } : {}) };
        const res = await t.call('POST', '/api/v1/users', { body });
        assert.equal(res.status, 201, res.text);
        users[p.key] = res.body.id;
        if ('password' in p) {
          const login = await t.call('POST', '/api/v1/auth/login', { as: null, body: { email: body.email, password: p.password } });
          assert.equal(login.status, 200, login.text);
          cookies[p.key] = String(login.headers['set-cookie']).split(';')[0] ?? '';
        }
      }
    });
    after(() => t.close());

    it('teams: create, read, change and list; unknown members and duplicate names refused', async () => {
      const viewer = await t.call('POST', '/api/v1/teams', { as: 'viewer', body: { name: 'Nope' } });
      assert.equal(viewer.status, 403);
      const created = await t.call('POST', '/api/v1/teams', {
        as: 'responder',
        body: { name: 'Payments SRE', description: '支付值班', members: [users.bob, users.ann, users.bob] },
      });
      assert.equal(created.status, 201, created.text);
      ids.team = created.body.id;
      assert.deepEqual([...created.body.members].sort(), [users.ann, users.bob].sort());
      const got = await t.call('GET', `/api/v1/teams/${ids.team}`, { as: 'viewer' });
      assert.equal(got.status, 200);
      assert.equal(got.body.description, '支付值班');
      const changed = await t.call('PATCH', `/api/v1/teams/${ids.team}`, { as: 'responder', body: { members: [users.ann] } });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual(changed.body.members, [users.ann]);
      assert.equal(changed.body.name, 'Payments SRE');
      const list = await t.call('GET', '/api/v1/teams', { as: 'viewer' });
      assert.deepEqual(
        list.body.items.map((x: { id: string }) => x.id),
        [ids.team],
      );

      const ghost = await t.call('POST', '/api/v1/teams', { as: 'responder', body: { name: 'Ghosts', members: [users.ann, 'ghost'] } });
      assert.equal(ghost.status, 400);
      assert.deepEqual(fields(ghost), ['members[1]']);
      const duplicate = await t.call('POST', '/api/v1/teams', { as: 'responder', body: { name: 'Payments SRE' } });
      assert.equal(duplicate.status, 409);
      const unknownField = await t.call('POST', '/api/v1/teams', { as: 'responder', body: { name: 'X', colour: 'red' } });
      assert.equal(unknownField.status, 400);
      assert.deepEqual(fields(unknownField), ['body.colour']);
      assert.equal((await t.call('GET', '/api/v1/teams')).body.items.length, 1, 'refused writes left nothing behind');
    });

    it('contact methods: people manage their own, admins anyone’s; IM addresses and secrets never come back', async () => {
      const base = `/api/v1/users/${users.ann}/contact-methods`;
      const email = await t.call('POST', base, as('ann', { body: { kind: 'email', label: 'work', address: 'ann@example.com' } }));
      assert.equal(email.status, 201, email.text);
      assert.equal(email.body.address, 'ann@example.com');
      ids.annEmail = email.body.id;
      const im = await t.call(
        'POST',
        base,
        as('ann', { body: { kind: 'im', label: 'WeCom robot', address: IM_URL, channel: 'wecom', secret: IM_SECRET } }),
      );
      assert.equal(im.status, 201, im.text);
      ids.annIm = im.body.id;
      assert.equal(im.body.address, 'https://qyapi.weixin.qq.com/…abcd');
      assert.equal(im.body.channel, 'wecom');
      assert.equal(im.body.hasSecret, true);
      const sms = await t.call('POST', base, { body: { kind: 'sms', label: 'mobile', address: '+8613800138000' } });
      assert.equal(sms.status, 201, 'an admin manages anyone’s');
      ids.annSms = sms.body.id;

      const listed = await t.call('GET', base, as('ann'));
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.items.map((m: { kind: string }) => m.kind),
        ['email', 'im', 'sms'],
      );
      for (const text of [im.text, listed.text]) for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} leaked`);
      const rows = await t.deps.store.db.selectFrom('contact_methods').selectAll().where('id', '=', ids.annIm).execute();
      assert.equal(rows[0]?.address, null);
      assert.equal(rows[0]?.channel, 'wecom');
      // The shape the paging worker opens (notify/deliveries.ts).
      assert.deepEqual(JSON.parse(t.deps.secrets.open(rows[0]?.config_enc ?? '')), { address: IM_URL, secret: IM_SECRET });
      assert.ok(rows[0]?.config_enc && !rows[0].config_enc.includes('IMKEY') && !rows[0].config_enc.includes(IM_SECRET));

      // Somebody else's: another user (even a responder), or a responder's token.
      assert.equal((await t.call('GET', base, as('bob'))).status, 403);
      assert.equal(
        (await t.call('POST', base, as('bob', { body: { kind: 'email', label: 'x', address: 'bob@example.com' } }))).status,
        403,
      );
      assert.equal((await t.call('DELETE', `${base}/${ids.annEmail}`, as('bob'))).status, 403);
      assert.equal((await t.call('GET', base, { as: 'responder' })).status, 403);
      assert.equal((await t.call('GET', '/api/v1/users/ghost/contact-methods')).status, 404);

      const bad = async (body: Record<string, unknown>) => t.call('POST', base, as('ann', { body }));
      assert.deepEqual(fields(await bad({ kind: 'sms', label: 'x', address: '13800138000' })), ['address']);
      assert.deepEqual(fields(await bad({ kind: 'email', label: 'x', address: 'a@b.c', channel: 'slack' })), ['channel']);
      assert.deepEqual(fields(await bad({ kind: 'im', label: 'x', address: 'not a url', channel: 'slack' })), ['address']);
      assert.deepEqual(fields(await bad({ kind: 'im', label: 'x', address: IM_URL })), ['channel']);
      assert.deepEqual(fields(await bad({ kind: 'email', label: 'x', address: 'a@b.c', secret: 's' })), ['secret']);
      assert.deepEqual(fields(await bad({ kind: 'pager', label: 'x', address: 'a' })), ['body.kind']);
      assert.equal((await t.call('GET', base, as('ann'))).body.items.length, 3);
    });

    it('notification rules: the whole list replaced, one at 0 minutes; deleting a method drops its rules', async () => {
      const url = `/api/v1/users/${users.ann}/notification-rules`;
      const put = await t.call(
        'PUT',
        url,
        as('ann', {
          body: [
            { contactMethodId: ids.annSms, delayMinutes: 5 },
            { contactMethodId: ids.annIm, delayMinutes: 0 },
          ],
        }),
      );
      assert.equal(put.status, 200, put.text);
      assert.deepEqual(
        put.body.items.map((r: { contactMethodId: string; delayMinutes: number }) => [r.contactMethodId, r.delayMinutes]),
        [
          [ids.annIm, 0],
          [ids.annSms, 5],
        ],
      );
      const late = await t.call('PUT', url, as('ann', { body: [{ contactMethodId: ids.annSms, delayMinutes: 5 }] }));
      assert.equal(late.status, 400);
      assert.deepEqual(fields(late), ['body']);
      const ghost = await t.call('PUT', url, as('ann', { body: [{ contactMethodId: 'ghost', delayMinutes: 0 }] }));
      assert.deepEqual(fields(ghost), ['body[0].contactMethodId']);
      const tooLate = await t.call('PUT', url, as('ann', { body: [{ contactMethodId: ids.annSms, delayMinutes: 2000 }] }));
      assert.deepEqual(fields(tooLate), ['body[0].delayMinutes']);
      assert.equal((await t.call('PUT', url, as('bob', { body: [] }))).status, 403);

      assert.equal((await t.call('DELETE', `/api/v1/users/${users.ann}/contact-methods/${ids.annSms}`, as('ann'))).status, 204);
      const after = await t.call('GET', url, as('ann'));
      assert.deepEqual(
        after.body.items.map((r: { contactMethodId: string }) => r.contactMethodId),
        [ids.annIm],
      );
      assert.equal((await t.call('DELETE', `/api/v1/users/${users.ann}/contact-methods/${ids.annSms}`, as('ann'))).status, 404);
    });

    it('a daily rotation in America/New_York hands off at 09:00 local on both sides of the spring-forward change', async () => {
      // Friday 2026-03-06 09:00 EST = 14:00Z. Clocks go forward at 02:00 on Sunday 2026-03-08, so
      // from then 09:00 EDT = 13:00Z, and Bob's shift from Saturday to Sunday lasts 23 hours.
      const created = await t.call('POST', '/api/v1/schedules', {
        as: 'responder',
        body: {
          name: 'Payments primary',
          timeZone: 'America/New_York',
          teamId: ids.team,
          layers: [
            {
              name: 'primary',
              start: '2026-03-06T09:00:00-05:00',
              rotation: { kind: 'daily', handoffTime: '09:00' },
              participants: [users.ann, users.bob],
            },
          ],
        },
      });
      assert.equal(created.status, 201, created.text);
      ids.schedule = created.body.id;
      assert.equal(created.body.layers[0].start, '2026-03-06T14:00:00.000Z');
      assert.equal(created.body.layers[0].end, null);
      assert.ok(created.body.layers[0].id, 'a layer id is assigned');
      assert.deepEqual(created.body.layers[0].restrictions, []);

      const shifts = await t.call('GET', `/api/v1/schedules/${ids.schedule}/shifts?from=2026-03-07T05:00:00Z&to=2026-03-10T04:00:00Z`, {
        as: 'viewer',
      });
      assert.equal(shifts.status, 200, shifts.text);
      assert.deepEqual(
        shifts.body.items.map((s: { userId: string; start: string; end: string; layerName: string }) => [
          s.userId,
          s.start,
          s.end,
          s.layerName,
        ]),
        [
          [users.ann, '2026-03-07T05:00:00.000Z', '2026-03-07T14:00:00.000Z', 'primary'],
          [users.bob, '2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', 'primary'],
          [users.ann, '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z', 'primary'],
          [users.bob, '2026-03-09T13:00:00.000Z', '2026-03-10T04:00:00.000Z', 'primary'],
        ],
      );
      assert.deepEqual(
        shifts.body.items.map((s: { userName: string | null }) => s.userName),
        ['Ann Li', 'Bob Wang', 'Ann Li', 'Bob Wang'],
        'shifts name the person for every role (a viewer cannot list users)',
      );

      const before = await t.call('GET', `/api/v1/schedules/${ids.schedule}/oncall?at=2026-03-08T12:59:00Z`, { as: 'viewer' });
      assert.equal(before.status, 200, before.text);
      assert.equal(before.body.at, '2026-03-08T12:59:00.000Z');
      assert.equal(before.body.onCall.length, 1);
      assert.equal(before.body.onCall[0].userId, users.bob);
      assert.equal(before.body.onCall[0].userName, 'Bob Wang');
      assert.equal(before.body.onCall[0].end, '2026-03-08T13:00:00.000Z');
      assert.equal(before.body.onCall[0].layerId, created.body.layers[0].id);
      assert.equal(before.body.onCall[0].overrideId, null);
      const afterChange = await t.call('GET', `/api/v1/schedules/${ids.schedule}/oncall?at=2026-03-08T13:00:00Z`);
      assert.equal(afterChange.body.onCall[0].userId, users.ann);
      assert.equal(afterChange.body.onCall[0].start, '2026-03-08T13:00:00.000Z');
      const beforeStart = await t.call('GET', `/api/v1/schedules/${ids.schedule}/oncall?at=2026-03-01T00:00:00Z`);
      assert.deepEqual(beforeStart.body.onCall, [], 'nobody before the layer starts');
      const now = await t.call('GET', `/api/v1/schedules/${ids.schedule}/oncall`);
      assert.equal(now.status, 200);
      assert.ok(Math.abs(Date.parse(now.body.at) - Date.now()) < 60_000, 'at defaults to now');
    });

    it('an override puts someone else on call for its span; removing it (admins only) restores the rotation', async () => {
      const url = `/api/v1/schedules/${ids.schedule}/overrides`;
      assert.equal(
        (
          await t.call('POST', url, {
            as: 'viewer',
            body: { userId: users.cai, start: '2026-03-08T14:00:00Z', end: '2026-03-08T16:00:00Z' },
          })
        ).status,
        403,
      );
      const created = await t.call('POST', url, {
        as: 'responder',
        body: { userId: users.cai, start: '2026-03-08T10:00:00-04:00', end: '2026-03-08T12:00:00-04:00' },
      });
      assert.equal(created.status, 201, created.text);
      ids.override = created.body.id;
      assert.equal(created.body.start, '2026-03-08T14:00:00.000Z');
      assert.equal(created.body.end, '2026-03-08T16:00:00.000Z');

      const during = await t.call('GET', `/api/v1/schedules/${ids.schedule}/oncall?at=2026-03-08T15:00:00Z`);
      assert.deepEqual(
        during.body.onCall.map((s: Record<string, unknown>) => [s.userId, s.start, s.end, s.overrideId, s.layerId]),
        [[users.cai, '2026-03-08T14:00:00.000Z', '2026-03-08T16:00:00.000Z', ids.override, null]],
      );
      assert.equal(during.body.onCall[0].userName, 'Cai Xu', 'an override names its person too');
      const shifts = await t.call('GET', `/api/v1/schedules/${ids.schedule}/shifts?from=2026-03-08T13:00:00Z&to=2026-03-08T18:00:00Z`);
      assert.deepEqual(
        shifts.body.items.map((s: { userId: string; start: string; end: string }) => [s.userId, s.start, s.end]),
        [
          [users.ann, '2026-03-08T13:00:00.000Z', '2026-03-08T14:00:00.000Z'],
          [users.cai, '2026-03-08T14:00:00.000Z', '2026-03-08T16:00:00.000Z'],
          [users.ann, '2026-03-08T16:00:00.000Z', '2026-03-08T18:00:00.000Z'],
        ],
      );
      const listed = await t.call('GET', `${url}?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`, { as: 'viewer' });
      assert.deepEqual(
        listed.body.items.map((o: { id: string }) => o.id),
        [ids.override],
      );
      const elsewhere = await t.call('GET', `${url}?from=2026-04-01T00:00:00Z`);
      assert.deepEqual(elsewhere.body.items, []);

      const backwards = await t.call('POST', url, {
        as: 'responder',
        body: { userId: users.cai, start: '2026-03-09T00:00:00Z', end: '2026-03-08T00:00:00Z' },
      });
      assert.equal(backwards.status, 400);
      assert.deepEqual(fields(backwards), ['end']);
      const nobody = await t.call('POST', url, {
        as: 'responder',
        body: { userId: 'ghost', start: '2026-03-08T00:00:00Z', end: '2026-03-09T00:00:00Z' },
      });
      assert.deepEqual(fields(nobody), ['userId']);

      assert.equal((await t.call('DELETE', `${url}/${ids.override}`, { as: 'responder' })).status, 403);
      assert.equal((await t.call('DELETE', `${url}/${ids.override}`)).status, 204);
      const restored = await t.call('GET', `/api/v1/schedules/${ids.schedule}/oncall?at=2026-03-08T15:00:00Z`);
      assert.equal(restored.body.onCall[0].userId, users.ann);
      assert.equal(restored.body.onCall[0].overrideId, null);
    });

    it('iCal feeds: a signed link serves text/calendar with the shifts; a wrong or missing token is 401', async () => {
      // A custom daily rotation from midnight UTC three days ago: Ann, Bob, Ann, … The feed starts a
      // week back, so its first event is Ann's first shift, at the layer's start.
      const today = new Date();
      const startMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 3);
      const day = (offset: number) => {
        const d = new Date(startMs + offset * 86_400_000);
        return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T000000Z`;
      };
      const created = await t.call('POST', '/api/v1/schedules', {
        as: 'responder',
        body: {
          name: 'Feed test',
          timeZone: 'Asia/Shanghai',
          layers: [
            {
              start: new Date(startMs).toISOString(),
              rotation: { kind: 'custom', lengthMinutes: 1440 },
              participants: [users.ann, users.bob],
            },
          ],
        },
      });
      assert.equal(created.status, 201, created.text);
      ids.feedSchedule = created.body.id;

      const link = await t.call('GET', `/api/v1/schedules/${ids.feedSchedule}/ical-url`, { as: 'viewer' });
      assert.equal(link.status, 200, link.text);
      assert.match(
        link.body.url,
        new RegExp(`^http://localhost(:\\d+)?/api/v1/schedules/${ids.feedSchedule}/feed\\.ics\\?token=[\\w-]{20,}$`),
      );
      const feed = await t.call('GET', link.body.path, { as: null });
      assert.equal(feed.status, 200, feed.text);
      assert.equal(feed.headers['content-type'], 'text/calendar; charset=utf-8');
      assert.match(feed.text, /^BEGIN:VCALENDAR\r\n/);
      assert.ok(feed.text.includes('BEGIN:VEVENT'));
      const starts = [...feed.text.matchAll(/^DTSTART:(\S+)\r$/gm)].map((m) => m[1]);
      assert.equal(starts[0], day(0));
      assert.equal(starts[1], day(1));
      assert.ok(feed.text.includes('SUMMARY:On call: Ann Li (Feed test)'));

      const token = String(link.body.path).split('token=')[1] ?? '';
      const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      const wrong = await t.call('GET', `/api/v1/schedules/${ids.feedSchedule}/feed.ics?token=${flipped}`, { as: null });
      assert.equal(wrong.status, 401);
      assert.equal((await t.call('GET', `/api/v1/schedules/${ids.feedSchedule}/feed.ics`, { as: null })).status, 401);
      const otherSchedule = await t.call('GET', `/api/v1/schedules/${ids.schedule}/feed.ics?token=${token}`, { as: null });
      assert.equal(otherSchedule.status, 401, 'a token opens only its own feed');

      const annLink = await t.call('GET', `/api/v1/users/${users.ann}/ical-url`, as('ann'));
      assert.equal(annLink.status, 200, annLink.text);
      assert.equal((await t.call('GET', `/api/v1/users/${users.ann}/ical-url`, as('bob'))).status, 403);
      const annFeed = await t.call('GET', annLink.body.path, { as: null });
      assert.equal(annFeed.status, 200, annFeed.text);
      assert.equal(annFeed.headers['content-type'], 'text/calendar; charset=utf-8');
      // Ann's shifts of every schedule: this one's every other day, and the New York one's.
      const events = annFeed.text.split('BEGIN:VEVENT').slice(1);
      const startsOf = (summary: string) =>
        events.filter((e) => e.includes(`SUMMARY:${summary}\r\n`)).map((e) => /^DTSTART:(\S+)\r$/m.exec(e)?.[1]);
      assert.deepEqual(startsOf('On call: Feed test').slice(0, 3), [day(0), day(2), day(4)], 'only Ann’s shifts');
      assert.ok(startsOf('On call: Payments primary').length > 10, 'the New York schedule’s shifts too');
      const userWithScheduleToken = await t.call('GET', `/api/v1/users/${users.ann}/oncall.ics?token=${token}`, { as: null });
      assert.equal(userWithScheduleToken.status, 401);
    });

    it('bad schedule input names the field: unknown fields, time zone, rotation, participants, team, range', async () => {
      const layer = { start: '2026-03-06T09:00:00Z', rotation: { kind: 'daily', handoffTime: '09:00' }, participants: [users.ann] };
      const post = (body: Record<string, unknown>, role: 'viewer' | 'responder' = 'responder') =>
        t.call('POST', '/api/v1/schedules', { as: role, body: { name: 'Bad', timeZone: 'UTC', layers: [layer], ...body } });
      assert.equal((await post({}, 'viewer')).status, 403);
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ colour: 'red' }, ['body.colour']],
        [{ timeZone: 'Mars/Olympus_Mons' }, ['timeZone']],
        [{ layers: [{ ...layer, rotation: { kind: 'daily', handoffTime: '25:00' } }] }, ['layers[0].rotation.handoffTime']],
        [
          { layers: [{ ...layer, rotation: { kind: 'daily', handoffTime: '09:00', lengthMinutes: 60 } }] },
          ['layers[0].rotation.lengthMinutes'],
        ],
        [{ layers: [{ ...layer, participants: [users.ann, 'ghost'] }] }, ['layers[0].participants[1]']],
        [
          { layers: [{ ...layer, restrictions: [{ kind: 'weekly', start: '09:00', end: '18:00', startDay: 9, endDay: 5 }] }] },
          ['body.layers[0].restrictions[0].startDay'],
        ],
        [{ layers: [] }, ['layers']],
        [{ teamId: 'ghost' }, ['teamId']],
      ];
      for (const [body, expected] of cases) {
        const res = await post(body);
        assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
        assert.deepEqual(fields(res), expected, JSON.stringify(body));
      }
      assert.equal((await t.call('GET', '/api/v1/schedules')).body.items.length, 2, 'nothing was written');

      const base = `/api/v1/schedules/${ids.schedule}`;
      const backwards = await t.call('GET', `${base}/shifts?from=2026-03-10T00:00:00Z&to=2026-03-10T00:00:00Z`);
      assert.equal(backwards.status, 400);
      assert.deepEqual(fields(backwards), ['querystring.to']);
      const tooLong = await t.call('GET', `${base}/shifts?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z`);
      assert.equal(tooLong.status, 400);
      assert.deepEqual(fields(tooLong), ['querystring.to']);
      assert.match(tooLong.body.error.message, /93 days/);
      assert.deepEqual(fields(await t.call('GET', `${base}/oncall?at=yesterday`)), ['querystring.at']);
      assert.equal((await t.call('GET', '/api/v1/schedules/ghost')).status, 404);
      assert.equal((await t.call('GET', '/api/v1/schedules/ghost/oncall')).status, 404);

      const patched = await t.call('PATCH', base, { as: 'responder', body: { name: 'Payments primary (NY)' } });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.body.timeZone, 'America/New_York');
      assert.equal(patched.body.layers.length, 1, 'layers kept');
      const badPatch = await t.call('PATCH', base, { as: 'responder', body: { timeZone: 'Nowhere/Land' } });
      assert.deepEqual(fields(badPatch), ['timeZone']);
      assert.equal((await t.call('PATCH', base, { as: 'responder', body: {} })).status, 400);
      const put = await t.call('PUT', base, {
        as: 'responder',
        body: { name: 'Payments primary', timeZone: 'America/New_York', teamId: ids.team, layers: patched.body.layers },
      });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.name, 'Payments primary');
      assert.deepEqual(put.body.layers, patched.body.layers, 'a layer sent back as read is unchanged');
    });

    it('escalation policies: create, replace, read; unknown targets are 400s naming the step and target', async () => {
      const body = {
        name: 'Payments',
        teamId: ids.team,
        steps: [
          { delayMinutes: 10, targets: [{ kind: 'schedule', id: ids.schedule }] },
          {
            delayMinutes: 15,
            targets: [
              { kind: 'user', id: users.bob },
              { kind: 'team', id: ids.team },
            ],
          },
        ],
        repeat: 1,
      };
      assert.equal((await t.call('POST', '/api/v1/escalation-policies', { as: 'viewer', body })).status, 403);
      const created = await t.call('POST', '/api/v1/escalation-policies', { as: 'responder', body });
      assert.equal(created.status, 201, created.text);
      ids.policy = created.body.id;
      assert.deepEqual(created.body.steps, body.steps);
      assert.equal(created.body.teamId, ids.team);

      const bad = async (change: Record<string, unknown>) =>
        t.call('POST', '/api/v1/escalation-policies', { as: 'responder', body: { ...body, ...change } });
      const ghostUser = await bad({
        steps: [
          body.steps[0],
          {
            delayMinutes: 15,
            targets: [
              { kind: 'team', id: ids.team },
              { kind: 'user', id: 'ghost' },
            ],
          },
        ],
      });
      assert.equal(ghostUser.status, 400);
      assert.deepEqual(fields(ghostUser), ['steps[1].targets[1].id']);
      assert.deepEqual(fields(await bad({ steps: [{ delayMinutes: 5, targets: [{ kind: 'schedule', id: 'ghost' }] }] })), [
        'steps[0].targets[0].id',
      ]);
      assert.deepEqual(fields(await bad({ steps: [{ delayMinutes: 0, targets: [{ kind: 'user', id: users.bob }] }, body.steps[1]] })), [
        'steps[0].delayMinutes',
      ]);
      assert.deepEqual(fields(await bad({ steps: [{ delayMinutes: 5, targets: [{ kind: 'robot', id: 'x' }] }] })), [
        'body.steps[0].targets[0].kind',
      ]);
      assert.deepEqual(fields(await bad({ teamId: 'ghost' })), ['teamId']);
      assert.deepEqual(fields(await bad({ repeat: 99 })), ['repeat']);

      const replaced = await t.call('PUT', `/api/v1/escalation-policies/${ids.policy}`, {
        as: 'responder',
        body: { ...body, name: 'Payments (day)', repeat: 0 },
      });
      assert.equal(replaced.status, 200, replaced.text);
      const got = await t.call('GET', `/api/v1/escalation-policies/${ids.policy}`, { as: 'viewer' });
      assert.equal(got.body.name, 'Payments (day)');
      assert.equal(got.body.repeat, 0);
      assert.equal((await t.call('GET', '/api/v1/escalation-policies')).body.items.length, 1);
    });

    it('services must name an existing team and escalation policy', async () => {
      const ghostTeam = await t.call('POST', '/api/v1/services', { as: 'responder', body: { id: 'pay', name: 'Pay', teamId: 'ghost' } });
      assert.equal(ghostTeam.status, 400);
      assert.deepEqual(fields(ghostTeam), ['teamId']);
      const ghostPolicy = await t.call('POST', '/api/v1/services', {
        as: 'responder',
        body: { id: 'pay', name: 'Pay', escalationPolicyId: 'ghost' },
      });
      assert.deepEqual(fields(ghostPolicy), ['escalationPolicyId']);
      assert.equal((await t.call('GET', '/api/v1/services/pay')).status, 404);
      const created = await t.call('POST', '/api/v1/services', {
        as: 'responder',
        body: { id: 'pay', name: 'Pay', teamId: ids.team, escalationPolicyId: ids.policy },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.escalationPolicyId, ids.policy);
      const patch = await t.call('PATCH', '/api/v1/services/pay', { as: 'responder', body: { escalationPolicyId: 'ghost' } });
      assert.deepEqual(fields(patch), ['escalationPolicyId']);
      assert.equal((await t.call('GET', '/api/v1/services/pay')).body.escalationPolicyId, ids.policy);
    });

    it('deleting what is still referred to is a 409 naming who refers to it; only admins delete', async () => {
      const del = (path: string, role: 'admin' | 'responder' = 'admin') => t.call('DELETE', path, { as: role });
      assert.equal((await del(`/api/v1/schedules/${ids.schedule}`, 'responder')).status, 403);
      assert.equal((await del(`/api/v1/teams/${ids.team}`, 'responder')).status, 403);
      assert.equal((await del(`/api/v1/escalation-policies/${ids.policy}`, 'responder')).status, 403);

      const schedule = await del(`/api/v1/schedules/${ids.schedule}`);
      assert.equal(schedule.status, 409);
      assert.equal(schedule.body.error.code, 'conflict');
      assert.match(schedule.body.error.message, /escalation policy "Payments \(day\)"/);
      const team = await del(`/api/v1/teams/${ids.team}`);
      assert.equal(team.status, 409);
      assert.match(team.body.error.message, /service "pay"/);
      assert.match(team.body.error.message, /schedule "Payments primary"/);
      assert.match(team.body.error.message, /escalation policy/);
      const policy = await del(`/api/v1/escalation-policies/${ids.policy}`);
      assert.equal(policy.status, 409);
      assert.match(policy.body.error.message, /service "pay"/);

      assert.equal((await t.call('PATCH', '/api/v1/services/pay', { body: { escalationPolicyId: null, teamId: null } })).status, 200);
      assert.equal((await del(`/api/v1/escalation-policies/${ids.policy}`)).status, 204);
      assert.equal((await t.call('GET', `/api/v1/escalation-policies/${ids.policy}`)).status, 404);
      assert.equal((await del(`/api/v1/schedules/${ids.schedule}`)).status, 204);
      assert.equal((await t.call('GET', `/api/v1/schedules/${ids.schedule}`)).status, 404);
      const overrides = await t.deps.store.db
        .selectFrom('schedule_overrides')
        .selectAll()
        .where('schedule_id', '=', ids.schedule)
        .execute();
      assert.deepEqual(overrides, []);
      assert.equal((await del(`/api/v1/teams/${ids.team}`)).status, 204);
      assert.equal((await del(`/api/v1/teams/${ids.team}`)).status, 404);
    });

    it('channels: admins write, configs are checked by kind, stored sealed and shown masked', async () => {
      const body = { name: 'Pay robot', kind: 'dingtalk', locale: 'zh-CN', config: { webhookUrl: ROBOT_URL, secret: ROBOT_SECRET } };
      assert.equal((await t.call('POST', '/api/v1/channels', { as: 'responder', body })).status, 403);
      const created = await t.call('POST', '/api/v1/channels', { body });
      assert.equal(created.status, 201, created.text);
      ids.robot = created.body.id;
      assert.deepEqual(created.body.config, { webhookUrl: 'https://oapi.dingtalk.com/…wxyz', secret: '********' });
      const read = await t.call('GET', `/api/v1/channels/${ids.robot}`, { as: 'viewer' });
      assert.equal(read.status, 200);
      assert.deepEqual(read.body.config, created.body.config);
      const list = await t.call('GET', '/api/v1/channels', { as: 'viewer' });
      for (const text of [created.text, read.text, list.text])
        for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} leaked`);
      const row = await t.deps.store.db.selectFrom('channels').select('config_enc').where('id', '=', ids.robot).executeTakeFirstOrThrow();
      assert.ok(!row.config_enc.includes('ROBOTTOKEN') && !row.config_enc.includes(ROBOT_SECRET));

      const badUrl = await t.call('POST', '/api/v1/channels', {
        body: { ...body, kind: 'slack', config: { webhookUrl: 'ftp://example.com/x' } },
      });
      assert.equal(badUrl.status, 400);
      assert.deepEqual(fields(badUrl), ['config.webhookUrl']);
      const extra = await t.call('POST', '/api/v1/channels', {
        body: { ...body, kind: 'slack', config: { webhookUrl: ROBOT_URL, colour: 'red' } },
      });
      assert.equal(extra.status, 400);
      assert.match(fields(extra)[0] ?? '', /^config/);
      assert.deepEqual(fields(await t.call('POST', '/api/v1/channels', { body: { ...body, locale: 'fr' } })), ['body.locale']);

      const renamed = await t.call('PATCH', `/api/v1/channels/${ids.robot}`, { body: { name: 'Payments robot', disabled: true } });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.body.disabled, true);
      assert.deepEqual(renamed.body.config, created.body.config, 'config kept');
      assert.equal((await t.call('PATCH', `/api/v1/channels/${ids.robot}`, { as: 'responder', body: { name: 'x' } })).status, 403);
      assert.deepEqual(fields(await t.call('PATCH', `/api/v1/channels/${ids.robot}`, { body: { kind: 'slack' } })), ['config']);

      const gateway = {
        method: 'POST',
        url: 'https://sms.example.com/v1/send',
        headers: { authorization: 'Bearer GATEWAYKEY-1' },
        contentType: 'application/json',
        bodyTemplate: '{"to": "{{phone}}", "text": "{{text}}"}',
      };
      const noBody = await t.call('POST', '/api/v1/channels', {
        body: { name: 'SMS gateway', kind: 'sms-gateway', locale: 'zh-CN', config: { ...gateway, bodyTemplate: undefined } },
      });
      assert.equal(noBody.status, 400, 'the gateway plugin checks its config');
      assert.deepEqual(fields(noBody), ['config.bodyTemplate']);
      const sms = await t.call('POST', '/api/v1/channels', {
        body: { name: 'SMS gateway', kind: 'sms-gateway', locale: 'zh-CN', config: gateway },
      });
      assert.equal(sms.status, 201, sms.text);
      ids.sms = sms.body.id;
      assert.deepEqual(sms.body.config, {
        method: 'POST',
        url: 'https://sms.example.com/…send',
        headers: { authorization: '********' },
        contentType: 'application/json',
        bodyTemplate: '********',
      });
      assert.ok(!sms.text.includes('GATEWAYKEY'));
    });

    it('paging settings: defaults, replaced by admins, references checked, gateways kept while used', async () => {
      const defaults = await t.call('GET', '/api/v1/paging-settings', { as: 'viewer' });
      assert.equal(defaults.status, 200);
      assert.deepEqual(defaults.body, { leadership: [], incidentCommander: [], smsGatewayChannelId: null, voiceGatewayChannelId: null });
      const settings = {
        leadership: [{ kind: 'user', id: users.cai }],
        incidentCommander: [{ kind: 'schedule', id: ids.feedSchedule }],
        smsGatewayChannelId: ids.sms,
        voiceGatewayChannelId: null,
      };
      assert.equal((await t.call('PUT', '/api/v1/paging-settings', { as: 'responder', body: settings })).status, 403);
      const ghost = await t.call('PUT', '/api/v1/paging-settings', { body: { ...settings, leadership: [{ kind: 'user', id: 'ghost' }] } });
      assert.equal(ghost.status, 400);
      assert.deepEqual(fields(ghost), ['leadership[0].id']);
      const robot = await t.call('PUT', '/api/v1/paging-settings', { body: { ...settings, voiceGatewayChannelId: ids.robot } });
      assert.deepEqual(fields(robot), ['voiceGatewayChannelId']);
      assert.deepEqual(fields(await t.call('PUT', '/api/v1/paging-settings', { body: { leadership: [] } })), ['body.incidentCommander']);

      const put = await t.call('PUT', '/api/v1/paging-settings', { body: settings });
      assert.equal(put.status, 200, put.text);
      assert.deepEqual((await t.call('GET', '/api/v1/paging-settings', { as: 'viewer' })).body, settings);
      assert.deepEqual(await readPagingSettings(t.deps.store.db), settings);

      const gateway = await t.call('DELETE', `/api/v1/channels/${ids.sms}`);
      assert.equal(gateway.status, 409);
      assert.match(gateway.body.error.message, /paging settings \(smsGatewayChannelId\)/);
      const commander = await t.call('DELETE', `/api/v1/schedules/${ids.feedSchedule}`);
      assert.equal(commander.status, 409);
      assert.match(commander.body.error.message, /paging settings \(incidentCommander\)/);
      assert.equal((await t.call('DELETE', `/api/v1/channels/${ids.robot}`)).status, 204);
      assert.equal((await t.call('GET', `/api/v1/channels/${ids.robot}`)).status, 404);
    });

    it('audits every write in its transaction, with secrets masked, and documents the routes', async () => {
      const audit = await t.call('GET', '/api/v1/audit?limit=500');
      assert.equal(audit.status, 200);
      const actions = new Set(audit.body.items.map((a: { action: string }) => a.action));
      for (const action of [
        'team.create',
        'team.update',
        'team.delete',
        'contact-method.create',
        'contact-method.delete',
        'notification-rules.replace',
        'schedule.create',
        'schedule.update',
        'schedule.delete',
        'schedule-override.create',
        'schedule-override.delete',
        'escalation-policy.create',
        'escalation-policy.update',
        'escalation-policy.delete',
        'channel.create',
        'channel.update',
        'channel.delete',
        'paging-settings.update',
      ]) {
        assert.ok(actions.has(action), `no audit entry ${action}`);
      }
      const creates = audit.body.items.filter((a: { action: string }) => a.action === 'team.create');
      assert.equal(creates.length, 1, 'refused creates are not audited');
      for (const secret of SECRETS) assert.ok(!audit.text.includes(secret), `${secret} in the audit log`);

      const openapi = await t.call('GET', '/api/v1/openapi.json', { as: null });
      for (const path of [
        '/api/v1/schedules/{id}/oncall',
        '/api/v1/users/{id}/contact-methods',
        '/api/v1/paging-settings',
        '/api/v1/escalation-policies/{id}',
      ]) {
        assert.ok(openapi.body.paths[path], `${path} missing from the OpenAPI document`);
      }
    });
  });
}
