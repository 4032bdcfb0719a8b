// Original file: sluice/v1/flows.proto

import type { Flow as _sluice_v1_Flow, Flow__Output as _sluice_v1_Flow__Output } from '../../sluice/v1/Flow.js';

/**
 * Response of Flows.Add.
 */
export interface AddFlowResponse {
  /**
   * The entry as installed (with its final cookie and owner).
   */
  'flow'?: (_sluice_v1_Flow | null);
}

/**
 * Response of Flows.Add.
 */
export interface AddFlowResponse__Output {
  /**
   * The entry as installed (with its final cookie and owner).
   */
  'flow': (_sluice_v1_Flow__Output | null);
}
