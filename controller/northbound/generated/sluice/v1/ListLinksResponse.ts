// Original file: sluice/v1/topology.proto

import type { Link as _sluice_v1_Link, Link__Output as _sluice_v1_Link__Output } from '../../sluice/v1/Link.js';

/**
 * Response of Topology.ListLinks.
 */
export interface ListLinksResponse {
  /**
   * The links, ordered by (src dpid, src port).
   */
  'links'?: (_sluice_v1_Link)[];
}

/**
 * Response of Topology.ListLinks.
 */
export interface ListLinksResponse__Output {
  /**
   * The links, ordered by (src dpid, src port).
   */
  'links': (_sluice_v1_Link__Output)[];
}
