/**
 * The OpenFlow 1.3 message codec: one whole message in, one OfpMessage out, and back.
 *
 * Contract:
 * - decodeMessage throws only OfpDecodeError; each carries the OFPT_ERROR (type, code) the peer
 *   should get, and errorReplyFor turns it into that reply.
 * - A decoded message re-encodes to the same bytes, except that padding is written as zeros.
 *   Trailing bytes after a body are rejected (OFPBRC_BAD_LEN) rather than silently dropped, so
 *   nothing is lost on the way through.
 * - Byte fields of a decoded message (data, opaque payloads) are copies, so a message stays valid
 *   after the buffer it came from is reused (e.g. a framer view of a socket chunk).
 * - encodeMessage computes every length field; it throws OfpEncodeError only for values that
 *   cannot be put on the wire (a field out of range, a message over 65535 bytes).
 *
 * MESSAGES is the one table of message types: dispatch in both directions reads it.
 */
import { OFP_HEADER_LEN, OFP_MAX_MESSAGE_LEN, OFP_VERSION, OFPT, type OfpTypeName } from './constants.js';
import { OfpDecodeError } from './decode-error.js';
import { OfpEncodeError } from './encode-error.js';
import { OFPBRC, OFPET } from './error-codes.js';
import { decodeFlowMod, decodeFlowRemoved, encodeFlowMod, encodeFlowRemoved } from './messages/flow.js';
import { decodeGroupMod, encodeGroupMod } from './messages/group.js';
import type { OfpMessage, OfpMessageOf } from './messages/message.js';
import { decodeMeterMod, encodeMeterMod } from './messages/meter.js';
import {
  decodeMultipartReply, decodeMultipartRequest, encodeMultipartReply, encodeMultipartRequest,
} from './messages/multipart.js';
import { decodePacketIn, decodePacketOut, encodePacketIn, encodePacketOut } from './messages/packet.js';
import { decodePortMod, decodePortStatus, encodePortMod, encodePortStatus } from './messages/port.js';
import {
  decodeQueueGetConfigReply, decodeQueueGetConfigRequest, encodeQueueGetConfigReply,
  encodeQueueGetConfigRequest,
} from './messages/queue.js';
import {
  decodeFeaturesReply, decodeGetAsyncReply, decodeGetConfigReply, decodeRoleReply, decodeRoleRequest,
  decodeSetAsync, decodeSetConfig, encodeAsyncConfig, encodeFeaturesReply, encodeRole, encodeSwitchConfig,
} from './messages/switch-config.js';
import {
  decodeEchoReply, decodeEchoRequest, decodeError, decodeExperimenter, decodeHello, encodeEcho, encodeError,
  encodeExperimenter, encodeHello, type ErrorMsg,
} from './messages/symmetric.js';
import { decodeTableMod, encodeTableMod } from './messages/table.js';
import { OfpReader } from './ofp-reader.js';
import { OfpWriter } from './ofp-writer.js';

/** ofp_header. */
export interface OfpHeader {
  version: number;
  type: number;
  length: number;
  xid: number;
}

interface MessageCodec<M> {
  /** Reads the body; `r` starts after the header and ends where ofp_header.length says. */
  decode(r: OfpReader, xid: number): M;
  /** Writes the body only; the header is the caller's. */
  encode(w: OfpWriter, m: M): void;
}

/** A message that is only a header (FEATURES_REQUEST, BARRIER_*, ...). */
function headerOnly<K extends OfpTypeName>(type: K): MessageCodec<{ type: K; xid: number }> {
  return { decode: (_r, xid) => ({ type, xid }), encode: () => {} };
}

const MESSAGES: { [K in OfpTypeName]: MessageCodec<OfpMessageOf<K>> } = {
  HELLO: { decode: decodeHello, encode: encodeHello },
  ERROR: { decode: decodeError, encode: encodeError },
  ECHO_REQUEST: { decode: decodeEchoRequest, encode: encodeEcho },
  ECHO_REPLY: { decode: decodeEchoReply, encode: encodeEcho },
  EXPERIMENTER: { decode: decodeExperimenter, encode: encodeExperimenter },
  FEATURES_REQUEST: headerOnly('FEATURES_REQUEST'),
  FEATURES_REPLY: { decode: decodeFeaturesReply, encode: encodeFeaturesReply },
  GET_CONFIG_REQUEST: headerOnly('GET_CONFIG_REQUEST'),
  GET_CONFIG_REPLY: { decode: decodeGetConfigReply, encode: encodeSwitchConfig },
  SET_CONFIG: { decode: decodeSetConfig, encode: encodeSwitchConfig },
  PACKET_IN: { decode: decodePacketIn, encode: encodePacketIn },
  FLOW_REMOVED: { decode: decodeFlowRemoved, encode: encodeFlowRemoved },
  PORT_STATUS: { decode: decodePortStatus, encode: encodePortStatus },
  PACKET_OUT: { decode: decodePacketOut, encode: encodePacketOut },
  FLOW_MOD: { decode: decodeFlowMod, encode: encodeFlowMod },
  GROUP_MOD: { decode: decodeGroupMod, encode: encodeGroupMod },
  PORT_MOD: { decode: decodePortMod, encode: encodePortMod },
  TABLE_MOD: { decode: decodeTableMod, encode: encodeTableMod },
  MULTIPART_REQUEST: { decode: decodeMultipartRequest, encode: encodeMultipartRequest },
  MULTIPART_REPLY: { decode: decodeMultipartReply, encode: encodeMultipartReply },
  BARRIER_REQUEST: headerOnly('BARRIER_REQUEST'),
  BARRIER_REPLY: headerOnly('BARRIER_REPLY'),
  QUEUE_GET_CONFIG_REQUEST: { decode: decodeQueueGetConfigRequest, encode: encodeQueueGetConfigRequest },
  QUEUE_GET_CONFIG_REPLY: { decode: decodeQueueGetConfigReply, encode: encodeQueueGetConfigReply },
  ROLE_REQUEST: { decode: decodeRoleRequest, encode: encodeRole },
  ROLE_REPLY: { decode: decodeRoleReply, encode: encodeRole },
  GET_ASYNC_REQUEST: headerOnly('GET_ASYNC_REQUEST'),
  GET_ASYNC_REPLY: { decode: decodeGetAsyncReply, encode: encodeAsyncConfig },
  SET_ASYNC: { decode: decodeSetAsync, encode: encodeAsyncConfig },
  METER_MOD: { decode: decodeMeterMod, encode: encodeMeterMod },
};

/** OFPT_ name by wire number (undefined for numbers OF1.3 does not define). */
const TYPE_NAMES: readonly (OfpTypeName | undefined)[] = (() => {
  const names: (OfpTypeName | undefined)[] = new Array<OfpTypeName | undefined>(256).fill(undefined);
  for (const [name, code] of Object.entries(OFPT)) names[code] = name as OfpTypeName;
  return names;
})();

/** "OFPT_<name>" per wire number, built once so error reporting costs nothing per message. */
const MSG_TYPES: readonly string[] = TYPE_NAMES.map((name, code) => (name === undefined ? `type ${code}` : `OFPT_${name}`));

/** The OFPT_ name of a wire type number, or undefined if OF1.3 does not define it. */
export function ofpTypeName(type: number): OfpTypeName | undefined {
  return TYPE_NAMES[type];
}

/** Reads the ofp_header at `offset` without checking anything but that 8 bytes are there. */
export function decodeHeader(buf: Buffer, offset = 0): OfpHeader {
  if (buf.length - offset < OFP_HEADER_LEN) {
    throw new OfpDecodeError('?', 0, 'ofp_header', `needs 8 bytes, ${Math.max(0, buf.length - offset)} left`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN }, true);
  }
  return {
    version: buf[offset]!,
    type: buf[offset + 1]!,
    length: buf.readUInt16BE(offset + 2),
    xid: buf.readUInt32BE(offset + 4),
  };
}

/**
 * Decodes the one message that starts at `offset`. Bytes past its ofp_header.length are ignored
 * (the framer hands over exact messages; a caller walking a buffer moves on by that length).
 * The version must be OF1.3, except for HELLO, which version negotiation has to read first, and
 * ERROR, which a peer may send in the version of the message it rejects (see ErrorMsg.version).
 */
export function decodeMessage(buf: Buffer, offset = 0): OfpMessage {
  const h = decodeHeader(buf, offset);
  const name = TYPE_NAMES[h.type];
  const msgType = MSG_TYPES[h.type]!;
  if (h.version !== OFP_VERSION && name !== 'HELLO' && name !== 'ERROR') {
    throw new OfpDecodeError(msgType, 0, 'ofp_header.version', `version ${h.version} is not OpenFlow 1.3 (4)`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_VERSION });
  }
  if (h.length < OFP_HEADER_LEN) {
    throw new OfpDecodeError(msgType, 2, 'ofp_header.length', `length ${h.length} is shorter than the header`);
  }
  if (name === undefined) {
    throw new OfpDecodeError(msgType, 1, 'ofp_header.type', `unknown message type ${h.type}`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE });
  }
  if (h.length > buf.length - offset) {
    throw new OfpDecodeError(msgType, buf.length - offset, 'ofp_header.length',
      `message of ${h.length} bytes ends after ${buf.length - offset}`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN }, true);
  }
  const r = new OfpReader(buf, offset, offset + h.length, msgType);
  r.pos += OFP_HEADER_LEN;
  const msg = MESSAGES[name].decode(r, h.xid) as OfpMessage;
  if (r.remaining !== 0) {
    throw r.error('ofp_header.length', `${r.remaining} bytes after the end of the ${msgType} body`);
  }
  if (msg.type === 'HELLO') msg.version = h.version;
  else if (msg.type === 'ERROR' && h.version !== OFP_VERSION) msg.version = h.version;
  return msg;
}

// Shared by every encodeMessage call without a writer: encoding is synchronous, so it is never
// in use twice at once, and the hot paths then allocate only the returned Buffer.
const scratch = new OfpWriter(4096);

/**
 * Encodes `msg` with its header, computing every length.
 *
 * Without `w`, the result is a Buffer of its own. With `w`, the message is appended at `w.pos`
 * (so several messages can be batched into one socket write) and the result is a view into the
 * writer, valid until the writer is reset; on error `w` is left as it was.
 */
export function encodeMessage(msg: OfpMessage, w?: OfpWriter): Buffer {
  const out = w ?? scratch.reset();
  const start = out.pos;
  try {
    out.u8(msg.type === 'HELLO' || msg.type === 'ERROR' ? msg.version ?? OFP_VERSION : OFP_VERSION);
    out.u8(OFPT[msg.type]);
    out.u16(0); // length, patched below
    out.u32(msg.xid);
    // MESSAGES is indexed by the message's own type; TypeScript cannot correlate the lookups.
    (MESSAGES[msg.type] as MessageCodec<OfpMessage>).encode(out, msg);
    const length = out.pos - start;
    if (length > OFP_MAX_MESSAGE_LEN) {
      throw new OfpEncodeError(`OFPT_${msg.type}`, `message length ${length} exceeds ${OFP_MAX_MESSAGE_LEN}`);
    }
    out.patchU16(start + 2, length);
  } catch (e) {
    out.pos = start;
    throw e;
  }
  return w ? out.buf.subarray(start, out.pos) : out.toBuffer();
}

/**
 * The OFPT_ERROR a peer should receive for input that failed to decode: the error's type and
 * code, and as data the first 64 bytes of the offending message (OF1.3.5 §7.4.4: "at least 64
 * bytes of the failed request"). The xid defaults to the offending message's own.
 *
 * A message of another version is answered with OFPBRC_BAD_VERSION in that version, as Open
 * vSwitch does: its sender may not read OF1.3, and BAD_REQUEST/BAD_VERSION are numbered the same
 * (1/0) in every OpenFlow version.
 */
export function errorReplyFor(err: OfpDecodeError, offending: Buffer, xid?: number): ErrorMsg {
  const replyXid = xid ?? (offending.length >= OFP_HEADER_LEN ? offending.readUInt32BE(4) : 0);
  const reply: ErrorMsg = {
    type: 'ERROR',
    xid: replyXid,
    errorType: err.ofpError.type,
    code: err.ofpError.code,
    data: Buffer.from(offending.subarray(0, 64)),
  };
  const badVersion = err.ofpError.type === OFPET.BAD_REQUEST && err.ofpError.code === OFPBRC.BAD_VERSION;
  const peerVersion = offending[0];
  if (badVersion && peerVersion !== undefined && peerVersion !== OFP_VERSION && peerVersion > 0) reply.version = peerVersion;
  return reply;
}
