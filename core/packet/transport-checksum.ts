import { Ipv4Address } from '../net/ipv4-address.js';
import type { Ipv6Address } from '../net/ipv6-address.js';
import { checksumVerifies, internetChecksum, ipv4PseudoHeaderSum, ipv6PseudoHeaderSum } from './checksum.js';

/** The addresses a TCP, UDP or ICMPv6 checksum covers through the pseudo-header. */
export type PseudoHeader =
  | { src: Ipv4Address; dst: Ipv4Address }
  | { src: Ipv6Address; dst: Ipv6Address };

function pseudoSum(ip: PseudoHeader, protocol: number, length: number): number {
  if (ip.src instanceof Ipv4Address) {
    return ipv4PseudoHeaderSum(ip.src.value, (ip.dst as Ipv4Address).value, protocol, length);
  }
  return ipv6PseudoHeaderSum(ip.src.toBytes(), (ip.dst as Ipv6Address).toBytes(), protocol, length);
}

/** The checksum for a whole segment whose own checksum field is zero. */
export function transportChecksum(ip: PseudoHeader, protocol: number, segment: Uint8Array): number {
  return internetChecksum(segment, 0, segment.length, pseudoSum(ip, protocol, segment.length));
}

/** True when a received segment (checksum field included) verifies against the pseudo-header. */
export function transportChecksumValid(ip: PseudoHeader, protocol: number, segment: Uint8Array): boolean {
  return checksumVerifies(segment, 0, segment.length, pseudoSum(ip, protocol, segment.length));
}
