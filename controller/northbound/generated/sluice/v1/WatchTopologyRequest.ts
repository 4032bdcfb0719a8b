// Original file: sluice/v1/topology.proto


/**
 * Request for Topology.Watch.
 */
export interface WatchTopologyRequest {
  /**
   * When true, the stream begins with the current graph (see Topology.Watch).
   */
  'include_snapshot'?: (boolean);
}

/**
 * Request for Topology.Watch.
 */
export interface WatchTopologyRequest__Output {
  /**
   * When true, the stream begins with the current graph (see Topology.Watch).
   */
  'include_snapshot': (boolean);
}
