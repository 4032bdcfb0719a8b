// Original file: sluice/v1/topology.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * A switch as a node of the graph.
 */
export interface Switch {
  /**
   * The datapath id.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * Port numbers of the switch's live ports (link up, not OFPPC_PORT_DOWN), ascending.
   */
  'port_nos'?: (number)[];
}

/**
 * A switch as a node of the graph.
 */
export interface Switch__Output {
  /**
   * The datapath id.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * Port numbers of the switch's live ports (link up, not OFPPC_PORT_DOWN), ascending.
   */
  'port_nos': (number)[];
}
