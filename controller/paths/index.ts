// Public surface of controller path computation.
export * from './dpid.js';
export * from './link.js';
export * from './path.js';
export * from './weight.js';
export * from './constraints.js';
export { TopologyGraph, type HostId, type SwitchIndex, type IndexedLink, compareDpid } from './topology-graph.js';
export type { Endpoint, PathQuery } from './query.js';
export { shortestPath } from './shortest-path.js';
export { kShortestPaths } from './yen.js';
export { equalCostPaths, choosePath, DEFAULT_MAX_ECMP_PATHS, type EqualCostPaths, type EqualCostQuery } from './ecmp.js';
export { type FlowKey } from './flow-hash.js';
export { SpanningTree, spanningTree } from './spanning-tree.js';
export { lineTopology, closTopology, fatTree, type ClosShape, type ClosTopology } from './sample-topologies.js';
export { PathComputer, type PathDefaults } from './path-computer.js';
