// Loaded into the server by `node dist/bench/paging.js --trace` (`node --import` this module): for
// each request that carries `x-bench-trace`, when it arrived, every SQLite statement run until its
// page left (start and duration), when its answer was written and when the page's HTTP request
// started. Written as JSON to FENGHUO_BENCH_TRACE when the server exits. Measured events go one at
// a time (idle phase only), so whatever runs between a traced request and its page is its own work.

import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

export interface TracedStatement {
  sql: string;
  at: number;
  ms: number;
}

export interface TracedRequest {
  /** performance.now() when the request event fired. */
  at: number;
  statements: TracedStatement[];
  /** When the answer was written (res.end). */
  answeredAt: number | null;
  /** When the first outgoing HTTP request after the commit started (the page). */
  pageAt: number | null;
}

const out = process.env.FENGHUO_BENCH_TRACE;
if (out) install(out);

function install(file: string): void {
  const traced: TracedRequest[] = [];
  let current: TracedRequest | null = null;
  const committed = (t: TracedRequest) => t.statements.some((s) => /^commit/i.test(s.sql));

  type Statement = Record<'run' | 'get' | 'all', (...args: unknown[]) => unknown>;
  type DatabaseClass = { prototype: { prepare(sql: string): Statement } };
  const Database = createRequire(import.meta.url)('better-sqlite3') as DatabaseClass;
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: unknown, sql: string) {
    const statement = prepare.call(this, sql);
    const text = sql.replace(/\s+/g, ' ').slice(0, 60);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method];
      statement[method] = function (this: unknown, ...args: unknown[]) {
        const at = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          if (current && current.pageAt === null) current.statements.push({ sql: text, at, ms: performance.now() - at });
        }
      };
    }
    return statement;
  };

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (req.headers['x-bench-trace']) {
        const trace: TracedRequest = { at: performance.now(), statements: [], answeredAt: null, pageAt: null };
        traced.push(trace);
        current = trace;
        const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
        res.end = ((...a: unknown[]) => {
          trace.answeredAt ??= performance.now();
          return end(...a);
        }) as typeof res.end;
      }
    }
    return (emit as (this: http.Server, event: string, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof http.Server.prototype.emit;

  subscribe('http.client.request.start', () => {
    if (current && current.pageAt === null && committed(current)) current.pageAt = performance.now();
  });

  const write = () => writeFileSync(file, JSON.stringify(traced));
  process.on('exit', write);
}
