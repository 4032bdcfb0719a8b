/**
 * OpenFlow 1.3 protocol constants (OpenFlow Switch Specification 1.3.5, openflow.h enums).
 *
 * Wire facts only, grouped the way the spec groups them: `OFPFC.ADD` is `OFPFC_ADD`. Constants
 * that belong to one nested structure (OFPAT_*, OFPIT_*, OFPXMT_*, OFPP_*, OFPPC_* ...) live with
 * that structure's codec (OFPCML_* with the output action in actions.ts, OFPMT_* in match.ts); this
 * file holds the message-level ones.
 */

/** Wire version byte of OpenFlow 1.3. */
export const OFP_VERSION = 0x04;

/** Size of ofp_header; every message starts with it. */
export const OFP_HEADER_LEN = 8;

/** ofp_header.length is a u16, so no message can be longer. */
export const OFP_MAX_MESSAGE_LEN = 0xffff;

/** enum ofp_type: the ofp_header.type values of OpenFlow 1.3. */
export const OFPT = {
  HELLO: 0,
  ERROR: 1,
  ECHO_REQUEST: 2,
  ECHO_REPLY: 3,
  EXPERIMENTER: 4,
  FEATURES_REQUEST: 5,
  FEATURES_REPLY: 6,
  GET_CONFIG_REQUEST: 7,
  GET_CONFIG_REPLY: 8,
  SET_CONFIG: 9,
  PACKET_IN: 10,
  FLOW_REMOVED: 11,
  PORT_STATUS: 12,
  PACKET_OUT: 13,
  FLOW_MOD: 14,
  GROUP_MOD: 15,
  PORT_MOD: 16,
  TABLE_MOD: 17,
  MULTIPART_REQUEST: 18,
  MULTIPART_REPLY: 19,
  BARRIER_REQUEST: 20,
  BARRIER_REPLY: 21,
  QUEUE_GET_CONFIG_REQUEST: 22,
  QUEUE_GET_CONFIG_REPLY: 23,
  ROLE_REQUEST: 24,
  ROLE_REPLY: 25,
  GET_ASYNC_REQUEST: 26,
  GET_ASYNC_REPLY: 27,
  SET_ASYNC: 28,
  METER_MOD: 29,
} as const;

/** The spec name of a message type without its OFPT_ prefix, e.g. 'FLOW_MOD'. */
export type OfpTypeName = keyof typeof OFPT;

/** enum ofp_multipart_type. */
export const OFPMP = {
  DESC: 0,
  FLOW: 1,
  AGGREGATE: 2,
  TABLE: 3,
  PORT_STATS: 4,
  QUEUE: 5,
  GROUP: 6,
  GROUP_DESC: 7,
  GROUP_FEATURES: 8,
  METER: 9,
  METER_CONFIG: 10,
  METER_FEATURES: 11,
  TABLE_FEATURES: 12,
  PORT_DESC: 13,
  EXPERIMENTER: 0xffff,
} as const;

/** The spec name of a multipart type without its OFPMP_ prefix, e.g. 'PORT_STATS'. */
export type OfpMultipartTypeName = keyof typeof OFPMP;

/** enum ofp_multipart_request_flags / ofp_multipart_reply_flags: more parts follow. */
export const OFPMPF_REQ_MORE = 1 << 0;
export const OFPMPF_REPLY_MORE = 1 << 0;

/** enum ofp_capabilities (ofp_switch_features.capabilities). */
export const OFPC = {
  FLOW_STATS: 1 << 0,
  TABLE_STATS: 1 << 1,
  PORT_STATS: 1 << 2,
  GROUP_STATS: 1 << 3,
  IP_REASM: 1 << 5,
  QUEUE_STATS: 1 << 6,
  PORT_BLOCKED: 1 << 8,
} as const;

/** enum ofp_config_flags (ofp_switch_config.flags): handling of IP fragments. */
export const OFPC_FRAG = { NORMAL: 0, DROP: 1, REASM: 2, MASK: 3 } as const;

/** Default ofp_switch_config.miss_send_len. */
export const OFP_DEFAULT_MISS_SEND_LEN = 128;

/** enum ofp_flow_mod_command. */
export const OFPFC = { ADD: 0, MODIFY: 1, MODIFY_STRICT: 2, DELETE: 3, DELETE_STRICT: 4 } as const;

/** enum ofp_flow_mod_flags. */
export const OFPFF = {
  SEND_FLOW_REM: 1 << 0,
  CHECK_OVERLAP: 1 << 1,
  RESET_COUNTS: 1 << 2,
  NO_PKT_COUNTS: 1 << 3,
  NO_BYT_COUNTS: 1 << 4,
} as const;

/** enum ofp_group_mod_command. */
export const OFPGC = { ADD: 0, MODIFY: 1, DELETE: 2 } as const;

/** enum ofp_group_type. */
export const OFPGT = { ALL: 0, SELECT: 1, INDIRECT: 2, FF: 3 } as const;

/** enum ofp_group_capabilities (ofp_group_features.capabilities). */
export const OFPGFC = { SELECT_WEIGHT: 1 << 0, SELECT_LIVENESS: 1 << 1, CHAINING: 1 << 2, CHAINING_CHECKS: 1 << 3 } as const;

/** enum ofp_group: reserved group numbers. */
export const OFPG = { MAX: 0xffffff00, ALL: 0xfffffffc, ANY: 0xffffffff } as const;

/** enum ofp_meter_mod_command. */
export const OFPMC = { ADD: 0, MODIFY: 1, DELETE: 2 } as const;

/** enum ofp_meter_flags. */
export const OFPMF = { KBPS: 1 << 0, PKTPS: 1 << 1, BURST: 1 << 2, STATS: 1 << 3 } as const;

/** enum ofp_meter: reserved meter numbers. */
export const OFPM = { MAX: 0xffff0000, SLOWPATH: 0xfffffffd, CONTROLLER: 0xfffffffe, ALL: 0xffffffff } as const;

/** enum ofp_controller_role. */
export const OFPCR_ROLE = { NOCHANGE: 0, EQUAL: 1, MASTER: 2, SLAVE: 3 } as const;

/** enum ofp_packet_in_reason. */
export const OFPR = { NO_MATCH: 0, ACTION: 1, INVALID_TTL: 2 } as const;

/** enum ofp_flow_removed_reason. */
export const OFPRR = { IDLE_TIMEOUT: 0, HARD_TIMEOUT: 1, DELETE: 2, GROUP_DELETE: 3 } as const;

/** enum ofp_port_reason. */
export const OFPPR = { ADD: 0, DELETE: 1, MODIFY: 2 } as const;

/** enum ofp_table: the last usable table number and the wildcard "all tables". */
export const OFPTT_MAX = 0xfe;
export const OFPTT_ALL = 0xff;

/** enum ofp_table_config: OF1.3 keeps only the deprecated OF1.1 miss bits. */
export const OFPTC_DEPRECATED_MASK = 3;

/** buffer_id meaning "the packet is not buffered; the data field carries it". */
export const OFP_NO_BUFFER = 0xffffffff;

/** Wildcard queue id in queue statistics requests. */
export const OFPQ_ALL = 0xffffffff;

/** Fixed string sizes of ofp_desc. */
export const DESC_STR_LEN = 256;
export const SERIAL_NUM_LEN = 32;
