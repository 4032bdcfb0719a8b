/**
 * Equal-cost multipath: every shortest path between two endpoints (up to a bound), and a
 * stable choice of one of them per flow.
 *
 * The choice uses rendezvous (highest-random-weight) hashing — each path scores
 * hash(flow key, path key) and the highest wins — rather than `hash % n`. A flow's path then
 * depends only on which paths exist, not on their order or count: when one path fails, only
 * the flows that were on it move, and adding a path moves only the flows that now prefer it.
 */
import { type ShortestPathTree, shortestPathTree } from './dijkstra.js';
import { type FlowKey, pairHash } from './flow-hash.js';
import type { Link } from './link.js';
import { type Path, type PathResult, fail, ok } from './path.js';
import { type Endpoint, type PathQuery, assemblePath, pathCost, prepareQuery } from './query.js';
import type { TopologyGraph } from './topology-graph.js';

export interface EqualCostQuery extends PathQuery {
  /** At most this many paths are returned (default 16, the common hardware ECMP group size). */
  readonly maxPaths?: number;
}

export interface EqualCostPaths {
  readonly cost: number;
  /** In a deterministic order for a given graph; at least one. */
  readonly paths: readonly Path[];
  /** True when more equal-cost paths exist than `maxPaths`. */
  readonly truncated: boolean;
}

export const DEFAULT_MAX_ECMP_PATHS = 16;

export function equalCostPaths(graph: TopologyGraph, src: Endpoint, dst: Endpoint, q: EqualCostQuery = {}): PathResult<EqualCostPaths> {
  const max = q.maxPaths ?? DEFAULT_MAX_ECMP_PATHS;
  if (!Number.isInteger(max) || max < 1) return fail({ kind: 'invalid-argument', message: `maxPaths must be a positive integer, got ${max}` });
  const prep = prepareQuery(graph, src, dst, q);
  if (!prep.ok) return prep;
  const { space, src: s, dst: d } = prep.value;
  const tree = shortestPathTree(space, s.pos, d.pos);
  if (!tree.ok) return tree;
  if (tree.value.dist[d.pos] === Infinity) return fail({ kind: 'no-path', src: s.dpid, dst: d.dpid });
  const { routes, truncated } = enumerate(tree.value, d.pos, max);
  const paths = routes.map((links) => assemblePath(prep.value, links, pathCost(space.weight, links)));
  return ok({ cost: tree.value.dist[d.pos]!, paths, truncated });
}

/**
 * Depth-first walk of the predecessor DAG from the target. Every predecessor lies on a shortest
 * path from the source, so every branch ends at the source: the walk never dead-ends and stops
 * after `max + 1` routes (the extra one only tells us the set was truncated).
 */
function enumerate(tree: ShortestPathTree, target: number, max: number): { routes: Link[][]; truncated: boolean } {
  const routes: Link[][] = [];
  const stack: Link[] = []; // links from the current node to the target, reversed
  let truncated = false;
  const walk = (v: number): void => {
    if (v === tree.source) {
      if (routes.length === max) {
        truncated = true;
        return;
      }
      routes.push([...stack].reverse());
      return;
    }
    for (const il of tree.pred[v]!) {
      if (truncated) return;
      stack.push(il.link);
      walk(il.from);
      stack.pop();
    }
  };
  walk(target);
  return { routes, truncated };
}

/**
 * The path a flow takes: the same flow key always gets the same path from the same set,
 * regardless of the set's order. Undefined only for an empty set.
 */
export function choosePath<P extends Pick<Path, 'key'>>(paths: readonly P[], flowKey: FlowKey): P | undefined {
  let best: P | undefined;
  let bestScore = -1;
  for (const p of paths) {
    const score = pairHash(flowKey, p.key);
    // Ties (a 2^-32 event) go to the smaller key so the choice stays order-independent.
    if (score > bestScore || (score === bestScore && best !== undefined && p.key < best.key)) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}
