/**
 * Path computation on a 100-switch three-tier Clos (10 pods × (4 edge + 4 aggregation), 20
 * cores; 360 cables = 720 directed links): Dijkstra under hop count and under measured latency,
 * the ECMP set plus the per-flow choice, Yen's k = 4, and a full spanning-tree recompute.
 * Queries go between random edge switches (seeded), like host-to-host flows would.
 */
import { timeLoop, type BenchResult } from './bench-result.js';
import {
  type Dpid,
  choosePath,
  closTopology,
  equalCostPaths,
  kShortestPaths,
  latency,
  shortestPath,
  spanningTree,
} from '../controller/paths/index.js';

const SHAPE = { pods: 10, edgesPerPod: 4, aggsPerPod: 4, cores: 20 } as const;

/** mulberry32: a fixed sequence so every run asks the same queries. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function run(): Promise<BenchResult[]> {
  const topo = closTopology(SHAPE);
  const { graph } = topo;
  const r = rng(7);
  for (const l of graph.links()) graph.setLinkAttrs(l.id, { latencyUs: 5 + Math.floor(r() * 50) });
  const edges = topo.edge.flat();
  const pairs: Array<[Dpid, Dpid]> = Array.from({ length: 1024 }, () => {
    const a = edges[Math.floor(r() * edges.length)]!;
    let b = a;
    while (b === a) b = edges[Math.floor(r() * edges.length)]!;
    return [a, b];
  });
  const size = { switches: graph.switches().length, links: graph.links().length };
  let i = 0;
  const next = (): [Dpid, Dpid] => pairs[i++ & 1023]!;
  let sink = 0; // consumed so the optimizer cannot drop the work

  const results: BenchResult[] = [];
  const record = (name: string, t: ReturnType<typeof timeLoop>, extra: Record<string, unknown> = {}): void => {
    results.push({ name, unit: 'queries/s', value: t.opsPerSec, nsPerOp: t.nsPerOp, extra: { ...size, queries: t.count, ...extra } });
  };

  record('dijkstra hop-count', timeLoop(() => {
    const [a, b] = next();
    const p = shortestPath(graph, a, b);
    if (p.ok) sink += p.value.hops.length;
  }, 50_000, 2_000));

  const lat = latency();
  record('dijkstra latency', timeLoop(() => {
    const [a, b] = next();
    const p = shortestPath(graph, a, b, { weight: lat });
    if (p.ok) sink += p.value.hops.length;
  }, 50_000, 2_000));

  let setSizes = 0;
  let setCount = 0;
  const ecmp = timeLoop(() => {
    const [a, b] = next();
    const set = equalCostPaths(graph, a, b);
    if (!set.ok) return;
    setSizes += set.value.paths.length;
    setCount++;
    sink += choosePath(set.value.paths, `10.0.0.1>10.0.0.2:tcp:${i}:80`)!.hops.length;
  }, 20_000, 2_000);
  record('ecmp set + choice', ecmp, { meanPaths: +(setSizes / setCount).toFixed(1), maxPaths: 16 });

  record('yen k=4', timeLoop(() => {
    const [a, b] = next();
    const p = kShortestPaths(graph, a, b, 4);
    if (p.ok) sink += p.value.length;
  }, 5_000, 3_000));

  record('spanning tree (whole graph)', timeLoop(() => {
    const t = spanningTree(graph);
    if (t.ok) sink += t.value.links.length;
  }, 2_000, 2_000));

  if (sink === 0) throw new Error('benchmark computed nothing');
  return results;
}
