/**
 * The fixed byte layout of a flow key: every OpenFlow 1.3 OXM basic field (OF1.3 §7.2.3.7,
 * Table 11) at a fixed offset, in its OXM wire width and network byte order, after a presence
 * bitmap. A classifier builds (value, mask) arrays in this same layout and compares or hashes
 * `key & mask` without knowing any protocol.
 *
 * Presence bitmap: bytes [0, PRESENCE_BYTES); field with `bit` b is present when
 * `key[b >> 3] & (1 << (b & 7))`. "Present" means the packet has the field (its prerequisites
 * hold and the header was long enough), so a match on tcp_dst=0 can be told apart from a
 * non-TCP packet whose tcp_dst slot is zero. vlan_vid is always present for Ethernet frames:
 * its value 0 (OFPVID_NONE) means untagged, as in OF1.3 §7.2.3.8.
 */

/** OFPXMC_OPENFLOW_BASIC. */
export const OXM_CLASS_OPENFLOW_BASIC = 0x8000;

/** OFPVID_PRESENT: set in vlan_vid when the packet has a VLAN tag. */
export const OFPVID_PRESENT = 0x1000;
export const OFPVID_NONE = 0x0000;

/** ipv6_exthdr pseudo-field bits (OF1.3 §7.2.3.8, enum ofp_ipv6exthdr_flags). */
export const OFPIEH = {
  NONEXT: 1 << 0, ESP: 1 << 1, AUTH: 1 << 2, DEST: 1 << 3, FRAG: 1 << 4, ROUTER: 1 << 5, HOP: 1 << 6,
  UNREP: 1 << 7, UNSEQ: 1 << 8,
} as const;

/** A field the packet must already match for this one to be meaningful (OF1.3 Table 12). */
export type FlowKeyPrerequisite =
  | { field: FlowKeyFieldName; values: readonly number[] }
  /** vlan_pcp: vlan_vid must not be OFPVID_NONE. */
  | { field: 'vlan_vid'; tagged: true };

export interface FlowKeyField {
  name: FlowKeyFieldName;
  /** OXM field number within OFPXMC_OPENFLOW_BASIC (enum oxm_ofb_match_fields). */
  oxmField: number;
  /** Bit in the presence bitmap (equal to oxmField for the 40 basic fields). */
  bit: number;
  /** Byte offset of the value in the key. */
  offset: number;
  /** OXM payload width in bytes. */
  width: number;
  /** Meaningful bits (e.g. 6 for ip_dscp, 13 for vlan_vid with OFPVID_PRESENT). */
  bits: number;
  /** Whether OF1.3 allows a mask (OXM hasmask) for this field. */
  maskable: boolean;
  prerequisite?: FlowKeyPrerequisite;
}

const ETH_IP = [0x0800, 0x86dd];
const ETH_MPLS = [0x8847, 0x8848];

// name, oxm field, width, bits, maskable, prerequisite — in OXM field order (OF1.3 §7.2.3.7).
const SPEC = [
  ['in_port', 0, 4, 32, false, undefined],
  ['in_phy_port', 1, 4, 32, false, undefined],
  ['metadata', 2, 8, 64, true, undefined],
  ['eth_dst', 3, 6, 48, true, undefined],
  ['eth_src', 4, 6, 48, true, undefined],
  ['eth_type', 5, 2, 16, false, undefined],
  ['vlan_vid', 6, 2, 13, true, undefined],
  ['vlan_pcp', 7, 1, 3, false, { field: 'vlan_vid', tagged: true }],
  ['ip_dscp', 8, 1, 6, false, { field: 'eth_type', values: ETH_IP }],
  ['ip_ecn', 9, 1, 2, false, { field: 'eth_type', values: ETH_IP }],
  ['ip_proto', 10, 1, 8, false, { field: 'eth_type', values: ETH_IP }],
  ['ipv4_src', 11, 4, 32, true, { field: 'eth_type', values: [0x0800] }],
  ['ipv4_dst', 12, 4, 32, true, { field: 'eth_type', values: [0x0800] }],
  ['tcp_src', 13, 2, 16, false, { field: 'ip_proto', values: [6] }],
  ['tcp_dst', 14, 2, 16, false, { field: 'ip_proto', values: [6] }],
  ['udp_src', 15, 2, 16, false, { field: 'ip_proto', values: [17] }],
  ['udp_dst', 16, 2, 16, false, { field: 'ip_proto', values: [17] }],
  ['sctp_src', 17, 2, 16, false, { field: 'ip_proto', values: [132] }],
  ['sctp_dst', 18, 2, 16, false, { field: 'ip_proto', values: [132] }],
  ['icmpv4_type', 19, 1, 8, false, { field: 'ip_proto', values: [1] }],
  ['icmpv4_code', 20, 1, 8, false, { field: 'ip_proto', values: [1] }],
  ['arp_op', 21, 2, 16, false, { field: 'eth_type', values: [0x0806] }],
  ['arp_spa', 22, 4, 32, true, { field: 'eth_type', values: [0x0806] }],
  ['arp_tpa', 23, 4, 32, true, { field: 'eth_type', values: [0x0806] }],
  ['arp_sha', 24, 6, 48, true, { field: 'eth_type', values: [0x0806] }],
  ['arp_tha', 25, 6, 48, true, { field: 'eth_type', values: [0x0806] }],
  ['ipv6_src', 26, 16, 128, true, { field: 'eth_type', values: [0x86dd] }],
  ['ipv6_dst', 27, 16, 128, true, { field: 'eth_type', values: [0x86dd] }],
  ['ipv6_flabel', 28, 4, 20, true, { field: 'eth_type', values: [0x86dd] }],
  ['icmpv6_type', 29, 1, 8, false, { field: 'ip_proto', values: [58] }],
  ['icmpv6_code', 30, 1, 8, false, { field: 'ip_proto', values: [58] }],
  ['ipv6_nd_target', 31, 16, 128, false, { field: 'icmpv6_type', values: [135, 136] }],
  ['ipv6_nd_sll', 32, 6, 48, false, { field: 'icmpv6_type', values: [135] }],
  ['ipv6_nd_tll', 33, 6, 48, false, { field: 'icmpv6_type', values: [136] }],
  ['mpls_label', 34, 4, 20, false, { field: 'eth_type', values: ETH_MPLS }],
  ['mpls_tc', 35, 1, 3, false, { field: 'eth_type', values: ETH_MPLS }],
  ['mpls_bos', 36, 1, 1, false, { field: 'eth_type', values: ETH_MPLS }],
  ['pbb_isid', 37, 3, 24, true, { field: 'eth_type', values: [0x88e7] }],
  ['tunnel_id', 38, 8, 64, true, undefined],
  ['ipv6_exthdr', 39, 2, 9, true, { field: 'eth_type', values: [0x86dd] }],
] as const;

export type FlowKeyFieldName = (typeof SPEC)[number][0];

/** Bytes of presence bitmap at the start of the key (40 fields, rounded up to 8 bytes). */
export const PRESENCE_BYTES = 8;

export const FLOW_KEY_FIELDS: readonly FlowKeyField[] = (() => {
  let offset = PRESENCE_BYTES;
  return SPEC.map(([name, oxmField, width, bits, maskable, prerequisite]) => {
    const f: FlowKeyField = { name, oxmField, bit: oxmField, offset, width, bits, maskable };
    if (prerequisite) f.prerequisite = prerequisite as FlowKeyPrerequisite;
    offset += width;
    return Object.freeze(f);
  });
})();

/** Total key length in bytes. */
export const FLOW_KEY_LENGTH = FLOW_KEY_FIELDS.reduce((n, f) => Math.max(n, f.offset + f.width), 0);

export const FLOW_KEY_FIELD = Object.fromEntries(FLOW_KEY_FIELDS.map((f) => [f.name, f])) as Readonly<Record<FlowKeyFieldName, FlowKeyField>>;

/** By OXM field number (OFPXMC_OPENFLOW_BASIC), for the OXM codec. */
export const FLOW_KEY_FIELD_BY_OXM: readonly (FlowKeyField | undefined)[] =
  FLOW_KEY_FIELDS.reduce<(FlowKeyField | undefined)[]>((a, f) => { a[f.oxmField] = f; return a; }, []);

/**
 * Byte offsets, as constants, for the extractor. They are derived from the table above (not
 * written by hand) so the two can never disagree.
 */
export const OFS = Object.fromEntries(FLOW_KEY_FIELDS.map((f) => [f.name, f.offset])) as Readonly<Record<FlowKeyFieldName, number>>;

/**
 * Writes `value` (the field's OXM width, network order) into a key-layout array and sets the
 * field's presence bit. Used to build a match's value and mask arrays: put the field's value in
 * one and its mask (all ones when unmasked) in the other; both then carry the presence bit, so
 * `(key & mask) == value` also demands that the packet has the field.
 */
export function setFlowKeyField(target: Uint8Array, name: FlowKeyFieldName, value: Uint8Array): void {
  const f = FLOW_KEY_FIELD[name];
  if (value.length !== f.width) throw new RangeError(`${name} is ${f.width} bytes, got ${value.length}`);
  target.set(value, f.offset);
  target[f.bit >> 3]! |= 1 << (f.bit & 7);
}

/**
 * The reference masked comparison a classifier must agree with: every byte of `key & mask`
 * equals `value & mask`. O(key length); the real classifier hashes instead.
 */
export function flowKeyMaskedEquals(key: Uint8Array, value: Uint8Array, mask: Uint8Array): boolean {
  for (let i = 0; i < FLOW_KEY_LENGTH; i++) if ((key[i]! & mask[i]!) !== (value[i]! & mask[i]!)) return false;
  return true;
}
