// Original file: sluice/v1/topology.proto

import type { TopologyEventType as _sluice_v1_TopologyEventType, TopologyEventType__Output as _sluice_v1_TopologyEventType__Output } from '../../sluice/v1/TopologyEventType.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Switch as _sluice_v1_Switch, Switch__Output as _sluice_v1_Switch__Output } from '../../sluice/v1/Switch.js';
import type { Link as _sluice_v1_Link, Link__Output as _sluice_v1_Link__Output } from '../../sluice/v1/Link.js';
import type { Host as _sluice_v1_Host, Host__Output as _sluice_v1_Host__Output } from '../../sluice/v1/Host.js';

/**
 * One change to the graph.
 */
export interface TopologyEvent {
  /**
   * What happened.
   */
  'type'?: (_sluice_v1_TopologyEventType);
  /**
   * When it happened (for snapshot events: when the stream started).
   */
  'time'?: (_google_protobuf_Timestamp | null);
  /**
   * For SWITCH_* events.
   */
  'switch'?: (_sluice_v1_Switch | null);
  /**
   * For LINK_* events.
   */
  'link'?: (_sluice_v1_Link | null);
  /**
   * For HOST_* events.
   */
  'host'?: (_sluice_v1_Host | null);
  /**
   * For HOST_MOVED: the host as it was before the move.
   */
  'previous_host'?: (_sluice_v1_Host | null);
  /**
   * True for the *_ADDED events that replay the graph at the start of a Watch.
   */
  'snapshot'?: (boolean);
  /**
   * The element the event is about; which one depends on `type`.
   */
  'subject'?: "switch"|"link"|"host";
}

/**
 * One change to the graph.
 */
export interface TopologyEvent__Output {
  /**
   * What happened.
   */
  'type': (_sluice_v1_TopologyEventType__Output);
  /**
   * When it happened (for snapshot events: when the stream started).
   */
  'time': (_google_protobuf_Timestamp__Output | null);
  /**
   * For SWITCH_* events.
   */
  'switch'?: (_sluice_v1_Switch__Output | null);
  /**
   * For LINK_* events.
   */
  'link'?: (_sluice_v1_Link__Output | null);
  /**
   * For HOST_* events.
   */
  'host'?: (_sluice_v1_Host__Output | null);
  /**
   * For HOST_MOVED: the host as it was before the move.
   */
  'previous_host': (_sluice_v1_Host__Output | null);
  /**
   * True for the *_ADDED events that replay the graph at the start of a Watch.
   */
  'snapshot': (boolean);
  /**
   * The element the event is about; which one depends on `type`.
   */
  'subject'?: "switch"|"link"|"host";
}
