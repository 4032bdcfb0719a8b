/**
 * Generators for the regular topologies the demo, the benchmarks and the tests share: a line
 * and a three-tier Clos ("fat-tree" when built with `fatTree(k)`).
 *
 * Dpids encode position so they read well in hex: `tier << 16 | pod << 8 | index`, with tier 1
 * core, 2 aggregation, 3 edge (e.g. 0x0000000000020103 is pod 1's fourth aggregation switch).
 */
import type { Dpid } from './dpid.js';
import type { LinkAttrs } from './link.js';
import { TopologyGraph } from './topology-graph.js';

const dpidOf = (tier: number, pod: number, i: number): Dpid => BigInt((tier << 16) | (pod << 8) | i);

/** Switches 1..n in a row; switch i uses port 2 toward i+1 and port 1 toward i-1. */
export function lineTopology(n: number, attrs: LinkAttrs = {}): { graph: TopologyGraph; switches: Dpid[] } {
  const graph = new TopologyGraph();
  const switches = Array.from({ length: n }, (_, i) => BigInt(i + 1));
  for (const d of switches) graph.addSwitch(d);
  for (let i = 0; i + 1 < n; i++) graph.addBidirectionalLink({ dpid: switches[i]!, port: 2 }, { dpid: switches[i + 1]!, port: 1 }, attrs);
  return { graph, switches };
}

export interface ClosShape {
  readonly pods: number;
  readonly edgesPerPod: number;
  readonly aggsPerPod: number;
  /** Must be a multiple of `aggsPerPod`: aggregation switch j of every pod uplinks to core group j. */
  readonly cores: number;
}

export interface ClosTopology {
  readonly graph: TopologyGraph;
  readonly core: Dpid[];
  /** By pod. */
  readonly agg: Dpid[][];
  /** By pod. */
  readonly edge: Dpid[][];
}

/**
 * Three-tier Clos. Ports: edge e uses port 1+j toward aggregation j (ports above are free for
 * hosts); aggregation j uses 1+e toward edge e and 1+edgesPerPod+m toward its m-th core; core c
 * uses 1+p toward pod p.
 */
export function closTopology(shape: ClosShape, attrs: LinkAttrs = {}): ClosTopology {
  const { pods, edgesPerPod, aggsPerPod, cores } = shape;
  if (cores % aggsPerPod !== 0) throw new RangeError(`cores (${cores}) must be a multiple of aggsPerPod (${aggsPerPod})`);
  const perAgg = cores / aggsPerPod;
  const graph = new TopologyGraph();
  const core = Array.from({ length: cores }, (_, c) => dpidOf(1, 0, c));
  const agg = Array.from({ length: pods }, (_, p) => Array.from({ length: aggsPerPod }, (_, j) => dpidOf(2, p, j)));
  const edge = Array.from({ length: pods }, (_, p) => Array.from({ length: edgesPerPod }, (_, e) => dpidOf(3, p, e)));
  for (const d of [...core, ...agg.flat(), ...edge.flat()]) graph.addSwitch(d);
  for (let p = 0; p < pods; p++) {
    for (let j = 0; j < aggsPerPod; j++) {
      for (let e = 0; e < edgesPerPod; e++) {
        graph.addBidirectionalLink({ dpid: edge[p]![e]!, port: 1 + j }, { dpid: agg[p]![j]!, port: 1 + e }, attrs);
      }
      for (let m = 0; m < perAgg; m++) {
        graph.addBidirectionalLink({ dpid: agg[p]![j]!, port: 1 + edgesPerPod + m }, { dpid: core[j * perAgg + m]!, port: 1 + p }, attrs);
      }
    }
  }
  return { graph, core, agg, edge };
}

/** The classic k-ary fat-tree (Al-Fares et al., SIGCOMM 2008): k pods, (k/2)² cores. */
export function fatTree(k: number, attrs: LinkAttrs = {}): ClosTopology {
  if (k < 2 || k % 2 !== 0) throw new RangeError(`fat-tree k must be even and ≥ 2, got ${k}`);
  return closTopology({ pods: k, edgesPerPod: k / 2, aggsPerPod: k / 2, cores: (k / 2) ** 2 }, attrs);
}
