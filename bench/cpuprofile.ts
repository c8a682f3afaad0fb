// Summarises a V8 .cpuprofile (as written by `node --cpu-prof`): where the samples landed by
// self time (the function on top of the stack), by inclusive time, and by package or source
// folder. Used by `node dist/bench/ingest.js --profile DIR`, and standalone:
//   node dist/bench/cpuprofile.js FILE.cpuprofile [TOP]

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  where: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  samples: number;
  self: ProfileRow[];
  inclusive: ProfileRow[];
  byArea: ProfileRow[];
  /** For the hottest functions by self time outside our code: which of our functions (nearest on the stack) called them. */
  callers: Array<{ fn: ProfileRow; callers: ProfileRow[] }>;
}

/** `/work/main/dist/src/signals/ingest/process-batch.js` → `dist/src/signals/ingest/process-batch.js`. */
function shortUrl(url: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + 1);
  const dist = path.indexOf('/dist/');
  if (dist >= 0) return path.slice(dist + 1);
  return path;
}

/** The package (node_modules/x), our source folder (dist/src/a/b), node internals, or V8's pseudo-frames. */
function areaOf(frame: CallFrame): string {
  const url = shortUrl(frame.url);
  if (!url) {
    const name = frame.functionName;
    if (name === '(garbage collector)' || name === '(idle)' || name === '(program)' || name === '(root)') return name;
    return '(native / builtins)';
  }
  if (url.startsWith('node:'))
    return `node:${url.slice(5).split('/')[0] === 'internal' ? url.slice(5).split('/').slice(0, 2).join('/') : url.slice(5)}`;
  const nm = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm?.[1]) return nm[1];
  const ours = /^dist\/src\/([^/]+(?:\/[^/]+)?)\//.exec(url);
  if (ours?.[1]) return `fenghuo ${ours[1]}`;
  return url;
}

function label(frame: CallFrame): { name: string; where: string } {
  const url = shortUrl(frame.url);
  return { name: frame.functionName || '(anonymous)', where: url ? `${url}:${frame.lineNumber + 1}` : '' };
}

/** A time window in the profile's clock: microseconds of CLOCK_MONOTONIC, as `process.hrtime.bigint() / 1000n`. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

export function summariseProfile(profile: CpuProfile, top = 25, window?: ProfileWindow): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, { name: string; where: string; us: number }>();
  const inclusive = new Map<string, { name: string; where: string; us: number }>();
  const area = new Map<string, number>();
  const viaOurs = new Map<string, Map<string, { name: string; where: string; us: number }>>();
  const isOurs = (frame: CallFrame) => shortUrl(frame.url).startsWith('dist/src/');
  let total = 0;
  let samples = 0;
  let at = profile.startTime;
  profile.samples.forEach((nodeId, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    samples += 1;
    // timeDeltas[i] is the time before sample i; attribute the interval that follows it instead,
    // which is what DevTools does (the next delta), falling back to the last one.
    const us = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const node = byId.get(nodeId);
    if (!node) return;
    total += us;
    const { name, where } = label(node.callFrame);
    const key = `${name}\u0000${where}`;
    const s = self.get(key) ?? { name, where, us: 0 };
    s.us += us;
    self.set(key, s);
    if (!isOurs(node.callFrame)) {
      let id = parent.get(nodeId);
      while (id !== undefined && !isOurs(byId.get(id)?.callFrame ?? node.callFrame)) id = parent.get(id);
      const caller = id === undefined ? undefined : byId.get(id)?.callFrame;
      // No function of ours on the stack (e.g. a transaction's COMMIT, which the database driver
      // runs after our callback returned): name the transaction step, or the direct caller.
      let step: CallFrame | undefined;
      for (let up = parent.get(nodeId); up !== undefined && !step; up = parent.get(up)) {
        const f = byId.get(up)?.callFrame;
        if (f && /^(begin|commit|rollback)Transaction$/.test(f.functionName)) step = f;
      }
      const direct = byId.get(parent.get(nodeId) ?? -1)?.callFrame;
      const other = step ?? direct;
      const c = caller ? label(caller) : { name: `(none of ours: ${other?.functionName || '?'})`, where: other ? label(other).where : '' };
      const ck = `${c.name}\u0000${c.where}`;
      const m = viaOurs.get(key) ?? new Map<string, { name: string; where: string; us: number }>();
      const row = m.get(ck) ?? { ...c, us: 0 };
      row.us += us;
      m.set(ck, row);
      viaOurs.set(key, m);
    }
    const a = areaOf(node.callFrame);
    area.set(a, (area.get(a) ?? 0) + us);
    // Inclusive: every distinct function on the stack once.
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame) break;
      const l = label(frame);
      const k = `${l.name}\u0000${l.where}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const inc = inclusive.get(k) ?? { name: l.name, where: l.where, us: 0 };
      inc.us += us;
      inclusive.set(k, inc);
    }
  });
  const rows = (m: Iterable<{ name: string; where: string; us: number }>, skipRoot = false): ProfileRow[] =>
    [...m]
      .filter((r) => !skipRoot || r.name !== '(root)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((r) => ({ name: r.name, where: r.where, ms: r.us / 1000, pct: total > 0 ? (100 * r.us) / total : 0 }));
  const selfRows = rows(self.values());
  const callers = [...self.entries()]
    .filter(([k, r]) => viaOurs.has(k) && !r.name.startsWith('('))
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, 4)
    .map(([k, r]) => ({
      fn: { name: r.name, where: r.where, ms: r.us / 1000, pct: total > 0 ? (100 * r.us) / total : 0 },
      callers: rows(viaOurs.get(k)?.values() ?? []).slice(0, 10),
    }));
  return {
    callers,
    totalMs: total / 1000,
    samples,
    self: selfRows,
    inclusive: rows(inclusive.values(), true),
    byArea: rows([...area].map(([name, us]) => ({ name, where: '', us }))),
  };
}

export function formatProfileSummary(s: ProfileSummary, title: string): string {
  const lines: string[] = [`${title}: ${s.samples} samples, ${(s.totalMs / 1000).toFixed(1)} s of profile`];
  const table = (heading: string, rows: ProfileRow[], withWhere: boolean) => {
    lines.push('', heading);
    for (const r of rows) {
      lines.push(
        `  ${r.pct.toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}${withWhere && r.where ? `  (${r.where})` : ''}`,
      );
    }
  };
  table('Self time by area (package, our source folder, node internals, V8):', s.byArea, false);
  table('Top functions by self time:', s.self, true);
  table('Top functions by inclusive time:', s.inclusive, true);
  for (const { fn, callers } of s.callers) {
    table(`Self time of ${fn.name} (${fn.where}, ${fn.pct.toFixed(1)}%) by the nearest function of ours on the stack:`, callers, true);
  }
  return lines.join('\n');
}

export function summariseProfileFile(file: string, top = 25, window?: ProfileWindow): ProfileSummary {
  return summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top, window);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpuprofile.js FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatProfileSummary(summariseProfileFile(file, Number(top ?? 25)), file)}\n`);
}
