// Original file: sluice/v1/datapaths.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * Request for Datapaths.GetPortStats.
 */
export interface GetPortStatsRequest {
  /**
   * Required: the datapath.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * One port, or OFPP_ANY (0xffffffff) or 0 for every port.
   */
  'port_no'?: (number);
}

/**
 * Request for Datapaths.GetPortStats.
 */
export interface GetPortStatsRequest__Output {
  /**
   * Required: the datapath.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * One port, or OFPP_ANY (0xffffffff) or 0 for every port.
   */
  'port_no': (number);
}
