import { Ipv6Address } from '../net/ipv6-address.js';
import { copyBytes, readU16, readU32, writeU16, writeU32 } from './byte-order.js';
import { PacketDecodeError, clampEnd, needBytes } from './packet-decode-error.js';
import { IP_PROTO } from './protocol-numbers.js';

/**
 * One IPv6 extension header as found on the wire. `data` holds everything after the
 * next-header and length bytes, so the header can be re-encoded byte for byte.
 */
export interface Ipv6Extension {
  /** The protocol number that announced this header (0 hop-by-hop, 43 routing, 44 fragment, 60 destination options, 51 AH …). */
  type: number;
  nextHeader: number;
  data: Uint8Array;
}

/** The fields of a Fragment header (RFC 8200 §4.5), read from an extension's data. */
export interface Ipv6Fragment {
  /** In 8-octet units. */
  fragmentOffset: number;
  more: boolean;
  identification: number;
}

export interface Ipv6Header {
  dscp: number;
  ecn: number;
  flowLabel: number;
  /** Left undefined when building: the encoder fills it in. */
  payloadLength?: number;
  hopLimit: number;
  src: Ipv6Address;
  dst: Ipv6Address;
  /** Extension headers in order; the fixed header's Next Header is the first one's type. */
  extensions: Ipv6Extension[];
  /** The upper-layer protocol after the last extension header (59 = no next header). */
  upperProtocol: number;
}

export interface Ipv6Packet extends Ipv6Header {
  payloadLength: number;
  /** The fixed header's Next Header field. */
  nextHeader: number;
  /** 40 plus all extension headers walked. */
  headerLength: number;
  /** Set when a Fragment header is present. */
  fragment?: Ipv6Fragment;
  /**
   * True when the walk stopped at something it cannot see through: ESP (encrypted), or a
   * non-first fragment (its bytes continue another fragment's upper-layer header).
   */
  opaque: boolean;
  /** View of the upper-layer bytes up to the payload length. */
  payload: Uint8Array;
}

/** Extension headers that use the generic (next header, length in 8-octet units − 1) layout. */
function isGenericExtension(p: number): boolean {
  return p === IP_PROTO.HOPOPT || p === IP_PROTO.IPV6_ROUTE || p === IP_PROTO.IPV6_OPTS ||
    p === IP_PROTO.MOBILITY || p === IP_PROTO.HIP || p === IP_PROTO.SHIM6;
}

export function isIpv6Extension(p: number): boolean {
  return isGenericExtension(p) || p === IP_PROTO.IPV6_FRAG || p === IP_PROTO.AH || p === IP_PROTO.ESP;
}

export function decodeIpv6(buf: Uint8Array, offset = 0, end?: number): Ipv6Packet {
  const stop = clampEnd(buf, end);
  needBytes('ipv6', offset, 40, stop);
  const w = readU32(buf, offset);
  if (w >>> 28 !== 6) throw new PacketDecodeError('ipv6', offset, `version is ${w >>> 28}, not 6`);
  const payloadLength = readU16(buf, offset + 4);
  const payloadEnd = offset + 40 + payloadLength;
  // A zero payload length with a hop-by-hop header means a jumbogram (RFC 2675); not on Ethernet.
  if (payloadEnd > stop) {
    throw new PacketDecodeError('ipv6', offset + 4, `payload length ${payloadLength} exceeds the ${stop - offset - 40} bytes captured`, true);
  }
  const nextHeader = buf[offset + 6]!;
  const extensions: Ipv6Extension[] = [];
  let proto = nextHeader;
  let pos = offset + 40;
  let fragment: Ipv6Fragment | undefined;
  let opaque = false;
  while (isIpv6Extension(proto) && proto !== IP_PROTO.ESP) {
    const layer = `ipv6.ext[${extensions.length}]`;
    needBytes(layer, pos, 2, payloadEnd);
    let len: number;
    if (proto === IP_PROTO.IPV6_FRAG) len = 8;
    else if (proto === IP_PROTO.AH) len = (buf[pos + 1]! + 2) * 4; // RFC 4302: length in 32-bit words − 2
    else len = (buf[pos + 1]! + 1) * 8;
    needBytes(layer, pos, len, payloadEnd);
    const ext = { type: proto, nextHeader: buf[pos]!, data: copyBytes(buf, pos + 2, pos + len) };
    extensions.push(ext);
    if (proto === IP_PROTO.IPV6_FRAG) {
      const f = readU16(buf, pos + 2);
      fragment = { fragmentOffset: f >>> 3, more: (f & 1) === 1, identification: readU32(buf, pos + 4) };
    }
    pos += len;
    proto = ext.nextHeader;
    if (fragment && fragment.fragmentOffset !== 0) { opaque = true; break; }
  }
  if (proto === IP_PROTO.ESP) opaque = true;
  return {
    dscp: (w >>> 22) & 0x3f,
    ecn: (w >>> 20) & 3,
    flowLabel: w & 0xfffff,
    payloadLength,
    nextHeader,
    hopLimit: buf[offset + 7]!,
    src: Ipv6Address.fromBytes(buf, offset + 8),
    dst: Ipv6Address.fromBytes(buf, offset + 24),
    extensions,
    upperProtocol: proto,
    headerLength: pos - offset,
    fragment,
    opaque,
    payload: buf.subarray(pos, payloadEnd),
  };
}

/** Builds the fixed header plus extension headers; each extension's next header is taken as given. */
export function encodeIpv6(h: Ipv6Header, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const extBytes = h.extensions.map((e) => {
    const b = Buffer.alloc(2 + e.data.length);
    b[0] = e.nextHeader;
    const total = 2 + e.data.length;
    if (e.type === IP_PROTO.IPV6_FRAG) {
      b[1] = 0;
    } else if (e.type === IP_PROTO.AH) {
      if (total % 4 !== 0) throw new RangeError('AH length must be a multiple of 4 octets');
      b[1] = total / 4 - 2;
    } else {
      if (total % 8 !== 0) throw new RangeError(`extension ${e.type} length must be a multiple of 8 octets`);
      b[1] = total / 8 - 1;
    }
    b.set(e.data, 2);
    return b;
  });
  const extLen = extBytes.reduce((n, b) => n + b.length, 0);
  const out = Buffer.alloc(40 + extLen + payload.length);
  writeU32(out, 0, ((6 << 28) | ((h.dscp & 0x3f) << 22) | ((h.ecn & 3) << 20) | (h.flowLabel & 0xfffff)) >>> 0);
  writeU16(out, 4, h.payloadLength ?? extLen + payload.length);
  out[6] = h.extensions.length > 0 ? h.extensions[0]!.type : h.upperProtocol;
  out[7] = h.hopLimit;
  h.src.writeTo(out, 8);
  h.dst.writeTo(out, 24);
  let pos = 40;
  for (const b of extBytes) { out.set(b, pos); pos += b.length; }
  out.set(payload, pos);
  return out;
}

/** Builds a Fragment header's data (the 6 bytes after next header and reserved). */
export function ipv6FragmentData(f: Ipv6Fragment): Uint8Array {
  const d = new Uint8Array(6);
  writeU16(d, 0, ((f.fragmentOffset & 0x1fff) << 3) | (f.more ? 1 : 0));
  writeU32(d, 2, f.identification);
  return d;
}
