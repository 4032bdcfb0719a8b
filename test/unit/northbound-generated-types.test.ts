/**
 * The committed TypeScript types must be what proto/generate-ts.sh makes from the current .proto
 * files; otherwise the code type-checks against an API that no longer exists. On failure, run
 * proto/generate-ts.sh and commit the result.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const COMMITTED = join(ROOT, 'controller', 'northbound', 'generated');

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('generated proto types', () => {
  it('match a fresh generation from proto/', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'sluice-gen-'));
    try {
      execFileSync(join(ROOT, 'proto', 'generate-ts.sh'), [fresh], { stdio: ['ignore', 'pipe', 'pipe'] });
      const want = files(fresh);
      const have = files(COMMITTED);
      expect([...have.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [name, text] of want) expect(have.get(name), name).toBe(text);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
