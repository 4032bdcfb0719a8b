import { Ipv4Address } from '../net/ipv4-address.js';
import { copyBytes, readU16, writeU16 } from './byte-order.js';
import { checksumVerifies, internetChecksum } from './checksum.js';
import { PacketDecodeError, clampEnd, needBytes } from './packet-decode-error.js';

/** Option types (RFC 791, IANA "IP Option Numbers") that have no length byte. */
export const IPV4_OPT = { EOOL: 0, NOP: 1, RR: 7, TS: 68, LSRR: 131, SSRR: 137, RA: 148 } as const;

export interface Ipv4Option {
  type: number;
  /** Option data after type and length (empty for EOOL / NOP). */
  data: Uint8Array;
}

export interface Ipv4Header {
  dscp: number;
  ecn: number;
  /** Left undefined when building: the encoder fills in header + payload length. */
  totalLength?: number;
  identification: number;
  /** Don't Fragment. */
  df: boolean;
  /** More Fragments. */
  mf: boolean;
  /** In 8-octet units, as on the wire. */
  fragmentOffset: number;
  ttl: number;
  protocol: number;
  /** Left undefined when building: the encoder computes it. */
  checksum?: number;
  src: Ipv4Address;
  dst: Ipv4Address;
  /** Raw option bytes (a multiple of 4 long; the encoder zero-pads). */
  options: Uint8Array;
}

export interface Ipv4Packet extends Ipv4Header {
  totalLength: number;
  checksum: number;
  /** IHL × 4. */
  headerLength: number;
  /** Whether the header checksum verifies. Decoding does not reject a bad one: a switch forwards it. */
  checksumValid: boolean;
  /** View of the bytes after the header up to totalLength (Ethernet padding excluded). */
  payload: Uint8Array;
}

export function decodeIpv4(buf: Uint8Array, offset = 0, end?: number): Ipv4Packet {
  const stop = clampEnd(buf, end);
  needBytes('ipv4', offset, 20, stop);
  const vihl = buf[offset]!;
  if (vihl >>> 4 !== 4) throw new PacketDecodeError('ipv4', offset, `version is ${vihl >>> 4}, not 4`);
  const headerLength = (vihl & 0x0f) * 4;
  if (headerLength < 20) throw new PacketDecodeError('ipv4', offset, `IHL ${headerLength / 4} is below 5`);
  needBytes('ipv4.options', offset + 20, headerLength - 20, stop);
  const totalLength = readU16(buf, offset + 2);
  if (totalLength < headerLength) {
    throw new PacketDecodeError('ipv4', offset + 2, `total length ${totalLength} is shorter than the header (${headerLength})`);
  }
  if (offset + totalLength > stop) {
    throw new PacketDecodeError('ipv4', offset + 2, `total length ${totalLength} exceeds the ${stop - offset} bytes captured`, true);
  }
  const frag = readU16(buf, offset + 6);
  return {
    dscp: buf[offset + 1]! >>> 2,
    ecn: buf[offset + 1]! & 3,
    totalLength,
    identification: readU16(buf, offset + 4),
    df: (frag & 0x4000) !== 0,
    mf: (frag & 0x2000) !== 0,
    fragmentOffset: frag & 0x1fff,
    ttl: buf[offset + 8]!,
    protocol: buf[offset + 9]!,
    checksum: readU16(buf, offset + 10),
    src: Ipv4Address.fromBytes(buf, offset + 12),
    dst: Ipv4Address.fromBytes(buf, offset + 16),
    options: copyBytes(buf, offset + 20, offset + headerLength),
    headerLength,
    checksumValid: checksumVerifies(buf, offset, headerLength),
    payload: buf.subarray(offset + headerLength, offset + totalLength),
  };
}

/** Splits option bytes into options; stops at End of Option List. */
export function decodeIpv4Options(options: Uint8Array): Ipv4Option[] {
  const out: Ipv4Option[] = [];
  for (let i = 0; i < options.length;) {
    const type = options[i]!;
    if (type === IPV4_OPT.EOOL) { out.push({ type, data: new Uint8Array(0) }); break; }
    if (type === IPV4_OPT.NOP) { out.push({ type, data: new Uint8Array(0) }); i++; continue; }
    needBytes('ipv4.options', i + 1, 1, options.length);
    const len = options[i + 1]!;
    if (len < 2) throw new PacketDecodeError('ipv4.options', i + 1, `option ${type} has length ${len}`);
    needBytes('ipv4.options', i, len, options.length);
    out.push({ type, data: copyBytes(options, i + 2, i + len) });
    i += len;
  }
  return out;
}

export function encodeIpv4Options(options: readonly Ipv4Option[]): Uint8Array {
  const parts: number[] = [];
  for (const o of options) {
    if (o.type === IPV4_OPT.EOOL || o.type === IPV4_OPT.NOP) parts.push(o.type);
    else parts.push(o.type, o.data.length + 2, ...o.data);
  }
  while (parts.length % 4 !== 0) parts.push(0);
  return Uint8Array.from(parts);
}

export function encodeIpv4(h: Ipv4Header, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const optLen = Math.ceil(h.options.length / 4) * 4;
  const headerLength = 20 + optLen;
  if (headerLength > 60) throw new RangeError(`IPv4 options too long (${h.options.length} bytes)`);
  const out = Buffer.alloc(headerLength + payload.length);
  out[0] = 0x40 | (headerLength / 4);
  out[1] = ((h.dscp & 0x3f) << 2) | (h.ecn & 3);
  writeU16(out, 2, h.totalLength ?? headerLength + payload.length);
  writeU16(out, 4, h.identification);
  writeU16(out, 6, (h.df ? 0x4000 : 0) | (h.mf ? 0x2000 : 0) | (h.fragmentOffset & 0x1fff));
  out[8] = h.ttl;
  out[9] = h.protocol;
  h.src.writeTo(out, 12);
  h.dst.writeTo(out, 16);
  out.set(h.options, 20);
  writeU16(out, 10, h.checksum ?? internetChecksum(out, 0, headerLength));
  out.set(payload, headerLength);
  return out;
}
