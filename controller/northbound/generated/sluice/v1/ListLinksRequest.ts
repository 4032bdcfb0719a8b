// Original file: sluice/v1/topology.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * Request for Topology.ListLinks.
 */
export interface ListLinksRequest {
  /**
   * Optional: only links whose src or dst is on this switch.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
}

/**
 * Request for Topology.ListLinks.
 */
export interface ListLinksRequest__Output {
  /**
   * Optional: only links whose src or dst is on this switch.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
}
