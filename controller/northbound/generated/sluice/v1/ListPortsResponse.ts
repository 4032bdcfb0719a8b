// Original file: sluice/v1/datapaths.proto

import type { Port as _sluice_v1_Port, Port__Output as _sluice_v1_Port__Output } from '../../sluice/v1/Port.js';

/**
 * Response of Datapaths.ListPorts.
 */
export interface ListPortsResponse {
  /**
   * The ports, ordered by port_no.
   */
  'ports'?: (_sluice_v1_Port)[];
}

/**
 * Response of Datapaths.ListPorts.
 */
export interface ListPortsResponse__Output {
  /**
   * The ports, ordered by port_no.
   */
  'ports': (_sluice_v1_Port__Output)[];
}
