// Built with `vite build web` (root = this folder), so nothing here depends on the working directory.
// The output goes next to the server's build: the server serves dist/web at `/`.
import { defineConfig } from 'vite';

// The console is written against React's API and typed with React's types, but runs on Preact's
// compatibility layer: its runtime is a tenth of React DOM's, and evaluating React DOM was a fifth
// of the time to the first page of a list (docs/benchmarks.md, "The console's big lists").
const PREACT = {
  'react-dom/client': 'preact/compat/client',
  'react-dom': 'preact/compat',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-runtime',
  react: 'preact/compat',
};

export default defineConfig({
  base: '/',
  resolve: {
    alias: Object.entries(PREACT).map(([find, replacement]) => ({ find: new RegExp(`^${find}$`), replacement })),
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../dist/web',
    // outDir is outside the root: Vite only empties it when told to.
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // dist/web/.vite/manifest.json: which files each screen needs, so the server can name them in
    // the page it sends (src/api/routes/console-preload.ts) and the browser fetches them at once.
    manifest: true,
    // Screens share many small modules (a badge, a hook, an API helper); as chunks of their own a
    // list's first visit asked for a dozen files of a few hundred bytes before it could draw.
    rollupOptions: { output: { experimentalMinChunkSize: 8_192 } },
  },
  server: {
    // `npm run web:dev`: the API (and its live events) come from a local `fenghuo serve`. The Host
    // header is kept, so the server's same-origin check on writes still passes.
    proxy: { '/api': { target: 'http://127.0.0.1:8080' } },
  },
});
