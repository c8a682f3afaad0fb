// The agent's spool file (`--spool FILE`): the results it had not uploaded when it stopped, one
// wire-form JSON object a line, so that an agent restarted (a rotated token, an upgrade, a server
// away for longer than the last upload's 5 s) sends them when it comes back instead of losing them.

import { open, readFile, rename, unlink } from 'node:fs/promises';

/** The results a spool holds, oldest first, and how many of its lines were not results. */
export async function readSpool(file: string): Promise<{ items: string[]; skipped: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { items: [], skipped: 0 };
    throw err;
  }
  const items: string[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (isWireResult(line)) items.push(line);
    else skipped++;
  }
  return { items, skipped };
}

/**
 * Replaces the spool with `items` (none: removes it). Written to a temporary file, flushed to disk
 * and renamed over the old one, so a crash mid-write leaves the old spool or the new, never half.
 */
export async function writeSpool(file: string, items: readonly string[]): Promise<void> {
  if (items.length === 0) {
    await unlink(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    return;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${items.join('\n')}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

/** A line as the agent writes a result: a JSON object naming a monitor, a time and a status. */
function isWireResult(line: string): boolean {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const r = value as Record<string, unknown>;
    return typeof r.monitorId === 'string' && typeof r.at === 'number' && Number.isFinite(r.at) && typeof r.status === 'string';
  } catch {
    return false;
  }
}
