import { describe, expect, it } from 'vitest';
import {
  type Link,
  type Path,
  TopologyGraph,
  choosePath,
  configuredCost,
  equalCostPaths,
  fatTree,
} from '../../controller/paths/index.js';
import { fnv1a } from '../../controller/paths/flow-hash.js';

function paths(r: ReturnType<typeof equalCostPaths>): readonly Path[] {
  if (!r.ok) throw new Error(r.error.kind);
  return r.value.paths;
}

function expectContiguous(p: Path): void {
  p.links.forEach((l: Link, i) => {
    expect(l.src.dpid).toBe(p.hops[i]!.dpid);
    expect(l.dst.dpid).toBe(p.hops[i + 1]!.dpid);
  });
}

describe('equalCostPaths', () => {
  const ft = fatTree(4);

  it('finds the 4 inter-pod and 2 intra-pod paths of a k=4 fat-tree', () => {
    const inter = equalCostPaths(ft.graph, ft.edge[0]![0]!, ft.edge[1]![0]!);
    expect(inter.ok && inter.value.cost).toBe(4);
    const interPaths = paths(inter);
    expect(interPaths).toHaveLength(4);
    expect(inter.ok && inter.value.truncated).toBe(false);
    // Each goes edge → agg → core → agg → edge through a different core.
    expect(new Set(interPaths.map((p) => p.hops[2]!.dpid))).toEqual(new Set(ft.core));
    for (const p of interPaths) expectContiguous(p);

    const intra = paths(equalCostPaths(ft.graph, ft.edge[2]![0]!, ft.edge[2]![1]!));
    expect(intra.map((p) => p.hops[1]!.dpid).sort()).toEqual([...ft.agg[2]!].sort());
  });

  it('bounds the set and says so', () => {
    const r = equalCostPaths(ft.graph, ft.edge[0]![0]!, ft.edge[3]![1]!, { maxPaths: 3 });
    expect(r.ok && [r.value.paths.length, r.value.truncated]).toEqual([3, true]);
    const exact = equalCostPaths(ft.graph, ft.edge[0]![0]!, ft.edge[3]![1]!, { maxPaths: 4 });
    expect(exact.ok && [exact.value.paths.length, exact.value.truncated]).toEqual([4, false]);
    expect(equalCostPaths(ft.graph, 1n, 2n, { maxPaths: 0 })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });

  it('returns only the strictly cheapest paths under configured costs', () => {
    const g = fatTree(4).graph;
    const expensive = g.links().filter((l) => l.src.dpid === ft.core[0] || l.dst.dpid === ft.core[0]);
    for (const l of expensive) g.setLinkAttrs(l.id, { cost: 5 });
    const r = paths(equalCostPaths(g, ft.edge[0]![0]!, ft.edge[1]![0]!, { weight: configuredCost() }));
    expect(r).toHaveLength(3);
    expect(r.some((p) => p.hops.some((h) => h.dpid === ft.core[0]))).toBe(false);
  });

  it('gives the trivial path for src == dst and typed errors otherwise', () => {
    expect(paths(equalCostPaths(ft.graph, ft.core[0]!, ft.core[0]!)).map((p) => p.links.length)).toEqual([0]);
    const g = new TopologyGraph();
    g.addSwitch(1n);
    g.addSwitch(2n);
    expect(equalCostPaths(g, 1n, 2n)).toEqual({ ok: false, error: { kind: 'no-path', src: 1n, dst: 2n } });
    expect(equalCostPaths(g, { host: 'h' }, 2n)).toEqual({ ok: false, error: { kind: 'unknown-host', host: 'h' } });
  });

  it('distinguishes parallel links as separate paths', () => {
    const g = new TopologyGraph();
    g.addBidirectionalLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 });
    g.addBidirectionalLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 });
    g.addBidirectionalLink({ dpid: 2n, port: 3 }, { dpid: 3n, port: 1 });
    const r = paths(equalCostPaths(g, 1n, 3n));
    expect(r.map((p) => p.hops[0]!.outPort)).toEqual([1, 2]);
  });
});

describe('choosePath', () => {
  const ft = fatTree(4);
  const set = paths(equalCostPaths(ft.graph, ft.edge[0]![0]!, ft.edge[1]![1]!));
  const flows = Array.from({ length: 2000 }, (_, i) => `10.0.${i >> 8}.${i & 255}>10.1.0.1:tcp:${1024 + i}:80`);

  it('hashes with the published FNV-1a constants', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a(new Uint8Array([0x61]))).toBe(0xe40c292c);
  });

  it('keeps a flow on one path, whatever the order of the set', () => {
    const reversed = [...set].reverse();
    for (const f of flows.slice(0, 200)) {
      const a = choosePath(set, f)!;
      expect(choosePath(set, f)).toBe(a);
      expect(choosePath(reversed, f)).toBe(a);
    }
    expect(choosePath([], 'x')).toBeUndefined();
  });

  it('spreads flows evenly', () => {
    const counts = new Map<string, number>();
    for (const f of flows) {
      const p = choosePath(set, f)!;
      counts.set(p.key, (counts.get(p.key) ?? 0) + 1);
    }
    expect(counts.size).toBe(4);
    for (const c of counts.values()) expect(c / flows.length).toBeGreaterThan(0.18);
  });

  it('moves only the flows of a path that disappears', () => {
    const gone = set[1]!;
    const remaining = set.filter((p) => p !== gone);
    let moved = 0;
    for (const f of flows) {
      const before = choosePath(set, f)!;
      const after = choosePath(remaining, f)!;
      if (before !== gone) expect(after).toBe(before);
      else moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('accepts byte keys', () => {
    const key = new Uint8Array([10, 0, 0, 1, 10, 0, 0, 2, 6]);
    expect(choosePath(set, key)).toBe(choosePath(set, Uint8Array.from(key)));
  });
});
