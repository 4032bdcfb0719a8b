/**
 * Dijkstra's shortest-path tree over a `SwitchIndex`, keeping *every* equal-cost predecessor
 * link so ECMP can enumerate the full shortest-path DAG from one search, and so Yen's spur
 * searches and the spanning tree reuse the same code.
 *
 * Costs are floating-point sums, so "equal" means within a relative tolerance (`COST_EPSILON`);
 * integer weights (hop count, OSPF costs) are exact.
 *
 * Cost: O((V + E) log E) with the lazy-deletion heap; stops early once `target` is settled,
 * which is exact because weights are strictly positive (every predecessor of the target on
 * a shortest path is settled before it).
 */
import type { CompiledConstraints } from './constraints.js';
import type { LinkId } from './link.js';
import { MinHeap } from './min-heap.js';
import { type PathResult, fail, ok } from './path.js';
import type { IndexedLink, SwitchIndex } from './topology-graph.js';
import type { WeightFn } from './weight.js';

export const COST_EPSILON = 1e-9;

/** What a search may use: the graph, the weight, the query's constraints, per-search bans. */
export interface SearchSpace {
  readonly index: SwitchIndex;
  readonly weight: WeightFn;
  readonly constraints: CompiledConstraints;
  /** Switch positions this search may not enter (Yen's root path); defaults to none. */
  readonly bannedSwitch?: Uint8Array;
  /** Links this search may not use (Yen's already-found deviations). */
  readonly bannedLinks?: ReadonlySet<LinkId>;
}

export interface ShortestPathTree {
  readonly source: number;
  /** Distance per switch position; Infinity where unreached (or not settled before the early stop). */
  readonly dist: Float64Array;
  /**
   * Links entering each switch on some shortest path from `source`, in the order found
   * (deterministic: the index's order), except that `pred[v][0]` is always one that gives the
   * fewest hops: the single-path choice. Among equal-cost routes fewer switches means fewer flow
   * entries to install and fewer places to fail.
   */
  readonly pred: ReadonlyArray<readonly IndexedLink[] | undefined>;
}

export function sameCost(a: number, b: number): boolean {
  return Math.abs(a - b) <= COST_EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Validated weight: a positive number, or Infinity for "skip"; anything else is an error. */
export function checkedWeight(weight: WeightFn, l: IndexedLink): number | { bad: number } {
  const w = weight(l.link);
  if (w > 0) return w;
  return { bad: w };
}

export function shortestPathTree(space: SearchSpace, source: number, target?: number): PathResult<ShortestPathTree> {
  const { index, weight, constraints } = space;
  const n = index.dpids.length;
  const dist = new Float64Array(n).fill(Infinity);
  const settled = new Uint8Array(n);
  const pred: Array<IndexedLink[] | undefined> = new Array<IndexedLink[] | undefined>(n);
  const hops = new Uint32Array(n);
  const blocked = constraints.blockedSwitch;
  const banned = space.bannedSwitch;
  const bannedLinks = space.bannedLinks;
  const heap = new MinHeap();
  dist[source] = 0;
  heap.push(source, 0);
  for (let u = heap.pop(); u !== undefined; u = heap.pop()) {
    if (settled[u]) continue;
    settled[u] = 1;
    if (u === target) break;
    const du = dist[u]!;
    for (const il of index.out[u]!) {
      const v = il.to;
      if (settled[v] || blocked[v] || banned?.[v]) continue;
      if (bannedLinks?.has(il.link.id) || !constraints.linkAllowed(il.link)) continue;
      const w = checkedWeight(weight, il);
      if (typeof w !== 'number') return fail({ kind: 'invalid-weight', link: il.link.id, weight: w.bad });
      if (w === Infinity) continue;
      const nd = du + w;
      const dv = dist[v]!;
      if (dv !== Infinity && sameCost(nd, dv)) {
        if (hops[u]! + 1 < hops[v]!) {
          hops[v] = hops[u]! + 1;
          pred[v]!.unshift(il);
        } else {
          pred[v]!.push(il);
        }
      } else if (nd < dv) {
        dist[v] = nd;
        hops[v] = hops[u]! + 1;
        pred[v] = [il];
        heap.push(v, nd);
      }
    }
  }
  // Nodes reached but not settled before an early stop have provisional distances; hide them
  // so callers never read a non-final value.
  if (target !== undefined) {
    for (let i = 0; i < n; i++) {
      if (!settled[i]) {
        dist[i] = Infinity;
        pred[i] = undefined;
      }
    }
  }
  return ok({ source, dist, pred });
}

/** Walks `pred[·][0]` back from `target`; undefined when unreached. Links in forward order. */
export function firstPathTo(tree: ShortestPathTree, target: number): IndexedLink[] | undefined {
  if (tree.dist[target] === Infinity) return undefined;
  const links: IndexedLink[] = [];
  for (let v = target; v !== tree.source; ) {
    const il = tree.pred[v]![0]!;
    links.push(il);
    v = il.from;
  }
  return links.reverse();
}
