/**
 * A loop-free flooding tree over the switch graph, computed centrally the way 802.1D's
 * spanning tree converges: in each connected group the switch with the lowest dpid is the
 * root (lowest bridge id), every other switch keeps the one link on its shortest path to the
 * root, and ties go to the lower upstream dpid, then the lower upstream port (designated
 * bridge id, then port id).
 *
 * Only physical links — both directions present — join the tree, because a flood must be able
 * to travel either way along every tree edge. A graph in several pieces gets one tree per
 * piece (a forest), each with its own root.
 *
 * Use: flood out of every port except `isBlocked` ones. Ports with no known link (host-facing,
 * or not yet discovered) are never blocked; inter-switch ports off the tree always are.
 */
import { type SearchSpace, shortestPathTree } from './dijkstra.js';
import { type Dpid } from './dpid.js';
import { type Link, portKey } from './link.js';
import { type PathResult, ok } from './path.js';
import type { IndexedLink, TopologyGraph } from './topology-graph.js';
import { type WeightFn, hopCount } from './weight.js';

export class SpanningTree {
  private readonly treePortSet: ReadonlySet<string>;
  private readonly linkedPortSet: ReadonlySet<string>;

  constructor(
    /** One root per connected group, ascending. */
    readonly roots: readonly Dpid[],
    /** Tree edges, both directions of each. */
    readonly links: readonly Link[],
    /** Every port that has a known inter-switch link, tree or not. */
    linkedPorts: Iterable<string>,
  ) {
    const tree = new Set<string>();
    for (const l of links) {
      tree.add(portKey(l.src));
      tree.add(portKey(l.dst));
    }
    this.treePortSet = tree;
    this.linkedPortSet = new Set(linkedPorts);
  }

  /** Ports of `dpid` that carry tree edges, ascending. */
  treePorts(dpid: Dpid): number[] {
    const ports = new Set<number>();
    for (const l of this.links) if (l.src.dpid === dpid) ports.add(l.src.port);
    return [...ports].sort((a, b) => a - b);
  }

  isTreePort(dpid: Dpid, port: number): boolean {
    return this.treePortSet.has(portKey({ dpid, port }));
  }

  /** True for an inter-switch port that is not on the tree: floods must not leave through it. */
  isBlocked(dpid: Dpid, port: number): boolean {
    const k = portKey({ dpid, port });
    return this.linkedPortSet.has(k) && !this.treePortSet.has(k);
  }
}

export function spanningTree(graph: TopologyGraph, opts: { weight?: WeightFn } = {}): PathResult<SpanningTree> {
  const index = graph.index();
  const n = index.dpids.length;
  const hasReverse = (l: Link): boolean => {
    const back = graph.linkFrom(l.dst);
    return back !== undefined && back.dst.dpid === l.src.dpid && back.dst.port === l.src.port;
  };
  const space: SearchSpace = {
    index,
    weight: opts.weight ?? hopCount,
    constraints: { blockedSwitch: new Uint8Array(n), linkAllowed: hasReverse },
  };
  const inTree = new Uint8Array(n);
  const roots: Dpid[] = [];
  const links: Link[] = [];
  // index.dpids ascend, so the first switch not yet covered is its group's lowest dpid.
  for (let root = 0; root < n; root++) {
    if (inTree[root]) continue;
    roots.push(index.dpids[root]!);
    const tree = shortestPathTree(space, root);
    if (!tree.ok) return tree;
    for (let v = 0; v < n; v++) {
      if (tree.value.dist[v] === Infinity) continue;
      inTree[v] = 1;
      if (v === root) continue;
      const up = preferredUplink(tree.value.pred[v]!);
      links.push(up.link, graph.linkFrom(up.link.dst)!);
    }
  }
  const linked = graph.links().flatMap((l) => [portKey(l.src), portKey(l.dst)]);
  return ok(new SpanningTree(roots, links, linked));
}

/** Lowest upstream dpid, then lowest upstream port (802.1D's designated bridge/port order). */
function preferredUplink(preds: readonly IndexedLink[]): IndexedLink {
  let best = preds[0]!;
  for (const il of preds) {
    const a = il.link.src;
    const b = best.link.src;
    if (a.dpid < b.dpid || (a.dpid === b.dpid && a.port < b.port)) best = il;
  }
  return best;
}
