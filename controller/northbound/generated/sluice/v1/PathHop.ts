// Original file: sluice/v1/paths.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * One switch on a path with the ports the traffic uses there.
 */
export interface PathHop {
  /**
   * The switch.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * Port traffic enters on; 0 on the first hop when the path starts at a switch.
   */
  'in_port'?: (number);
  /**
   * Port traffic leaves on; 0 on the last hop when the path ends at a switch.
   */
  'out_port'?: (number);
}

/**
 * One switch on a path with the ports the traffic uses there.
 */
export interface PathHop__Output {
  /**
   * The switch.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * Port traffic enters on; 0 on the first hop when the path starts at a switch.
   */
  'in_port': (number);
  /**
   * Port traffic leaves on; 0 on the last hop when the path ends at a switch.
   */
  'out_port': (number);
}
