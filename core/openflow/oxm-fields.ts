/**
 * The OXM field table: every field this codec can name, with its wire identity, width and
 * maskability.
 *
 * Identity is (oxm_class, oxm_field) for the 32-bit-header classes, plus the experimenter id for
 * class 0xffff (whose header is 64 bits). Names are the lowercase names Ryu and Open vSwitch use
 * (`eth_dst`, `reg0`, `eth_dst_nxm` for the NXM_OF_ copy of a basic field), so flows read the same
 * in our logs, Ryu's JSON and `ovs-ofctl` output.
 *
 * Sources: OpenFlow 1.3.5 §7.2.3.7 (Table 12, OFPXMT_OFB_*: widths and "Maskable"), Open vSwitch's
 * meta-flow field list for the NXM_OF_/NXM_NX_ classes and Nicira experimenter OXMs, ONF EXT-256
 * for pbb_uca (OF1.3 encodes it with oxm_field 0 and a 16-bit exp_type 2560 after the experimenter).
 */

/** oxm_class values (OF1.3 §7.2.3.2, enum ofp_oxm_class). */
export const OFPXMC = {
  NXM_0: 0x0000,
  NXM_1: 0x0001,
  OPENFLOW_BASIC: 0x8000,
  PACKET_REGS: 0x8001,
  EXPERIMENTER: 0xffff,
} as const;

/** Experimenter ids seen in OXM class 0xffff and experimenter actions. */
export const OXM_EXPERIMENTER = {
  /** Nicira (OVS). */
  NX: 0x00002320,
  /** Nicira's Network Service Header extension. */
  NX_NSH: 0x005ad650,
  /** Open Networking Foundation ("ONF\0"). */
  ONF: 0x4f4e4600,
} as const;

/**
 * How a field's value is held in a decoded TLV (see match.ts for the full rationale):
 * unsigned integers of up to 4 bytes are `number`, wider integers are `bigint`, addresses are
 * canonical strings.
 */
export type OxmKind = 'u8' | 'u16' | 'u24' | 'u32' | 'u64' | 'u128' | 'mac' | 'ipv4' | 'ipv6';

/** Bytes on the wire for one value (a masked TLV carries twice this). */
export const OXM_KIND_WIDTH: Readonly<Record<OxmKind, number>> = {
  u8: 1, u16: 2, u24: 3, u32: 4, u64: 8, u128: 16, mac: 6, ipv4: 4, ipv6: 16,
};

export interface OxmFieldSpec {
  readonly oxmClass: number;
  readonly field: number;
  readonly kind: OxmKind;
  /**
   * Whether a mask is allowed. The spec decides this for OPENFLOW_BASIC only; for the Nicira and
   * experimenter classes the switch (OVS) is the authority, so the codec records a hint but does
   * not reject masks there.
   */
  readonly maskable: boolean;
  /** Significant bits when fewer than the wire width (vlan_vid: 12 + OFPVID_PRESENT). */
  readonly bits?: number;
  /** Experimenter id (class 0xffff only). */
  readonly experimenter?: number;
  /** EXT-256 style experimenter OXMs carry a 16-bit exp_type after the experimenter id. */
  readonly expType?: number;
}

const B = OFPXMC.OPENFLOW_BASIC;
const N0 = OFPXMC.NXM_0;
const N1 = OFPXMC.NXM_1;
const X = OFPXMC.EXPERIMENTER;

// The helpers keep each entry's kind as a literal type, so OxmValueOf<'in_port'> is number.
type Spec<K extends OxmKind> = OxmFieldSpec & { readonly kind: K };

function basic<K extends OxmKind>(field: number, kind: K, maskable: boolean, bits?: number): Spec<K> {
  return bits === undefined ? { oxmClass: B, field, kind, maskable } : { oxmClass: B, field, kind, maskable, bits };
}
function nxm0<K extends OxmKind>(field: number, kind: K, maskable: boolean): Spec<K> {
  return { oxmClass: N0, field, kind, maskable };
}
function nxm1<K extends OxmKind>(field: number, kind: K, maskable: boolean): Spec<K> {
  return { oxmClass: N1, field, kind, maskable };
}
function exp<K extends OxmKind>(experimenter: number, field: number, kind: K, maskable: boolean, expType?: number): Spec<K> {
  return expType === undefined
    ? { oxmClass: X, field, kind, maskable, experimenter }
    : { oxmClass: X, field, kind, maskable, experimenter, expType };
}

export const OXM_FIELDS = {
  // OFPXMC_OPENFLOW_BASIC, OF1.3 Table 12, in field-number order.
  in_port: basic(0, 'u32', false),
  in_phy_port: basic(1, 'u32', false),
  metadata: basic(2, 'u64', true),
  eth_dst: basic(3, 'mac', true),
  eth_src: basic(4, 'mac', true),
  eth_type: basic(5, 'u16', false),
  vlan_vid: basic(6, 'u16', true, 13),
  vlan_pcp: basic(7, 'u8', false, 3),
  ip_dscp: basic(8, 'u8', false, 6),
  ip_ecn: basic(9, 'u8', false, 2),
  ip_proto: basic(10, 'u8', false),
  ipv4_src: basic(11, 'ipv4', true),
  ipv4_dst: basic(12, 'ipv4', true),
  tcp_src: basic(13, 'u16', false),
  tcp_dst: basic(14, 'u16', false),
  udp_src: basic(15, 'u16', false),
  udp_dst: basic(16, 'u16', false),
  sctp_src: basic(17, 'u16', false),
  sctp_dst: basic(18, 'u16', false),
  icmpv4_type: basic(19, 'u8', false),
  icmpv4_code: basic(20, 'u8', false),
  arp_op: basic(21, 'u16', false),
  arp_spa: basic(22, 'ipv4', true),
  arp_tpa: basic(23, 'ipv4', true),
  arp_sha: basic(24, 'mac', true),
  arp_tha: basic(25, 'mac', true),
  ipv6_src: basic(26, 'ipv6', true),
  ipv6_dst: basic(27, 'ipv6', true),
  ipv6_flabel: basic(28, 'u32', true, 20),
  icmpv6_type: basic(29, 'u8', false),
  icmpv6_code: basic(30, 'u8', false),
  ipv6_nd_target: basic(31, 'ipv6', false),
  ipv6_nd_sll: basic(32, 'mac', false),
  ipv6_nd_tll: basic(33, 'mac', false),
  mpls_label: basic(34, 'u32', false, 20),
  mpls_tc: basic(35, 'u8', false, 3),
  mpls_bos: basic(36, 'u8', false, 1),
  pbb_isid: basic(37, 'u24', true),
  tunnel_id: basic(38, 'u64', true),
  ipv6_exthdr: basic(39, 'u16', true, 9),

  // NXM_OF_* (class 0x0000): OpenFlow 1.0 fields in NXM form.
  in_port_nxm: nxm0(0, 'u16', false),
  eth_dst_nxm: nxm0(1, 'mac', true),
  eth_src_nxm: nxm0(2, 'mac', true),
  eth_type_nxm: nxm0(3, 'u16', false),
  vlan_tci: nxm0(4, 'u16', true),
  nw_tos: nxm0(5, 'u8', false),
  ip_proto_nxm: nxm0(6, 'u8', false),
  ipv4_src_nxm: nxm0(7, 'ipv4', true),
  ipv4_dst_nxm: nxm0(8, 'ipv4', true),
  tcp_src_nxm: nxm0(9, 'u16', true),
  tcp_dst_nxm: nxm0(10, 'u16', true),
  udp_src_nxm: nxm0(11, 'u16', true),
  udp_dst_nxm: nxm0(12, 'u16', true),
  icmpv4_type_nxm: nxm0(13, 'u8', false),
  icmpv4_code_nxm: nxm0(14, 'u8', false),
  arp_op_nxm: nxm0(15, 'u16', false),
  arp_spa_nxm: nxm0(16, 'ipv4', true),
  arp_tpa_nxm: nxm0(17, 'ipv4', true),

  // NXM_NX_* (class 0x0001): Nicira extensions.
  reg0: nxm1(0, 'u32', true),
  reg1: nxm1(1, 'u32', true),
  reg2: nxm1(2, 'u32', true),
  reg3: nxm1(3, 'u32', true),
  reg4: nxm1(4, 'u32', true),
  reg5: nxm1(5, 'u32', true),
  reg6: nxm1(6, 'u32', true),
  reg7: nxm1(7, 'u32', true),
  reg8: nxm1(8, 'u32', true),
  reg9: nxm1(9, 'u32', true),
  reg10: nxm1(10, 'u32', true),
  reg11: nxm1(11, 'u32', true),
  reg12: nxm1(12, 'u32', true),
  reg13: nxm1(13, 'u32', true),
  reg14: nxm1(14, 'u32', true),
  reg15: nxm1(15, 'u32', true),
  tunnel_id_nxm: nxm1(16, 'u64', true),
  arp_sha_nxm: nxm1(17, 'mac', true),
  arp_tha_nxm: nxm1(18, 'mac', true),
  ipv6_src_nxm: nxm1(19, 'ipv6', true),
  ipv6_dst_nxm: nxm1(20, 'ipv6', true),
  icmpv6_type_nxm: nxm1(21, 'u8', false),
  icmpv6_code_nxm: nxm1(22, 'u8', false),
  nd_target: nxm1(23, 'ipv6', true),
  nd_sll: nxm1(24, 'mac', true),
  nd_tll: nxm1(25, 'mac', true),
  ip_frag: nxm1(26, 'u8', true),
  ipv6_label: nxm1(27, 'u32', true),
  ip_ecn_nxm: nxm1(28, 'u8', false),
  nw_ttl: nxm1(29, 'u8', false),
  mpls_ttl: nxm1(30, 'u8', false),
  tun_ipv4_src: nxm1(31, 'ipv4', true),
  tun_ipv4_dst: nxm1(32, 'ipv4', true),
  pkt_mark: nxm1(33, 'u32', true),
  tcp_flags_nxm: nxm1(34, 'u16', true),
  dp_hash_nxm: nxm1(35, 'u32', true),
  recirc_id: nxm1(36, 'u32', false),
  conj_id: nxm1(37, 'u32', false),
  tun_gbp_id: nxm1(38, 'u16', true),
  tun_gbp_flags: nxm1(39, 'u8', true),
  tun_flags: nxm1(104, 'u16', true),
  ct_state: nxm1(105, 'u32', true),
  ct_zone: nxm1(106, 'u16', false),
  ct_mark: nxm1(107, 'u32', true),
  ct_label: nxm1(108, 'u128', true),
  tun_ipv6_src: nxm1(109, 'ipv6', true),
  tun_ipv6_dst: nxm1(110, 'ipv6', true),
  xxreg0: nxm1(111, 'u128', true),
  xxreg1: nxm1(112, 'u128', true),
  xxreg2: nxm1(113, 'u128', true),
  xxreg3: nxm1(114, 'u128', true),

  // OFPXMC_EXPERIMENTER (64-bit header).
  pbb_uca: exp(OXM_EXPERIMENTER.ONF, 0, 'u8', false, 2560),
  tcp_flags: exp(OXM_EXPERIMENTER.ONF, 42, 'u16', true),
  actset_output: exp(OXM_EXPERIMENTER.ONF, 43, 'u32', false),
  dp_hash: exp(OXM_EXPERIMENTER.NX, 0, 'u32', true),
  nsh_flags: exp(OXM_EXPERIMENTER.NX_NSH, 1, 'u8', true),
  nsh_mdtype: exp(OXM_EXPERIMENTER.NX_NSH, 2, 'u8', false),
  nsh_np: exp(OXM_EXPERIMENTER.NX_NSH, 3, 'u8', false),
  nsh_spi: exp(OXM_EXPERIMENTER.NX_NSH, 4, 'u32', false),
  nsh_si: exp(OXM_EXPERIMENTER.NX_NSH, 5, 'u8', false),
  nsh_c1: exp(OXM_EXPERIMENTER.NX_NSH, 6, 'u32', true),
  nsh_c2: exp(OXM_EXPERIMENTER.NX_NSH, 7, 'u32', true),
  nsh_c3: exp(OXM_EXPERIMENTER.NX_NSH, 8, 'u32', true),
  nsh_c4: exp(OXM_EXPERIMENTER.NX_NSH, 9, 'u32', true),
  nsh_ttl: exp(OXM_EXPERIMENTER.NX_NSH, 10, 'u8', false),
} as const satisfies Record<string, OxmFieldSpec>;

export type OxmFieldName = keyof typeof OXM_FIELDS;

/** The value type a field's kind decodes to. */
export type OxmValueOfKind<K extends OxmKind> =
  K extends 'u64' | 'u128' ? bigint : K extends 'mac' | 'ipv4' | 'ipv6' ? string : number;
export type OxmValueOf<N extends OxmFieldName> = OxmValueOfKind<(typeof OXM_FIELDS)[N]['kind']>;

/** Number of OFPXMC_OPENFLOW_BASIC fields defined by OpenFlow 1.3 (0..39). */
export const OFPXMT_OFB_COUNT = 40;

// Lookup tables built once. Keys: class * 128 + field for 32-bit headers; for experimenter
// OXMs, experimenter * 128 + field (< 2^39, an exact number) and a separate EXT-256 table.
const byName = new Map<string, OxmFieldSpec & { name: OxmFieldName }>();
const byKey = new Map<number, OxmFieldName>();
const byExpKey = new Map<number, OxmFieldName>();
const byExt256 = new Map<number, OxmFieldName>();
const basicByField: (OxmFieldName | undefined)[] = [];

for (const name of Object.keys(OXM_FIELDS) as OxmFieldName[]) {
  const spec: OxmFieldSpec = OXM_FIELDS[name];
  byName.set(name, { ...spec, name });
  if (spec.experimenter === undefined) {
    byKey.set(spec.oxmClass * 128 + spec.field, name);
    if (spec.oxmClass === B) basicByField[spec.field] = name;
  } else if (spec.expType !== undefined) {
    byExt256.set(spec.expType, name);
  } else {
    byExpKey.set(spec.experimenter * 128 + spec.field, name);
  }
}

export function oxmFieldSpec(name: OxmFieldName): OxmFieldSpec {
  return OXM_FIELDS[name];
}

export function isOxmFieldName(name: string): name is OxmFieldName {
  return byName.has(name);
}

/** The named field with a 32-bit header (any class but EXPERIMENTER), if known. */
export function oxmFieldByNumber(oxmClass: number, field: number): OxmFieldName | undefined {
  if (oxmClass === B) return basicByField[field];
  return byKey.get(oxmClass * 128 + field);
}

/** The named experimenter field, if known. `expType` matters only for ONF EXT-256 (field 0). */
export function oxmExperimenterField(experimenter: number, field: number, expType?: number): OxmFieldName | undefined {
  if (experimenter === OXM_EXPERIMENTER.ONF && field === 0) {
    return expType === undefined ? undefined : byExt256.get(expType);
  }
  return byExpKey.get(experimenter * 128 + field);
}
