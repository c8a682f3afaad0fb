import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's build, next to the server's: from dist/src/api/routes/ it is dist/web/. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A name a build writes: no dot first (so no `.`, `..` or hidden files), nothing that needs escaping. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._~-]{0,199}$/;

/** True for a file name a build writes (the one rule for every name served or written into a page). */
export function isBuildFileName(name: string): boolean {
  return SEGMENT.test(name);
}

/**
 * The file below `root` that the URL part `relative` names, or null when it is not a plain
 * relative path (`..`, an absolute path, a backslash, a percent sign left undecoded, a NUL).
 */
export function fileBelow(root: string, relative: string): string | null {
  const parts = relative.split('/');
  if (parts.length > 8 || !parts.every(isBuildFileName)) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, ...parts);
  return full.startsWith(base + path.sep) ? full : null;
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a regular file that really lies below `root` (a symbolic link may not lead out); null if none. */
export async function readFileBelow(root: string, relative: string): Promise<StaticFile | null> {
  const full = fileBelow(root, relative);
  if (full === null) return null;
  try {
    const [real, realRoot] = await Promise.all([realpath(full), realpath(root)]);
    if (!real.startsWith(realRoot + path.sep) || !(await stat(real)).isFile()) return null;
    return { body: await readFile(real), contentType: contentTypeOf(real) };
  } catch {
    return null;
  }
}
