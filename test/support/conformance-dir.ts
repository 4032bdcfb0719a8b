/**
 * Where the shared golden data lives: `../shared/conformance` beside the repository (the
 * workplace's layout), or `SLUICE_CONFORMANCE_DIR` when a checkout sits elsewhere. One place
 * decides, so a missing corpus fails every user with the same clear message instead of a
 * scatter of ENOENTs.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const CONFORMANCE_DIR = resolve(process.env.SLUICE_CONFORMANCE_DIR ?? join(REPO, '..', 'shared', 'conformance'));

/** Ryu's OpenFlow 1.3 wire corpus: 104 `.packet` files with their expected JSON. */
export const RYU_OF13_DIR = join(CONFORMANCE_DIR, 'ryu-of13');

if (!existsSync(RYU_OF13_DIR)) {
  throw new Error(`conformance corpus not found at ${RYU_OF13_DIR}: the tests expect ../shared/conformance beside the ` +
    'repository, or set SLUICE_CONFORMANCE_DIR');
}
