import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { StartupError } from './runtime.js';

/**
 * The status processes of a node: N children running `fenghuo serve-status` on one port, forked
 * with node:cluster. The kernel shares the listening socket among them (SCHED_NONE): this
 * process binds it and never accepts on it, so a busy ingest thread here delays no reader. A
 * child that dies is forked again (sooner the longer it had lived); a child whose parent is gone
 * (even SIGKILLed) loses its IPC channel and exits, which node:cluster does for every worker.
 */

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));
const FIRST_RESTART_MS = 250;
const MAX_RESTART_MS = 30_000;
/** A child that lived this long before dying is restarted at once, not after a growing pause. */
const STABLE_MS = 10_000;
const STOP_GRACE_MS = 5_000;
const START_TIMEOUT_MS = 60_000;

export interface StatusProcessLog {
  info(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

export interface StatusProcesses {
  /** Resolves when every child listens; rejects when one exits before it did (a port in use, a bad database). */
  ready: Promise<void>;
  /** The children's process ids. */
  pids(): number[];
  /** Stops every child (SIGTERM, then SIGKILL after a grace period) and forks no more. */
  stop(): Promise<void>;
}

interface Slot {
  index: number;
  worker: Worker | null;
  startedAt: number;
  listened: boolean;
  delayMs: number;
  timer: NodeJS.Timeout | null;
}

export function startStatusProcesses(count: number, where: { host: string; port: number }, log: StatusProcessLog): StatusProcesses {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: MAIN, args: ['serve-status'] });
  let stopping = false;
  let started = 0;
  let settle: { resolve: () => void; reject: (err: Error) => void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const startTimer = setTimeout(
    () => settle?.reject(new StartupError(`status processes did not listen on ${where.host}:${where.port} within 60 s`)),
    START_TIMEOUT_MS,
  );
  startTimer.unref();
  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({
    index,
    worker: null,
    startedAt: 0,
    listened: false,
    delayMs: FIRST_RESTART_MS,
    timer: null,
  }));

  function fork(slot: Slot): void {
    slot.timer = null;
    if (stopping) return;
    slot.startedAt = Date.now();
    slot.listened = false;
    const worker = cluster.fork();
    slot.worker = worker;
    worker.once('listening', () => {
      slot.listened = true;
      log.info({ child: worker.process.pid, port: where.port }, 'status process listening');
      if (++started === count && settle) {
        clearTimeout(startTimer);
        settle.resolve();
        settle = null;
      }
    });
    worker.once('exit', (code, signal) => exited(slot, worker, code, signal));
  }

  function exited(slot: Slot, worker: Worker, code: number | null, signal: string | null): void {
    if (slot.worker === worker) slot.worker = null;
    if (stopping) return;
    const fields = { child: worker.process.pid, code, signal };
    if (settle && !slot.listened) {
      // At start-up a child that cannot listen is a configuration problem: say so and stop.
      clearTimeout(startTimer);
      settle.reject(
        new StartupError(`a status process exited (${signal ?? `code ${code}`}) before it listened on ${where.host}:${where.port}`),
      );
      settle = null;
      return;
    }
    const lived = Date.now() - slot.startedAt;
    slot.delayMs = lived >= STABLE_MS ? FIRST_RESTART_MS : Math.min(slot.delayMs * 2, MAX_RESTART_MS);
    log.error({ ...fields, restartInMs: slot.delayMs }, 'status process exited; restarting it');
    slot.timer = setTimeout(() => fork(slot), slot.delayMs);
  }

  for (const slot of slots) fork(slot);

  return {
    ready,
    pids: () => slots.flatMap((s) => (s.worker?.process.pid === undefined ? [] : [s.worker.process.pid])),
    async stop() {
      stopping = true;
      clearTimeout(startTimer);
      const live: Worker[] = [];
      for (const slot of slots) {
        if (slot.timer) clearTimeout(slot.timer);
        if (slot.worker && slot.worker.process.exitCode === null && slot.worker.process.signalCode === null) live.push(slot.worker);
      }
      await Promise.all(live.map(stopWorker));
    },
  };
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const kill = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
    worker.process.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    worker.process.kill('SIGTERM');
  });
}
