#!/usr/bin/env node
// Entry point for `npx fenghuo` and `npm start`; the code is the compiled output in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('fenghuo: dist/ is missing; run `npm ci` (or `npm run build`) first\n');
  process.exit(1);
}
await import(main.href);
