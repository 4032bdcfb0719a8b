// Original file: sluice/v1/common.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * One port of one switch.
 */
export interface PortRef {
  /**
   * The switch.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * The OpenFlow port number (ofp_port.port_no); never a reserved OFPP_* value here.
   */
  'port_no'?: (number);
}

/**
 * One port of one switch.
 */
export interface PortRef__Output {
  /**
   * The switch.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * The OpenFlow port number (ofp_port.port_no); never a reserved OFPP_* value here.
   */
  'port_no': (number);
}
