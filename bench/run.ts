/**
 * `npm run bench [filter...]`: runs every bench/<name>.bench.js (compiled), prints one table and writes
 * bench/results/<name>.json per benchmark. A benchmark that throws is reported and the rest still run.
 */
import 'reflect-metadata';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './bench-result.js';

const here = dirname(fileURLToPath(import.meta.url));
// Results go to the source tree's bench/results, whether we run from dist/bench or bench/.
const root = here.includes(`${join('dist', 'bench')}`) ? resolve(here, '..', '..') : resolve(here, '..');
const resultsDir = join(root, 'bench', 'results');

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (Math.abs(n) >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(n < 10 ? 2 : 1);
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  // The source tree decides which benchmarks exist: a stale compiled file left in dist/ by a
  // deleted bench must not run.
  const sources = new Set(readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.ts$/, '')));
  const files = readdirSync(here)
    .filter((f) => /\.bench\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && sources.has(f.replace(/\.(js|ts)$/, '')))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  mkdirSync(resultsDir, { recursive: true });
  const rows: Array<[string, string, string, string, string]> = [];
  let failed = 0;
  for (const file of files) {
    const name = file.replace(/\.bench\.(js|ts)$/, '');
    let results: BenchResult[];
    try {
      const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
      results = await mod.run();
    } catch (err) {
      failed++;
      rows.push([name, 'FAILED', '', '', (err as Error).message.split('\n')[0] ?? '']);
      continue;
    }
    writeFileSync(
      join(resultsDir, `${name}.json`),
      JSON.stringify({ bench: name, at: new Date().toISOString(), node: process.version, results }, (_k, v) =>
        typeof v === 'bigint' ? v.toString() : v, 2),
    );
    for (const r of results) {
      const extra = r.extra ? Object.entries(r.extra).map(([k, v]) => `${k}=${String(v)}`).join(' ') : '';
      rows.push([name, r.name, `${fmt(r.value)} ${r.unit}`, r.nsPerOp === undefined ? '' : `${r.nsPerOp.toFixed(0)} ns`, extra]);
    }
  }
  const head: [string, string, string, string, string] = ['bench', 'case', 'value', 'per op', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`\nresults written to ${resultsDir}`);
  if (failed > 0) process.exitCode = 1;
}

await main();
