// Protocol numbers by their registry names: IEEE EtherTypes and IANA IP protocol numbers.

export const ETH_TYPE = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100, // IEEE 802.1Q C-tag
  IPV6: 0x86dd,
  MPLS: 0x8847,
  MPLS_MCAST: 0x8848,
  QINQ: 0x88a8, // IEEE 802.1ad S-tag
  PBB: 0x88e7, // IEEE 802.1ah I-tag
  LLDP: 0x88cc,
  /** Pre-standard QinQ S-tag still sent by some equipment. */
  VLAN_LEGACY_QINQ: 0x9100,
} as const;

/** Values below this in the EtherType position are IEEE 802.3 lengths, not types. */
export const ETH_TYPE_MIN = 0x0600;

export const IP_PROTO = {
  HOPOPT: 0,
  ICMP: 1,
  TCP: 6,
  UDP: 17,
  IPV6_ROUTE: 43,
  IPV6_FRAG: 44,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  IPV6_NONXT: 59,
  IPV6_OPTS: 60,
  SCTP: 132,
  MOBILITY: 135,
  HIP: 139,
  SHIM6: 140,
} as const;

/** True for the TPIDs that introduce an 802.1Q / 802.1ad tag. */
export function isVlanTpid(t: number): boolean {
  return t === ETH_TYPE.VLAN || t === ETH_TYPE.QINQ || t === ETH_TYPE.VLAN_LEGACY_QINQ;
}
