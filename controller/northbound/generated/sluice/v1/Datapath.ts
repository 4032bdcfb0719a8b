// Original file: sluice/v1/datapaths.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

/**
 * A switch as the OpenFlow channel sees it.
 */
export interface Datapath {
  /**
   * The datapath id.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * True while the OpenFlow channel is up.
   */
  'connected'?: (boolean);
  /**
   * The switch's end of the OpenFlow connection, "host:port".
   */
  'remote_address'?: (string);
  /**
   * When the current (or last) connection completed its handshake.
   */
  'connected_since'?: (_google_protobuf_Timestamp | null);
  /**
   * ofp_switch_features.n_buffers.
   */
  'n_buffers'?: (number);
  /**
   * ofp_switch_features.n_tables.
   */
  'n_tables'?: (number);
  /**
   * ofp_switch_features.capabilities (OFPC_* bits).
   */
  'capabilities'?: (number);
  /**
   * ofp_desc.mfr_desc.
   */
  'manufacturer'?: (string);
  /**
   * ofp_desc.hw_desc.
   */
  'hardware'?: (string);
  /**
   * ofp_desc.sw_desc.
   */
  'software'?: (string);
  /**
   * ofp_desc.serial_num.
   */
  'serial_number'?: (string);
  /**
   * ofp_desc.dp_desc.
   */
  'description'?: (string);
  /**
   * Number of ports last reported.
   */
  'port_count'?: (number);
}

/**
 * A switch as the OpenFlow channel sees it.
 */
export interface Datapath__Output {
  /**
   * The datapath id.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * True while the OpenFlow channel is up.
   */
  'connected': (boolean);
  /**
   * The switch's end of the OpenFlow connection, "host:port".
   */
  'remote_address': (string);
  /**
   * When the current (or last) connection completed its handshake.
   */
  'connected_since': (_google_protobuf_Timestamp__Output | null);
  /**
   * ofp_switch_features.n_buffers.
   */
  'n_buffers': (number);
  /**
   * ofp_switch_features.n_tables.
   */
  'n_tables': (number);
  /**
   * ofp_switch_features.capabilities (OFPC_* bits).
   */
  'capabilities': (number);
  /**
   * ofp_desc.mfr_desc.
   */
  'manufacturer': (string);
  /**
   * ofp_desc.hw_desc.
   */
  'hardware': (string);
  /**
   * ofp_desc.sw_desc.
   */
  'software': (string);
  /**
   * ofp_desc.serial_num.
   */
  'serial_number': (string);
  /**
   * ofp_desc.dp_desc.
   */
  'description': (string);
  /**
   * Number of ports last reported.
   */
  'port_count': (number);
}
