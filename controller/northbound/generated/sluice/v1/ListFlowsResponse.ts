// Original file: sluice/v1/flows.proto

import type { Flow as _sluice_v1_Flow, Flow__Output as _sluice_v1_Flow__Output } from '../../sluice/v1/Flow.js';

/**
 * Response of Flows.List.
 */
export interface ListFlowsResponse {
  /**
   * The entries, ordered by dpid, table_id, descending priority.
   */
  'flows'?: (_sluice_v1_Flow)[];
}

/**
 * Response of Flows.List.
 */
export interface ListFlowsResponse__Output {
  /**
   * The entries, ordered by dpid, table_id, descending priority.
   */
  'flows': (_sluice_v1_Flow__Output)[];
}
