import { describe, expect, it } from 'vitest';
import {
  type Link,
  type Path,
  TopologyGraph,
  configuredCost,
  equalCostPaths,
  kShortestPaths,
} from '../../controller/paths/index.js';

/** Deterministic PRNG (mulberry32) so random graphs are the same on every run. */
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

/** A random directed graph on n switches; some pairs get parallel links. Integer costs 1..4. */
function randomGraph(seed: number, n: number, density: number): TopologyGraph {
  const r = rng(seed);
  const g = new TopologyGraph();
  const nextPort = new Map<bigint, number>();
  const port = (d: bigint) => {
    const p = (nextPort.get(d) ?? 0) + 1;
    nextPort.set(d, p);
    return p;
  };
  for (let i = 1; i <= n; i++) g.addSwitch(BigInt(i));
  for (let a = 1; a <= n; a++) {
    for (let b = 1; b <= n; b++) {
      if (a === b || r() > density) continue;
      const copies = r() < 0.15 ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        g.addLink({ dpid: BigInt(a), port: port(BigInt(a)) }, { dpid: BigInt(b), port: port(BigInt(b)) }, { cost: 1 + Math.floor(r() * 4) });
      }
    }
  }
  return g;
}

/** Every loopless src→dst link sequence, by depth-first enumeration: the reference answer. */
function allSimplePaths(g: TopologyGraph, src: bigint, dst: bigint): Link[][] {
  const out: Link[][] = [];
  const onPath = new Set<bigint>([src]);
  const stack: Link[] = [];
  const walk = (u: bigint): void => {
    if (u === dst) {
      out.push([...stack]);
      return;
    }
    for (const l of g.outLinks(u)) {
      if (onPath.has(l.dst.dpid)) continue;
      onPath.add(l.dst.dpid);
      stack.push(l);
      walk(l.dst.dpid);
      stack.pop();
      onPath.delete(l.dst.dpid);
    }
  };
  walk(src);
  return out;
}

const cost = (links: readonly Link[]): number => links.reduce((s, l) => s + (l.attrs.cost ?? 1), 0);

function expectValidLoopless(p: Path, src: bigint, dst: bigint): void {
  expect(p.hops[0]!.dpid).toBe(src);
  expect(p.hops.at(-1)!.dpid).toBe(dst);
  const seen = new Set(p.hops.map((h) => h.dpid));
  expect(seen.size).toBe(p.hops.length);
  p.links.forEach((l, i) => {
    expect(l.src.dpid).toBe(p.hops[i]!.dpid);
    expect(l.dst.dpid).toBe(p.hops[i + 1]!.dpid);
    expect(p.hops[i]!.outPort).toBe(l.src.port);
    expect(p.hops[i + 1]!.inPort).toBe(l.dst.port);
  });
  expect(p.cost).toBe(cost(p.links));
}

/** Square 1-2-3-4-1 plus diagonal 1-3 (cost 3); port = peer dpid. */
function squareWithDiagonal(): TopologyGraph {
  const g = new TopologyGraph();
  const edge = (a: bigint, b: bigint, c = 1) => g.addBidirectionalLink({ dpid: a, port: Number(b) }, { dpid: b, port: Number(a) }, { cost: c });
  edge(1n, 2n);
  edge(2n, 3n);
  edge(3n, 4n);
  edge(4n, 1n);
  edge(1n, 3n, 3);
  return g;
}

describe('kShortestPaths (Yen)', () => {
  it('lists the loopless paths of a square with diagonal in cost order', () => {
    const r = kShortestPaths(squareWithDiagonal(), 1n, 3n, 10, { weight: configuredCost() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((p) => [p.cost, p.hops.map((h) => h.dpid)])).toEqual([
      [2, [1n, 2n, 3n]],
      [2, [1n, 4n, 3n]],
      [3, [1n, 3n]],
    ]);
  });

  it('stops at k', () => {
    const r = kShortestPaths(squareWithDiagonal(), 1n, 3n, 2, { weight: configuredCost() });
    expect(r.ok && r.value.length).toBe(2);
  });

  it('counts parallel links as distinct paths', () => {
    const g = new TopologyGraph();
    g.addLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 });
    g.addLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 });
    g.addLink({ dpid: 1n, port: 3 }, { dpid: 2n, port: 3 }, { cost: 2 });
    const r = kShortestPaths(g, 1n, 2n, 5, { weight: configuredCost() });
    expect(r.ok && r.value.map((p) => [p.hops[0]!.outPort, p.cost])).toEqual([[1, 1], [2, 1], [3, 2]]);
  });

  it('gives the one trivial path when src == dst', () => {
    const r = kShortestPaths(squareWithDiagonal(), { dpid: 2n, port: 9 }, 2n, 4);
    expect(r.ok && r.value.map((p) => p.hops)).toEqual([[{ dpid: 2n, inPort: 9 }]]);
  });

  it('returns typed errors for bad k, no path and unknown switches', () => {
    const g = squareWithDiagonal();
    g.addSwitch(9n);
    expect(kShortestPaths(g, 1n, 3n, 0)).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(kShortestPaths(g, 1n, 3n, 1.5)).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(kShortestPaths(g, 1n, 9n, 3)).toEqual({ ok: false, error: { kind: 'no-path', src: 1n, dst: 9n } });
    expect(kShortestPaths(g, 1n, 10n, 3)).toEqual({ ok: false, error: { kind: 'unknown-switch', dpid: 10n } });
  });

  it('honours constraints in every spur search', () => {
    const r = kShortestPaths(squareWithDiagonal(), 1n, 3n, 10, { weight: configuredCost(), constraints: { excludeSwitches: [4n] } });
    expect(r.ok && r.value.map((p) => p.hops.map((h) => h.dpid))).toEqual([[1n, 2n, 3n], [1n, 3n]]);
  });

  it('agrees with brute-force enumeration on seeded random graphs', () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const n = 4 + (seed % 4); // 4..7 switches keeps enumeration small
      const g = randomGraph(seed, n, 0.45);
      const src = 1n;
      const dst = BigInt(n);
      const reference = allSimplePaths(g, src, dst).map(cost).sort((a, b) => a - b);
      const k = 1 + (seed % 8);
      const r = kShortestPaths(g, src, dst, k, { weight: configuredCost() });
      if (reference.length === 0) {
        expect(r).toMatchObject({ ok: false, error: { kind: 'no-path' } });
        continue;
      }
      expect(r.ok, `seed ${seed}`).toBe(true);
      if (!r.ok) continue;
      // Ties at the k-th place make the exact path set ambiguous, never the cost sequence.
      expect(r.value.map((p) => p.cost), `seed ${seed}`).toEqual(reference.slice(0, k));
      expect(new Set(r.value.map((p) => p.key)).size).toBe(r.value.length);
      for (const p of r.value) expectValidLoopless(p, src, dst);
      compared++;
    }
    expect(compared).toBeGreaterThan(25);
  });
});

// The brute-force reference lives here, so ECMP is checked against it here too.
describe('equalCostPaths against brute-force enumeration', () => {
  it('returns exactly the minimum-cost simple paths on seeded random graphs', () => {
    let compared = 0;
    for (let seed = 100; seed < 140; seed++) {
      const n = 4 + (seed % 4);
      const g = randomGraph(seed, n, 0.5);
      const all = allSimplePaths(g, 1n, BigInt(n));
      if (all.length === 0) continue;
      const best = Math.min(...all.map(cost));
      const reference = all.filter((p) => cost(p) === best).map((p) => p.map((l) => l.id).join(',')).sort();
      const r = equalCostPaths(g, 1n, BigInt(n), { weight: configuredCost(), maxPaths: 1000 });
      expect(r.ok, `seed ${seed}`).toBe(true);
      if (!r.ok) continue;
      expect(r.value.cost).toBe(best);
      expect(r.value.paths.map((p) => p.key).sort(), `seed ${seed}`).toEqual(reference);
      compared++;
    }
    expect(compared).toBeGreaterThan(25);
  });
});
