import { type ArpPacket, decodeArp } from './arp.js';
import { type DnsMessage, DNS_PORT, decodeDns } from './dns.js';
import { type EthernetFrame, decodeEthernet } from './ethernet.js';
import { type IcmpMessage, decodeIcmp } from './icmp.js';
import { type Icmpv6Message, decodeIcmpv6 } from './icmpv6.js';
import { type Ipv4Packet, decodeIpv4 } from './ipv4.js';
import { type Ipv6Packet, decodeIpv6 } from './ipv6.js';
import { type LldpPdu, decodeLldp } from './lldp.js';
import { type MplsLabel, decodeMplsStack } from './mpls.js';
import { PacketDecodeError } from './packet-decode-error.js';
import { type PbbItag, decodePbbItag } from './pbb.js';
import { ETH_TYPE, IP_PROTO } from './protocol-numbers.js';
import { type TcpSegment, decodeTcp } from './tcp.js';
import { type UdpDatagram, decodeUdp } from './udp.js';

/**
 * One frame decoded layer by layer: the parsed view the controller's packet-in processors share.
 *
 * Decoding is best-effort: layers are filled outside in, and when one is malformed the layers
 * above it are left out and `error` says why, so an L2 processor can still learn a MAC from a
 * frame whose TCP header is garbage. Unlike flow-key extraction this allocates freely.
 */
export interface DecodedPacket {
  eth: EthernetFrame;
  mpls?: MplsLabel[];
  pbb?: PbbItag;
  /** The customer frame inside a PBB I-TAG. */
  inner?: DecodedPacket;
  arp?: ArpPacket;
  ipv4?: Ipv4Packet;
  ipv6?: Ipv6Packet;
  tcp?: TcpSegment;
  udp?: UdpDatagram;
  icmp?: IcmpMessage;
  icmpv6?: Icmpv6Message;
  lldp?: LldpPdu;
  /** DNS over UDP port 53 (either direction). */
  dns?: DnsMessage;
  /** The first malformed layer, when there was one. */
  error?: PacketDecodeError;
}

/** Throws PacketDecodeError only when even the Ethernet header is unreadable. */
export function decodePacket(frame: Uint8Array): DecodedPacket {
  const eth = decodeEthernet(frame);
  const p: DecodedPacket = { eth };
  try {
    decodeAbove(frame, eth.headerLength, eth.etherType, p);
  } catch (e) {
    if (!(e instanceof PacketDecodeError)) throw e;
    p.error = e;
  }
  return p;
}

function decodeAbove(frame: Uint8Array, at: number, etherType: number, p: DecodedPacket): void {
  switch (etherType) {
    case ETH_TYPE.ARP: p.arp = decodeArp(frame, at); return;
    case ETH_TYPE.LLDP: p.lldp = decodeLldp(frame, at); return;
    case ETH_TYPE.MPLS: case ETH_TYPE.MPLS_MCAST: p.mpls = decodeMplsStack(frame, at).labels; return;
    case ETH_TYPE.PBB: {
      p.pbb = decodePbbItag(frame, at);
      p.inner = decodePacket(frame.subarray(at + 4));
      return;
    }
    case ETH_TYPE.IPV4: {
      const ip = (p.ipv4 = decodeIpv4(frame, at));
      if (ip.fragmentOffset !== 0) return;
      const l4 = at + ip.headerLength;
      decodeTransport(frame, l4, at + ip.totalLength, ip.protocol, p);
      return;
    }
    case ETH_TYPE.IPV6: {
      const ip = (p.ipv6 = decodeIpv6(frame, at));
      if (ip.opaque) return;
      decodeTransport(frame, at + ip.headerLength, at + 40 + ip.payloadLength, ip.upperProtocol, p);
      return;
    }
  }
}

function decodeTransport(frame: Uint8Array, l4: number, end: number, proto: number, p: DecodedPacket): void {
  switch (proto) {
    case IP_PROTO.TCP: p.tcp = decodeTcp(frame, l4, end); return;
    case IP_PROTO.ICMP: p.icmp = decodeIcmp(frame, l4, end); return;
    case IP_PROTO.ICMPV6: p.icmpv6 = decodeIcmpv6(frame, l4, end); return;
    case IP_PROTO.UDP: {
      const udp = (p.udp = decodeUdp(frame, l4, end));
      if (udp.srcPort === DNS_PORT || udp.dstPort === DNS_PORT) p.dns = decodeDns(frame, l4 + 8, l4 + udp.length);
      return;
    }
  }
}
