// The ingest fuzz test (issue 3, "Bad input"): thousands of mutated payloads thrown at every
// ingest route of the real server process. Every answer must be a 2xx or a 4xx (never a 5xx, never
// a dropped connection), every 4xx must be JSON in that API's own error shape, the server must
// still be up at the end, and what was stored must match what was acknowledged.
//
// Reproducing a failure: the cases come from a seeded PRNG, one stream per (seed, route, case),
// so a case is the same whatever the concurrency.
//   FENGHUO_FUZZ_SEED=<n>             seed (default below; printed at the start)
//   FENGHUO_FUZZ_CASES=<n>            cases per route (default 1000)
//   FENGHUO_FUZZ_ONLY=pd-v2:17,...    run only these cases
// Failing requests are written (headers and exact body bytes) to a temp directory named in the
// assertion message.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from '../../src/store/database.js';
import { createTestDatabase, DIALECTS, type TestDatabase, type TestDialect } from '../helpers/dialects.js';
import { cli, freePort, startServer, type Server, serverEnv } from '../helpers/server-process.js';

const SEED = Number(process.env.FENGHUO_FUZZ_SEED ?? 0x5eed_f00d) >>> 0;
const CASES_PER_ROUTE = Number(process.env.FENGHUO_FUZZ_CASES ?? 1000);
const ONLY = new Set((process.env.FENGHUO_FUZZ_ONLY ?? '').split(',').filter(Boolean));
/**
 * Both storage dialects by default (PostgreSQL refuses NUL in text and fractions in integer
 * columns, where SQLite takes anything); FENGHUO_FUZZ_DIALECTS=sqlite runs one.
 */
const FUZZ_DIALECTS = (process.env.FENGHUO_FUZZ_DIALECTS ?? DIALECTS.join(','))
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is TestDialect => (DIALECTS as readonly string[]).includes(d));
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 30_000;
const MIB = 1024 * 1024;
const PD_LIMIT = 512 * 1024;
const GRAFANA_SECRET = 'fuzz-grafana-signing-secret';

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** FNV-1a over the parts, for one independent stream per case. */
function hashSeed(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0001')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Picks by weight: [[weight, value], ...]. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    const total = items.reduce((n, [w]) => n + w, 0);
    let r = this.next() * total;
    for (const [w, v] of items) {
      if ((r -= w) < 0) return v;
    }
    return items[items.length - 1]![1];
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Golden payloads, of the shapes the real senders emit (see test/fixtures/** and the captured
// Alertmanager 0.25 webhook). Kept inline so a seed reproduces the same cases.
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const clone = <T extends Json>(v: T): T => structuredClone(v);

const PD_V2_TRIGGER: JsonObject = {
  payload: {
    summary: 'DISK at 99% on machine prod-datapipe03.example.com',
    timestamp: '2015-07-17T08:42:58.315+0000',
    severity: 'critical',
    source: 'prod-datapipe03.example.com',
    component: 'mysql',
    group: 'prod-datapipe',
    class: 'disk',
    custom_details: { 'free space': '1%', 'ping time': '1500ms', 'load avg': 0.75, service: 'orders-db', records_exposed: 0 },
  },
  routing_key: 'R0UTINGKEY0000000000000000000001',
  dedup_key: 'disk-full/prod-datapipe03',
  images: [
    {
      src: 'https://monitoring.example.com/graphs/disk.png',
      href: 'https://monitoring.example.com/hosts/prod-datapipe03',
      alt: 'Disk usage',
    },
  ],
  links: [{ href: 'https://runbooks.example.com/disk-full', text: 'Runbook: disk full' }],
  event_action: 'trigger',
  client: 'Sample Monitoring Service',
  client_url: 'https://monitoring.example.com',
};
const PD_V2_ACK: JsonObject = {
  routing_key: 'R0UTINGKEY0000000000000000000001',
  dedup_key: 'disk-full/prod-datapipe03',
  event_action: 'acknowledge',
};
const PD_V2_AM_RESOLVE: JsonObject = {
  routing_key: 'R0UTINGKEY0000000000000000000001',
  dedup_key: '6f2d1f9a7e3c4b5a8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e',
  event_action: 'resolve',
  payload: {
    summary: '[RESOLVED] DBDown (orders-db sev1)',
    source: 'http://vm:19093',
    severity: 'error',
    custom_details: {
      firing: '',
      num_firing: '0',
      num_resolved: '1',
      resolved: 'Labels:\n - alertname = DBDown\n - service = orders-db\n',
    },
  },
  client: 'Alertmanager',
  client_url: 'http://vm:19093/#/alerts?receiver=pd',
  images: [],
  links: [],
};
const PD_V2_MINIMAL: JsonObject = {
  routing_key: 'x',
  event_action: 'trigger',
  payload: { summary: 'Minimal trigger', source: 'fuzz', severity: 'info' },
};

const PD_V1_AM_TRIGGER: JsonObject = {
  service_key: '5ERV1CEKEY000000000000000000000a',
  incident_key: '6f2d1f9a7e3c4b5a8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e',
  event_type: 'trigger',
  description: '[FIRING:1] DBDown (orders-db sev1)',
  event_action: '',
  payload: null,
  client: 'AlertManager',
  client_url: 'http://vm:19093/#/alerts?receiver=pd-v1',
  details: { firing: 'Labels:\n - alertname = DBDown\n - service = orders-db\n', num_firing: '1', num_resolved: '0', resolved: '' },
};
const PD_V1_AM_RESOLVE: JsonObject = {
  ...clone(PD_V1_AM_TRIGGER),
  event_type: 'resolve',
  description: '[RESOLVED] DBDown (orders-db sev1)',
};
const PD_V1_CLASSIC: JsonObject = {
  service_key: 'x',
  event_type: 'trigger',
  incident_key: 'srv01/HTTP',
  description: 'FAILURE for production/HTTP on machine srv01.acme.com',
  client: 'Sample Monitoring Service',
  client_url: 'https://monitoring.service.com',
  details: { ping_time: '1500ms', load_avg: 0.75 },
  contexts: [{ type: 'link', href: 'http://acme.pagerduty.com', text: 'View in PD' }],
};

const OG_CREATE: JsonObject = {
  message: 'orders-api: checkout latency p99 above 2s',
  alias: 'orders-api/checkout-latency',
  description: 'p99 latency of POST /checkout has been above 2 s for 10 minutes in dc-sh-1.',
  responders: [
    { id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', type: 'team' },
    { name: 'NOC', type: 'team' },
    { username: 'oncall@example.com', type: 'user' },
  ],
  visibleTo: [{ name: 'payments', type: 'team' }],
  actions: ['Restart', 'Failover'],
  tags: ['OverwriteQuietHours', 'Critical'],
  details: { service: 'orders-api', datacenter: 'dc-sh-1', impact: 'degraded', users_affected_pct: '30' },
  entity: 'orders-api',
  source: 'prometheus-sh-1',
  priority: 'P1',
  user: 'Monitoring Script',
  note: 'Created by the latency probe',
};
const OG_AM_CREATE: JsonObject = {
  alias: '6f2d1f9a7e3c4b5a8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e',
  message: '[FIRING:1] DBDown (orders-db sev1)',
  description: 'Alerts Firing:\nLabels:\n - alertname = DBDown\n - service = orders-db\n',
  details: { alertname: 'DBDown', service: 'orders-db', severity: 'sev1' },
  source: 'http://vm:19093/#/alerts?receiver=opsgenie',
  tags: ['DBDown'],
};
const OG_MINIMAL: JsonObject = { message: 'Something is wrong' };
const OG_CLOSE: JsonObject = { user: 'Monitoring Script', source: 'AWS Lambda', note: 'Action executed via Alert API' };
const OG_AM_CLOSE: JsonObject = { source: 'http://vm:19093/#/alerts?receiver=opsgenie' };

const AM_FIRING: JsonObject = {
  receiver: 'hook',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'DBDown', service: 'orders-db', severity: 'sev1' },
      annotations: { summary: 'orders-db unreachable' },
      startsAt: '2026-11-22T02:16:27.551Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://127.0.0.1/graph',
      fingerprint: 'fdca0bb02bd2df57',
    },
  ],
  groupLabels: { alertname: 'DBDown' },
  commonLabels: { alertname: 'DBDown', service: 'orders-db', severity: 'sev1' },
  commonAnnotations: { summary: 'orders-db unreachable' },
  externalURL: 'http://vm:19093',
  version: '4',
  groupKey: '{}:{alertname="DBDown"}',
  truncatedAlerts: 0,
};
const AM_RESOLVED: JsonObject = (() => {
  const body = clone(AM_FIRING);
  body.status = 'resolved';
  const alert = (body.alerts as JsonObject[])[0]!;
  alert.status = 'resolved';
  alert.endsAt = '2026-11-22T02:21:27.551Z';
  return body;
})();
const AM_DC_GROUP: JsonObject = {
  receiver: 'fenghuo',
  status: 'firing',
  alerts: ['crac-1', 'crac-2', 'crac-3'].map((sensor, i) => ({
    status: i === 2 ? 'resolved' : 'firing',
    labels: { alertname: 'CoolingFailure', datacenter: 'dc-sh-1', sensor, severity: 'critical', impact: 'outage' },
    annotations: {
      summary: `Cooling unit ${sensor} failed`,
      description: 'Inlet temperature above 32°C',
      runbook_url: 'https://runbooks.example.com/cooling',
    },
    startsAt: '2026-11-22T02:10:00Z',
    endsAt: i === 2 ? '2026-11-22T02:15:00Z' : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus:9090/graph?g0.expr=crac_up',
    fingerprint: `a1b2c3d4e5f6070${i}`,
  })),
  groupLabels: { alertname: 'CoolingFailure', datacenter: 'dc-sh-1' },
  commonLabels: { alertname: 'CoolingFailure', datacenter: 'dc-sh-1' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  version: '4',
  groupKey: '{}/{severity="critical"}:{alertname="CoolingFailure", datacenter="dc-sh-1"}',
  truncatedAlerts: 0,
};

const GRAFANA_FIRING: JsonObject = {
  receiver: 'fenghuo',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'PaymentsHighErrorRate',
        datacenter: 'dc-sh-1',
        grafana_folder: 'Payments',
        service: 'payments-api',
        severity: 'critical',
        users_affected_pct: '12.5',
      },
      annotations: {
        description: '5xx ratio of payments-api has been above 5% for 5 minutes.',
        runbook_url: 'https://runbooks.example.com/payments/5xx',
        summary: 'payments-api 5xx ratio at 7.3%',
      },
      startsAt: '2026-11-22T02:20:10Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://grafana.example.com:3000/alerting/grafana/fe1x2q9vk3nr4b/view?orgId=1',
      fingerprint: '9c2f4a7be01d3e58',
      silenceURL: 'http://grafana.example.com:3000/alerting/silence/new?alertmanager=grafana&matcher=service%3Dpayments-api&orgId=1',
      dashboardURL: 'http://grafana.example.com:3000/d/payments-red?orgId=1',
      panelURL: 'http://grafana.example.com:3000/d/payments-red?orgId=1&viewPanel=4',
      values: { A: 7.31, C: 1 },
      valueString: "[ var='A' labels={service=payments-api} value=7.31 ], [ var='C' labels={service=payments-api} value=1 ]",
    },
    {
      status: 'firing',
      labels: {
        alertname: 'PaymentsHighErrorRate',
        datacenter: 'dc-sh-1',
        grafana_folder: 'Payments',
        service: 'payments-worker',
        severity: 'warning',
      },
      annotations: { description: '5xx ratio of payments-worker has been above 5% for 5 minutes.' },
      startsAt: '2026-11-22T02:21:10Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://grafana.example.com:3000/alerting/grafana/fe1x2q9vk3nr4b/view?orgId=1',
      fingerprint: '41d07c9a2e6b8f13',
      silenceURL: 'http://grafana.example.com:3000/alerting/silence/new?alertmanager=grafana&orgId=1',
      dashboardURL: '',
      panelURL: '',
      values: { A: 5.9, C: 1 },
      valueString: "[ var='A' labels={service=payments-worker} value=5.9 ]",
    },
  ],
  groupLabels: { alertname: 'PaymentsHighErrorRate', grafana_folder: 'Payments' },
  commonLabels: { alertname: 'PaymentsHighErrorRate', datacenter: 'dc-sh-1', grafana_folder: 'Payments' },
  commonAnnotations: {},
  externalURL: 'http://grafana.example.com:3000/',
  version: '1',
  groupKey:
    '{}/{__grafana_autogenerated__="true"}/{__grafana_receiver__="fenghuo"}:{alertname="PaymentsHighErrorRate", grafana_folder="Payments"}',
  truncatedAlerts: 0,
  orgId: 1,
  title: '[FIRING:2] PaymentsHighErrorRate Payments (dc-sh-1)',
  state: 'alerting',
  message: '**Firing**\n\nValue: A=7.31, C=1\nLabels:\n - alertname = PaymentsHighErrorRate\n',
};
const GRAFANA_RESOLVED: JsonObject = (() => {
  const body = clone(GRAFANA_FIRING);
  body.status = 'resolved';
  body.state = 'ok';
  body.alerts = [(body.alerts as JsonObject[])[0]!];
  const alert = (body.alerts as JsonObject[])[0]!;
  alert.status = 'resolved';
  alert.endsAt = '2026-11-22T02:41:10Z';
  return body;
})();

const WEBHOOK_SINGLE: JsonObject = {
  dedupKey: 'backup/orders-db/nightly',
  action: 'trigger',
  summary: 'Nightly backup of orders-db failed: pg_dump exited with status 1',
  severity: 'Critical',
  impact: 'data_leak',
  service: 'orders-db',
  facility: 'dc-sh-1',
  source: 'backup-runner-02',
  labels: { job: 'nightly-backup', team: 'dba' },
  details: { exitCode: 1, stderr: 'pg_dump: error: connection to server failed' },
  usersAffectedPct: 0,
  recordsExposed: 1200,
  occurredAt: '2026-11-22T01:00:04Z',
  links: ['https://ci.example.com/jobs/nightly-backup/1834', { href: 'https://runbooks.example.com/backups', text: 'Runbook' }],
};
const WEBHOOK_BATCH: JsonObject = {
  events: [
    {
      summary: 'Cooling unit CRAC-3 failed in hall B',
      severity: 'critical',
      impact: 'outage',
      labels: { datacenter: 'dc-sh-1', sensor: 'crac-3' },
    },
    { summary: 'Cooling unit CRAC-3 failed in hall B', action: 'resolve', labels: { sensor: 'crac-3', datacenter: 'dc-sh-1' } },
    { dedupKey: 'ups-7', action: 'acknowledge', summary: 'UPS-7 on battery', occurredAt: 1795313787551 },
  ],
};

const PUSH_BODY: JsonObject = { status: 'up', msg: 'OK', ping: 12 };

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/** Strings that tend to break things: scripts, controls, lone surrogates, NUL, bidi overrides. */
const NASTY_STRINGS: readonly string[] = [
  '烽火台告警 🔥🚒',
  'مرحبا \u202Eevil\u202C',
  'zero\u200Bwidth\uFEFF',
  'nul\u0000byte',
  '\u0000',
  '\ud83d',
  'lone low \udc00 surrogate',
  'e\u0301\u0301\u0301 combining',
  '\uFFFF\uFFFE',
  `${'a'.repeat(1023)}🔥`,
  `${'界'.repeat(200)}`,
  '\r\n\t\u000b\u000c',
  '\u2028\u2029',
  '<script>alert(1)</script>',
  "'; DROP TABLE alerts; --",
  '${jndi:ldap://x}',
  '%s%n%x',
  '   ',
  '',
  '__proto__',
  'constructor',
  '0001-01-01T00:00:00Z',
  '9999-99-99T99:99:99Z',
  '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  'NaN',
  'P1',
  'id:',
  '|',
  '\\',
  '"',
];

/** Raw JSON texts spliced into the serialised body where a marker value stands. */
function rawNumberText(rng: Rng): string {
  return rng.pick([
    '1e999',
    '-1e999',
    '1E-400',
    '123456789012345678901234567890',
    '-0',
    '0.0000000000000000001',
    '9007199254740993',
    '1.7976931348623157e308',
  ]);
}
function deepNestingText(rng: Rng): string {
  const depth = rng.pick([64, 512, 4_000, 20_000, 100_000]);
  return rng.chance(0.5) ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

class Body {
  /** Raw JSON texts, by marker. */
  readonly raws: string[] = [];
  constructor(public root: Json) {}

  marker(raw: string): string {
    this.raws.push(raw);
    return `\u0000RAW${this.raws.length - 1}\u0000`;
  }

  serialise(): string {
    let text = JSON.stringify(this.root) ?? 'null';
    // Only the first copy of a marker becomes its raw text (a copied array would multiply a
    // 100k-deep nesting); other copies stay as strings holding NUL, which is fine fuzz too.
    this.raws.forEach((raw, i) => {
      const marker = JSON.stringify(`\u0000RAW${i}\u0000`);
      const at = text.indexOf(marker);
      if (at >= 0) text = `${text.slice(0, at)}${raw}${text.slice(at + marker.length)}`;
    });
    return text;
  }
}

interface Slot {
  parent: Json[] | JsonObject;
  key: string | number;
  value: Json;
  name: string;
}

/** Every value under root (breadth first, capped), with its parent. */
function slotsOf(root: Json, cap = 4_000): Slot[] {
  const out: Slot[] = [];
  const queue: Json[] = [root];
  while (queue.length > 0 && out.length < cap) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      node.forEach((value, i) => {
        out.push({ parent: node, key: i, value, name: String(i) });
        queue.push(value);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        out.push({ parent: node, key, value, name: key });
        queue.push(value);
      }
    }
  }
  return out;
}

function setSlot(slot: Slot, value: Json): void {
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
}

function isObj(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function randomScalar(rng: Rng, body: Body): Json {
  return rng.pick<() => Json>([
    () => null,
    () => true,
    () => false,
    () => 0,
    () => -1,
    () => rng.next() * 1e6,
    () => Number.MAX_SAFE_INTEGER,
    () => body.marker(rawNumberText(rng)),
    () => rng.pick(NASTY_STRINGS),
    () => [],
    () => ({}),
    () => [1, 'two', null, { three: 3 }],
    () => ({ nested: { deeper: ['x'] } }),
  ])();
}

function hugeString(rng: Rng): string {
  const len = rng.pick([257, 1_025, 4_097, 65_537, 200_000]);
  const unit = rng.pick(['x', '界', '🔥', 'ab ', '\\']);
  return unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
}

function manyLabels(rng: Rng): JsonObject {
  const n = rng.pick([65, 100, 300, 2_000]);
  const out: JsonObject = {};
  for (let i = 0; i < n; i++) out[`label_${i}`] = rng.chance(0.9) ? `value-${i}` : rng.pick(NASTY_STRINGS);
  if (rng.chance(0.3)) out['k'.repeat(129)] = 'long name';
  return out;
}

const LABEL_LIKE = /^(labels|annotations|commonLabels|groupLabels|commonAnnotations|details|custom_details|values)$/;

/** One structural change to the parsed body; returns its name. */
function mutateTree(rng: Rng, body: Body): string {
  const slots = slotsOf(body.root);
  const kind = rng.weighted<string>([
    [3, 'delete-key'],
    [4, 'wrong-type'],
    [2, 'huge-string'],
    [2, 'deep-nesting'],
    [2, 'array-for-object'],
    [2, 'huge-label-set'],
    [3, 'unicode'],
    [1, 'proto-keys'],
    [1, 'raw-number'],
    [1, 'empty-container'],
    [1, 'replace-root'],
    [0.25, 'many-items'], // ~1 MB each: kept rare so the run stays short
  ]);
  if (slots.length === 0 || kind === 'replace-root') {
    body.root = randomScalar(rng, body);
    return 'replace-root';
  }
  const slot = rng.pick(slots);
  switch (kind) {
    case 'delete-key': {
      const objects = slots.filter((s) => !Array.isArray(s.parent));
      const target = objects.length > 0 ? rng.pick(objects) : slot;
      if (Array.isArray(target.parent)) target.parent.splice(Number(target.key), 1);
      else delete target.parent[target.key as string];
      return `delete-key:${target.name}`;
    }
    case 'wrong-type':
      setSlot(slot, randomScalar(rng, body));
      return `wrong-type:${slot.name}`;
    case 'huge-string':
      setSlot(slot, hugeString(rng));
      return `huge-string:${slot.name}`;
    case 'deep-nesting':
      setSlot(slot, body.marker(deepNestingText(rng)));
      return `deep-nesting:${slot.name}`;
    case 'array-for-object': {
      const objects = slots.filter((s) => isObj(s.value));
      const target = objects.length > 0 ? rng.pick(objects) : slot;
      setSlot(target, rng.chance(0.5) ? [target.value] : Object.values(isObj(target.value) ? target.value : {}));
      return `array-for-object:${target.name}`;
    }
    case 'huge-label-set': {
      const labelish = slots.filter((s) => LABEL_LIKE.test(s.name) && isObj(s.value));
      const target = labelish.length > 0 ? rng.pick(labelish) : slot;
      setSlot(target, manyLabels(rng));
      return `huge-label-set:${target.name}`;
    }
    case 'unicode': {
      const strings = slots.filter((s) => typeof s.value === 'string');
      const target = strings.length > 0 ? rng.pick(strings) : slot;
      setSlot(target, rng.pick(NASTY_STRINGS));
      return `unicode:${target.name}`;
    }
    case 'proto-keys': {
      const objects = slots.filter((s) => isObj(s.value)).map((s) => s.value as JsonObject);
      const target = objects.length > 0 ? rng.pick(objects) : isObj(body.root) ? body.root : {};
      for (const key of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty']) {
        Object.defineProperty(target, key, {
          value: rng.chance(0.5) ? { polluted: true } : 'x',
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return 'proto-keys';
    }
    case 'raw-number':
      setSlot(slot, body.marker(rawNumberText(rng)));
      return `raw-number:${slot.name}`;
    case 'empty-container':
      setSlot(slot, rng.chance(0.5) ? [] : {});
      return `empty-container:${slot.name}`;
    case 'many-items': {
      const arrays = slots.filter((s) => Array.isArray(s.value) && s.value.length > 0);
      if (arrays.length === 0) {
        setSlot(
          slot,
          Array.from({ length: 1001 }, (_, i) => i),
        );
        return `many-items:${slot.name}`;
      }
      const target = rng.pick(arrays);
      const items = target.value as Json[];
      const n = rng.pick([1000, 1001, 1500]);
      setSlot(
        target,
        Array.from({ length: n }, (_, i) => {
          const item = clone(items[i % items.length]!);
          if (isObj(item)) {
            for (const k of ['fingerprint', 'dedupKey', 'alias']) if (typeof item[k] === 'string') item[k] = `${item[k] as string}-${i}`;
          }
          return item;
        }),
      );
      return `many-items:${target.name}x${n}`;
    }
  }
  return 'none';
}

const INVALID_UTF8: ReadonlyArray<readonly number[]> = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc3, 0x28],
  [0xa0, 0xa1],
  [0xe2, 0x28, 0xa1],
  [0xf0, 0x28, 0x8c, 0xbc],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe4, 0xb8],
];

/** One change to the bytes of the body; returns the bytes and its name. */
function mutateBytes(rng: Rng, bytes: Buffer): { bytes: Buffer; name: string } {
  const kind = rng.pick([
    'truncate',
    'invalid-utf8',
    'invalid-utf8',
    'byte-flip',
    'empty',
    'whitespace',
    'bom',
    'trailing-garbage',
    'not-json',
  ]);
  const at = bytes.length === 0 ? 0 : rng.int(bytes.length);
  switch (kind) {
    case 'truncate':
      return { bytes: bytes.subarray(0, at), name: `truncate@${at}` };
    case 'invalid-utf8': {
      // Prefer a spot inside a string: right after a quote.
      const quotes: number[] = [];
      for (let i = 0; i < bytes.length && quotes.length < 200; i++) if (bytes[i] === 0x22) quotes.push(i + 1);
      const pos = quotes.length > 0 && rng.chance(0.8) ? rng.pick(quotes) : at;
      const seq = Buffer.from(rng.pick(INVALID_UTF8));
      return {
        bytes: Buffer.concat([bytes.subarray(0, pos), seq, bytes.subarray(pos)]),
        name: `invalid-utf8@${pos}:${seq.toString('hex')}`,
      };
    }
    case 'byte-flip': {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[at] = rng.int(256);
      return { bytes: copy, name: `byte-flip@${at}` };
    }
    case 'empty':
      return { bytes: Buffer.alloc(0), name: 'empty' };
    case 'whitespace':
      return { bytes: Buffer.from(' \n\t\r '), name: 'whitespace' };
    case 'bom':
      return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), name: 'bom' };
    case 'trailing-garbage':
      return {
        bytes: Buffer.concat([bytes, Buffer.from(rng.pick(['}', ']', ',', '{}', ' x', '\u0000', '// c']))]),
        name: 'trailing-garbage',
      };
    default:
      return {
        bytes: Buffer.from(
          rng.pick(['null', 'true', '0', '"str"', '[]', '[{}]', 'NaN', 'undefined', "{'a':1}", '{"a":1,}', 'status=up&msg=x']),
        ),
        name: 'not-json',
      };
  }
}

/** A body bigger than `limit`: valid JSON padded with a big field, or leading whitespace. */
function oversize(rng: Rng, bytes: Buffer, limit: number): { bytes: Buffer; name: string } {
  const extra = limit + 1 + rng.int(64 * 1024);
  if (rng.chance(0.5) && bytes[0] === 0x7b /* { */) {
    const pad = Buffer.from(`{"_pad":"${'p'.repeat(extra)}",`);
    return { bytes: Buffer.concat([pad, bytes.subarray(1)]), name: `oversize-field:${extra}` };
  }
  return { bytes: Buffer.concat([Buffer.alloc(extra, 0x20), bytes]), name: `oversize-whitespace:${extra}` };
}

const CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-8',
  'application/json; charset=iso-8859-1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/octet-stream',
  'application/json;;;',
  'json',
  '',
];

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

type Family = 'pd' | 'og' | 'fh' | 'push';
type KindName = 'pagerduty' | 'opsgenie' | 'alertmanager' | 'grafana' | 'webhook' | 'heartbeat';

interface Keys {
  valid: Record<KindName, string>;
  revoked: Record<KindName, string>;
  disabled: Record<KindName, string>;
}

type KeyVariant = 'valid' | 'unknown' | 'revoked' | 'disabled' | 'wrong-kind' | 'missing' | 'long' | 'weird';

interface Case {
  target: string;
  index: number;
  family: Family;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
  /** Send without content-length (chunked). */
  chunked: boolean;
  notes: string[];
  /** The integration key is one that must never be accepted. */
  badKey: boolean;
  badSignature: boolean;
  oversized: boolean;
  /** The route's body limit, and whether this body is over it. */
  limit: number;
  overLimit: boolean;
  /** Something before the body is already wrong (URL, content type): an oversized body may be refused for that instead of 413. */
  headFault: boolean;
  /** Which integration's events this case may add to, for the final accounting. */
  kind: KindName;
}

const KIND_ROTATION: readonly KindName[] = ['pagerduty', 'opsgenie', 'alertmanager', 'grafana', 'webhook', 'heartbeat'];

function pickKey(rng: Rng, keys: Keys, kind: KindName): { key: string | null; variant: KeyVariant } {
  const variant = rng.weighted<KeyVariant>([
    [84, 'valid'],
    [3, 'unknown'],
    [3, 'revoked'],
    [3, 'disabled'],
    [2, 'wrong-kind'],
    [2, 'missing'],
    [1, 'long'],
    [2, 'weird'],
  ]);
  switch (variant) {
    case 'valid':
      return { key: keys.valid[kind], variant };
    case 'unknown':
      return {
        key: rng.chance(0.5) ? `fhi_${rng.hex(40)}` : `${keys.valid[kind].slice(0, -1)}${keys.valid[kind].endsWith('a') ? 'b' : 'a'}`,
        variant,
      };
    case 'revoked':
      return { key: keys.revoked[kind], variant };
    case 'disabled':
      return { key: keys.disabled[kind], variant };
    case 'wrong-kind': {
      const other = KIND_ROTATION[(KIND_ROTATION.indexOf(kind) + 1 + rng.int(KIND_ROTATION.length - 1)) % KIND_ROTATION.length]!;
      return { key: keys.valid[other], variant };
    }
    case 'missing':
      return { key: null, variant };
    case 'long':
      return { key: `fhi_${'k'.repeat(rng.pick([201, 5_000]))}`, variant };
    case 'weird':
      return { key: rng.pick(['', ' ', '..', 'null', 'undefined', '%00', '%ZZ', '%', 'a/b', '🔥', 'fhi_\u0000', "'", '*']), variant };
  }
}

/** Percent-encodes the UTF-8 bytes of s (lone surrogates become U+FFFD, where encodeURIComponent throws). */
function enc(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A key for use in a URL path segment (weird keys that are already percent-ish go in raw). */
function pathSegment(key: string): string {
  return /^%/.test(key) ? key : enc(key);
}

/** A header-safe version of a key: Node refuses control and non-latin1 characters in headers. */
function headerSafe(key: string): string {
  return /^[\x21-\x7e]*$/.test(key) ? key : enc(key);
}

interface Built {
  body: Body | null;
  bytes: Buffer | null;
  notes: string[];
}

/** Golden → JSON mutations → bytes → byte mutations / oversize. */
function buildBody(rng: Rng, golden: Json, limit: number, c: Pick<Case, 'notes'> & { oversized: boolean }): Built {
  const body = new Body(clone(golden));
  const notes = c.notes;
  const plan = rng.weighted<'golden' | 'tree' | 'bytes'>([
    [18, 'golden'],
    [64, 'tree'],
    [18, 'bytes'],
  ]);
  if (plan !== 'golden') {
    const n = plan === 'tree' ? 1 + rng.int(3) : rng.int(2);
    for (let i = 0; i < n; i++) notes.push(mutateTree(rng, body));
  }
  let bytes: Buffer = Buffer.from(body.serialise());
  if (plan === 'bytes') {
    const m = mutateBytes(rng, bytes);
    bytes = m.bytes;
    notes.push(m.name);
  }
  if (rng.chance(0.015)) {
    const m = oversize(rng, bytes, limit);
    bytes = m.bytes;
    notes.push(m.name);
    c.oversized = true;
  }
  return { body, bytes, notes };
}

function contentType(rng: Rng, c: Case): string | null {
  if (!rng.chance(0.06)) return 'application/json';
  const ct = rng.chance(0.15) ? null : rng.pick(CONTENT_TYPES);
  c.notes.push(`content-type:${ct ?? '(none)'}`);
  if (ct !== 'application/json; charset=utf-8') c.headFault = true;
  return ct;
}

interface Target {
  name: string;
  family: Family;
  kind: KindName;
  make(rng: Rng, keys: Keys, c: Case): void;
}

function base(target: Target, index: number): Case {
  return {
    target: target.name,
    index,
    family: target.family,
    method: 'POST',
    path: '/',
    headers: {},
    body: null,
    chunked: false,
    notes: [],
    badKey: false,
    badSignature: false,
    oversized: false,
    headFault: false,
    limit: MIB,
    overLimit: false,
    kind: target.kind,
  };
}

/** Sets body + content type for a JSON POST. */
function jsonPost(rng: Rng, c: Case, golden: Json, limit: number, prepare?: (body: Body) => void): Body | null {
  const notes = c.notes;
  const cloneGolden = new Body(clone(golden));
  prepare?.(cloneGolden);
  const built = buildBody(rng, cloneGolden.root, limit, c);
  c.body = built.bytes;
  c.limit = limit;
  c.overLimit = (c.body?.length ?? 0) > limit;
  const ct = contentType(rng, c);
  if (ct !== null) c.headers['content-type'] = ct;
  if (c.oversized && rng.chance(0.3)) {
    c.chunked = true;
    notes.push('chunked');
  }
  return built.body;
}

const POOL = 40;

/** PagerDuty v2 and v1: the key is a body field. */
function pagerDutyTarget(name: string, path: string, goldens: readonly JsonObject[], keyField: 'routing_key' | 'service_key'): Target {
  return {
    name,
    family: 'pd',
    kind: 'pagerduty',
    make(rng, keys, c) {
      c.path = path;
      const { key, variant } = pickKey(rng, keys, 'pagerduty');
      if (variant !== 'valid') c.notes.push(`key:${variant}`);
      c.badKey = variant !== 'valid';
      jsonPost(rng, c, rng.pick(goldens), PD_LIMIT, (b) => {
        if (!isObj(b.root)) return;
        if (key === null) delete b.root[keyField];
        else b.root[keyField] = key;
        const dedupField = keyField === 'routing_key' ? 'dedup_key' : 'incident_key';
        if (typeof b.root[dedupField] === 'string' && rng.chance(0.7)) b.root[dedupField] = `fuzz-${rng.int(POOL)}`;
        if (keyField === 'routing_key' && rng.chance(0.3)) b.root.event_action = rng.pick(['trigger', 'acknowledge', 'resolve']);
      });
    },
  };
}

function genieAuth(rng: Rng, keys: Keys, c: Case): void {
  const { key, variant } = pickKey(rng, keys, 'opsgenie');
  c.badKey = variant !== 'valid';
  if (variant !== 'valid') c.notes.push(`key:${variant}`);
  if (key === null) return;
  const style = rng.weighted<string>([
    [85, 'header'],
    [5, 'query'],
    [3, 'lowercase'],
    [3, 'bearer'],
    [2, 'bare'],
    [2, 'no-key'],
  ]);
  if (style !== 'header') c.notes.push(`auth:${style}`);
  const safe = headerSafe(key);
  switch (style) {
    case 'header':
      c.headers.authorization = `GenieKey ${safe}`;
      break;
    case 'query':
      c.path += `${c.path.includes('?') ? '&' : '?'}apiKey=${enc(key)}`;
      break;
    case 'lowercase':
      c.headers.authorization = `geniekey ${safe}`;
      break;
    case 'bearer':
      c.headers.authorization = `Bearer ${safe}`;
      c.badKey = true;
      break;
    case 'bare':
      c.headers.authorization = safe;
      c.badKey = true;
      break;
    case 'no-key':
      c.headers.authorization = 'GenieKey';
      c.badKey = true;
      break;
  }
  if (key === '' || key.trim() === '') c.badKey = true;
}

const opsgenieCreate: Target = {
  name: 'og-create',
  family: 'og',
  kind: 'opsgenie',
  make(rng, keys, c) {
    c.path = '/v2/alerts';
    genieAuth(rng, keys, c);
    jsonPost(rng, c, rng.pick([OG_CREATE, OG_AM_CREATE, OG_MINIMAL]), MIB, (b) => {
      if (isObj(b.root) && rng.chance(0.7)) b.root.alias = `fuzz-${rng.int(POOL)}`;
      if (isObj(b.root) && rng.chance(0.2)) b.root.priority = rng.pick(['P1', 'P2', 'P3', 'P4', 'P5', 'P0', 'P6', 'p1', 'high', '']);
    });
  },
};

function opsgenieAction(action: 'close' | 'acknowledge'): Target {
  return {
    name: `og-${action}`,
    family: 'og',
    kind: 'opsgenie',
    make(rng, keys, c) {
      const identifier = rng.weighted<string>([
        [70, `fuzz-${rng.int(POOL)}`],
        [5, enc(rng.pick(NASTY_STRINGS.filter((s) => s !== ''))) || 'x'],
        [3, 'x'.repeat(513)],
        [3, '%ZZ'],
        [3, '%00'],
        [3, '..'],
        [13, rng.hex(32)],
      ]);
      const type = rng.weighted<string | null>([
        [50, 'alias'],
        [25, null],
        [10, 'id'],
        [5, 'tiny'],
        [5, 'ALIAS'],
        [5, 'garbage'],
      ]);
      let query = type === null ? '' : `?identifierType=${type}`;
      if (rng.chance(0.03)) query = '?identifierType=alias&identifierType=id';
      c.path = `/v2/alerts/${identifier}/${action}${query}`;
      c.headFault = !identifier.startsWith('fuzz-') && !/^[0-9a-f]{32}$/.test(identifier);
      c.notes.push(`identifier:${identifier.slice(0, 40)}${query}`);
      genieAuth(rng, keys, c);
      if (rng.chance(0.1)) {
        c.notes.push('no-body');
        return;
      }
      jsonPost(rng, c, rng.pick([OG_CLOSE, OG_AM_CLOSE, {}]), MIB);
    },
  };
}

const opsgenieHeartbeat: Target = {
  name: 'og-heartbeat',
  family: 'og',
  kind: 'opsgenie',
  make(rng, keys, c) {
    const name = rng.pick(['default', 'nightly-backup', 'x'.repeat(201), enc('烽火'), '%ZZ', 'a%2Fb', enc(rng.pick(NASTY_STRINGS)) || 'e']);
    c.path = `/v2/heartbeats/${name}/ping`;
    c.headFault = true; // no Opsgenie integration has heartbeats: every ping is refused one way or another
    c.notes.push(`name:${name.slice(0, 40)}`);
    genieAuth(rng, keys, c);
    if (rng.chance(0.5)) {
      c.method = 'GET';
      return;
    }
    if (rng.chance(0.3)) return;
    jsonPost(rng, c, { note: 'ping' }, MIB);
  },
};

/** Alertmanager, Grafana and the generic webhook: the key is in the path. */
function keyedTarget(kind: 'alertmanager' | 'grafana' | 'webhook', goldens: readonly JsonObject[]): Target {
  return {
    name: kind,
    family: 'fh',
    kind,
    make(rng, keys, c) {
      const { key, variant } = pickKey(rng, keys, kind);
      c.badKey = variant !== 'valid';
      c.headFault = variant === 'long' || variant === 'weird';
      if (variant !== 'valid') c.notes.push(`key:${variant}`);
      c.path = `/api/v1/integrations/${pathSegment(key ?? '')}/${kind}`;
      jsonPost(rng, c, rng.pick(goldens), MIB, (b) => {
        if (!isObj(b.root)) return;
        if (rng.chance(0.5) && Array.isArray(b.root.alerts)) {
          for (const alert of b.root.alerts) if (isObj(alert)) alert.fingerprint = `${rng.hex(12)}${rng.int(POOL)}`;
        }
        if (typeof b.root.dedupKey === 'string' && rng.chance(0.7)) b.root.dedupKey = `fuzz-${rng.int(POOL)}`;
      });
      if (kind === 'grafana') sign(rng, c);
    },
  };
}

/** Grafana's HMAC-SHA256 (hex) of the raw body; sometimes missing or wrong. */
function sign(rng: Rng, c: Case): void {
  const good = createHmac('sha256', GRAFANA_SECRET)
    .update(c.body ?? Buffer.alloc(0))
    .digest('hex');
  const variant = rng.weighted<string>([
    [80, 'valid'],
    [3, 'uppercase'],
    [4, 'missing'],
    [4, 'wrong'],
    [2, 'not-hex'],
    [2, 'truncated'],
    [3, 'other-body'],
    [2, 'other-secret'],
  ]);
  const header = 'X-Grafana-Alerting-Signature';
  if (variant !== 'valid') c.notes.push(`signature:${variant}`);
  c.badSignature = !['valid', 'uppercase'].includes(variant);
  switch (variant) {
    case 'valid':
      c.headers[header] = good;
      break;
    case 'uppercase':
      c.headers[header] = good.toUpperCase();
      break;
    case 'missing':
      break;
    case 'wrong':
      c.headers[header] = rng.hex(64);
      break;
    case 'not-hex':
      c.headers[header] = rng.pick(['zz', 'sha256=' + good, good.replace(/.$/, 'g'), '']);
      break;
    case 'truncated':
      c.headers[header] = good.slice(0, 32);
      break;
    case 'other-body':
      c.headers[header] = createHmac('sha256', GRAFANA_SECRET).update(JSON.stringify(GRAFANA_FIRING)).digest('hex');
      c.badSignature = c.body === null || !c.body.equals(Buffer.from(JSON.stringify(GRAFANA_FIRING)));
      break;
    case 'other-secret':
      c.headers[header] = createHmac('sha256', 'not-the-secret')
        .update(c.body ?? Buffer.alloc(0))
        .digest('hex');
      break;
  }
}

function pushQuery(rng: Rng, notes: string[]): string {
  const params: string[] = [];
  const value = (name: string): string[] => {
    const v = rng.weighted<() => string[]>([
      [60, () => [name === 'status' ? rng.pick(['up', 'down']) : name === 'msg' ? 'OK' : String(rng.int(500))]],
      [8, () => []],
      [6, () => [enc(rng.pick(NASTY_STRINGS))]],
      // Long, but the whole request head stays under Node's 16 KiB header limit (that 431 is Node's, not Fenghuo's).
      [4, () => [enc(hugeString(rng).slice(0, rng.pick([300, 2_000]))).slice(0, 2_500)]],
      [4, () => [rng.pick(['%FF', '%C3%28', '%ED%A0%80', '%ZZ', '%', '%00', '+', '%E4%B8'])]],
      [4, () => [rng.pick(['1e400', '-1', 'NaN', 'Infinity', '12ms', '0x10', '1e11', '100000000001', '', '%20'])]],
      [4, () => ['up', 'down']],
      [3, () => [rng.pick(['UP', 'Down', 'ok', 'true', '1', 'pending'])]],
      [3, () => ['']],
    ]);
    const vs = v();
    if (vs.length !== 1 || !/^(up|down|OK|\d+)$/.test(vs[0]!)) notes.push(`${name}=${vs.join('&').slice(0, 40)}`);
    return vs;
  };
  for (const name of ['status', 'msg', 'ping']) for (const v of value(name)) params.push(`${name}=${v}`);
  if (rng.chance(0.05)) params.push(rng.pick(['status[]=up', 'status[a]=b', '__proto__=x', 'msg', '=', '&&&']));
  return params.length > 0 ? `?${params.join('&')}` : '';
}

function pushTarget(method: 'GET' | 'POST'): Target {
  return {
    name: `push-${method.toLowerCase()}`,
    family: 'push',
    kind: 'heartbeat',
    make(rng, keys, c) {
      c.method = method;
      const { key, variant } = pickKey(rng, keys, 'heartbeat');
      c.badKey = variant !== 'valid';
      c.headFault = variant === 'long' || variant === 'weird';
      if (variant !== 'valid') c.notes.push(`key:${variant}`);
      c.path = `/api/push/${pathSegment(key ?? '')}${pushQuery(rng, c.notes)}`;
      if (method === 'POST' && rng.chance(0.85)) jsonPost(rng, c, PUSH_BODY, MIB);
    },
  };
}

const TARGETS: readonly Target[] = [
  pagerDutyTarget('pd-v2', '/v2/enqueue', [PD_V2_TRIGGER, PD_V2_TRIGGER, PD_V2_ACK, PD_V2_AM_RESOLVE, PD_V2_MINIMAL], 'routing_key'),
  pagerDutyTarget('pd-v1', '/generic/2010-04-15/create_event.json', [PD_V1_AM_TRIGGER, PD_V1_AM_RESOLVE, PD_V1_CLASSIC], 'service_key'),
  opsgenieCreate,
  opsgenieAction('close'),
  opsgenieAction('acknowledge'),
  opsgenieHeartbeat,
  keyedTarget('alertmanager', [AM_FIRING, AM_RESOLVED, AM_DC_GROUP]),
  keyedTarget('grafana', [GRAFANA_FIRING, GRAFANA_RESOLVED]),
  keyedTarget('webhook', [WEBHOOK_SINGLE, WEBHOOK_BATCH]),
  pushTarget('GET'),
  pushTarget('POST'),
];

function makeCase(target: Target, index: number, keys: Keys): Case {
  const rng = new Rng(hashSeed(SEED, target.name, index));
  const c = base(target, index);
  target.make(rng, keys, c);
  return c;
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}

/** Which keep-alive connection each request went over, to tell what came before a dropped one. */
const socketIds = new WeakMap<object, number>();
const socketHistory = new Map<number, string[]>();
let nextSocketId = 0;
function track(socket: object, c: Case): number {
  let id = socketIds.get(socket);
  if (id === undefined) {
    id = nextSocketId++;
    socketIds.set(socket, id);
  }
  const history = socketHistory.get(id) ?? [];
  history.push(`${c.target}:${c.index}`);
  if (history.length > 3) history.shift();
  socketHistory.set(id, history);
  return id;
}

function send(agent: http.Agent, port: number, c: Case): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let socketId = -1;
    const headers: Record<string, string | number> = { ...c.headers };
    if (c.body !== null && !c.chunked) headers['content-length'] = c.body.length;
    const req = http.request({ host: '127.0.0.1', port, method: c.method, path: c.path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('socket', (socket) => (socketId = track(socket, c)));
    req.on('error', (err) => {
      const before = socketHistory.get(socketId)?.slice(0, -1) ?? [];
      reject(new Error(`${err.message} (connection #${socketId}; earlier on it: ${before.join(', ') || 'nothing'})`));
    });
    if (c.body === null) req.end();
    else if (c.chunked) {
      // Several chunks, as a streaming sender would.
      const size = 256 * 1024;
      for (let i = 0; i < c.body.length; i += size) req.write(c.body.subarray(i, i + size));
      req.end();
    } else req.end(c.body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

type AnyObject = Record<string, unknown>;
const isRecord = (v: unknown): v is AnyObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why this 4xx body is not in the family's error shape, or null if it is. */
function errorShapeProblem(family: Family, body: unknown): string | null {
  if (!isRecord(body)) return 'error body is not a JSON object';
  switch (family) {
    case 'pd':
      return body.status === 'invalid event' && typeof body.message === 'string' && Array.isArray(body.errors)
        ? null
        : "PagerDuty error body should be {status: 'invalid event', message, errors: [...]}";
    case 'og':
      return typeof body.message === 'string' && typeof body.requestId === 'string'
        ? null
        : 'Opsgenie error body should have message and requestId';
    case 'fh':
      return isRecord(body.error) && typeof body.error.code === 'string' && typeof body.error.message === 'string'
        ? null
        : 'Fenghuo error body should be {error: {code, message}}';
    case 'push':
      return body.ok === false && typeof body.msg === 'string' ? null : 'heartbeat push error body should be {ok: false, msg}';
  }
}

/** Why this 2xx body is not the family's success shape, or null if it is. */
function successShapeProblem(c: Case, body: unknown): string | null {
  if (!isRecord(body)) return 'success body is not a JSON object';
  switch (c.family) {
    case 'pd':
      return body.status === 'success' && typeof (c.target === 'pd-v2' ? body.dedup_key : body.incident_key) === 'string'
        ? null
        : 'PagerDuty success body';
    case 'og':
      return typeof body.result === 'string' && typeof body.requestId === 'string' ? null : 'Opsgenie success body';
    case 'fh':
      return body.status === 'success' && typeof body.accepted === 'number' && Array.isArray(body.results)
        ? null
        : 'Fenghuo ingest success body';
    case 'push':
      return body.ok === true ? null : 'push success body';
  }
}

interface Failure {
  case: Case;
  problem: string;
  answer?: Answer;
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

for (const dialect of FUZZ_DIALECTS)
  describe(`ingest fuzz: mutated payloads at every ingest route of the real server (${dialect})`, { timeout: 300_000 }, () => {
    let db: TestDatabase | undefined;
    let server: Server | undefined;
    let store: Store | undefined;
    let base = '';
    let port = 0;
    let token = '';
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const keys: Keys = { valid: {} as Keys['valid'], revoked: {} as Keys['revoked'], disabled: {} as Keys['disabled'] };
    const integrationIds: Record<'valid' | 'revoked' | 'disabled', Partial<Record<KindName, string>>> = {
      valid: {},
      revoked: {},
      disabled: {},
    };

    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: parseJson(text) as AnyObject, text };
    };

    before(async () => {
      db = await createTestDatabase(dialect);
      port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = serverEnv(db, port);
      server = await startServer(env, base);
      const created = cli(env, ['token', 'create', '--name', 'fuzz', '--role', 'admin']);
      assert.equal(created.status, 0, created.stderr);
      token = created.stdout.trim();

      for (const kind of KIND_ROTATION) {
        const input = (name: string) => ({
          name,
          kind,
          ...(kind === 'grafana' ? { signingSecret: GRAFANA_SECRET } : {}),
          // Long enough that no heartbeat is missed (which would store an alert) while the fuzz runs on a slow machine.
          ...(kind === 'heartbeat' ? { settings: { heartbeat: { intervalSeconds: 3600, graceSeconds: 600 } } } : {}),
        });
        for (const variant of ['valid', 'revoked', 'disabled'] as const) {
          const res = await api('POST', '/api/v1/integrations', input(`fuzz ${kind} ${variant}`));
          assert.equal(res.status, 201, res.text);
          const id = String(res.body.id);
          integrationIds[variant][kind] = id;
          keys[variant][kind] = String(res.body.key);
          if (variant === 'revoked') {
            const rotated = await api('POST', `/api/v1/integrations/${id}/rotate-key`);
            assert.equal(rotated.status, 200, rotated.text);
          }
          if (variant === 'disabled') {
            const disabled = await api('PATCH', `/api/v1/integrations/${id}`, { disabled: true });
            assert.equal(disabled.status, 200, disabled.text);
          }
        }
      }
    });

    after(async () => {
      agent.destroy();
      await store?.close().catch(() => undefined);
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        const stopped = server.stop();
        const timer = setTimeout(() => server?.child.kill('SIGKILL'), 10_000);
        await stopped;
        clearTimeout(timer);
      }
      await db?.drop();
    });

    it(
      `answers ${CASES_PER_ROUTE} mutated payloads per route with 2xx/4xx in each API's shape, stores only what it acknowledged, and stays up`,
      { timeout: 240_000 },
      async () => {
        assert.ok(server && db);
        const started = Date.now();
        process.stderr.write(`[fuzz] seed ${SEED} (FENGHUO_FUZZ_SEED), ${CASES_PER_ROUTE} cases per route, ${TARGETS.length} routes\n`);

        // Interleave the routes so every route sees traffic all along.
        const plan: Array<{ target: Target; index: number }> = [];
        for (let i = 0; i < CASES_PER_ROUTE; i++)
          for (const target of TARGETS) if (ONLY.size === 0 || ONLY.has(`${target.name}:${i}`)) plan.push({ target, index: i });

        const failures: Failure[] = [];
        const statusCounts = new Map<string, number>();
        const twoXx = new Map<string, number>();
        /** Events the 2xx answers say were stored, per kind (only where the answer tells). */
        const acknowledgedEvents: Partial<Record<KindName, number>> = {};
        let sentBytes = 0;
        let retries = 0;
        let closedMidUpload = 0;
        let nextIndex = 0;

        const check = async (c: Case): Promise<void> => {
          let answer: Answer;
          try {
            answer = await send(agent, port, c);
            if (answer.status === 503 && /overload/i.test(answer.text)) {
              retries++;
              await new Promise((r) => setTimeout(r, 200));
              answer = await send(agent, port, c);
            }
          } catch (err) {
            // A server may answer 413 and close while a body far over its limit is still being sent;
            // the client then sees EPIPE/ECONNRESET instead of the answer. That is a refusal too.
            if (c.overLimit && /EPIPE|ECONNRESET/.test((err as Error).message)) {
              closedMidUpload++;
              // A refusal the client could not read: it still counts as the route answering.
              statusCounts.set(`${c.target} closed`, (statusCounts.get(`${c.target} closed`) ?? 0) + 1);
              return;
            }
            failures.push({ case: c, problem: 'connection error (dropped connection or no answer)', error: (err as Error).message });
            return;
          }
          const key = `${c.target} ${answer.status}`;
          statusCounts.set(key, (statusCounts.get(key) ?? 0) + 1);
          const body = parseJson(answer.text);
          if (answer.status >= 500 || answer.status < 200 || (answer.status >= 300 && answer.status < 400)) {
            failures.push({ case: c, problem: `status ${answer.status}`, answer });
            return;
          }
          if (answer.status >= 400) {
            const problem = errorShapeProblem(c.family, body);
            if (problem) failures.push({ case: c, problem: `${answer.status}: ${problem}`, answer });
            if ((c.oversized || c.overLimit) && !c.headFault && answer.status !== 413)
              failures.push({ case: c, problem: `oversized body answered ${answer.status}, not 413`, answer });
            return;
          }
          // 2xx
          twoXx.set(c.target, (twoXx.get(c.target) ?? 0) + 1);
          if (c.badKey) failures.push({ case: c, problem: `accepted (${answer.status}) with a key that must be refused`, answer });
          if (c.badSignature) failures.push({ case: c, problem: `accepted (${answer.status}) with a wrong Grafana signature`, answer });
          if (c.oversized || c.overLimit) failures.push({ case: c, problem: `accepted (${answer.status}) an oversized body`, answer });
          const problem = successShapeProblem(c, body);
          if (problem) {
            failures.push({ case: c, problem: `${answer.status}: unexpected ${problem}`, answer });
            return;
          }
          if (c.family === 'pd') acknowledgedEvents.pagerduty = (acknowledgedEvents.pagerduty ?? 0) + 1;
          if (c.family === 'fh' && isRecord(body) && Array.isArray(body.results)) {
            // Every signal is recorded, even an acknowledge or resolve of nothing open ("ignored").
            acknowledgedEvents[c.kind] = (acknowledgedEvents[c.kind] ?? 0) + body.results.length;
          }
        };

        const worker = async () => {
          for (;;) {
            const item = plan[nextIndex++];
            if (!item) return;
            const c = makeCase(item.target, item.index, keys);
            sentBytes += c.body?.length ?? 0;
            await check(c);
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
        const fuzzMs = Date.now() - started;

        // The server is still up and answering.
        assert.equal(server.child.exitCode, null, `the server exited:\n${server.output().slice(-4000)}`);
        assert.equal(server.child.signalCode, null, `the server was killed:\n${server.output().slice(-4000)}`);
        const health = await fetch(`${base}/healthz`);
        assert.equal(health.status, 200, await health.text());

        // What was stored matches what was acknowledged: 4xx answers changed nothing.
        store = openStore({ databaseUrl: db.url ?? null, dataDir: db.dataDir, poolSize: 2 });
        const counts = await store.db
          .selectFrom('signal_events')
          .select(['integration_id', (eb) => eb.fn.countAll<number | string>().as('n')])
          .groupBy('integration_id')
          .execute();
        const stored = new Map(counts.map((r) => [r.integration_id, Number(r.n)]));
        const accounting: string[] = [];
        for (const kind of KIND_ROTATION) {
          for (const variant of ['revoked', 'disabled'] as const) {
            const n = stored.get(integrationIds[variant][kind] ?? '') ?? 0;
            if (n !== 0) accounting.push(`${n} events stored for the ${variant} ${kind} integration`);
          }
          const expected = acknowledgedEvents[kind];
          const actual = stored.get(integrationIds.valid[kind] ?? '') ?? 0;
          if (expected !== undefined && actual !== expected) accounting.push(`${kind}: ${actual} events stored, ${expected} acknowledged`);
        }
        const opsgenie2xx = (twoXx.get('og-create') ?? 0) + (twoXx.get('og-close') ?? 0) + (twoXx.get('og-acknowledge') ?? 0);
        const opsgenieStored = stored.get(integrationIds.valid.opsgenie ?? '') ?? 0;
        if (opsgenieStored < (twoXx.get('og-create') ?? 0) || opsgenieStored > opsgenie2xx) {
          accounting.push(
            `opsgenie: ${opsgenieStored} events stored for ${twoXx.get('og-create') ?? 0} creates and ${opsgenie2xx} 2xx answers`,
          );
        }

        const perRoute = TARGETS.map((t) => {
          const statuses = [...statusCounts].filter(([k]) => k.startsWith(`${t.name} `)).map(([k, n]) => `${k.split(' ')[1]}×${n}`);
          return `  ${t.name}: ${statuses.join(' ')}`;
        });
        process.stderr.write(
          `[fuzz] ${plan.length} requests (${(sentBytes / MIB).toFixed(1)} MiB) in ${fuzzMs} ms, ${retries} retries after 503 overloaded, ` +
            `${closedMidUpload} connections closed while uploading a body over the limit, ` +
            `${failures.length} failures\n${perRoute.join('\n')}\n`,
        );

        if (failures.length > 0 || accounting.length > 0) {
          // Group the failures by what went wrong, keep a few examples of each, save them.
          const groups = new Map<string, { count: number; targets: Map<string, number>; examples: Failure[] }>();
          for (const f of failures) {
            const fastifyCode = f.answer ? /"code":"(FST_[A-Z_]+)"/.exec(f.answer.text)?.[1] : undefined;
            const category = `${f.problem.replace(/\(connection #.*$/, '')}${fastifyCode ? ` [${fastifyCode}]` : ''}`;
            const group = groups.get(category) ?? { count: 0, targets: new Map<string, number>(), examples: [] };
            group.count++;
            group.targets.set(f.case.target, (group.targets.get(f.case.target) ?? 0) + 1);
            if (group.examples.filter((e) => e.case.target === f.case.target).length < 3) group.examples.push(f);
            groups.set(category, group);
          }
          const dir = join(tmpdir(), `fenghuo-fuzz-failures-${SEED}-${Date.now()}`);
          mkdirSync(dir, { recursive: true });
          let n = 0;
          for (const group of groups.values()) {
            for (const f of group.examples) {
              const name = `${String(n++).padStart(3, '0')}-${f.case.target}-${f.case.index}`;
              if (f.case.body) writeFileSync(join(dir, `${name}.body`), f.case.body);
              writeFileSync(
                join(dir, `${name}.json`),
                JSON.stringify(
                  {
                    seed: SEED,
                    target: f.case.target,
                    index: f.case.index,
                    replay: `FENGHUO_FUZZ_SEED=${SEED} FENGHUO_FUZZ_ONLY=${f.case.target}:${f.case.index}`,
                    problem: f.problem,
                    request: {
                      method: f.case.method,
                      path: f.case.path,
                      headers: f.case.headers,
                      chunked: f.case.chunked,
                      bodyBytes: f.case.body?.length ?? null,
                    },
                    mutations: f.case.notes,
                    answer: f.answer ? { status: f.answer.status, headers: f.answer.headers, body: f.answer.text.slice(0, 4000) } : null,
                    error: f.error ?? null,
                  },
                  null,
                  2,
                ),
              );
            }
          }
          writeFileSync(join(dir, 'server-output.txt'), server.output());
          const describeFailure = (f: Failure) =>
            `${f.case.target}:${f.case.index} ${f.case.method} ${f.case.path.slice(0, 90)} [${f.case.notes.join(', ').slice(0, 160)}]` +
            `${f.answer ? ` → ${f.answer.text.slice(0, 160)}` : ''}${f.error ? ` → ${f.error}` : ''}`;
          const report = [...groups].map(
            ([category, g]) =>
              `- ${g.count}× ${category} (${[...g.targets].map(([t, k]) => `${t} ${k}`).join(', ')})\n    e.g. ${describeFailure(g.examples[0]!)}`,
          );
          // Server-side errors, deduplicated (the JSON log lines at level error and above).
          const serverErrors = new Map<string, number>();
          for (const line of server.output().split('\n')) {
            const entry = parseJson(line);
            if (isRecord(entry) && typeof entry.level === 'number' && entry.level >= 50) {
              const err = isRecord(entry.err) ? String(entry.err.message) : '';
              const key = `${String(entry.msg)}: ${err}`.slice(0, 300);
              serverErrors.set(key, (serverErrors.get(key) ?? 0) + 1);
            }
          }
          assert.fail(
            `${failures.length} fuzz failures (seed ${SEED}) in ${groups.size} kinds; examples saved in ${dir}\n${report.join('\n')}\n` +
              (accounting.length > 0 ? `stored events do not match the acknowledged ones:\n  ${accounting.join('\n  ')}\n` : '') +
              `server errors logged:\n${[...serverErrors].map(([k, v]) => `  ${v}× ${k}`).join('\n') || '  none'}`,
          );
        }
        for (const t of TARGETS) {
          const answered = [...statusCounts].filter(([k]) => k.startsWith(`${t.name} `)).reduce((n, [, v]) => n + v, 0);
          if (ONLY.size === 0) assert.ok(answered >= CASES_PER_ROUTE, `${t.name}: only ${answered} answers`);
        }
        if (ONLY.size === 0) {
          // The fuzz is only useful if valid events get through too, not only refusals.
          for (const t of TARGETS.filter((x) => x.name !== 'og-heartbeat'))
            assert.ok((twoXx.get(t.name) ?? 0) > 0, `${t.name}: no request was accepted`);
        }
      },
    );
  });
