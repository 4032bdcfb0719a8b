import { describe, expect, it } from 'vitest';
import {
  type SpanningTree,
  TopologyGraph,
  configuredCost,
  fatTree,
  lineTopology,
  spanningTree,
} from '../../controller/paths/index.js';

function tree(g: TopologyGraph, weight?: Parameters<typeof spanningTree>[1]): SpanningTree {
  const r = spanningTree(g, weight);
  if (!r.ok) throw new Error(r.error.kind);
  return r.value;
}

/** Checks the tree edges form a forest spanning `switches` with `roots.length` trees. */
function expectForest(t: SpanningTree, switches: bigint[]): void {
  const parent = new Map(switches.map((s) => [s, s]));
  const find = (x: bigint): bigint => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const undirected = t.links.filter((l) => l.src.dpid < l.dst.dpid || (l.src.dpid === l.dst.dpid && l.src.port < l.dst.port));
  expect(undirected.length * 2).toBe(t.links.length);
  for (const l of undirected) {
    const a = find(l.src.dpid);
    const b = find(l.dst.dpid);
    expect(a, 'cycle in tree').not.toBe(b);
    parent.set(a, b);
  }
  expect(undirected.length).toBe(switches.length - t.roots.length);
}

describe('spanningTree', () => {
  it('blocks one edge of a triangle, keeping the root\'s two links', () => {
    const g = new TopologyGraph();
    g.addBidirectionalLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 1 });
    g.addBidirectionalLink({ dpid: 2n, port: 3 }, { dpid: 3n, port: 2 });
    g.addBidirectionalLink({ dpid: 1n, port: 3 }, { dpid: 3n, port: 1 });
    const t = tree(g);
    expect(t.roots).toEqual([1n]);
    expect(t.treePorts(1n)).toEqual([2, 3]);
    expect(t.isBlocked(2n, 3)).toBe(true);
    expect(t.isBlocked(3n, 2)).toBe(true);
    expect(t.isBlocked(2n, 1)).toBe(false);
    expect(t.isBlocked(2n, 9)).toBe(false); // host-facing port: never blocked
    expectForest(t, [1n, 2n, 3n]);
  });

  it('spans a square with diagonal and a k=4 fat-tree without cycles', () => {
    const sq = new TopologyGraph();
    for (const [a, b] of [[1n, 2n], [2n, 3n], [3n, 4n], [4n, 1n], [1n, 3n]] as const) {
      sq.addBidirectionalLink({ dpid: a, port: Number(b) }, { dpid: b, port: Number(a) });
    }
    expectForest(tree(sq), [1n, 2n, 3n, 4n]);
    const ft = fatTree(4);
    const t = tree(ft.graph);
    expect(t.roots).toEqual([ft.core[0]]);
    expectForest(t, ft.graph.switches());
    // Every inter-switch port is either on the tree or blocked; blocked ones are exactly off-tree.
    for (const l of ft.graph.links()) expect(t.isTreePort(l.src.dpid, l.src.port)).toBe(!t.isBlocked(l.src.dpid, l.src.port));
  });

  it('builds one tree per component', () => {
    const g = lineTopology(3).graph;
    g.addBidirectionalLink({ dpid: 10n, port: 1 }, { dpid: 11n, port: 1 });
    g.addSwitch(20n);
    const t = tree(g);
    expect(t.roots).toEqual([1n, 10n, 20n]);
    expectForest(t, [1n, 2n, 3n, 10n, 11n, 20n]);
  });

  it('keeps the lower port of parallel links and blocks the other', () => {
    const g = new TopologyGraph();
    g.addBidirectionalLink({ dpid: 1n, port: 5 }, { dpid: 2n, port: 5 });
    g.addBidirectionalLink({ dpid: 1n, port: 4 }, { dpid: 2n, port: 6 });
    const t = tree(g);
    expect(t.treePorts(1n)).toEqual([4]);
    expect(t.treePorts(2n)).toEqual([6]);
    expect(t.isBlocked(1n, 5)).toBe(true);
    expect(t.isBlocked(2n, 5)).toBe(true);
  });

  it('leaves one-way links out of the tree', () => {
    const g = new TopologyGraph();
    g.addLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 });
    const t = tree(g);
    expect(t.roots).toEqual([1n, 2n]);
    expect(t.links).toEqual([]);
    expect(t.isBlocked(1n, 1)).toBe(true);
  });

  it('follows link costs toward the root', () => {
    const g = new TopologyGraph();
    g.addBidirectionalLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 1 }, { cost: 10 });
    g.addBidirectionalLink({ dpid: 1n, port: 3 }, { dpid: 3n, port: 1 }, { cost: 1 });
    g.addBidirectionalLink({ dpid: 3n, port: 2 }, { dpid: 2n, port: 3 }, { cost: 1 });
    const t = tree(g, { weight: configuredCost() });
    expect(t.isBlocked(1n, 2)).toBe(true);
    expect(t.treePorts(3n)).toEqual([1, 2]);
  });
});
