// Original file: sluice/v1/datapaths.proto

import type { OpenFlowError as _sluice_v1_OpenFlowError, OpenFlowError__Output as _sluice_v1_OpenFlowError__Output } from '../../sluice/v1/OpenFlowError.js';

/**
 * Response to a raw OpenFlow send.
 */
export interface SendOpenFlowResponse {
  /**
   * The xid the message was sent with.
   */
  'xid'?: (number);
  /**
   * Set when the switch answered the message with OFPT_ERROR (only known when barrier was true).
   */
  'error'?: (_sluice_v1_OpenFlowError | null);
}

/**
 * Response to a raw OpenFlow send.
 */
export interface SendOpenFlowResponse__Output {
  /**
   * The xid the message was sent with.
   */
  'xid': (number);
  /**
   * Set when the switch answered the message with OFPT_ERROR (only known when barrier was true).
   */
  'error': (_sluice_v1_OpenFlowError__Output | null);
}
