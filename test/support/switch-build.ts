/**
 * The built `sluice switch` entry point that process-level system tests run, and whether it must
 * be rebuilt (`npx tsc -p tsconfig.build.json`) before they can trust it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = new URL('../..', import.meta.url).pathname;
export const SWITCH_ENTRY = join(REPO, 'dist', 'switch', 'sluice-switch.js');

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

/** True when the entry is missing or older than a source file under switch/ or core/. */
export function switchBuildStale(): boolean {
  const sources = Math.max(newestSource(join(REPO, 'switch')), newestSource(join(REPO, 'core')));
  return !existsSync(SWITCH_ENTRY) || statSync(SWITCH_ENTRY).mtimeMs < sources;
}
