// Original file: sluice/v1/topology.proto

import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from '../../sluice/v1/PortRef.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A directed link between two switch ports.
 */
export interface Link {
  /**
   * The port the link leaves from.
   */
  'src'?: (_sluice_v1_PortRef | null);
  /**
   * The port the link arrives at.
   */
  'dst'?: (_sluice_v1_PortRef | null);
  /**
   * Capacity in bits per second (the lower curr_speed of the two ports), 0 if unknown.
   */
  'bandwidth_bps'?: (number | string | Long);
  /**
   * When LLDP first saw this link.
   */
  'discovered_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * A directed link between two switch ports.
 */
export interface Link__Output {
  /**
   * The port the link leaves from.
   */
  'src': (_sluice_v1_PortRef__Output | null);
  /**
   * The port the link arrives at.
   */
  'dst': (_sluice_v1_PortRef__Output | null);
  /**
   * Capacity in bits per second (the lower curr_speed of the two ports), 0 if unknown.
   */
  'bandwidth_bps': (string);
  /**
   * When LLDP first saw this link.
   */
  'discovered_at': (_google_protobuf_Timestamp__Output | null);
}
