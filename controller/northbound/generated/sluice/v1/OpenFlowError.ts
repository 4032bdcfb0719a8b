// Original file: sluice/v1/datapaths.proto


/**
 * An OFPT_ERROR received from a switch (ofp_error_msg).
 */
export interface OpenFlowError {
  /**
   * ofp_error_msg.type (OFPET_*).
   */
  'type'?: (number);
  /**
   * ofp_error_msg.code (meaning depends on type).
   */
  'code'?: (number);
  /**
   * ofp_error_msg.data: usually the start of the offending request.
   */
  'data'?: (Buffer | Uint8Array | string);
}

/**
 * An OFPT_ERROR received from a switch (ofp_error_msg).
 */
export interface OpenFlowError__Output {
  /**
   * ofp_error_msg.type (OFPET_*).
   */
  'type': (number);
  /**
   * ofp_error_msg.code (meaning depends on type).
   */
  'code': (number);
  /**
   * ofp_error_msg.data: usually the start of the offending request.
   */
  'data': (Buffer);
}
