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
import type { Link, PortRef } from './link.js';
import { type PathResult, ok } from './path.js';
import type { IndexedLink, TopologyGraph } from './topology-graph.js';
import { type WeightFn, hopCount } from './weight.js';

/** Ports grouped by switch; avoids building string keys on the recompute path. */
class PortSet {
  private readonly byDpid = new Map<Dpid, Set<number>>();

  add(p: PortRef): void {
    let ports = this.byDpid.get(p.dpid);
    if (!ports) this.byDpid.set(p.dpid, (ports = new Set()));
    ports.add(p.port);
  }

  has(dpid: Dpid, port: number): boolean {
    return this.byDpid.get(dpid)?.has(port) ?? false;
  }

  ports(dpid: Dpid): number[] {
    return [...(this.byDpid.get(dpid) ?? [])].sort((a, b) => a - b);
  }
}

export class SpanningTree {
  private readonly tree = new PortSet();
  private readonly linked = new PortSet();

  constructor(
    /** One root per connected group, ascending. */
    readonly roots: readonly Dpid[],
    /** Tree edges, both directions of each. */
    readonly links: readonly Link[],
    /** Every known inter-switch link, tree or not: their ends are the ports a flood may block. */
    allLinks: Iterable<Link>,
  ) {
    for (const l of links) {
      this.tree.add(l.src);
      this.tree.add(l.dst);
    }
    for (const l of allLinks) {
      this.linked.add(l.src);
      this.linked.add(l.dst);
    }
  }

  /** Ports of `dpid` that carry tree edges, ascending. */
  treePorts(dpid: Dpid): number[] {
    return this.tree.ports(dpid);
  }

  isTreePort(dpid: Dpid, port: number): boolean {
    return this.tree.has(dpid, port);
  }

  /** True for an inter-switch port that is not on the tree: floods must not leave through it. */
  isBlocked(dpid: Dpid, port: number): boolean {
    return this.linked.has(dpid, port) && !this.tree.has(dpid, port);
  }
}

export function spanningTree(graph: TopologyGraph, opts: { weight?: WeightFn } = {}): PathResult<SpanningTree> {
  const index = graph.index();
  const n = index.dpids.length;
  const all = graph.links();
  // One pass pairs each link with its reverse; the search then only uses paired links.
  const out = new Map<Dpid, Map<number, Link>>();
  for (const l of all) {
    let ports = out.get(l.src.dpid);
    if (!ports) out.set(l.src.dpid, (ports = new Map()));
    ports.set(l.src.port, l);
  }
  const reverse = new Map<Link, Link>();
  for (const l of all) {
    const back = out.get(l.dst.dpid)?.get(l.dst.port);
    if (back !== undefined && back.dst.dpid === l.src.dpid && back.dst.port === l.src.port) reverse.set(l, back);
  }
  const space: SearchSpace = {
    index,
    weight: opts.weight ?? hopCount,
    constraints: { blockedSwitch: new Uint8Array(n), linkAllowed: (l) => reverse.has(l) },
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
      const up = preferredUplink(tree.value.pred[v]!).link;
      links.push(up, reverse.get(up)!);
    }
  }
  return ok(new SpanningTree(roots, links, all));
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
