/**
 * Switch classifier: flow-table lookups per second at 1k/10k/100k rules × 1/10/50 distinct masks,
 * through the tuple-space classifier alone and with the exact-match cache in front (keys repeat,
 * as packets of established flows do), plus the memory a 100k-flow table takes.
 */
import { Ipv4Address } from '../core/net/ipv4-address.js';
import { MacAddress } from '../core/net/mac-address.js';
import type { Match } from '../core/openflow/match.js';
import { extractFlowKey } from '../core/packet/flow-key.js';
import { buildFrame } from '../core/packet/frame-builder.js';
import { compileMatch } from '../switch/pipeline/compiled-match.js';
import { FlowEntry, type FlowProgram } from '../switch/pipeline/flow-entry.js';
import { FlowTable } from '../switch/pipeline/flow-table.js';
import { timeLoop, type BenchResult } from './bench-result.js';

const PROGRAM: FlowProgram = {
  meterId: undefined, apply: [], clearActions: false, write: undefined, metadataValue: undefined, metadataMask: undefined, gotoTable: undefined,
};

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ipText = (v: number): string => Ipv4Address.fromNumber(v >>> 0).toString();

/** Mask template t of 64: ipv4_dst prefix length 1..32, with or without tcp_dst. */
function ruleMatch(t: number, r: () => number): Match {
  const prefix = 32 - (t % 32);
  const mask = prefix === 32 ? 0xffffffff : (0xffffffff << (32 - prefix)) >>> 0;
  const dst = (0x0a000000 | Math.floor(r() * 0x1000000)) & mask;
  const fields: Match['fields'][number][] = [{ field: 'eth_type', value: 0x0800 }];
  if (t >= 32) fields.push({ field: 'ip_proto', value: 6 }, { field: 'tcp_dst', value: 1 + Math.floor(r() * 1024) });
  fields.push(prefix === 32 ? { field: 'ipv4_dst', value: ipText(dst) } : { field: 'ipv4_dst', value: ipText(dst), mask: ipText(mask) });
  return { fields };
}

function buildTable(nRules: number, nMasks: number, seed: number): FlowTable {
  const r = rng(seed);
  const table = new FlowTable(0);
  for (let i = 0; i < nRules; i++) {
    const cm = compileMatch(ruleMatch(i % nMasks, r));
    table.insert(new FlowEntry(0, 1 + Math.floor(r() * 1000), i, cm, 0n, 0, 0, 0, [], PROGRAM, 0));
  }
  return table;
}

function packetKeys(n: number, seed: number): Uint8Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const frame = buildFrame({
      dst: MacAddress.parse('02:00:00:00:00:02'), src: MacAddress.parse('02:00:00:00:00:01'),
      network: {
        ipv4: { src: Ipv4Address.parse('192.168.0.1'), dst: Ipv4Address.fromNumber((0x0a000000 | Math.floor(r() * 0x1000000)) >>> 0) },
        transport: { tcp: { srcPort: 40000, dstPort: 1 + Math.floor(r() * 1024) } },
      },
    });
    // Own aligned buffers: the cache reads keys a word at a time.
    return extractFlowKey(frame, 1).bytes;
  });
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const keys = packetKeys(1024, 99);
  for (const nRules of [1_000, 10_000, 100_000]) {
    for (const nMasks of [1, 10, 50]) {
      const buildStart = process.hrtime.bigint();
      const table = buildTable(nRules, nMasks, nRules + nMasks);
      const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
      let i = 0;
      let hits = 0;
      for (const useCache of [false, true]) {
        table.useCache = useCache;
        // Median of three bounded slices: the machine is shared and noisy.
        const slices = [0, 1, 2].map(() => timeLoop(() => { if (table.lookup(keys[i++ & 1023]!) !== undefined) hits++; }, 700_000, 700));
        const counted = slices.reduce((n, t) => n + t.count + 1000, 0);
        const t = slices.sort((a, b) => a.opsPerSec - b.opsPerSec)[1]!;
        results.push({
          name: `classifier lookup ${nRules / 1000}k rules × ${nMasks} masks${useCache ? ' + exact-match cache' : ''}`,
          unit: 'lookups/s', value: t.opsPerSec, nsPerOp: t.nsPerOp,
          extra: { rules: nRules, masks: table.maskCount, cache: useCache, matchedShare: hits / counted, installPerSec: Math.round(nRules / (buildMs / 1000)), slices: slices.map((x) => Math.round(x.opsPerSec)).join('/') },
        });
        hits = 0;
      }
    }
  }
  // Memory of 100k flows: RSS growth while one 100k-rule table is alive.
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const big = buildTable(100_000, 50, 7);
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  // Typed arrays over 64 bytes keep their bytes outside the V8 heap (`arrayBuffers`): count both.
  const heap = after.heapUsed - before.heapUsed;
  const buffers = after.arrayBuffers - before.arrayBuffers;
  results.push({
    name: 'flow table memory, 100k flows × 50 masks (heap + array buffers)', unit: 'bytes/flow', value: (heap + buffers) / big.size,
    extra: {
      heapPerFlow: Math.round(heap / big.size), arrayBuffersPerFlow: Math.round(buffers / big.size),
      rssDeltaMB: Math.round((after.rss - before.rss) / 1e5) / 10, rssMB: Math.round(after.rss / 1e5) / 10, flows: big.size,
    },
  });
  return results;
}

// `npx tsx bench/classifier.bench.ts` or the compiled file runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  void run().then((rs) => { for (const r of rs) console.log(`${r.name}: ${Math.round(r.value).toLocaleString()} ${r.unit}`, JSON.stringify(r.extra)); });
}
