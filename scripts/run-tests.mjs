#!/usr/bin/env node
// Test runner for `npm test` (the pretest script has already compiled to dist/).
//
// 1. Provides PostgreSQL: FENGHUO_TEST_DATABASE_URL if set, else a server on
//    127.0.0.1:5432 if one answers, else a private throwaway cluster started
//    from the local PostgreSQL binaries (stopped and removed at the end).
// 2. Finds every *.test.js under dist/ (optionally filtered by CLI args: a file
//    runs if its path contains any of the args).
// 3. Runs them with node:test's run(), reports with the spec reporter, and
//    prints a final line "N passed, N failed[, N skipped]".
//
// Usage: npm test [-- <path or substring> ...]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const DEFAULT_PROBE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PROBE_TIMEOUT_MS = 3000;

function log(msg) {
  process.stderr.write(`[run-tests] ${msg}\n`);
}

class FatalError extends Error {}

// ---------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------

/** Resolves true if `select 1` succeeds against url within the timeout. */
async function pgAnswers(url, timeoutMs = PROBE_TIMEOUT_MS) {
  let pg;
  try {
    pg = (await import('pg')).default;
  } catch (err) {
    throw new FatalError(`cannot load the 'pg' package (run npm install): ${err.message}`);
  }
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => {});
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs + 500);
  });
  const attempt = (async () => {
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
    client.end().catch(() => {});
  }
}

function versionKey(name) {
  return name
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number);
}

function compareVersionsDesc(a, b) {
  const ka = versionKey(a);
  const kb = versionKey(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const d = (kb[i] ?? -1) - (ka[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Returns { initdb, pgCtl } or undefined. Prefers the highest /usr/lib/postgresql/<v>/bin. */
function findPgBinaries() {
  const base = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = readdirSync(base).sort(compareVersionsDesc);
  } catch {
    // not a Debian-style layout
  }
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    const initdb = path.join(bin, 'initdb');
    const pgCtl = path.join(bin, 'pg_ctl');
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  // Fallback: binaries on PATH (e.g. non-Debian installs).
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const initdb = path.join(dir, 'initdb');
    const pgCtl = path.join(dir, 'pg_ctl');
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let runuserWorks;

/**
 * Runs a command synchronously; as root, runs it as the `postgres` OS user
 * (initdb and postgres refuse to run as root). Returns spawnSync's result.
 */
function runPgCommand(argv, cwd) {
  const opts = { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
  if (!isRoot) return spawnSync(argv[0], argv.slice(1), opts);
  if (runuserWorks !== false) {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', ...argv], opts);
    if (r.error?.code === 'ENOENT') {
      runuserWorks = false;
    } else {
      runuserWorks = true;
      return r;
    }
  }
  return spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', argv.map(shellQuote).join(' ')], opts);
}

function describeFailure(what, r) {
  const out = [r.error?.message, r.stdout, r.stderr].filter(Boolean).join('\n').trim();
  return `${what} failed (exit ${r.status ?? r.signal}):\n${out}`;
}

/** State of a private cluster we started, for cleanup. */
let cluster;

function cleanupCluster() {
  if (!cluster) return;
  const c = cluster;
  cluster = undefined;
  if (c.started) {
    const r = runPgCommand([c.pgCtl, '-D', c.dataDir, '-m', 'immediate', 'stop'], c.dir);
    if (r.status !== 0) log(describeFailure('pg_ctl stop', r));
    else log('stopped private PostgreSQL cluster');
  }
  try {
    rmSync(c.dir, { recursive: true, force: true });
  } catch (err) {
    log(`could not remove ${c.dir}: ${err.message}`);
  }
}

async function startPrivateCluster() {
  const bins = findPgBinaries();
  if (!bins) {
    throw new FatalError(
      'no PostgreSQL server answered and no PostgreSQL binaries (initdb, pg_ctl) were found\n' +
        'under /usr/lib/postgresql/*/bin or on PATH. The test suite runs against both SQLite\n' +
        'and PostgreSQL; install PostgreSQL (e.g. apt-get install postgresql) or set\n' +
        'FENGHUO_TEST_DATABASE_URL to a server the tests may create databases on.',
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'fenghuo-pg-'));
  const dataDir = path.join(dir, 'data');
  cluster = { dir, dataDir, pgCtl: bins.pgCtl, started: false };
  if (isRoot) {
    const r = spawnSync('chown', ['postgres:', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new FatalError(describeFailure(`chown postgres ${dir}`, r));
  }
  log(`starting private PostgreSQL cluster in ${dir} (${path.dirname(bins.initdb)})`);
  const init = runPgCommand([bins.initdb, '-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], dir);
  if (init.status !== 0) throw new FatalError(describeFailure('initdb', init));

  let lastFailure;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    const logFile = path.join(dir, 'postgres.log');
    // Mark as started before pg_ctl so a partially started server is stopped too.
    cluster.started = true;
    const start = runPgCommand([bins.pgCtl, '-D', dataDir, '-l', logFile, '-w', '-o', opts, 'start'], dir);
    if (start.status === 0) {
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      if (await pgAnswers(url, 10000)) {
        log(`private PostgreSQL cluster listening on 127.0.0.1:${port}`);
        return url;
      }
      lastFailure = `server started on port ${port} but did not answer select 1`;
    } else {
      let serverLog = '';
      try {
        serverLog = spawnSync('tail', ['-n', '20', logFile], { encoding: 'utf8' }).stdout ?? '';
      } catch {
        // ignore
      }
      lastFailure = `${describeFailure('pg_ctl start', start)}\n${serverLog}`;
    }
    // Make sure nothing is left running before retrying on another port.
    runPgCommand([bins.pgCtl, '-D', dataDir, '-m', 'immediate', 'stop'], dir);
    cluster.started = false;
  }
  throw new FatalError(`could not start a private PostgreSQL cluster: ${lastFailure}`);
}

async function providePostgres() {
  const fromEnv = process.env.FENGHUO_TEST_DATABASE_URL;
  if (fromEnv) {
    log('using PostgreSQL from FENGHUO_TEST_DATABASE_URL');
    return fromEnv;
  }
  const probe = process.env.FENGHUO_TEST_PG_PROBE_URL || DEFAULT_PROBE_URL;
  if (await pgAnswers(probe)) {
    log(`using PostgreSQL at ${redact(probe)}`);
    return probe;
  }
  log(`no PostgreSQL answered at ${redact(probe)}; starting a private cluster`);
  return startPrivateCluster();
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparsable url>';
  }
}

// ---------------------------------------------------------------------------
// Test files
// ---------------------------------------------------------------------------

function findTestFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(p);
          isDir = false; // do not follow directory symlinks (avoid cycles)
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) walk(p);
      else if (isFile && e.name.endsWith('.test.js')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function selectFiles(all, filters) {
  if (filters.length === 0) return all;
  const norm = filters.map((f) => f.replace(/^\.\//, ''));
  return all.filter((abs) => {
    const rel = path.relative(ROOT, abs);
    return norm.some((f) => rel.includes(f) || abs.includes(f));
  });
}

// ---------------------------------------------------------------------------
// Running and counting
// ---------------------------------------------------------------------------

/**
 * Counts leaf tests from test:pass / test:fail events.
 *
 * Events within one file arrive in order, children before their parent. Per
 * file and nesting level we remember whether any child (and any counted
 * failure) was reported since the last sibling, so that:
 *  - suites (details.type === 'suite') and tests with subtests are not counted
 *    as passes themselves;
 *  - a failing parent/suite is counted only if none of its descendants was
 *    counted as failed (e.g. a failing after() hook, a parent that throws
 *    after its subtests passed), so failures are neither lost nor doubled;
 *  - skip and todo tests count as skipped (todo failures do not fail the run,
 *    like node --test);
 *  - a file that fails to load reports a file-level failure, which counts;
 *    the file-level pass of a file without tests does not.
 */
function createCounter(fileSet) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const perFile = new Map();
  const levelsFor = (file) => {
    let levels = perFile.get(file);
    if (!levels) perFile.set(file, (levels = []));
    return levels;
  };
  const onResult = (data, failed) => {
    if (!data) return;
    const nesting = data.nesting ?? 0;
    const levels = levelsFor(data.file ?? '');
    const kids = levels[nesting] ?? { any: false, failed: false };
    levels[nesting] = { any: false, failed: false };
    const isLeaf = !kids.any && data.details?.type !== 'suite';
    const isFileLevel = nesting === 0 && data.name === data.file && fileSet.has(data.file);
    let countedFailure = kids.failed;
    const isTodo = data.todo !== undefined && data.todo !== false;
    const isSkip = data.skip !== undefined && data.skip !== false;
    if (isTodo || isSkip) {
      if (!kids.any) counts.skipped++;
    } else if (failed) {
      if (!kids.failed) {
        counts.failed++;
        countedFailure = true;
      }
    } else if (isLeaf && !isFileLevel) {
      counts.passed++;
    }
    if (nesting > 0) {
      const parent = levels[nesting - 1] ?? { any: false, failed: false };
      parent.any = true;
      parent.failed ||= countedFailure;
      levels[nesting - 1] = parent;
    }
  };
  return {
    counts,
    onPass: (data) => onResult(data, false),
    onFail: (data) => onResult(data, true),
  };
}

function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

const abort = new AbortController();

async function runTests(files) {
  const fileSet = new Set(files);
  const counter = createCounter(fileSet);
  const stream = run({ files, concurrency: 2, timeout: 300000, signal: abort.signal });
  stream.on('test:pass', counter.onPass);
  stream.on('test:fail', counter.onFail);
  const reporter = stream.compose(new spec());
  reporter.pipe(process.stdout, { end: false });
  await finished(reporter);
  return counter.counts;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

let signalled = false;
for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(sig, () => {
    if (signalled) return;
    signalled = true;
    log(`${sig} received; cleaning up`);
    abort.abort();
    cleanupCluster();
    process.exit(code);
  });
}
// Last resort (e.g. an unexpected exception): never leave a cluster behind.
process.on('exit', cleanupCluster);

async function main() {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const all = findTestFiles(DIST);
  const files = selectFiles(all, filters);
  if (files.length === 0) {
    throw new FatalError(
      all.length === 0
        ? `no *.test.js files found under ${path.relative(process.cwd(), DIST) || DIST} (did the build run?)`
        : `no test files match ${filters.map((f) => JSON.stringify(f)).join(', ')} (${all.length} files found)`,
    );
  }

  process.env.FENGHUO_TEST_DATABASE_URL = await providePostgres();

  log(`running ${files.length} test file${files.length === 1 ? '' : 's'}`);
  const counts = await runTests(files);
  cleanupCluster();
  process.stdout.write(`\n${summaryLine(counts)}\n`);
  process.exitCode = counts.failed > 0 || counts.passed === 0 ? 1 : 0;
}

main().catch((err) => {
  if (err instanceof FatalError) log(`error: ${err.message}`);
  else log(`error: ${err?.stack ?? err}`);
  cleanupCluster();
  process.exitCode = 1;
});
