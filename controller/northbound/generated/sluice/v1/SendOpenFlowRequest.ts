// Original file: sluice/v1/datapaths.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';

/**
 * Request carrying one raw OpenFlow message for a switch.
 */
export interface SendOpenFlowRequest {
  /**
   * Required: the datapath.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * Required: one whole OpenFlow 1.3 message, header included (version 0x04, the type the RPC
   * names, length equal to the byte count). The controller may replace the xid so it can match
   * the switch's reply; the xid used is returned.
   */
  'message'?: (Buffer | Uint8Array | string);
  /**
   * When true the controller follows the message with OFPT_BARRIER_REQUEST and answers only after
   * the barrier reply, so any OFPT_ERROR the switch sent for the message is in the response.
   */
  'barrier'?: (boolean);
}

/**
 * Request carrying one raw OpenFlow message for a switch.
 */
export interface SendOpenFlowRequest__Output {
  /**
   * Required: the datapath.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * Required: one whole OpenFlow 1.3 message, header included (version 0x04, the type the RPC
   * names, length equal to the byte count). The controller may replace the xid so it can match
   * the switch's reply; the xid used is returned.
   */
  'message': (Buffer);
  /**
   * When true the controller follows the message with OFPT_BARRIER_REQUEST and answers only after
   * the barrier reply, so any OFPT_ERROR the switch sent for the message is in the response.
   */
  'barrier': (boolean);
}
