/**
 * A minimal OpenFlow 1.0 codec (wire version 0x01, OpenFlow Switch Specification 1.0.0), so the
 * controller and switch can negotiate with OF1.0-only peers and serve OF1.0 tools: HELLO, ERROR,
 * ECHO, VENDOR, FEATURES, switch config, PACKET_IN, FLOW_REMOVED, PORT_STATUS, PACKET_OUT,
 * FLOW_MOD and BARRIER. Other OF1.0 types (PORT_MOD, STATS, QUEUE_GET_CONFIG) are answered with
 * OFPBRC_BAD_TYPE, as a switch that does not implement them would.
 *
 * It mirrors the OF1.3 codec: decodeOf10Message throws only OfpDecodeError, a decoded message
 * re-encodes to the same bytes (padding as zeros), lengths are computed on encode.
 */
import { OfpDecodeError } from './decode-error.js';
import { OfpEncodeError } from './encode-error.js';
import { OFPBRC, OFPET } from './error-codes.js';
import { writeFixedLatin1 } from './fixed-latin1.js';
import { decodeOf10Actions, encodeOf10Actions, type Of10Action } from './of10-actions.js';
import { decodeOf10Match, encodeOf10Match, type Of10Match } from './of10-match.js';
import { OfpReader } from './ofp-reader.js';
import { OfpWriter } from './ofp-writer.js';
import { macBytes, macText } from '../net/index.js';

export const OFP10_VERSION = 0x01;

/** enum ofp_type (OF1.0). */
export const OFPT10 = {
  HELLO: 0,
  ERROR: 1,
  ECHO_REQUEST: 2,
  ECHO_REPLY: 3,
  VENDOR: 4,
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
  PORT_MOD: 15,
  STATS_REQUEST: 16,
  STATS_REPLY: 17,
  BARRIER_REQUEST: 18,
  BARRIER_REPLY: 19,
  QUEUE_GET_CONFIG_REQUEST: 20,
  QUEUE_GET_CONFIG_REPLY: 21,
} as const;

/** enum ofp_port (OF1.0): port numbers are 16 bits in OF1.0. */
export const OFPP10 = {
  MAX: 0xff00, IN_PORT: 0xfff8, TABLE: 0xfff9, NORMAL: 0xfffa, FLOOD: 0xfffb, ALL: 0xfffc,
  CONTROLLER: 0xfffd, LOCAL: 0xfffe, NONE: 0xffff,
} as const;

/** enum ofp_error_type (OF1.0): numbering differs from OF1.3 after BAD_ACTION. */
export const OFPET10 = {
  HELLO_FAILED: 0, BAD_REQUEST: 1, BAD_ACTION: 2, FLOW_MOD_FAILED: 3, PORT_MOD_FAILED: 4, QUEUE_OP_FAILED: 5,
} as const;

/** ofp_phy_port (OF1.0, 48 bytes). */
export interface Of10PhyPort {
  portNo: number;
  hwAddr: string;
  name: string;
  config: number;
  state: number;
  curr: number;
  advertised: number;
  supported: number;
  peer: number;
}

interface X { xid: number }
export interface Of10Hello extends X {
  type: 'HELLO';
  /** Header version: the highest version the sender speaks (read before negotiation). */
  version?: number;
  /** OF1.0 defines no HELLO body but says to ignore one; kept so it re-encodes. */
  data: Buffer;
}
export interface Of10Error extends X {
  type: 'ERROR';
  /** ofp_header.version when not 0x01: a peer may answer a message of another version in that version. */
  version?: number;
  errorType: number;
  code: number;
  data: Buffer;
}
export interface Of10EchoRequest extends X { type: 'ECHO_REQUEST'; data: Buffer }
export interface Of10EchoReply extends X { type: 'ECHO_REPLY'; data: Buffer }
export interface Of10Vendor extends X { type: 'VENDOR'; vendor: number; data: Buffer }
export interface Of10FeaturesRequest extends X { type: 'FEATURES_REQUEST' }
export interface Of10FeaturesReply extends X {
  type: 'FEATURES_REPLY';
  datapathId: bigint;
  nBuffers: number;
  nTables: number;
  capabilities: number;
  /** Bitmap of 1 << OFPAT10_* supported. */
  actions: number;
  ports: readonly Of10PhyPort[];
}
export interface Of10GetConfigRequest extends X { type: 'GET_CONFIG_REQUEST' }
export interface Of10GetConfigReply extends X { type: 'GET_CONFIG_REPLY'; flags: number; missSendLen: number }
export interface Of10SetConfig extends X { type: 'SET_CONFIG'; flags: number; missSendLen: number }
export interface Of10PacketIn extends X {
  type: 'PACKET_IN';
  bufferId: number;
  totalLen: number;
  inPort: number;
  reason: number;
  data: Buffer;
}
export interface Of10FlowRemoved extends X {
  type: 'FLOW_REMOVED';
  match: Of10Match;
  cookie: bigint;
  priority: number;
  reason: number;
  durationSec: number;
  durationNsec: number;
  idleTimeout: number;
  packetCount: bigint;
  byteCount: bigint;
}
export interface Of10PortStatus extends X { type: 'PORT_STATUS'; reason: number; desc: Of10PhyPort }
export interface Of10PacketOut extends X {
  type: 'PACKET_OUT';
  bufferId: number;
  inPort: number;
  actions: readonly Of10Action[];
  data: Buffer;
}
export interface Of10FlowMod extends X {
  type: 'FLOW_MOD';
  match: Of10Match;
  cookie: bigint;
  command: number;
  idleTimeout: number;
  hardTimeout: number;
  priority: number;
  bufferId: number;
  outPort: number;
  flags: number;
  actions: readonly Of10Action[];
}
export interface Of10BarrierRequest extends X { type: 'BARRIER_REQUEST' }
export interface Of10BarrierReply extends X { type: 'BARRIER_REPLY' }

export type Of10Message =
  | Of10Hello | Of10Error | Of10EchoRequest | Of10EchoReply | Of10Vendor | Of10FeaturesRequest
  | Of10FeaturesReply | Of10GetConfigRequest | Of10GetConfigReply | Of10SetConfig | Of10PacketIn
  | Of10FlowRemoved | Of10PortStatus | Of10PacketOut | Of10FlowMod | Of10BarrierRequest | Of10BarrierReply;

type Of10TypeName = Of10Message['type'];
type Of10Of<K extends Of10TypeName> = Extract<Of10Message, { type: K }>;

interface Codec<M> {
  decode(r: OfpReader, xid: number): M;
  encode(w: OfpWriter, m: M): void;
}

function decodePhyPort(r: OfpReader): Of10PhyPort {
  const portNo = r.u16('ofp_phy_port.port_no');
  r.need(6, 'ofp_phy_port.hw_addr');
  const hwAddr = macText(r.buf, r.pos);
  r.pos += 6;
  const name = r.fixedString(16, 'ofp_phy_port.name');
  const config = r.u32('ofp_phy_port.config');
  const state = r.u32('ofp_phy_port.state');
  const curr = r.u32('ofp_phy_port.curr');
  const advertised = r.u32('ofp_phy_port.advertised');
  const supported = r.u32('ofp_phy_port.supported');
  const peer = r.u32('ofp_phy_port.peer');
  return { portNo, hwAddr, name, config, state, curr, advertised, supported, peer };
}

function encodePhyPort(w: OfpWriter, p: Of10PhyPort): void {
  w.u16(p.portNo);
  const at = w.pos;
  w.zeros(6);
  if (!macBytes(p.hwAddr, w.buf, at)) throw new OfpEncodeError('ofp_phy_port.hw_addr', `${JSON.stringify(p.hwAddr)} is not a MAC`);
  writeFixedLatin1(w, p.name, 16, 'ofp_phy_port.name');
  for (const v of [p.config, p.state, p.curr, p.advertised, p.supported, p.peer]) w.u32(v);
}

const empty = <K extends Of10TypeName>(type: K): Codec<{ type: K; xid: number }> =>
  ({ decode: (_r, xid) => ({ type, xid }), encode: () => {} });

const rest = (r: OfpReader, field: string): Buffer => r.bytes(r.remaining, field);

const CODECS: { [K in Of10TypeName]: Codec<Of10Of<K>> } = {
  HELLO: { decode: (r, xid) => ({ type: 'HELLO', xid, data: rest(r, 'data') }), encode: (w, m) => w.bytes(m.data) },
  ERROR: {
    decode: (r, xid) => {
      const errorType = r.u16('ofp_error_msg.type');
      const code = r.u16('ofp_error_msg.code');
      return { type: 'ERROR', xid, errorType, code, data: rest(r, 'ofp_error_msg.data') };
    },
    encode: (w, m) => { w.u16(m.errorType); w.u16(m.code); w.bytes(m.data); },
  },
  ECHO_REQUEST: { decode: (r, xid) => ({ type: 'ECHO_REQUEST', xid, data: rest(r, 'data') }), encode: (w, m) => w.bytes(m.data) },
  ECHO_REPLY: { decode: (r, xid) => ({ type: 'ECHO_REPLY', xid, data: rest(r, 'data') }), encode: (w, m) => w.bytes(m.data) },
  VENDOR: {
    decode: (r, xid) => ({ type: 'VENDOR', xid, vendor: r.u32('ofp_vendor_header.vendor'), data: rest(r, 'data') }),
    encode: (w, m) => { w.u32(m.vendor); w.bytes(m.data); },
  },
  FEATURES_REQUEST: empty('FEATURES_REQUEST'),
  FEATURES_REPLY: {
    decode: (r, xid) => {
      const datapathId = r.u64('ofp_switch_features.datapath_id');
      const nBuffers = r.u32('ofp_switch_features.n_buffers');
      const nTables = r.u8('ofp_switch_features.n_tables');
      r.skip(3, 'ofp_switch_features.pad');
      const capabilities = r.u32('ofp_switch_features.capabilities');
      const actions = r.u32('ofp_switch_features.actions');
      const ports: Of10PhyPort[] = [];
      while (r.remaining > 0) ports.push(decodePhyPort(r));
      return { type: 'FEATURES_REPLY', xid, datapathId, nBuffers, nTables, capabilities, actions, ports };
    },
    encode: (w, m) => {
      w.u64(m.datapathId); w.u32(m.nBuffers); w.u8(m.nTables); w.zeros(3); w.u32(m.capabilities); w.u32(m.actions);
      for (const p of m.ports) encodePhyPort(w, p);
    },
  },
  GET_CONFIG_REQUEST: empty('GET_CONFIG_REQUEST'),
  GET_CONFIG_REPLY: {
    decode: (r, xid) => ({ type: 'GET_CONFIG_REPLY', xid, flags: r.u16('flags'), missSendLen: r.u16('miss_send_len') }),
    encode: (w, m) => { w.u16(m.flags); w.u16(m.missSendLen); },
  },
  SET_CONFIG: {
    decode: (r, xid) => ({ type: 'SET_CONFIG', xid, flags: r.u16('flags'), missSendLen: r.u16('miss_send_len') }),
    encode: (w, m) => { w.u16(m.flags); w.u16(m.missSendLen); },
  },
  PACKET_IN: {
    decode: (r, xid) => {
      const bufferId = r.u32('ofp_packet_in.buffer_id');
      const totalLen = r.u16('ofp_packet_in.total_len');
      const inPort = r.u16('ofp_packet_in.in_port');
      const reason = r.u8('ofp_packet_in.reason');
      r.skip(1, 'ofp_packet_in.pad');
      return { type: 'PACKET_IN', xid, bufferId, totalLen, inPort, reason, data: rest(r, 'ofp_packet_in.data') };
    },
    encode: (w, m) => { w.u32(m.bufferId); w.u16(m.totalLen); w.u16(m.inPort); w.u8(m.reason); w.zeros(1); w.bytes(m.data); },
  },
  FLOW_REMOVED: {
    decode: (r, xid) => {
      const match = decodeOf10Match(r);
      const cookie = r.u64('ofp_flow_removed.cookie');
      const priority = r.u16('ofp_flow_removed.priority');
      const reason = r.u8('ofp_flow_removed.reason');
      r.skip(1, 'ofp_flow_removed.pad');
      const durationSec = r.u32('ofp_flow_removed.duration_sec');
      const durationNsec = r.u32('ofp_flow_removed.duration_nsec');
      const idleTimeout = r.u16('ofp_flow_removed.idle_timeout');
      r.skip(2, 'ofp_flow_removed.pad2');
      const packetCount = r.u64('ofp_flow_removed.packet_count');
      const byteCount = r.u64('ofp_flow_removed.byte_count');
      return {
        type: 'FLOW_REMOVED', xid, match, cookie, priority, reason, durationSec, durationNsec, idleTimeout,
        packetCount, byteCount,
      };
    },
    encode: (w, m) => {
      encodeOf10Match(w, m.match); w.u64(m.cookie); w.u16(m.priority); w.u8(m.reason); w.zeros(1);
      w.u32(m.durationSec); w.u32(m.durationNsec); w.u16(m.idleTimeout); w.zeros(2); w.u64(m.packetCount); w.u64(m.byteCount);
    },
  },
  PORT_STATUS: {
    decode: (r, xid) => {
      const reason = r.u8('ofp_port_status.reason');
      r.skip(7, 'ofp_port_status.pad');
      return { type: 'PORT_STATUS', xid, reason, desc: decodePhyPort(r) };
    },
    encode: (w, m) => { w.u8(m.reason); w.zeros(7); encodePhyPort(w, m.desc); },
  },
  PACKET_OUT: {
    decode: (r, xid) => {
      const bufferId = r.u32('ofp_packet_out.buffer_id');
      const inPort = r.u16('ofp_packet_out.in_port');
      const actionsLen = r.u16('ofp_packet_out.actions_len');
      const actions = decodeOf10Actions(r, actionsLen);
      return { type: 'PACKET_OUT', xid, bufferId, inPort, actions, data: rest(r, 'ofp_packet_out.data') };
    },
    encode: (w, m) => {
      w.u32(m.bufferId); w.u16(m.inPort);
      const lenAt = w.pos;
      w.u16(0);
      encodeOf10Actions(w, m.actions);
      w.patchU16(lenAt, w.pos - lenAt - 2);
      w.bytes(m.data);
    },
  },
  FLOW_MOD: {
    decode: (r, xid) => {
      const match = decodeOf10Match(r);
      const cookie = r.u64('ofp_flow_mod.cookie');
      const command = r.u16('ofp_flow_mod.command');
      const idleTimeout = r.u16('ofp_flow_mod.idle_timeout');
      const hardTimeout = r.u16('ofp_flow_mod.hard_timeout');
      const priority = r.u16('ofp_flow_mod.priority');
      const bufferId = r.u32('ofp_flow_mod.buffer_id');
      const outPort = r.u16('ofp_flow_mod.out_port');
      const flags = r.u16('ofp_flow_mod.flags');
      const actions = decodeOf10Actions(r, r.remaining);
      return {
        type: 'FLOW_MOD', xid, match, cookie, command, idleTimeout, hardTimeout, priority, bufferId, outPort, flags, actions,
      };
    },
    encode: (w, m) => {
      encodeOf10Match(w, m.match); w.u64(m.cookie); w.u16(m.command); w.u16(m.idleTimeout); w.u16(m.hardTimeout);
      w.u16(m.priority); w.u32(m.bufferId); w.u16(m.outPort); w.u16(m.flags);
      encodeOf10Actions(w, m.actions);
    },
  },
  BARRIER_REQUEST: empty('BARRIER_REQUEST'),
  BARRIER_REPLY: empty('BARRIER_REPLY'),
};

const NAMES = new Map<number, keyof typeof OFPT10>(
  Object.entries(OFPT10).map(([name, code]) => [code, name as keyof typeof OFPT10]),
);

function isSupported(name: keyof typeof OFPT10): name is Of10TypeName {
  return name in CODECS;
}

/**
 * Decodes the OF1.0 message at `offset`. The version must be 0x01 except for HELLO, whose
 * header version is what negotiation reads, and ERROR, which peers send in the version of the
 * message they reject.
 */
export function decodeOf10Message(buf: Buffer, offset = 0): Of10Message {
  const avail = buf.length - offset;
  if (avail < 8) {
    throw new OfpDecodeError('?', 0, 'ofp_header', `needs 8 bytes, ${Math.max(0, avail)} left`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN }, true);
  }
  const version = buf[offset]!;
  const typeNo = buf[offset + 1]!;
  const length = buf.readUInt16BE(offset + 2);
  const xid = buf.readUInt32BE(offset + 4);
  const name = NAMES.get(typeNo);
  const msgType = name === undefined ? `type ${typeNo}` : `OFPT_${name}`;
  if (version !== OFP10_VERSION && name !== 'HELLO' && name !== 'ERROR') {
    throw new OfpDecodeError(msgType, 0, 'ofp_header.version', `version ${version} is not OpenFlow 1.0 (1)`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_VERSION });
  }
  if (length < 8) throw new OfpDecodeError(msgType, 2, 'ofp_header.length', `length ${length} is shorter than the header`);
  if (name === undefined || !isSupported(name)) {
    throw new OfpDecodeError(msgType, 1, 'ofp_header.type', `unsupported OF1.0 message type ${typeNo}`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE });
  }
  if (length > avail) {
    throw new OfpDecodeError(msgType, avail, 'ofp_header.length', `message of ${length} bytes ends after ${avail}`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN }, true);
  }
  const r = new OfpReader(buf, offset, offset + length, msgType);
  r.pos += 8;
  const msg = CODECS[name].decode(r, xid) as Of10Message;
  if (r.remaining !== 0) throw r.error('ofp_header.length', `${r.remaining} bytes after the end of the ${msgType} body`);
  if (msg.type === 'HELLO') msg.version = version;
  else if (msg.type === 'ERROR' && version !== OFP10_VERSION) msg.version = version;
  return msg;
}

/** Encodes an OF1.0 message with its header; lengths computed. A fresh Buffer is returned. */
export function encodeOf10Message(msg: Of10Message, w = new OfpWriter(128)): Buffer {
  const start = w.pos;
  w.u8(msg.type === 'HELLO' || msg.type === 'ERROR' ? msg.version ?? OFP10_VERSION : OFP10_VERSION);
  w.u8(OFPT10[msg.type]);
  w.u16(0);
  w.u32(msg.xid);
  (CODECS[msg.type] as Codec<Of10Message>).encode(w, msg);
  const length = w.pos - start;
  if (length > 0xffff) {
    w.pos = start;
    throw new OfpEncodeError(`OFPT_${msg.type}`, `message length ${length} exceeds 65535`);
  }
  w.patchU16(start + 2, length);
  return Buffer.from(w.buf.subarray(start, w.pos));
}
