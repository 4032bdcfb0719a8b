import { FLOW_KEY_FIELD as F, FLOW_KEY_LENGTH, OFPIEH, OFPVID_PRESENT } from './flow-key-layout.js';

/**
 * Flow-key extraction: the switch's per-packet hot path.
 *
 * What: from one Ethernet frame and its ingress port, fill a fixed-layout key (see
 * flow-key-layout.ts) with every OF1.3 match field the packet has, mark them present, and record
 * where each layer starts so set-field and push/pop actions can rewrite headers in place.
 *
 * Rules, chosen to agree with Open vSwitch so both switches classify alike:
 * - vlan_vid / vlan_pcp come from the outermost tag (0x8100 or 0x88a8); further tags are
 *   skipped; eth_type is the type after the last tag.
 * - MPLS and PBB stop the walk: mpls_* come from the top label, pbb_isid from the I-TAG; what
 *   follows them is not parsed (a pop action re-extracts).
 * - IEEE 802.3 frames: the LLC/SNAP EtherType when there is one, else eth_type 0x05ff.
 * - A header too short, or with an impossible length field, ends the walk: the fields found
 *   before it stay, nothing below it is present. Extraction never throws.
 * - IPv4 fragments with a non-zero offset, and IPv6 non-first fragments or ESP, have no L4 fields.
 * - ipv6_nd_sll / ipv6_nd_tll are present with value zero on NS / NA without that option.
 *
 * Cost: one word-wise clear of the key and straight-line byte reads; no allocation when a key is passed in.
 */
export class FlowKey {
  // The buffer is rounded up to whole 8-byte words so clear() can zero it a word at a time,
  // measurably cheaper per packet than Uint8Array#fill on a key this small.
  private readonly words = new Float64Array(Math.ceil(FLOW_KEY_LENGTH / 8));
  /** The key bytes: presence bitmap then fields, in the layout of FLOW_KEY_FIELDS. */
  readonly bytes = new Uint8Array(this.words.buffer, 0, FLOW_KEY_LENGTH);
  /** Offset of the EtherType field after any VLAN tags (where push_mpls / push_pbb insert). */
  ethTypeOffset = -1;
  /** Start of the MPLS label stack or PBB I-TAG, or -1. */
  l2_5Offset = -1;
  /** Start of the IPv4 / IPv6 / ARP header, or -1. */
  l3Offset = -1;
  /** Start of the TCP / UDP / SCTP / ICMP / ICMPv6 header, or -1. */
  l4Offset = -1;
  /** Number of VLAN tags seen. */
  vlanCount = 0;
  /** Length of the frame this key was extracted from. */
  frameLength = 0;

  /** Zeroes every field and the presence bitmap. */
  clear(): void {
    const w = this.words;
    for (let i = 0; i < w.length; i++) w[i] = 0;
  }

  has(bit: number): boolean {
    return (this.bytes[bit >> 3]! & (1 << (bit & 7))) !== 0;
  }
}

export interface ExtractOptions {
  /** in_phy_port; defaults to in_port (ports are physical unless said otherwise). */
  inPhyPort?: number;
  /** tunnel_id from a logical port's tunnel metadata; 0 when the packet did not arrive through one. */
  tunnelId?: bigint;
}

/** eth_type given to 802.3 frames without a SNAP EtherType (Open vSwitch's FLOW_DL_TYPE_NONE). */
export const ETH_TYPE_NONE = 0x05ff;

// Field offsets and presence bits as module constants so the hot path does no property lookups.
const O_IN_PORT = F.in_port.offset, O_IN_PHY_PORT = F.in_phy_port.offset, O_TUNNEL_ID = F.tunnel_id.offset;
const O_ETH_DST = F.eth_dst.offset, O_ETH_SRC = F.eth_src.offset, O_ETH_TYPE = F.eth_type.offset;
const O_VLAN_VID = F.vlan_vid.offset, O_VLAN_PCP = F.vlan_pcp.offset;
const O_IP_DSCP = F.ip_dscp.offset, O_IP_ECN = F.ip_ecn.offset, O_IP_PROTO = F.ip_proto.offset;
const O_IPV4_SRC = F.ipv4_src.offset, O_IPV4_DST = F.ipv4_dst.offset;
const O_TCP_SRC = F.tcp_src.offset, O_UDP_SRC = F.udp_src.offset, O_SCTP_SRC = F.sctp_src.offset;
const O_ICMPV4_TYPE = F.icmpv4_type.offset, O_ICMPV4_CODE = F.icmpv4_code.offset;
const O_ARP_OP = F.arp_op.offset, O_ARP_SPA = F.arp_spa.offset, O_ARP_TPA = F.arp_tpa.offset;
const O_ARP_SHA = F.arp_sha.offset, O_ARP_THA = F.arp_tha.offset;
const O_IPV6_SRC = F.ipv6_src.offset, O_IPV6_DST = F.ipv6_dst.offset, O_IPV6_FLABEL = F.ipv6_flabel.offset;
const O_ICMPV6_TYPE = F.icmpv6_type.offset, O_ICMPV6_CODE = F.icmpv6_code.offset;
const O_ND_TARGET = F.ipv6_nd_target.offset, O_ND_SLL = F.ipv6_nd_sll.offset, O_ND_TLL = F.ipv6_nd_tll.offset;
const O_MPLS_LABEL = F.mpls_label.offset, O_MPLS_TC = F.mpls_tc.offset, O_MPLS_BOS = F.mpls_bos.offset;
const O_PBB_ISID = F.pbb_isid.offset, O_IPV6_EXTHDR = F.ipv6_exthdr.offset;

// The extractor copies eth_dst+eth_src, ipv4_src+ipv4_dst, ipv6_src+ipv6_dst and each pair of
// ports in one go because they sit side by side on the wire and in the layout. If the layout
// ever changes, fail at load rather than fill keys wrongly (OVS's BUILD_ASSERT, at run time).
if (O_ETH_SRC !== O_ETH_DST + 6 || O_IPV4_DST !== O_IPV4_SRC + 4 || O_IPV6_DST !== O_IPV6_SRC + 16 ||
    F.tcp_dst.offset !== O_TCP_SRC + 2 || F.udp_dst.offset !== O_UDP_SRC + 2 || F.sctp_dst.offset !== O_SCTP_SRC + 2) {
  throw new Error('flow-key layout: fields the extractor copies together are no longer adjacent');
}

// Presence bitmap bytes: bits 0-39 map to bytes 0-4. Groups of fields that always appear
// together are set with one OR of a precomputed byte mask.
function setBit(k: Uint8Array, bit: number): void {
  k[bit >> 3] |= 1 << (bit & 7);
}

// OXM numbers (= presence bits) used below.
const B = {
  in_port: 0, in_phy_port: 1, metadata: 2, eth_dst: 3, eth_src: 4, eth_type: 5, vlan_vid: 6, vlan_pcp: 7,
  ip_dscp: 8, ip_ecn: 9, ip_proto: 10, ipv4_src: 11, ipv4_dst: 12, tcp_src: 13, tcp_dst: 14, udp_src: 15,
  udp_dst: 16, sctp_src: 17, sctp_dst: 18, icmpv4_type: 19, icmpv4_code: 20, arp_op: 21, arp_spa: 22,
  arp_tpa: 23, arp_sha: 24, arp_tha: 25, ipv6_src: 26, ipv6_dst: 27, ipv6_flabel: 28, icmpv6_type: 29,
  icmpv6_code: 30, ipv6_nd_target: 31, ipv6_nd_sll: 32, ipv6_nd_tll: 33, mpls_label: 34, mpls_tc: 35,
  mpls_bos: 36, pbb_isid: 37, tunnel_id: 38, ipv6_exthdr: 39,
} as const;

function copy(dst: Uint8Array, dOff: number, src: Uint8Array, sOff: number, n: number): void {
  for (let i = 0; i < n; i++) dst[dOff + i] = src[sOff + i]!;
}

/**
 * Extracts the flow key of `frame` received on `inPort`. Pass the same `key` for every packet
 * to avoid allocation; it is cleared first.
 */
export function extractFlowKey(frame: Uint8Array, inPort: number, key: FlowKey = new FlowKey(), opts?: ExtractOptions): FlowKey {
  const k = key.bytes;
  key.clear();
  key.ethTypeOffset = key.l2_5Offset = key.l3Offset = key.l4Offset = -1;
  key.vlanCount = 0;
  const len = frame.length;
  key.frameLength = len;

  // Pipeline fields: always present. metadata starts at zero (OF1.3 §7.2.3.1).
  const phy = opts?.inPhyPort ?? inPort;
  k[O_IN_PORT] = inPort >>> 24; k[O_IN_PORT + 1] = inPort >>> 16; k[O_IN_PORT + 2] = inPort >>> 8; k[O_IN_PORT + 3] = inPort;
  k[O_IN_PHY_PORT] = phy >>> 24; k[O_IN_PHY_PORT + 1] = phy >>> 16; k[O_IN_PHY_PORT + 2] = phy >>> 8; k[O_IN_PHY_PORT + 3] = phy;
  const tun = opts?.tunnelId;
  if (tun !== undefined && tun !== 0n) {
    let t = BigInt.asUintN(64, tun);
    for (let i = 7; i >= 0; i--) { k[O_TUNNEL_ID + i] = Number(t & 0xffn); t >>= 8n; }
  }
  // in_port, in_phy_port, metadata: bits 0-2; tunnel_id: bit 38.
  k[0] = 0x07;
  k[4] = 1 << (B.tunnel_id & 7);

  if (len < 14) return key;
  copy(k, O_ETH_DST, frame, 0, 12); // eth_dst and eth_src are adjacent in both layouts
  // eth_dst, eth_src, eth_type, vlan_vid: bits 3-6.
  k[0] |= 0x78;

  let pos = 12;
  let type = (frame[12]! << 8) | frame[13]!;
  if (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
    if (pos + 6 > len) return trimmed(key, k);
    k[O_VLAN_VID] = (OFPVID_PRESENT >>> 8) | (frame[14]! & 0x0f);
    k[O_VLAN_VID + 1] = frame[15]!;
    k[O_VLAN_PCP] = frame[14]! >>> 5;
    setBit(k, B.vlan_pcp);
    do {
      key.vlanCount++;
      pos += 4;
      if (pos + 2 > len) return trimmed(key, k);
      type = (frame[pos]! << 8) | frame[pos + 1]!;
    } while (type === 0x8100 || type === 0x88a8 || type === 0x9100);
  }
  if (type < 0x0600) {
    // IEEE 802.3 length field. As Open vSwitch does: LLC/SNAP with a zero OUI carries a real
    // EtherType after 8 bytes; anything else is classified as eth_type 0x05ff (no type).
    if (pos + 10 <= len && frame[pos + 2] === 0xaa && frame[pos + 3] === 0xaa && frame[pos + 4] === 0x03 &&
        frame[pos + 5] === 0 && frame[pos + 6] === 0 && frame[pos + 7] === 0) {
      pos += 8;
      type = (frame[pos]! << 8) | frame[pos + 1]!;
    } else {
      type = ETH_TYPE_NONE;
    }
  }
  key.ethTypeOffset = pos;
  k[O_ETH_TYPE] = type >>> 8;
  k[O_ETH_TYPE + 1] = type & 0xff;
  const l3 = pos + 2;

  switch (type) {
    case 0x0800: ipv4(frame, l3, key, k); break;
    case 0x86dd: ipv6(frame, l3, key, k); break;
    case 0x0806: arp(frame, l3, key, k); break;
    case 0x8847: case 0x8848:
      key.l2_5Offset = l3;
      if (l3 + 4 <= len) {
        const w = ((frame[l3]! << 24) | (frame[l3 + 1]! << 16) | (frame[l3 + 2]! << 8) | frame[l3 + 3]!) >>> 0;
        const label = w >>> 12;
        k[O_MPLS_LABEL + 1] = label >>> 16; k[O_MPLS_LABEL + 2] = (label >>> 8) & 0xff; k[O_MPLS_LABEL + 3] = label & 0xff;
        k[O_MPLS_TC] = (w >>> 9) & 7;
        k[O_MPLS_BOS] = (w >>> 8) & 1;
        // mpls_label, mpls_tc, mpls_bos: bits 34-36.
        k[4] |= 0x1c;
        // The payload starts after the bottom-of-stack entry (where pop_mpls leaves it).
        for (let p = l3; p + 4 <= len; p += 4) {
          if (frame[p + 2]! & 1) { key.l3Offset = p + 4; break; }
        }
      }
      break;
    case 0x88e7:
      key.l2_5Offset = l3;
      if (l3 + 4 <= len) {
        copy(k, O_PBB_ISID, frame, l3 + 1, 3);
        setBit(k, B.pbb_isid);
      }
      break;
  }
  return key;
}

/** A frame that ends inside its VLAN tags: keep L2 addresses, no eth_type. */
function trimmed(key: FlowKey, k: Uint8Array): FlowKey {
  k[0] &= ~(1 << B.eth_type);
  return key;
}

function ipv4(frame: Uint8Array, l3: number, key: FlowKey, k: Uint8Array): void {
  const len = frame.length;
  if (l3 + 20 > len) return;
  const vihl = frame[l3]!;
  const ihl = (vihl & 0x0f) * 4;
  const total = (frame[l3 + 2]! << 8) | frame[l3 + 3]!;
  if (vihl >>> 4 !== 4 || ihl < 20 || total < ihl || l3 + total > len) return;
  key.l3Offset = l3;
  const tos = frame[l3 + 1]!;
  k[O_IP_DSCP] = tos >>> 2;
  k[O_IP_ECN] = tos & 3;
  const proto = frame[l3 + 9]!;
  k[O_IP_PROTO] = proto;
  copy(k, O_IPV4_SRC, frame, l3 + 12, 8); // ipv4_src and ipv4_dst are adjacent in both layouts
  // ip_dscp, ip_ecn, ip_proto, ipv4_src, ipv4_dst: bits 8-12.
  k[1] |= 0x1f;
  // Only the first fragment carries the L4 header.
  if ((((frame[l3 + 6]! << 8) | frame[l3 + 7]!) & 0x1fff) !== 0) return;
  const l4 = l3 + ihl;
  const end = l3 + total;
  if (proto === 1) {
    if (l4 + 8 > end) return;
    key.l4Offset = l4;
    k[O_ICMPV4_TYPE] = frame[l4]!;
    k[O_ICMPV4_CODE] = frame[l4 + 1]!;
    // icmpv4_type, icmpv4_code: bits 19-20.
    k[2] |= 0x18;
  } else {
    transport(frame, proto, l4, end, key, k);
  }
}

/** TCP, UDP and SCTP ports. Returns true when `proto` was one of them (handled or truncated). */
function transport(frame: Uint8Array, proto: number, l4: number, end: number, key: FlowKey, k: Uint8Array): boolean {
  let o: number, bits: number, need: number;
  if (proto === 6) { o = O_TCP_SRC; bits = B.tcp_src; need = 20; }
  else if (proto === 17) { o = O_UDP_SRC; bits = B.udp_src; need = 8; }
  else if (proto === 132) { o = O_SCTP_SRC; bits = B.sctp_src; need = 12; }
  else return false;
  if (l4 + need > end) return true;
  if (proto === 6 && (frame[l4 + 12]! >>> 4) * 4 < 20) return true;
  key.l4Offset = l4;
  k[o] = frame[l4]!; k[o + 1] = frame[l4 + 1]!; k[o + 2] = frame[l4 + 2]!; k[o + 3] = frame[l4 + 3]!;
  setBit(k, bits);
  setBit(k, bits + 1);
  return true;
}

function arp(frame: Uint8Array, l3: number, key: FlowKey, k: Uint8Array): void {
  if (l3 + 28 > frame.length) return;
  // Only Ethernet/IPv4 ARP has the arp_* fields OpenFlow defines.
  if (frame[l3] !== 0 || frame[l3 + 1] !== 1 || frame[l3 + 2] !== 0x08 || frame[l3 + 3] !== 0 ||
      frame[l3 + 4] !== 6 || frame[l3 + 5] !== 4) return;
  key.l3Offset = l3;
  k[O_ARP_OP] = frame[l3 + 6]!;
  k[O_ARP_OP + 1] = frame[l3 + 7]!;
  copy(k, O_ARP_SHA, frame, l3 + 8, 6);
  copy(k, O_ARP_SPA, frame, l3 + 14, 4);
  copy(k, O_ARP_THA, frame, l3 + 18, 6);
  copy(k, O_ARP_TPA, frame, l3 + 24, 4);
  // arp_op, arp_spa, arp_tpa: bits 21-23; arp_sha, arp_tha: bits 24-25.
  k[2] |= 0xe0;
  k[3] |= 0x03;
}

// Rank of each extension header in RFC 8200 §4.1's recommended order, for OFPIEH_UNSEQ.
const RANK_HOP = 1, RANK_DEST_FIRST = 2, RANK_ROUTER = 3, RANK_FRAG = 4, RANK_AUTH = 5, RANK_ESP = 6, RANK_DEST_LAST = 7;

function ipv6(frame: Uint8Array, l3: number, key: FlowKey, k: Uint8Array): void {
  const len = frame.length;
  if (l3 + 40 > len || frame[l3]! >>> 4 !== 6) return;
  const end = l3 + 40 + ((frame[l3 + 4]! << 8) | frame[l3 + 5]!);
  if (end > len) return;
  key.l3Offset = l3;
  const tc = ((frame[l3]! & 0x0f) << 4) | (frame[l3 + 1]! >>> 4);
  k[O_IP_DSCP] = tc >>> 2;
  k[O_IP_ECN] = tc & 3;
  k[O_IPV6_FLABEL + 1] = frame[l3 + 1]! & 0x0f;
  k[O_IPV6_FLABEL + 2] = frame[l3 + 2]!;
  k[O_IPV6_FLABEL + 3] = frame[l3 + 3]!;
  copy(k, O_IPV6_SRC, frame, l3 + 8, 32); // ipv6_src and ipv6_dst are adjacent in both layouts
  // ip_dscp, ip_ecn, ip_proto: bits 8-10; ipv6_src, ipv6_dst, ipv6_flabel: bits 26-28; ipv6_exthdr: bit 39.
  k[1] |= 0x07;
  k[3] |= 0x1c;
  k[4] |= 0x80;

  let proto = frame[l3 + 6]!;
  let pos = l3 + 40;
  let flags = 0, lastRank = 0, destCount = 0, seen = 0, l4Visible = true;
  for (;;) {
    let rank: number, bit: number, hlen: number;
    if (proto === 0) { rank = RANK_HOP; bit = OFPIEH.HOP; }
    else if (proto === 60) { bit = OFPIEH.DEST; rank = lastRank < RANK_ROUTER ? RANK_DEST_FIRST : RANK_DEST_LAST; }
    else if (proto === 43) { rank = RANK_ROUTER; bit = OFPIEH.ROUTER; }
    else if (proto === 44) { rank = RANK_FRAG; bit = OFPIEH.FRAG; }
    else if (proto === 51) { rank = RANK_AUTH; bit = OFPIEH.AUTH; }
    else if (proto === 50) { flags |= OFPIEH.ESP | (lastRank > RANK_ESP ? OFPIEH.UNSEQ : 0); l4Visible = false; break; }
    else if (proto === 59) { flags |= OFPIEH.NONEXT; l4Visible = false; break; }
    else if (proto === 135 || proto === 139 || proto === 140) { rank = lastRank; bit = 0; }
    else break;
    // Repeats: only Destination Options may appear twice (before routing and before the upper layer).
    if (bit === OFPIEH.DEST) {
      if (++destCount > 2 || (destCount === 2 && rank === RANK_DEST_FIRST)) flags |= OFPIEH.UNREP;
    } else if (bit !== 0 && (seen & bit) !== 0) {
      flags |= OFPIEH.UNREP;
    }
    if (rank < lastRank || (proto === 0 && pos !== l3 + 40)) flags |= OFPIEH.UNSEQ;
    lastRank = rank;
    seen |= bit;
    flags |= bit;
    if (pos + 8 > end) { l4Visible = false; break; }
    if (proto === 44) hlen = 8;
    else if (proto === 51) hlen = (frame[pos + 1]! + 2) * 4;
    else hlen = (frame[pos + 1]! + 1) * 8;
    if (pos + hlen > end) { l4Visible = false; break; }
    const next = frame[pos]!;
    if (proto === 44 && (((frame[pos + 2]! << 8) | frame[pos + 3]!) & 0xfff8) !== 0) {
      // A non-first fragment: its bytes continue the upper-layer header of fragment zero.
      proto = next;
      l4Visible = false;
      break;
    }
    pos += hlen;
    proto = next;
  }
  k[O_IPV6_EXTHDR] = flags >>> 8;
  k[O_IPV6_EXTHDR + 1] = flags & 0xff;
  k[O_IP_PROTO] = proto;
  if (!l4Visible) return;
  if (proto === 58) {
    if (pos + 4 > end) return;
    key.l4Offset = pos;
    const type = frame[pos]!;
    k[O_ICMPV6_TYPE] = type;
    k[O_ICMPV6_CODE] = frame[pos + 1]!;
    // icmpv6_type, icmpv6_code: bits 29-30.
    k[3] |= 0x60;
    if ((type === 135 || type === 136) && frame[pos + 1] === 0 && pos + 24 <= end) nd(frame, pos, end, type, k);
  } else {
    transport(frame, proto, pos, end, key, k);
  }
}

/** Neighbor Solicitation / Advertisement: target, and the link-layer address option (RFC 4861 §4.3-4.4). */
function nd(frame: Uint8Array, l4: number, end: number, type: number, k: Uint8Array): void {
  let sll = -1, tll = -1;
  for (let p = l4 + 24; p + 2 <= end;) {
    const olen = frame[p + 1]! * 8;
    // A zero-length or overrunning option makes the message invalid (§4.6): no ND fields.
    if (olen === 0 || p + olen > end) return;
    if (frame[p] === 1 && olen === 8 && sll < 0) sll = p + 2;
    else if (frame[p] === 2 && olen === 8 && tll < 0) tll = p + 2;
    p += olen;
  }
  copy(k, O_ND_TARGET, frame, l4 + 8, 16);
  setBit(k, B.ipv6_nd_target);
  if (type === 135) {
    if (sll >= 0) copy(k, O_ND_SLL, frame, sll, 6);
    setBit(k, B.ipv6_nd_sll);
  } else {
    if (tll >= 0) copy(k, O_ND_TLL, frame, tll, 6);
    setBit(k, B.ipv6_nd_tll);
  }
}
