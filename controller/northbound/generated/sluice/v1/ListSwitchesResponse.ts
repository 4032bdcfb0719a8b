// Original file: sluice/v1/topology.proto

import type { Switch as _sluice_v1_Switch, Switch__Output as _sluice_v1_Switch__Output } from '../../sluice/v1/Switch.js';

/**
 * Response of Topology.ListSwitches.
 */
export interface ListSwitchesResponse {
  /**
   * The switches, ordered by dpid.
   */
  'switches'?: (_sluice_v1_Switch)[];
}

/**
 * Response of Topology.ListSwitches.
 */
export interface ListSwitchesResponse__Output {
  /**
   * The switches, ordered by dpid.
   */
  'switches': (_sluice_v1_Switch__Output)[];
}
