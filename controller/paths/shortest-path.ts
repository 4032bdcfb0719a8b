/**
 * The single shortest path between two endpoints under a weight function and constraints.
 * Among equal-cost paths it prefers fewer hops, then the first in the graph index's order (by
 * dpid and port), so the same graph always gives the same answer; use `equalCostPaths` to see
 * them all.
 */
import { firstPathTo, shortestPathTree } from './dijkstra.js';
import { type Path, type PathResult, fail, ok } from './path.js';
import { type Endpoint, type PathQuery, assemblePath, pathCost, prepareQuery } from './query.js';
import type { TopologyGraph } from './topology-graph.js';

export function shortestPath(graph: TopologyGraph, src: Endpoint, dst: Endpoint, q: PathQuery = {}): PathResult<Path> {
  const prep = prepareQuery(graph, src, dst, q);
  if (!prep.ok) return prep;
  const { space, src: s, dst: d } = prep.value;
  const tree = shortestPathTree(space, s.pos, d.pos);
  if (!tree.ok) return tree;
  const links = firstPathTo(tree.value, d.pos);
  if (!links) return fail({ kind: 'no-path', src: s.dpid, dst: d.dpid });
  const path = links.map((il) => il.link);
  return ok(assemblePath(prep.value, path, pathCost(space.weight, path)));
}
