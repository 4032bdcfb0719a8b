import { readU16, writeU16 } from './byte-order.js';
import { PacketDecodeError, clampEnd, needBytes } from './packet-decode-error.js';
import { IP_PROTO } from './protocol-numbers.js';
import { type PseudoHeader, transportChecksum } from './transport-checksum.js';

export interface UdpHeader {
  srcPort: number;
  dstPort: number;
  /** Left undefined when building: header + payload. */
  length?: number;
  /** Left undefined when building: computed over the pseudo-header (0 = none, IPv4 only). */
  checksum?: number;
}

export interface UdpDatagram extends UdpHeader {
  length: number;
  checksum: number;
  /** View of the bytes the UDP length covers. */
  payload: Uint8Array;
}

export const UDP_HEADER_LENGTH = 8;

export function decodeUdp(buf: Uint8Array, offset = 0, end?: number): UdpDatagram {
  const stop = clampEnd(buf, end);
  needBytes('udp', offset, UDP_HEADER_LENGTH, stop);
  const length = readU16(buf, offset + 4);
  if (length < UDP_HEADER_LENGTH) throw new PacketDecodeError('udp', offset + 4, `length ${length} is below 8`);
  if (offset + length > stop) {
    throw new PacketDecodeError('udp', offset + 4, `length ${length} exceeds the ${stop - offset} bytes available`, true);
  }
  return {
    srcPort: readU16(buf, offset),
    dstPort: readU16(buf, offset + 2),
    length,
    checksum: readU16(buf, offset + 6),
    payload: buf.subarray(offset + UDP_HEADER_LENGTH, offset + length),
  };
}

export function encodeUdp(h: UdpHeader, payload: Uint8Array, ip: PseudoHeader): Buffer {
  const out = Buffer.alloc(UDP_HEADER_LENGTH + payload.length);
  writeU16(out, 0, h.srcPort);
  writeU16(out, 2, h.dstPort);
  writeU16(out, 4, h.length ?? out.length);
  out.set(payload, UDP_HEADER_LENGTH);
  let checksum = h.checksum;
  if (checksum === undefined) {
    // RFC 768: a computed zero is sent as all ones, since zero means "no checksum".
    checksum = transportChecksum(ip, IP_PROTO.UDP, out) || 0xffff;
  }
  writeU16(out, 6, checksum);
  return out;
}
