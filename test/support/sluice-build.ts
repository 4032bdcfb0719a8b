/**
 * The built `sluice` entry that process-level tests run (`node SLUICE_ENTRY switch …`,
 * `… controller …`: the commands users type), and whether it must be rebuilt
 * (`npx tsc -p tsconfig.build.json`) before they can trust it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = new URL('../..', import.meta.url).pathname;
export const SLUICE_ENTRY = join(REPO, 'dist', 'cli', 'sluice.js');

/** Newest modification time under `dir` of files ending in `.ts` (bounded walk of our sources). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when the entry is missing or older than a source file it is built from. */
export function sluiceBuildStale(): boolean {
  const sources = Math.max(...['switch', 'core', 'controller', 'plugins', 'cli'].map((d) => newestSource(join(REPO, d))));
  return !existsSync(SLUICE_ENTRY) || statSync(SLUICE_ENTRY).mtimeMs < sources;
}
