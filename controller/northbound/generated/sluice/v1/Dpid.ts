// Original file: sluice/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * An OpenFlow datapath id (the 64-bit switch identifier from OFPT_FEATURES_REPLY).
 * 
 * Responses fill both fields. In requests a client sets either one: if `text` is non-empty it is
 * parsed and `value` must be 0 or agree with it.
 */
export interface Dpid {
  /**
   * The datapath id as a number.
   */
  'value'?: (number | string | Long);
  /**
   * The datapath id as text. Output form: 16 lower-case hex digits ("0000000000000001"), as
   * ovs-ofctl prints it. Accepted on input: 16 hex digits, eight colon-separated hex bytes,
   * "0x"-prefixed hex, or a decimal number of fewer than 16 digits.
   */
  'text'?: (string);
}

/**
 * An OpenFlow datapath id (the 64-bit switch identifier from OFPT_FEATURES_REPLY).
 * 
 * Responses fill both fields. In requests a client sets either one: if `text` is non-empty it is
 * parsed and `value` must be 0 or agree with it.
 */
export interface Dpid__Output {
  /**
   * The datapath id as a number.
   */
  'value': (string);
  /**
   * The datapath id as text. Output form: 16 lower-case hex digits ("0000000000000001"), as
   * ovs-ofctl prints it. Accepted on input: 16 hex digits, eight colon-separated hex bytes,
   * "0x"-prefixed hex, or a decimal number of fewer than 16 digits.
   */
  'text': (string);
}
