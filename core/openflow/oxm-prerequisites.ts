/**
 * OXM prerequisites (OpenFlow 1.3.5 §7.2.3.8, the "Prerequisite" column of Table 12): a field that
 * only exists in some packets (tcp_dst, arp_op, ipv6_nd_target …) may be matched only when the
 * match also pins down the header that carries it. A switch answers a flow-mod that breaks this
 * with OFPBMC_BAD_PREREQ; the controller can check its own flows before sending them.
 *
 * This is a check on a decoded match, separate from decodeMatch, because the rule is about flow
 * semantics: a PACKET_IN or FLOW_REMOVED match is not required to satisfy it.
 */
import { OFPBMC, OFPET, type OfpErrorCode } from './error-codes.js';
import { OFPVID_PRESENT, type KnownOxm, type Match } from './match.js';
import type { OxmFieldName } from './oxm-fields.js';

const ETH_IPV4 = 0x0800;
const ETH_ARP = 0x0806;
const ETH_IPV6 = 0x86dd;
const ETH_MPLS = 0x8847;
const ETH_MPLS_MCAST = 0x8848;
const ETH_PBB = 0x88e7;

/** One alternative set of required exact values: field → any of these values. */
type Requirement = { readonly field: 'eth_type' | 'ip_proto' | 'icmpv6_type'; readonly values: readonly number[] };

const IP = { field: 'eth_type', values: [ETH_IPV4, ETH_IPV6] } as const;
const IPV4 = { field: 'eth_type', values: [ETH_IPV4] } as const;
const IPV6 = { field: 'eth_type', values: [ETH_IPV6] } as const;
const proto = (p: number): Requirement => ({ field: 'ip_proto', values: [p] });

/** Table 12 prerequisites for the OFPXMC_OPENFLOW_BASIC fields that have one. */
const PREREQ: Partial<Record<OxmFieldName, Requirement>> = {
  ip_dscp: IP, ip_ecn: IP, ip_proto: IP,
  ipv4_src: IPV4, ipv4_dst: IPV4,
  tcp_src: proto(6), tcp_dst: proto(6),
  udp_src: proto(17), udp_dst: proto(17),
  sctp_src: proto(132), sctp_dst: proto(132),
  icmpv4_type: proto(1), icmpv4_code: proto(1),
  arp_op: { field: 'eth_type', values: [ETH_ARP] }, arp_spa: { field: 'eth_type', values: [ETH_ARP] },
  arp_tpa: { field: 'eth_type', values: [ETH_ARP] }, arp_sha: { field: 'eth_type', values: [ETH_ARP] },
  arp_tha: { field: 'eth_type', values: [ETH_ARP] },
  ipv6_src: IPV6, ipv6_dst: IPV6, ipv6_flabel: IPV6, ipv6_exthdr: IPV6,
  icmpv6_type: proto(58), icmpv6_code: proto(58),
  ipv6_nd_target: { field: 'icmpv6_type', values: [135, 136] },
  ipv6_nd_sll: { field: 'icmpv6_type', values: [135] },
  ipv6_nd_tll: { field: 'icmpv6_type', values: [136] },
  mpls_label: { field: 'eth_type', values: [ETH_MPLS, ETH_MPLS_MCAST] },
  mpls_tc: { field: 'eth_type', values: [ETH_MPLS, ETH_MPLS_MCAST] },
  mpls_bos: { field: 'eth_type', values: [ETH_MPLS, ETH_MPLS_MCAST] },
  pbb_isid: { field: 'eth_type', values: [ETH_PBB] },
};

export interface PrerequisiteViolation {
  /** The field whose prerequisite is missing. */
  readonly field: OxmFieldName;
  readonly reason: string;
  readonly ofpError: OfpErrorCode;
}

/** The TLV of a named field; prerequisite fields are all ≤ 32-bit integers, hence the narrow type. */
function find(m: Match, name: OxmFieldName): { value: number; mask?: number } | undefined {
  for (const f of m.fields) if (f.field === name) return f as KnownOxm as { value: number; mask?: number };
  return undefined;
}

/**
 * The first field of `m` whose Table 12 prerequisite is not met, or undefined when all are. A
 * prerequisite is met only by an exact (unmasked) match on an allowed value; vlan_pcp needs a
 * vlan_vid that requires OFPVID_PRESENT. Prerequisites chain (tcp_dst needs ip_proto=6, which
 * needs eth_type IPv4 or IPv6), and ip_proto is itself checked.
 */
export function findPrerequisiteViolation(m: Match): PrerequisiteViolation | undefined {
  const violation = (field: OxmFieldName, reason: string): PrerequisiteViolation =>
    ({ field, reason, ofpError: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_PREREQ } });
  for (const f of m.fields) {
    if (f.field === 'opaque') continue;
    if (f.field === 'in_phy_port' && find(m, 'in_port') === undefined) return violation(f.field, 'in_phy_port needs in_port');
    if (f.field === 'vlan_pcp') {
      const vid = find(m, 'vlan_vid');
      const present = vid !== undefined && (vid.value & OFPVID_PRESENT) !== 0
        && (vid.mask === undefined || (vid.mask & OFPVID_PRESENT) !== 0);
      if (!present) return violation(f.field, 'vlan_pcp needs vlan_vid with OFPVID_PRESENT');
      continue;
    }
    const req = PREREQ[f.field];
    if (req === undefined) continue;
    const have = find(m, req.field);
    if (have === undefined || have.mask !== undefined || !req.values.includes(have.value)) {
      const want = req.values.map((v) => `0x${v.toString(16)}`).join(' or ');
      return violation(f.field, `${f.field} needs ${req.field}=${want}`);
    }
  }
  return undefined;
}
