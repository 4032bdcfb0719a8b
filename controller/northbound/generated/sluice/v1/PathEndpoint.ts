// Original file: sluice/v1/paths.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * One end of a path: a host by MAC or IP, or a switch.
 */
export interface PathEndpoint {
  /**
   * A known host's MAC address.
   */
  'mac'?: (string);
  /**
   * A known host's IPv4 or IPv6 address.
   */
  'ip'?: (string);
  /**
   * A switch.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * Exactly one must be set.
   */
  'endpoint'?: "mac"|"ip"|"dpid";
}

/**
 * One end of a path: a host by MAC or IP, or a switch.
 */
export interface PathEndpoint__Output {
  /**
   * A known host's MAC address.
   */
  'mac'?: (string);
  /**
   * A known host's IPv4 or IPv6 address.
   */
  'ip'?: (string);
  /**
   * A switch.
   */
  'dpid'?: (_sluice_v1_Dpid__Output | null);
  /**
   * Exactly one must be set.
   */
  'endpoint'?: "mac"|"ip"|"dpid";
}
