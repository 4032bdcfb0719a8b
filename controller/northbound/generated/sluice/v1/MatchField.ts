// Original file: sluice/v1/flows.proto


/**
 * One OXM match field (OpenFlow 1.3 section 7.2.3.7).
 */
export interface MatchField {
  /**
   * The OXM field name in lower case without the OFPXMT_OFB_ prefix: "in_port", "eth_dst",
   * "ipv4_src", "tcp_dst", ...
   */
  'field'?: (string);
  /**
   * The value as text: decimal or 0x-hex for integers, "aa:bb:cc:dd:ee:ff" for MACs, dotted quad
   * or IPv6 text for addresses.
   */
  'value'?: (string);
  /**
   * Optional mask in the same form as value; only for fields the spec marks maskable.
   */
  'mask'?: (string);
}

/**
 * One OXM match field (OpenFlow 1.3 section 7.2.3.7).
 */
export interface MatchField__Output {
  /**
   * The OXM field name in lower case without the OFPXMT_OFB_ prefix: "in_port", "eth_dst",
   * "ipv4_src", "tcp_dst", ...
   */
  'field': (string);
  /**
   * The value as text: decimal or 0x-hex for integers, "aa:bb:cc:dd:ee:ff" for MACs, dotted quad
   * or IPv6 text for addresses.
   */
  'value': (string);
  /**
   * Optional mask in the same form as value; only for fields the spec marks maskable.
   */
  'mask': (string);
}
