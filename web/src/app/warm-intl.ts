// The first date a page formats costs its main thread 50–80 ms (measured in Debian's Chromium):
// ICU loads its locale and time-zone data then. That data is kept per process, so a worker that
// formats one date while the main thread is still starting the console takes the cost off the
// first page's path (bench:console, docs/benchmarks.md). Imported first by main.tsx, so the worker
// starts before React is evaluated. Without workers the main thread simply pays as before.
try {
  const worker = new Worker(new URL('./warm-intl.worker.ts', import.meta.url), { type: 'module' });
  const end = () => worker.terminate();
  worker.addEventListener('message', end);
  worker.addEventListener('error', end);
} catch {
  // no worker here: nothing lost
}
