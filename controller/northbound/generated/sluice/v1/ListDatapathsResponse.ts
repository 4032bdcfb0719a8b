// Original file: sluice/v1/datapaths.proto

import type { Datapath as _sluice_v1_Datapath, Datapath__Output as _sluice_v1_Datapath__Output } from '../../sluice/v1/Datapath.js';

/**
 * Response of Datapaths.List.
 */
export interface ListDatapathsResponse {
  /**
   * The datapaths, ordered by dpid.
   */
  'datapaths'?: (_sluice_v1_Datapath)[];
}

/**
 * Response of Datapaths.List.
 */
export interface ListDatapathsResponse__Output {
  /**
   * The datapaths, ordered by dpid.
   */
  'datapaths': (_sluice_v1_Datapath__Output)[];
}
