// Original file: sluice/v1/topology.proto

import type { Host as _sluice_v1_Host, Host__Output as _sluice_v1_Host__Output } from '../../sluice/v1/Host.js';

/**
 * Response of Topology.ListHosts.
 */
export interface ListHostsResponse {
  /**
   * The hosts, ordered by MAC.
   */
  'hosts'?: (_sluice_v1_Host)[];
}

/**
 * Response of Topology.ListHosts.
 */
export interface ListHostsResponse__Output {
  /**
   * The hosts, ordered by MAC.
   */
  'hosts': (_sluice_v1_Host__Output)[];
}
