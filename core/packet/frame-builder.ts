import type { Ipv4Address } from '../net/ipv4-address.js';
import type { Ipv6Address } from '../net/ipv6-address.js';
import type { MacAddress } from '../net/mac-address.js';
import { type ArpPacket, encodeArp } from './arp.js';
import { type EthernetHeader, type VlanTag, encodeEthernet } from './ethernet.js';
import { type IcmpHeader, encodeIcmp } from './icmp.js';
import { type Icmpv6Header, type NdMessage, encodeIcmpv6, encodeNdBody } from './icmpv6.js';
import { type Ipv4Header, encodeIpv4 } from './ipv4.js';
import { type Ipv6Extension, type Ipv6Header, encodeIpv6 } from './ipv6.js';
import { type MplsLabel, encodeMplsStack } from './mpls.js';
import { type PbbItag, encodePbbItag } from './pbb.js';
import { ETH_TYPE, IP_PROTO } from './protocol-numbers.js';
import { type TcpHeader, encodeTcp } from './tcp.js';
import type { PseudoHeader } from './transport-checksum.js';
import { type UdpHeader, encodeUdp } from './udp.js';

/**
 * Whole frames from a short description, with lengths, protocol numbers and checksums filled
 * in: what the controller needs to answer ARP, ICMP or send LLDP, and what tests and benchmarks
 * need to make traffic. Fields left out take the defaults a Linux host would use.
 */
export interface FrameSpec {
  dst: MacAddress;
  src: MacAddress;
  vlans?: VlanTag[];
  /** An MPLS label stack between Ethernet and the network layer. */
  mpls?: MplsLabel[];
  network: NetworkSpec;
}

export type NetworkSpec =
  | { arp: ArpPacket }
  | { ipv4: Ipv4Spec; transport?: TransportSpec; payload?: Uint8Array }
  | { ipv6: Ipv6Spec; transport?: TransportSpec; payload?: Uint8Array }
  | { etherType: number; payload: Uint8Array };

export type Ipv4Spec = Partial<Omit<Ipv4Header, 'src' | 'dst'>> & { src: Ipv4Address; dst: Ipv4Address };
export type Ipv6Spec = Partial<Omit<Ipv6Header, 'src' | 'dst'>> & { src: Ipv6Address; dst: Ipv6Address };

export type TransportSpec =
  | { tcp: Partial<TcpHeader> & { srcPort: number; dstPort: number } }
  | { udp: UdpHeader }
  | { sctp: { srcPort: number; dstPort: number } }
  | { icmp: Partial<IcmpHeader> & { type: number } }
  | { icmpv6: Partial<Icmpv6Header> & { type: number }; nd?: NdMessage };

function transportBytes(t: TransportSpec | undefined, payload: Uint8Array, ip: PseudoHeader): { proto: number; bytes: Uint8Array } | undefined {
  if (!t) return undefined;
  if ('tcp' in t) {
    const h: TcpHeader = { seq: 0, ack: 0, flags: 0x002, window: 64240, urgentPointer: 0, options: [], ...t.tcp };
    return { proto: IP_PROTO.TCP, bytes: encodeTcp(h, payload, ip) };
  }
  if ('udp' in t) return { proto: IP_PROTO.UDP, bytes: encodeUdp(t.udp, payload, ip) };
  if ('sctp' in t) {
    // Common header only (ports, verification tag, CRC32c left zero): enough for classification.
    const b = Buffer.alloc(12 + payload.length);
    b.writeUInt16BE(t.sctp.srcPort, 0);
    b.writeUInt16BE(t.sctp.dstPort, 2);
    b.set(payload, 12);
    return { proto: IP_PROTO.SCTP, bytes: b };
  }
  if ('icmp' in t) {
    return { proto: IP_PROTO.ICMP, bytes: encodeIcmp({ code: 0, restOfHeader: 0, ...t.icmp }, payload) };
  }
  const body = t.nd ? Buffer.concat([encodeNdBody(t.nd), payload]) : payload;
  return { proto: IP_PROTO.ICMPV6, bytes: encodeIcmpv6({ code: 0, ...t.icmpv6 }, body, ip) };
}

function networkBytes(n: NetworkSpec): { etherType: number; bytes: Uint8Array } {
  if ('arp' in n) return { etherType: ETH_TYPE.ARP, bytes: encodeArp(n.arp) };
  if ('etherType' in n) return { etherType: n.etherType, bytes: n.payload };
  const payload = n.payload ?? new Uint8Array(0);
  if ('ipv4' in n) {
    const s = n.ipv4;
    const l4 = transportBytes(n.transport, payload, { src: s.src, dst: s.dst });
    const h: Ipv4Header = {
      dscp: 0, ecn: 0, identification: 0, df: true, mf: false, fragmentOffset: 0, ttl: 64,
      protocol: l4?.proto ?? 0, options: new Uint8Array(0), ...s,
    };
    return { etherType: ETH_TYPE.IPV4, bytes: encodeIpv4(h, l4?.bytes ?? payload) };
  }
  const s = n.ipv6;
  const l4 = transportBytes(n.transport, payload, { src: s.src, dst: s.dst });
  const extensions: Ipv6Extension[] = s.extensions ?? [];
  const h: Ipv6Header = {
    dscp: 0, ecn: 0, flowLabel: 0, hopLimit: 64, upperProtocol: l4?.proto ?? IP_PROTO.IPV6_NONXT, ...s, extensions,
  };
  return { etherType: ETH_TYPE.IPV6, bytes: encodeIpv6(h, l4?.bytes ?? payload) };
}

export function buildFrame(spec: FrameSpec): Buffer {
  const net = networkBytes(spec.network);
  let etherType = net.etherType;
  let body: Uint8Array = net.bytes;
  if (spec.mpls && spec.mpls.length > 0) {
    body = Buffer.concat([encodeMplsStack(spec.mpls), body]);
    etherType = ETH_TYPE.MPLS;
  }
  const eth: EthernetHeader = { dst: spec.dst, src: spec.src, vlans: spec.vlans ?? [], etherType };
  return encodeEthernet(eth, body);
}

/** An 802.1ah frame: backbone header, I-TAG, then the customer frame unchanged. */
export function buildPbbFrame(backbone: { dst: MacAddress; src: MacAddress; vlans?: VlanTag[] }, itag: PbbItag, customerFrame: Uint8Array): Buffer {
  return encodeEthernet(
    { dst: backbone.dst, src: backbone.src, vlans: backbone.vlans ?? [], etherType: ETH_TYPE.PBB },
    Buffer.concat([encodePbbItag(itag), customerFrame]),
  );
}
