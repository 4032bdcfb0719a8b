/**
 * One object the controller's services hold: a topology graph plus default query options,
 * with the flooding tree cached between topology changes (it is read on every flood, and
 * recomputing it costs O(E log E)).
 *
 * Every method returns a `PathResult`; none throws for topology reasons.
 */
import { type EqualCostPaths, type EqualCostQuery, choosePath, equalCostPaths } from './ecmp.js';
import type { FlowKey } from './flow-hash.js';
import type { Path, PathResult } from './path.js';
import { fail, ok } from './path.js';
import type { Endpoint, PathQuery } from './query.js';
import { shortestPath } from './shortest-path.js';
import { type SpanningTree, spanningTree } from './spanning-tree.js';
import type { TopologyGraph } from './topology-graph.js';
import type { WeightFn } from './weight.js';
import { kShortestPaths } from './yen.js';

export interface PathDefaults {
  /** Used when a query names none. Default: hop count. */
  readonly weight?: WeightFn;
  /** Weight for the flooding tree. Default: hop count (fewest switches from the root). */
  readonly treeWeight?: WeightFn;
  readonly maxEcmpPaths?: number;
}

export class PathComputer {
  private treeCache: { version: number; tree: PathResult<SpanningTree> } | undefined;

  constructor(
    readonly graph: TopologyGraph,
    private readonly defaults: PathDefaults = {},
  ) {}

  shortest(src: Endpoint, dst: Endpoint, q: PathQuery = {}): PathResult<Path> {
    return shortestPath(this.graph, src, dst, this.withDefaults(q));
  }

  kShortest(src: Endpoint, dst: Endpoint, k: number, q: PathQuery = {}): PathResult<Path[]> {
    return kShortestPaths(this.graph, src, dst, k, this.withDefaults(q));
  }

  equalCost(src: Endpoint, dst: Endpoint, q: EqualCostQuery = {}): PathResult<EqualCostPaths> {
    const maxPaths = q.maxPaths ?? this.defaults.maxEcmpPaths;
    return equalCostPaths(this.graph, src, dst, { ...this.withDefaults(q), ...(maxPaths === undefined ? {} : { maxPaths }) });
  }

  /** The equal-cost path this flow takes: the same one for the same key while the set holds. */
  forFlow(src: Endpoint, dst: Endpoint, flowKey: FlowKey, q: EqualCostQuery = {}): PathResult<Path> {
    const set = this.equalCost(src, dst, q);
    if (!set.ok) return set;
    const chosen = choosePath(set.value.paths, flowKey);
    return chosen ? ok(chosen) : fail({ kind: 'no-path', src: set.value.paths[0]!.src, dst: set.value.paths[0]!.dst });
  }

  /** The flooding tree, recomputed only after the graph changed. */
  floodTree(): PathResult<SpanningTree> {
    const version = this.graph.version;
    if (this.treeCache?.version !== version) {
      const weight = this.defaults.treeWeight;
      this.treeCache = { version, tree: spanningTree(this.graph, weight ? { weight } : {}) };
    }
    return this.treeCache.tree;
  }

  private withDefaults<Q extends PathQuery>(q: Q): Q {
    return q.weight === undefined && this.defaults.weight !== undefined ? { ...q, weight: this.defaults.weight } : q;
  }
}
