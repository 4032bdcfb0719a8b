// Original file: sluice/v1/datapaths.proto

import type { PortStats as _sluice_v1_PortStats, PortStats__Output as _sluice_v1_PortStats__Output } from '../../sluice/v1/PortStats.js';

/**
 * Response of Datapaths.GetPortStats.
 */
export interface GetPortStatsResponse {
  /**
   * The counters, ordered by port_no.
   */
  'stats'?: (_sluice_v1_PortStats)[];
}

/**
 * Response of Datapaths.GetPortStats.
 */
export interface GetPortStatsResponse__Output {
  /**
   * The counters, ordered by port_no.
   */
  'stats': (_sluice_v1_PortStats__Output)[];
}
