import { Ipv6Address } from '../net/ipv6-address.js';
import { MacAddress } from '../net/mac-address.js';
import { copyBytes, readU16, readU32, writeU16, writeU32 } from './byte-order.js';
import { PacketDecodeError, clampEnd, needBytes } from './packet-decode-error.js';
import { IP_PROTO } from './protocol-numbers.js';
import { type PseudoHeader, transportChecksum, transportChecksumValid } from './transport-checksum.js';

/** ICMPv6 types (RFC 4443, RFC 4861). */
export const ICMPV6_TYPE = {
  DEST_UNREACHABLE: 1, PACKET_TOO_BIG: 2, TIME_EXCEEDED: 3, PARAMETER_PROBLEM: 4,
  ECHO_REQUEST: 128, ECHO_REPLY: 129,
  ROUTER_SOLICITATION: 133, ROUTER_ADVERTISEMENT: 134,
  NEIGHBOR_SOLICITATION: 135, NEIGHBOR_ADVERTISEMENT: 136, REDIRECT: 137,
} as const;

/** Neighbor Discovery option types (RFC 4861 §4.6). */
export const ND_OPT = {
  SOURCE_LINK_LAYER_ADDRESS: 1, TARGET_LINK_LAYER_ADDRESS: 2, PREFIX_INFORMATION: 3, REDIRECTED_HEADER: 4, MTU: 5,
} as const;

export interface NdOption {
  type: number;
  /** The option after type and length, padding included (length × 8 − 2 bytes). */
  data: Uint8Array;
}

/** The Neighbor Discovery part of NS / NA / RS / RA messages. */
export type NdMessage =
  | { kind: 'rs'; options: NdOption[] }
  | { kind: 'ra'; curHopLimit: number; managed: boolean; other: boolean; routerLifetime: number;
      reachableTime: number; retransTimer: number; options: NdOption[] }
  | { kind: 'ns'; target: Ipv6Address; options: NdOption[] }
  | { kind: 'na'; router: boolean; solicited: boolean; override: boolean; target: Ipv6Address; options: NdOption[] };

export interface Icmpv6Header {
  type: number;
  code: number;
  /** Left undefined when building: computed over the IPv6 pseudo-header. */
  checksum?: number;
}

export interface Icmpv6Message extends Icmpv6Header {
  checksum: number;
  /** Everything after type, code and checksum. */
  body: Uint8Array;
  /** Set for RS, RA, NS and NA; undefined for other types. */
  nd?: NdMessage;
}

export function decodeIcmpv6(buf: Uint8Array, offset = 0, end?: number): Icmpv6Message {
  const stop = clampEnd(buf, end);
  needBytes('icmpv6', offset, 4, stop);
  const type = buf[offset]!;
  const msg: Icmpv6Message = {
    type,
    code: buf[offset + 1]!,
    checksum: readU16(buf, offset + 2),
    body: buf.subarray(offset + 4, stop),
  };
  const b = offset + 4;
  switch (type) {
    case ICMPV6_TYPE.ROUTER_SOLICITATION:
      needBytes('icmpv6.rs', b, 4, stop);
      msg.nd = { kind: 'rs', options: decodeNdOptions(buf, b + 4, stop) };
      break;
    case ICMPV6_TYPE.ROUTER_ADVERTISEMENT:
      needBytes('icmpv6.ra', b, 12, stop);
      msg.nd = {
        kind: 'ra', curHopLimit: buf[b]!, managed: (buf[b + 1]! & 0x80) !== 0, other: (buf[b + 1]! & 0x40) !== 0,
        routerLifetime: readU16(buf, b + 2), reachableTime: readU32(buf, b + 4), retransTimer: readU32(buf, b + 8),
        options: decodeNdOptions(buf, b + 12, stop),
      };
      break;
    case ICMPV6_TYPE.NEIGHBOR_SOLICITATION:
      needBytes('icmpv6.ns', b, 20, stop);
      msg.nd = { kind: 'ns', target: Ipv6Address.fromBytes(buf, b + 4), options: decodeNdOptions(buf, b + 20, stop) };
      break;
    case ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT:
      needBytes('icmpv6.na', b, 20, stop);
      msg.nd = {
        kind: 'na', router: (buf[b]! & 0x80) !== 0, solicited: (buf[b]! & 0x40) !== 0, override: (buf[b]! & 0x20) !== 0,
        target: Ipv6Address.fromBytes(buf, b + 4), options: decodeNdOptions(buf, b + 20, stop),
      };
      break;
  }
  return msg;
}

/** RFC 4861 §4.6: options are (type, length in 8-octet units); length 0 is invalid. */
export function decodeNdOptions(buf: Uint8Array, start: number, end: number): NdOption[] {
  const out: NdOption[] = [];
  for (let i = start; i < end;) {
    needBytes('icmpv6.nd_option', i, 2, end);
    const len = buf[i + 1]! * 8;
    if (len === 0) throw new PacketDecodeError('icmpv6.nd_option', i + 1, 'option length is zero');
    needBytes('icmpv6.nd_option', i, len, end);
    out.push({ type: buf[i]!, data: copyBytes(buf, i + 2, i + len) });
    i += len;
  }
  return out;
}

/** The link-layer address in a source/target link-layer address option on Ethernet. */
export function ndLinkLayerAddress(options: readonly NdOption[], type: number): MacAddress | undefined {
  const o = options.find((x) => x.type === type);
  return o && o.data.length >= 6 ? MacAddress.fromBytes(o.data, 0) : undefined;
}

/** A link-layer address option for Ethernet (8 bytes: type, length 1, MAC). */
export function ndLinkLayerOption(type: number, mac: MacAddress): NdOption {
  return { type, data: mac.toBytes() };
}

function encodeNdOptions(options: readonly NdOption[]): Buffer {
  return Buffer.concat(options.map((o) => {
    const len = Math.ceil((o.data.length + 2) / 8) * 8;
    const b = Buffer.alloc(len);
    b[0] = o.type;
    b[1] = len / 8;
    b.set(o.data, 2);
    return b;
  }));
}

/** The body (after the 4-byte ICMPv6 header) of an ND message. */
export function encodeNdBody(nd: NdMessage): Buffer {
  const opts = encodeNdOptions(nd.options);
  let fixed: Buffer;
  switch (nd.kind) {
    case 'rs':
      fixed = Buffer.alloc(4);
      break;
    case 'ra':
      fixed = Buffer.alloc(12);
      fixed[0] = nd.curHopLimit;
      fixed[1] = (nd.managed ? 0x80 : 0) | (nd.other ? 0x40 : 0);
      writeU16(fixed, 2, nd.routerLifetime);
      writeU32(fixed, 4, nd.reachableTime);
      writeU32(fixed, 8, nd.retransTimer);
      break;
    case 'ns':
    case 'na':
      fixed = Buffer.alloc(20);
      if (nd.kind === 'na') fixed[0] = (nd.router ? 0x80 : 0) | (nd.solicited ? 0x40 : 0) | (nd.override ? 0x20 : 0);
      nd.target.writeTo(fixed, 4);
      break;
  }
  return Buffer.concat([fixed, opts]);
}

export function encodeIcmpv6(h: Icmpv6Header, body: Uint8Array, ip: PseudoHeader): Buffer {
  const out = Buffer.alloc(4 + body.length);
  out[0] = h.type;
  out[1] = h.code;
  out.set(body, 4);
  writeU16(out, 2, h.checksum ?? transportChecksum(ip, IP_PROTO.ICMPV6, out));
  return out;
}

export function icmpv6ChecksumValid(message: Uint8Array, ip: PseudoHeader): boolean {
  return transportChecksumValid(ip, IP_PROTO.ICMPV6, message);
}
