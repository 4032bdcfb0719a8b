// Original file: sluice/v1/topology.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * Request for Topology.ListHosts.
 */
export interface ListHostsRequest {
  /**
   * Optional: only hosts attached to this switch.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
}

/**
 * Request for Topology.ListHosts.
 */
export interface ListHostsRequest__Output {
  /**
   * Optional: only hosts attached to this switch.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
}
