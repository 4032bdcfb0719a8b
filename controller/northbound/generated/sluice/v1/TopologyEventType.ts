// Original file: sluice/v1/topology.proto

/**
 * What changed in the graph.
 */
export const TopologyEventType = {
  /**
   * Never sent.
   */
  TOPOLOGY_EVENT_TYPE_UNSPECIFIED: 'TOPOLOGY_EVENT_TYPE_UNSPECIFIED',
  /**
   * A switch joined; `switch` is set.
   */
  TOPOLOGY_EVENT_TYPE_SWITCH_ADDED: 'TOPOLOGY_EVENT_TYPE_SWITCH_ADDED',
  /**
   * A switch left; `switch` is set.
   */
  TOPOLOGY_EVENT_TYPE_SWITCH_REMOVED: 'TOPOLOGY_EVENT_TYPE_SWITCH_REMOVED',
  /**
   * A link was discovered; `link` is set.
   */
  TOPOLOGY_EVENT_TYPE_LINK_ADDED: 'TOPOLOGY_EVENT_TYPE_LINK_ADDED',
  /**
   * A link went away (port down, LLDP timeout); `link` is set.
   */
  TOPOLOGY_EVENT_TYPE_LINK_REMOVED: 'TOPOLOGY_EVENT_TYPE_LINK_REMOVED',
  /**
   * A host was first seen; `host` is set.
   */
  TOPOLOGY_EVENT_TYPE_HOST_ADDED: 'TOPOLOGY_EVENT_TYPE_HOST_ADDED',
  /**
   * A host appeared at another port; `host` is the new state, `previous_host` the old one.
   */
  TOPOLOGY_EVENT_TYPE_HOST_MOVED: 'TOPOLOGY_EVENT_TYPE_HOST_MOVED',
  /**
   * A host aged out or its port went away; `host` is set.
   */
  TOPOLOGY_EVENT_TYPE_HOST_REMOVED: 'TOPOLOGY_EVENT_TYPE_HOST_REMOVED',
  /**
   * Marks the end of the initial snapshot of a Watch with include_snapshot; no subject.
   */
  TOPOLOGY_EVENT_TYPE_SNAPSHOT_COMPLETE: 'TOPOLOGY_EVENT_TYPE_SNAPSHOT_COMPLETE',
} as const;

/**
 * What changed in the graph.
 */
export type TopologyEventType =
  /**
   * Never sent.
   */
  | 'TOPOLOGY_EVENT_TYPE_UNSPECIFIED'
  | 0
  /**
   * A switch joined; `switch` is set.
   */
  | 'TOPOLOGY_EVENT_TYPE_SWITCH_ADDED'
  | 1
  /**
   * A switch left; `switch` is set.
   */
  | 'TOPOLOGY_EVENT_TYPE_SWITCH_REMOVED'
  | 2
  /**
   * A link was discovered; `link` is set.
   */
  | 'TOPOLOGY_EVENT_TYPE_LINK_ADDED'
  | 3
  /**
   * A link went away (port down, LLDP timeout); `link` is set.
   */
  | 'TOPOLOGY_EVENT_TYPE_LINK_REMOVED'
  | 4
  /**
   * A host was first seen; `host` is set.
   */
  | 'TOPOLOGY_EVENT_TYPE_HOST_ADDED'
  | 5
  /**
   * A host appeared at another port; `host` is the new state, `previous_host` the old one.
   */
  | 'TOPOLOGY_EVENT_TYPE_HOST_MOVED'
  | 6
  /**
   * A host aged out or its port went away; `host` is set.
   */
  | 'TOPOLOGY_EVENT_TYPE_HOST_REMOVED'
  | 7
  /**
   * Marks the end of the initial snapshot of a Watch with include_snapshot; no subject.
   */
  | 'TOPOLOGY_EVENT_TYPE_SNAPSHOT_COMPLETE'
  | 8

/**
 * What changed in the graph.
 */
export type TopologyEventType__Output = typeof TopologyEventType[keyof typeof TopologyEventType]
