import { Ipv4Address } from '../net/ipv4-address.js';
import { MacAddress } from '../net/mac-address.js';
import { readU16, writeU16 } from './byte-order.js';
import { PacketDecodeError, clampEnd, needBytes } from './packet-decode-error.js';
import { ETH_TYPE } from './protocol-numbers.js';

/** ARP operation codes (RFC 826, RFC 5494 registry). */
export const ARP_OP = { REQUEST: 1, REPLY: 2 } as const;
export const ARP_HTYPE_ETHERNET = 1;

/** An ARP packet for IPv4 over Ethernet, the only kind OpenFlow's arp_* fields describe. */
export interface ArpPacket {
  op: number;
  sha: MacAddress;
  spa: Ipv4Address;
  tha: MacAddress;
  tpa: Ipv4Address;
}

export const ARP_LENGTH = 28;

export function decodeArp(buf: Uint8Array, offset = 0, end?: number): ArpPacket {
  const stop = clampEnd(buf, end);
  needBytes('arp', offset, 8, stop);
  const htype = readU16(buf, offset);
  const ptype = readU16(buf, offset + 2);
  const hlen = buf[offset + 4]!;
  const plen = buf[offset + 5]!;
  if (htype !== ARP_HTYPE_ETHERNET || ptype !== ETH_TYPE.IPV4 || hlen !== 6 || plen !== 4) {
    throw new PacketDecodeError('arp', offset,
      `not Ethernet/IPv4 ARP (htype ${htype}, ptype 0x${ptype.toString(16)}, hlen ${hlen}, plen ${plen})`);
  }
  needBytes('arp', offset, ARP_LENGTH, stop);
  return {
    op: readU16(buf, offset + 6),
    sha: MacAddress.fromBytes(buf, offset + 8),
    spa: Ipv4Address.fromBytes(buf, offset + 14),
    tha: MacAddress.fromBytes(buf, offset + 18),
    tpa: Ipv4Address.fromBytes(buf, offset + 24),
  };
}

export function encodeArp(a: ArpPacket): Buffer {
  const out = Buffer.alloc(ARP_LENGTH);
  writeU16(out, 0, ARP_HTYPE_ETHERNET);
  writeU16(out, 2, ETH_TYPE.IPV4);
  out[4] = 6;
  out[5] = 4;
  writeU16(out, 6, a.op);
  a.sha.writeTo(out, 8);
  a.spa.writeTo(out, 14);
  a.tha.writeTo(out, 18);
  a.tpa.writeTo(out, 24);
  return out;
}
