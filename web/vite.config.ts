// Built with `vite build web` (root = this folder), so nothing here depends on the working directory.
// The output goes next to the server's build: the server serves dist/web at `/`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    // outDir is outside the root: Vite only empties it when told to.
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npm run web:dev`: the API (and its live events) come from a local `fenghuo serve`. The Host
    // header is kept, so the server's same-origin check on writes still passes.
    proxy: { '/api': { target: 'http://127.0.0.1:8080' } },
  },
});
