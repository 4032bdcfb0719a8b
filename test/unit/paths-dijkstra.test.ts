import { describe, expect, it } from 'vitest';
import {
  type Link,
  type PathResult,
  type Path,
  TopologyGraph,
  bandwidth,
  configuredCost,
  describePathError,
  hopCount,
  latency,
  lineTopology,
  shortestPath,
} from '../../controller/paths/index.js';

function value<T>(r: PathResult<T>): T {
  if (!r.ok) throw new Error(`expected a path, got ${describePathError(r.error)}`);
  return r.value;
}
const dpids = (p: Path): bigint[] => p.hops.map((h) => h.dpid);

/** 1 —— 2 —— 3 —— 1: ports named after the peer (port 2 on s1 leads to s2). */
function triangle(costs: { ab?: number; bc?: number; ac?: number } = {}): TopologyGraph {
  const g = new TopologyGraph();
  g.addBidirectionalLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 1 }, { cost: costs.ab ?? 1 });
  g.addBidirectionalLink({ dpid: 2n, port: 3 }, { dpid: 3n, port: 2 }, { cost: costs.bc ?? 1 });
  g.addBidirectionalLink({ dpid: 1n, port: 3 }, { dpid: 3n, port: 1 }, { cost: costs.ac ?? 1 });
  return g;
}

/** Square 1-2-3-4-1 with diagonal 1-3; port = peer dpid. */
function squareWithDiagonal(diagCost = 1): TopologyGraph {
  const g = new TopologyGraph();
  const edge = (a: bigint, b: bigint, cost = 1) =>
    g.addBidirectionalLink({ dpid: a, port: Number(b) }, { dpid: b, port: Number(a) }, { cost });
  edge(1n, 2n);
  edge(2n, 3n);
  edge(3n, 4n);
  edge(4n, 1n);
  edge(1n, 3n, diagCost);
  return g;
}

describe('shortestPath', () => {
  it('takes the direct edge of a triangle by hop count, with exact ports', () => {
    const p = value(shortestPath(triangle(), 1n, 3n));
    expect(p.hops).toEqual([{ dpid: 1n, outPort: 3 }, { dpid: 3n, inPort: 1 }]);
    expect(p.cost).toBe(1);
    expect(p.links.map((l) => l.id)).toEqual(['0000000000000001:3-0000000000000003:1']);
  });

  it('goes around the triangle when the direct edge costs more', () => {
    const p = value(shortestPath(triangle({ ac: 5 }), { dpid: 1n, port: 10 }, { dpid: 3n, port: 20 }, { weight: configuredCost() }));
    expect(p.hops).toEqual([
      { dpid: 1n, inPort: 10, outPort: 2 },
      { dpid: 2n, inPort: 1, outPort: 3 },
      { dpid: 3n, inPort: 2, outPort: 20 },
    ]);
    expect(p.cost).toBe(2);
  });

  it('uses the diagonal of a square unless it is expensive', () => {
    expect(dpids(value(shortestPath(squareWithDiagonal(), 2n, 4n)))).toHaveLength(3);
    expect(dpids(value(shortestPath(squareWithDiagonal(), 1n, 3n)))).toEqual([1n, 3n]);
    const around = value(shortestPath(squareWithDiagonal(3), 1n, 3n, { weight: configuredCost() }));
    expect(around.cost).toBe(2);
    expect(around.hops).toHaveLength(3);
    // Equal cost: fewer hops wins, then index order (s2 before s4), the same way every time.
    const tie = value(shortestPath(squareWithDiagonal(2), 1n, 3n, { weight: configuredCost() }));
    expect(dpids(tie)).toEqual([1n, 3n]);
    const g = squareWithDiagonal();
    g.removePort({ dpid: 1n, port: 3 });
    for (let i = 0; i < 3; i++) expect(dpids(value(shortestPath(g, 1n, 3n)))).toEqual([1n, 2n, 3n]);
  });

  it('walks a line, host to host', () => {
    const { graph } = lineTopology(5);
    graph.addHost('h1', { dpid: 1n, port: 7 });
    graph.addHost('h5', { dpid: 5n, port: 8 });
    const p = value(shortestPath(graph, { host: 'h1' }, { host: 'h5' }));
    expect(p.hops).toEqual([
      { dpid: 1n, inPort: 7, outPort: 2 },
      { dpid: 2n, inPort: 1, outPort: 2 },
      { dpid: 3n, inPort: 1, outPort: 2 },
      { dpid: 4n, inPort: 1, outPort: 2 },
      { dpid: 5n, inPort: 1, outPort: 8 },
    ]);
    expect(p.cost).toBe(4);
  });

  it('answers src == dst with one hop, and a single-switch graph too', () => {
    const g = new TopologyGraph();
    g.addSwitch(42n);
    const bare = value(shortestPath(g, 42n, 42n));
    expect(bare).toMatchObject({ hops: [{ dpid: 42n }], links: [], cost: 0, key: '000000000000002a' });
    const ports = value(shortestPath(g, { dpid: 42n, port: 1 }, { dpid: 42n, port: 2 }));
    expect(ports.hops).toEqual([{ dpid: 42n, inPort: 1, outPort: 2 }]);
  });

  it('reports no path across a disconnected graph, and unknown endpoints', () => {
    const g = triangle();
    g.addBidirectionalLink({ dpid: 8n, port: 1 }, { dpid: 9n, port: 1 });
    expect(shortestPath(g, 1n, 9n)).toEqual({ ok: false, error: { kind: 'no-path', src: 1n, dst: 9n } });
    expect(shortestPath(g, 1n, 77n)).toEqual({ ok: false, error: { kind: 'unknown-switch', dpid: 77n } });
    expect(shortestPath(g, { host: 'ghost' }, 1n)).toEqual({ ok: false, error: { kind: 'unknown-host', host: 'ghost' } });
  });

  it('follows one-way links only forwards', () => {
    const g = new TopologyGraph();
    g.addLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 });
    expect(shortestPath(g, 1n, 2n).ok).toBe(true);
    expect(shortestPath(g, 2n, 1n)).toMatchObject({ ok: false, error: { kind: 'no-path' } });
  });

  it('picks the cheaper of parallel links, and the other when it is excluded', () => {
    const g = new TopologyGraph();
    const [slow] = g.addBidirectionalLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 }, { capacityBps: 1e9 });
    const [fast] = g.addBidirectionalLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 }, { capacityBps: 10e9 });
    const p = value(shortestPath(g, 1n, 2n, { weight: bandwidth() }));
    expect(p.links).toEqual([fast]);
    expect(p.cost).toBe(10);
    const q = value(shortestPath(g, 1n, 2n, { weight: bandwidth(), constraints: { excludeLinks: [fast!.id] } }));
    expect(q.links).toEqual([slow]);
    expect(q.cost).toBe(100);
  });

  it('re-routes when measured latency changes', () => {
    const g = triangle();
    const direct = g.linkFrom({ dpid: 1n, port: 3 })!;
    const lat = latency();
    for (const l of g.links()) g.setLinkAttrs(l.id, { latencyUs: 100 });
    expect(dpids(value(shortestPath(g, 1n, 3n, { weight: lat })))).toEqual([1n, 3n]);
    g.setLinkAttrs(direct.id, { latencyUs: 250 });
    expect(dpids(value(shortestPath(g, 1n, 3n, { weight: lat })))).toEqual([1n, 2n, 3n]);
    g.setLinkAttrs(direct.id, { latencyUs: 0 }); // clamped to the floor, not rejected
    expect(value(shortestPath(g, 1n, 3n, { weight: lat })).cost).toBe(1);
  });

  it('scores bandwidth OSPF-style: reference / speed, at least 1', () => {
    const w = bandwidth({ referenceBps: 100e9 });
    const link = (capacityBps?: number): Link => ({
      id: 'x', src: { dpid: 1n, port: 1 }, dst: { dpid: 2n, port: 1 }, attrs: capacityBps === undefined ? {} : { capacityBps },
    });
    expect([w(link(1e9)), w(link(10e9)), w(link(40e9)), w(link(100e9)), w(link(400e9)), w(link())]).toEqual([100, 10, 3, 1, 1, 100]);
    expect(w(link(0))).toBe(Infinity);
  });

  it('avoids excluded switches and links below the bandwidth floor', () => {
    const g = squareWithDiagonal();
    for (const l of g.links()) g.setLinkAttrs(l.id, { availableBps: 1e9 });
    expect(dpids(value(shortestPath(g, 1n, 3n, { constraints: { excludeSwitches: [2n] } })))).toEqual([1n, 3n]);
    const noDiag = { excludeLinks: [g.linkFrom({ dpid: 1n, port: 3 })!.id], excludeSwitches: [2n] };
    expect(dpids(value(shortestPath(g, 1n, 3n, { constraints: noDiag })))).toEqual([1n, 4n, 3n]);
    g.setLinkAttrs(g.linkFrom({ dpid: 1n, port: 3 })!.id, { availableBps: 1e6 });
    expect(dpids(value(shortestPath(g, 1n, 3n, { constraints: { minAvailableBps: 1e8 } })))).toEqual([1n, 2n, 3n]);
    expect(shortestPath(g, 1n, 3n, { constraints: { minAvailableBps: 1e10 } })).toMatchObject({ ok: false, error: { kind: 'no-path' } });
    expect(shortestPath(g, 1n, 3n, { constraints: { excludeSwitches: [3n] } })).toEqual({
      ok: false, error: { kind: 'endpoint-excluded', dpid: 3n },
    });
  });

  it('treats unmeasured links as failing a bandwidth floor', () => {
    const g = triangle();
    expect(shortestPath(g, 1n, 2n, { constraints: { minAvailableBps: 1 } })).toMatchObject({ ok: false, error: { kind: 'no-path' } });
  });

  it('rejects zero, negative and NaN weights, and skips infinite ones', () => {
    const g = triangle();
    for (const bad of [0, -1, Number.NaN]) {
      const r = shortestPath(g, 1n, 3n, { weight: () => bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ kind: 'invalid-weight', weight: bad });
    }
    const direct = g.linkFrom({ dpid: 1n, port: 3 })!;
    const p = value(shortestPath(g, 1n, 3n, { weight: (l) => (l === direct ? Infinity : 1) }));
    expect(dpids(p)).toEqual([1n, 2n, 3n]);
    expect(value(shortestPath(g, 1n, 3n, { weight: hopCount })).cost).toBe(1);
  });
});
