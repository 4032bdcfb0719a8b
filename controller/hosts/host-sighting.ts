/**
 * What a packet-in says about its sender: a `Sighting`, or nothing when the frame does not
 * identify a host (group source MAC, all-zero addresses, DAD probes from `::`).
 *
 * Addresses are taken only from fields the sender states about itself: the ARP sender
 * (when it matches the Ethernet source, so a proxy reply does not claim another's address),
 * the IPv4 source, the IPv6 source. Multicast and unspecified sources are not addresses.
 */
import { Ipv6Address } from '../../core/net/ipv6-address.js';
import type { DecodedPacket } from '../../core/packet/packet.js';
import type { PortRef } from '../paths/link.js';
import type { Sighting } from './host-table.js';

export function sightingOf(packet: DecodedPacket, location: PortRef): Sighting | undefined {
  const mac = packet.eth.src;
  if (mac.isMulticast || mac.value === 0) return undefined;
  const vlan = packet.eth.vlans[0]?.vid ?? 0;
  const s: Sighting = { mac, vlan, location };
  if (packet.arp !== undefined) {
    if (packet.arp.sha.equals(mac) && packet.arp.spa.value !== 0) s.ipv4 = packet.arp.spa.toString();
  } else if (packet.ipv4 !== undefined) {
    const src = packet.ipv4.src;
    if (src.value !== 0 && !src.isMulticast && src.value !== 0xffffffff) s.ipv4 = src.toString();
  } else if (packet.ipv6 !== undefined) {
    const src = packet.ipv6.src;
    if (!src.isMulticast && !src.equals(Ipv6Address.ANY)) s.ipv6 = src.toString();
  }
  return s;
}
