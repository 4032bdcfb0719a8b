// Original file: sluice/v1/datapaths.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * Request for Datapaths.Get.
 */
export interface GetDatapathRequest {
  /**
   * Required: the datapath.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
}

/**
 * Request for Datapaths.Get.
 */
export interface GetDatapathRequest__Output {
  /**
   * Required: the datapath.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
}
