import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../src/operations/context.js';
import { DIALECTS } from '../helpers/dialects.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The incidents of src/domain/metrics/metrics-test-fixture.ts, opened and worked through the API
 * under a controlled clock (seconds after `started`), plus a drill (G) and one started just before
 * the range (H). The expected numbers are the fixture's, computed by hand there and below.
 *
 * Each: name, start, seconds after it to [detection, ack, mitigate, resolve] (null: not done),
 * services, impact, the level the default policy grades it (checked), drill.
 */
type Walk = [string, string, [number, number | null, number | null, number | null], string[], string, number, boolean?];
const WALKS: Walk[] = [
  ['A', '2025-06-01T08:00:00Z', [60, 120, 900, 3600], ['pay', 'storage'], 'outage', 1],
  ['B', '2025-06-01T10:00:00Z', [300, 600, 1800, 7200], ['chat'], 'degraded', 2],
  ['C', '2025-06-15T12:00:00Z', [0, 180, null, null], ['chat', 'search'], 'degraded', 2],
  ['D', '2025-06-20T09:00:00Z', [120, null, null, 2400], ['search'], 'degraded', 3],
  ['E', '2025-07-02T06:00:00Z', [30, 90, 600, 600], ['wiki'], 'complaint', 4],
  // F is acknowledged 90 s after its start; the test then moves the acknowledgement to 30 s, before detection (60 s).
  ['F', '2025-07-03T00:00:00Z', [60, 90, null, null], ['pay'], 'outage', 1],
  ['G', '2025-06-10T00:00:00Z', [60, 120, null, 240], ['chat'], 'degraded', 2, true],
  ['H', '2025-05-31T23:59:59Z', [1, null, null, null], ['wiki'], 'complaint', 4],
];

const RANGE = 'from=2025-06-01&to=2025-08-01';
const LEVEL = (n: number) => ({ 1: 0, 2: 0, 3: 0, 4: 0, [n]: 1 });

/** The JSON fields of one summary, from counts and [n, mean, median, p90] per duration. */
function summary(
  count: number,
  invalid: number,
  byLevel: Record<number, number>,
  ...durations: Array<[number, number | null, number | null, number | null]>
) {
  const out: Record<string, unknown> = { count, invalid, countsByLevel: { ...byLevel } };
  durations.forEach(([n, mean, median, p90], i) => {
    const x = 'damr'[i] as string;
    Object.assign(out, { [`mtt${x}Seconds`]: mean, [`tt${x}MedianSeconds`]: median, [`tt${x}P90Seconds`]: p90, [`tt${x}Count`]: n });
  });
  return out;
}
const NONE: [number, null, null, null] = [0, null, null, null];

// Overall: detect (60+300+0+120+30)/5 = 102, ack (120+600+180+90)/4 = 247.5, mitigate (900+1800+2400+600)/4 = 1425,
// resolve (3600+7200+2400+600)/4 = 3450; medians and p90s by nearest rank (see the unit tests).
const OVERALL = summary(
  5,
  1,
  { 1: 1, 2: 2, 3: 1, 4: 1 },
  [5, 102, 60, 300],
  [4, 247.5, 120, 600],
  [4, 1425, 900, 2400],
  [4, 3450, 2400, 7200],
);
const ONLY_A = summary(1, 1, LEVEL(1), [1, 60, 60, 60], [1, 120, 120, 120], [1, 900, 900, 900], [1, 3600, 3600, 3600]);
// B and C: detect (300+0)/2 = 150, ack (600+180)/2 = 390; only B mitigated and resolved.
const B_AND_C = summary(2, 0, { ...LEVEL(2), 2: 2 }, [2, 150, 0, 300], [2, 390, 180, 600], [1, 1800, 1800, 1800], [1, 7200, 7200, 7200]);
const ONLY_D = summary(1, 0, LEVEL(3), [1, 120, 120, 120], NONE, [1, 2400, 2400, 2400], [1, 2400, 2400, 2400]);
const ONLY_E = summary(1, 0, LEVEL(4), [1, 30, 30, 30], [1, 90, 90, 90], [1, 600, 600, 600], [1, 600, 600, 600]);

for (const dialect of DIALECTS) {
  describe(`reliability reports over HTTP (${dialect})`, () => {
    let t: TestApp;
    let now = Date.parse('2025-05-01T00:00:00Z');
    const clock: Clock = { now: () => now };
    const get = (url: string, headers: Record<string, string> = {}) => t.call('GET', url, { as: 'viewer', headers });

    before(async () => {
      t = await startTestApp(dialect, { clock });
      const catalog = [
        { id: 'pay', name: 'Payments', payment: true, ownerTeam: 'payments' },
        { id: 'storage', name: 'Storage', kind: 'infrastructure', userFacing: false, ownerTeam: 'infra' },
        { id: 'chat', name: 'Chat', critical: true, ownerTeam: 'messaging' },
        { id: 'search', name: 'Search', ownerTeam: 'messaging' },
        { id: 'wiki', name: 'Wiki, "internal"' },
      ];
      for (const body of catalog) assert.equal((await t.call('POST', '/api/v1/services', { body })).status, 201);
      for (const [name, startedAt, [detect, ...actions], services, impact, level, drill = false] of WALKS) {
        const started = Date.parse(startedAt);
        now = started + detect * 1000;
        const created = await t.call('POST', '/api/v1/incidents', {
          as: 'responder',
          body: { title: name, services, impact, startedAt, drill },
        });
        assert.equal(created.status, 201, created.text);
        assert.equal(created.body.level, level, `${name} is graded ${created.body.level}`);
        for (const [index, action] of (['acknowledge', 'mitigate', 'resolve'] as const).entries()) {
          const at = actions[index];
          if (at === null || at === undefined) continue;
          now = started + at * 1000;
          const res = await t.call('POST', `/api/v1/incidents/${created.body.id}/${action}`, { as: 'responder' });
          assert.equal(res.status, 200, `${name} ${action}: ${res.text}`);
        }
        if (name === 'F') {
          // Out of order, as data from before the checks (or a hand edit) could be: acknowledged before detection.
          await t.deps.store.db
            .updateTable('incidents')
            .set({ acknowledged_at: started + 30_000 })
            .where('id', '=', created.body.id)
            .execute();
        }
      }
      now = Date.parse('2025-07-10T00:00:00Z');
    });
    after(() => t.close());

    it('by level: the hand-computed means, medians, p90s and counts, every level listed and labelled', async () => {
      const res = await get(`/api/v1/reports/metrics?${RANGE}&groupBy=level`);
      assert.equal(res.status, 200, res.text);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const { overall, groups, ...rest } = res.body;
      assert.deepEqual(rest, {
        from: '2025-06-01T00:00:00.000Z',
        to: '2025-08-01T00:00:00.000Z',
        timeZone: 'UTC',
        groupBy: 'level',
        drill: 'false',
      });
      assert.deepEqual(overall, OVERALL);
      assert.deepEqual(groups, [
        { key: '1', label: 'Level 1 — major', ...ONLY_A },
        { key: '2', label: 'Level 2 — significant', ...B_AND_C },
        { key: '3', label: 'Level 3 — general', ...ONLY_D },
        { key: '4', label: 'Level 4 — minor', ...ONLY_E },
      ]);
    });

    it('groups by level when groupBy is left out', async () => {
      const res = await get(`/api/v1/reports/metrics?${RANGE}`);
      assert.equal(res.body.groupBy, 'level');
      assert.equal(res.body.groups.length, 4);
    });

    it('by service: an incident counts under each of its services, labelled with the service name', async () => {
      const res = await get(`/api/v1/reports/metrics?${RANGE}&groupBy=service`);
      assert.deepEqual(res.body.overall, OVERALL);
      assert.deepEqual(
        res.body.groups.map((g: { key: string; label: string; count: number; invalid: number }) => [g.key, g.label, g.count, g.invalid]),
        [
          ['chat', 'Chat', 2, 0],
          ['pay', 'Payments', 1, 1],
          ['search', 'Search', 2, 0],
          ['storage', 'Storage', 1, 0],
          ['wiki', 'Wiki, "internal"', 1, 0],
        ],
      );
      // search: C and D. detect (0+120)/2 = 60; only C acknowledged; only D mitigated and resolved.
      const search = res.body.groups.find((g: { key: string }) => g.key === 'search');
      const { key: _k, label: _l, ...numbers } = search;
      assert.deepEqual(
        numbers,
        summary(2, 0, { 1: 0, 2: 1, 3: 1, 4: 0 }, [2, 60, 0, 120], [1, 180, 180, 180], [1, 2400, 2400, 2400], [1, 2400, 2400, 2400]),
      );
    });

    it("by team: through the services' ownerTeam, once per team, unowned last as null", async () => {
      const res = await get(`/api/v1/reports/metrics?${RANGE}&groupBy=team`);
      const groups = res.body.groups as Array<{ key: string | null; label: string; count: number }>;
      assert.deepEqual(
        groups.map((g) => [g.key, g.label, g.count]),
        [
          ['infra', 'infra', 1],
          ['messaging', 'messaging', 3],
          ['payments', 'payments', 1],
          [null, '(no team)', 1],
        ],
      );
      // messaging: B, C, D. detect (300+0+120)/3 = 140; ack (600+180)/2 = 390; mitigate (1800+2400)/2 = 2100; resolve (7200+2400)/2 = 4800.
      const { key: _k, label: _l, ...messaging } = groups[1] as Record<string, unknown>;
      assert.deepEqual(
        messaging,
        summary(3, 0, { 1: 0, 2: 2, 3: 1, 4: 0 }, [3, 140, 120, 300], [2, 390, 180, 600], [2, 2100, 1800, 2400], [2, 4800, 2400, 7200]),
      );
    });

    it('by month (UTC): periods with their bounds; June has A–D, July E and the invalid F', async () => {
      const res = await get(`/api/v1/reports/metrics?${RANGE}&groupBy=month`);
      // June: detect (60+300+0+120)/4 = 120; ack (120+600+180)/3 = 300; mitigate (900+1800+2400)/3 = 1700; resolve (3600+7200+2400)/3 = 4400.
      assert.deepEqual(res.body.groups, [
        {
          key: '2025-06',
          label: '2025-06',
          start: '2025-06-01T00:00:00.000Z',
          end: '2025-07-01T00:00:00.000Z',
          ...summary(4, 0, { 1: 1, 2: 2, 3: 1, 4: 0 }, [4, 120, 60, 300], [3, 300, 180, 600], [3, 1700, 1800, 2400], [3, 4400, 3600, 7200]),
        },
        { key: '2025-07', label: '2025-07', start: '2025-07-01T00:00:00.000Z', end: '2025-08-01T00:00:00.000Z', ...ONLY_E, invalid: 1 },
      ]);
    });

    it('reads dates and months in tz: from Shanghai midnight, H (23:59:59 UTC on 31 May) is in June', async () => {
      const res = await get(`/api/v1/reports/metrics?${RANGE}&groupBy=month&tz=Asia/Shanghai`);
      assert.equal(res.body.from, '2025-05-31T16:00:00.000Z');
      assert.equal(res.body.timeZone, 'Asia/Shanghai');
      assert.deepEqual(
        res.body.groups.map((g: { key: string; start: string; count: number }) => [g.key, g.start, g.count]),
        [
          ['2025-06', '2025-05-31T16:00:00.000Z', 5],
          ['2025-07', '2025-06-30T16:00:00.000Z', 1],
        ],
      );
    });

    it('leaves drills out unless asked: drill=true adds G, drill=only is G alone', async () => {
      const counted = async (q: string) => (await get(`/api/v1/reports/metrics?${RANGE}${q}`)).body.overall;
      assert.equal((await counted('')).count, 5);
      const withDrills = await counted('&drill=true');
      assert.equal(withDrills.count, 6);
      assert.deepEqual(withDrills.countsByLevel, { 1: 1, 2: 3, 3: 1, 4: 1 });
      // G: detected at 60 s, acknowledged at 120 s, resolved at 240 s (which records the mitigation too).
      assert.deepEqual(
        await counted('&drill=only'),
        summary(1, 0, LEVEL(2), [1, 60, 60, 60], [1, 120, 120, 120], [1, 240, 240, 240], [1, 240, 240, 240]),
      );
    });

    it('filters by level, service and team', async () => {
      const overall = async (q: string) => (await get(`/api/v1/reports/metrics?${RANGE}${q}`)).body.overall;
      assert.deepEqual(await overall('&level=2'), B_AND_C);
      assert.deepEqual((await overall('&level=3,4')).countsByLevel, { 1: 0, 2: 0, 3: 1, 4: 1 });
      assert.equal((await overall('&service=search')).count, 2);
      assert.equal((await overall('&team=messaging')).count, 3);
      assert.equal((await overall('&team=payments')).invalid, 1);
      assert.equal((await overall('&service=nothing-like-it')).count, 0);
    });

    it('defaults to the last 30 days before now', async () => {
      const res = await get('/api/v1/reports/metrics');
      assert.equal(res.body.to, '2025-07-10T00:00:00.000Z');
      assert.equal(res.body.from, '2025-06-10T00:00:00.000Z');
      // C, D, E counted, F invalid; A, B and H are older, G is a drill.
      assert.equal(res.body.overall.count, 3);
      assert.equal(res.body.overall.invalid, 1);
    });

    it('answers CSV for format=csv: a header, one row per group, RFC 4180 quoting, CRLF', async () => {
      const res = await get(`/api/v1/reports/metrics?${RANGE}&groupBy=level&format=csv`);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="fenghuo-metrics-by-level.csv"');
      assert.equal(
        res.text,
        [
          'key,label,count,invalid,level1,level2,level3,level4,' +
            'mttdSeconds,ttdMedianSeconds,ttdP90Seconds,ttdCount,mttaSeconds,ttaMedianSeconds,ttaP90Seconds,ttaCount,' +
            'mttmSeconds,ttmMedianSeconds,ttmP90Seconds,ttmCount,mttrSeconds,ttrMedianSeconds,ttrP90Seconds,ttrCount',
          '1,Level 1 — major,1,1,1,0,0,0,60,60,60,1,120,120,120,1,900,900,900,1,3600,3600,3600,1',
          '2,Level 2 — significant,2,0,0,2,0,0,150,0,300,2,390,180,600,2,1800,1800,1800,1,7200,7200,7200,1',
          '3,Level 3 — general,1,0,0,0,1,0,120,120,120,1,,,,0,2400,2400,2400,1,2400,2400,2400,1',
          '4,Level 4 — minor,1,0,0,0,0,1,30,30,30,1,90,90,90,1,600,600,600,1,600,600,600,1',
          '',
        ].join('\r\n'),
      );
    });

    it('answers CSV for Accept: text/csv, quoting a name with a comma and quotes; format=json wins over Accept', async () => {
      const csv = await get(`/api/v1/reports/metrics?${RANGE}&groupBy=service`, { accept: 'text/csv' });
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      const lines = csv.text.split('\r\n');
      assert.equal(lines.length, 7, 'header, five services, and the empty string after the last CRLF');
      assert.match(lines[5] as string, /^wiki,"Wiki, ""internal""",1,0,0,0,0,1,30,/);
      const json = await get(`/api/v1/reports/metrics?${RANGE}&format=json`, { accept: 'text/csv' });
      assert.match(String(json.headers['content-type']), /^application\/json/);
    });

    it('incident counts per week: every week listed, by level, F invalid, in JSON and in CSV', async () => {
      const url = '/api/v1/reports/incident-counts?from=2025-06-01&to=2025-07-07&interval=week';
      const res = await get(url);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.total, { count: 5, invalid: 1, countsByLevel: { 1: 1, 2: 2, 3: 1, 4: 1 } });
      assert.equal(res.body.interval, 'week');
      assert.deepEqual(res.body.periods[0], {
        key: '2025-05-26',
        label: '2025-W22',
        start: '2025-05-26T00:00:00.000Z',
        end: '2025-06-02T00:00:00.000Z',
        count: 2,
        invalid: 0,
        countsByLevel: { 1: 1, 2: 1, 3: 0, 4: 0 },
      });
      // A and B start on Sunday 1 June (the week of 26 May), C on 15 June, D on 20 June, E and F in the week of 30 June.
      const csv = await get(`${url}&format=csv`);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(
        csv.text,
        [
          'key,label,start,end,count,invalid,level1,level2,level3,level4',
          '2025-05-26,2025-W22,2025-05-26T00:00:00.000Z,2025-06-02T00:00:00.000Z,2,0,1,1,0,0',
          '2025-06-02,2025-W23,2025-06-02T00:00:00.000Z,2025-06-09T00:00:00.000Z,0,0,0,0,0,0',
          '2025-06-09,2025-W24,2025-06-09T00:00:00.000Z,2025-06-16T00:00:00.000Z,1,0,0,1,0,0',
          '2025-06-16,2025-W25,2025-06-16T00:00:00.000Z,2025-06-23T00:00:00.000Z,1,0,0,0,1,0',
          '2025-06-23,2025-W26,2025-06-23T00:00:00.000Z,2025-06-30T00:00:00.000Z,0,0,0,0,0,0',
          '2025-06-30,2025-W27,2025-06-30T00:00:00.000Z,2025-07-07T00:00:00.000Z,1,1,0,0,0,1',
          '',
        ].join('\r\n'),
      );
    });

    it('incident counts per day by default, drills only when asked', async () => {
      const res = await get('/api/v1/reports/incident-counts?from=2025-06-01&to=2025-06-11');
      assert.equal(res.body.interval, 'day');
      assert.equal(res.body.periods.length, 10);
      assert.deepEqual(res.body.periods[0].countsByLevel, { 1: 1, 2: 1, 3: 0, 4: 0 });
      const drills = await get('/api/v1/reports/incident-counts?from=2025-06-01&to=2025-06-11&drill=only');
      assert.deepEqual(
        drills.body.periods.filter((p: { count: number }) => p.count > 0).map((p: { key: string }) => p.key),
        ['2025-06-10'],
      );
    });

    it('per-month periods as CSV include their bounds', async () => {
      const res = await get(`/api/v1/reports/metrics?${RANGE}&groupBy=month&format=csv`);
      const [header, june] = res.text.split('\r\n');
      assert.match(header as string, /^key,label,start,end,count,invalid,/);
      assert.match(june as string, /^2025-06,2025-06,2025-06-01T00:00:00.000Z,2025-07-01T00:00:00.000Z,4,0,1,2,1,0,120,60,300,4,300,/);
    });
  });
}
