// `npm run bench:parse`: the ingest request path's own work, in process, per event — the body
// bytes to JSON (the ingest routes' parser), JSON to a signal (the PagerDuty and Alertmanager
// adapters), and the signal made storable (cleanSignal) — on the ingest bench's own bodies
// (bench/ingest-workload.ts). No server, no HTTP, no storage: what `--calibrate`'s nothing-stored
// run measures end to end, taken apart. Prints µs per event (per alert for Alertmanager), the
// median of 7 rounds after a warm-up.

import { parseArgs } from 'node:util';
import { rawJsonParser } from '../src/api/routes/raw-json.js';
import type { Signal } from '../src/domain/signals/signal.js';
import { parseAlertmanager } from '../src/signals/alertmanager/parse.js';
import { cleanSignal } from '../src/signals/ingest/clean-signal.js';
import { parsePagerDutyV2 } from '../src/signals/pagerduty/parse.js';
import type { FastifyRequest } from 'fastify';
import { pagerDutyBodies, webhookBodies } from './ingest-workload.js';

const USAGE = `usage: node dist/bench/parse.js [--events N]   (npm run bench:parse)
  --events N   PagerDuty events per round (default 100000; Alertmanager: N / 100 webhooks of 100 alerts)`;

const ROUNDS = 7;

function jsonOf(body: Buffer): unknown {
  let value: unknown;
  rawJsonParser({} as FastifyRequest, body, (err, parsed) => {
    if (err) throw err;
    value = parsed;
  });
  return value;
}

/** Median µs per unit of `work` over ROUNDS rounds (after one warm-up round). */
function time(units: number, work: () => void): number {
  work();
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = process.hrtime.bigint();
    work();
    rounds.push(Number(process.hrtime.bigint() - started) / 1000 / units);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] as number;
}

function main(): number {
  let events: number;
  try {
    const { values } = parseArgs({ options: { events: { type: 'string' }, help: { type: 'boolean' } } });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    events = values.events === undefined ? 100_000 : Number(values.events);
    if (!Number.isSafeInteger(events) || events < 100) throw new Error('--events must be a whole number ≥ 100');
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }

  const pdNext = pagerDutyBodies('fhi_bench_routing_key', 'parse', 0.2, 42);
  const pdBodies = Array.from({ length: events }, () => Buffer.from(pdNext()));
  const pdJson = pdBodies.map(jsonOf);
  const pdSignals: Signal[] = pdJson.map((json) => {
    const parsed = parsePagerDutyV2(json, () => 'generated');
    if (!parsed.ok) throw new Error(`bench body refused: ${parsed.errors.join('; ')}`);
    return parsed.signal;
  });

  const webhooks = events / 100;
  const amNext = webhookBodies(0, 100);
  const amBodies = Array.from({ length: webhooks }, () => Buffer.from(amNext()));
  const amJson = amBodies.map(jsonOf);
  const amSignals: Signal[] = amJson.flatMap((json) => {
    const parsed = parseAlertmanager(json);
    if (!parsed.ok) throw new Error(`bench body refused: ${parsed.errors.join('; ')}`);
    return parsed.signals;
  });

  let sink = 0;
  const rows: Array<[string, number]> = [
    ['PagerDuty: body → JSON (rawJsonParser)', time(events, () => pdBodies.forEach((b) => (sink += jsonOf(b) ? 1 : 0)))],
    [
      'PagerDuty: JSON → signal (parsePagerDutyV2)',
      time(events, () => pdJson.forEach((j) => (sink += parsePagerDutyV2(j, () => 'k').ok ? 1 : 0))),
    ],
    ['PagerDuty: cleanSignal', time(events, () => pdSignals.forEach((s) => (sink += cleanSignal(s).labels ? 1 : 0)))],
    ['Alertmanager, per alert: body → JSON', time(amSignals.length, () => amBodies.forEach((b) => (sink += jsonOf(b) ? 1 : 0)))],
    [
      'Alertmanager, per alert: JSON → signals',
      time(amSignals.length, () => amJson.forEach((j) => (sink += parseAlertmanager(j).ok ? 1 : 0))),
    ],
    [
      'Alertmanager, per alert: cleanSignal',
      time(amSignals.length, () => amSignals.forEach((s) => (sink += cleanSignal(s).labels ? 1 : 0))),
    ],
  ];
  if (sink === 0) throw new Error('nothing ran');
  process.stdout.write(
    `Fenghuo parse bench — Node ${process.version}; ${events} PagerDuty events, ${amSignals.length} alerts per round\n\n`,
  );
  process.stdout.write('| step | µs per event |\n|---|---|\n');
  for (const [label, us] of rows) process.stdout.write(`| ${label} | ${us.toFixed(2)} |\n`);
  return 0;
}

process.exit(main());
