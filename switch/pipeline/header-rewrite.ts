/**
 * Header-changing actions on a frame in a PacketContext (OF1.3.5 §5.12): push/pop of VLAN, MPLS
 * and PBB headers, the TTL actions, and set-field on every settable field with the IPv4 header
 * checksum and the TCP/UDP/ICMP/ICMPv6 checksums fixed up incrementally (RFC 1624).
 *
 * Each function reads the offsets of a fresh key and marks the key stale afterwards. A field the
 * packet does not have is left alone (set-field of tcp_dst on a UDP packet does nothing), as Open
 * vSwitch does for actions whose prerequisites the packet no longer meets.
 *
 * Fields the new headers take (Table 7 of OF1.3.5): a pushed VLAN tag copies the outer tag's
 * VID/PCP or starts at 0; a pushed MPLS entry copies the outer label/TC/TTL, or takes label 0,
 * TC 0 and the IP TTL; a pushed PBB I-TAG has I-SID 0, I-PCP from the outer VLAN tag, and the
 * backbone addresses of the customer frame.
 */
import { checksumAdjust16 } from '../../core/packet/checksum.js';
import { FLOW_KEY_FIELD, type FlowKeyField } from '../../core/packet/flow-key-layout.js';
import type { FlowKey } from '../../core/packet/flow-key.js';
import type { PacketContext } from './packet-context.js';

const O_ETH_TYPE = FLOW_KEY_FIELD.eth_type.offset;
const O_IP_PROTO = FLOW_KEY_FIELD.ip_proto.offset;
const O_TUNNEL_ID = FLOW_KEY_FIELD.tunnel_id.offset;

function ethType(k: FlowKey): number {
  return (k.bytes[O_ETH_TYPE]! << 8) | k.bytes[O_ETH_TYPE + 1]!;
}

const isVlanTpid = (t: number): boolean => t === 0x8100 || t === 0x88a8 || t === 0x9100;
const isMpls = (t: number): boolean => t === 0x8847 || t === 0x8848;

function u16(f: Uint8Array, o: number): number {
  return (f[o]! << 8) | f[o + 1]!;
}
function put16(f: Uint8Array, o: number, v: number): void {
  f[o] = (v >>> 8) & 0xff;
  f[o + 1] = v & 0xff;
}

function insertAt(f: Uint8Array, at: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(f.length + bytes.length);
  out.set(f.subarray(0, at), 0);
  out.set(bytes, at);
  out.set(f.subarray(at), at + bytes.length);
  return out;
}

function removeAt(f: Uint8Array, at: number, n: number): Uint8Array {
  const out = new Uint8Array(f.length - n);
  out.set(f.subarray(0, at), 0);
  out.set(f.subarray(at + n), at);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checksummed writes

const scratchOld = new Uint16Array(32);

/**
 * Writes `bytes` at `off` and adjusts every 16-bit Internet checksum stored at `csums` (frame
 * offsets) for the change. Headers start at even frame offsets, so words are even-aligned.
 * `udpCsum` is a UDP checksum offset: 0 there means "no checksum" and must stay 0.
 */
function writeChecked(f: Uint8Array, off: number, bytes: Uint8Array, csums: readonly number[], udpCsum = -1): void {
  const start = off & ~1;
  const end = (off + bytes.length + 1) & ~1;
  const words = (end - start) >> 1;
  for (let i = 0; i < words; i++) scratchOld[i] = u16(f, start + 2 * i);
  f.set(bytes, off);
  const adjust = (at: number, udp: boolean): void => {
    if (at < 0 || at + 2 > f.length) return;
    let c = u16(f, at);
    if (udp && c === 0) return;
    for (let i = 0; i < words; i++) c = checksumAdjust16(c, scratchOld[i]!, u16(f, start + 2 * i));
    if (udp && c === 0) c = 0xffff;
    put16(f, at, c);
  };
  for (const at of csums) adjust(at, false);
  if (udpCsum >= 0) adjust(udpCsum, true);
}

/** Offsets of the transport checksum covered by the IP pseudo-header: [plain, udp]. */
function transportChecksum(k: FlowKey, v6: boolean): [number, number] {
  if (k.l4Offset < 0) return [-1, -1];
  const proto = k.bytes[O_IP_PROTO]!;
  if (proto === 6) return [k.l4Offset + 16, -1];
  if (proto === 17) return [-1, k.l4Offset + 6];
  if (proto === 58 && v6) return [k.l4Offset + 2, -1];
  return [-1, -1];
}

// ---------------------------------------------------------------------------------------------
// VLAN, MPLS, PBB

export function pushVlan(ctx: PacketContext, tpid: number): void {
  const f = ctx.frame;
  if (f.length < 14) return;
  const tci = isVlanTpid(u16(f, 12)) && f.length >= 18 ? u16(f, 14) : 0;
  ctx.frame = insertAt(f, 12, Uint8Array.of(tpid >>> 8, tpid & 0xff, tci >>> 8, tci & 0xff));
  ctx.keyStale = true;
}

export function popVlan(ctx: PacketContext): void {
  const f = ctx.frame;
  if (f.length < 18 || !isVlanTpid(u16(f, 12))) return;
  ctx.frame = removeAt(f, 12, 4);
  ctx.keyStale = true;
}

function ipTtl(f: Uint8Array, l3: number): number | undefined {
  if (l3 < 0 || l3 >= f.length) return undefined;
  const ver = f[l3]! >>> 4;
  if (ver === 4 && l3 + 20 <= f.length) return f[l3 + 8]!;
  if (ver === 6 && l3 + 40 <= f.length) return f[l3 + 7]!;
  return undefined;
}

export function pushMpls(ctx: PacketContext, ethertype: number): void {
  const k = ctx.fresh();
  const f = ctx.frame;
  if (k.ethTypeOffset < 0) return;
  const at = k.ethTypeOffset + 2;
  let lse: number;
  if (isMpls(ethType(k)) && at + 4 <= f.length) {
    // Copy the outer entry, clearing bottom-of-stack.
    lse = ((f[at]! << 24) | (f[at + 1]! << 16) | (f[at + 2]! << 8) | f[at + 3]!) >>> 0;
    lse = (lse & ~0x100) >>> 0;
  } else {
    lse = 0x100 | (ipTtl(f, k.l3Offset) ?? 0);
  }
  const out = insertAt(f, at, Uint8Array.of(lse >>> 24, (lse >>> 16) & 0xff, (lse >>> 8) & 0xff, lse & 0xff));
  put16(out, k.ethTypeOffset, ethertype);
  ctx.frame = out;
  ctx.keyStale = true;
}

export function popMpls(ctx: PacketContext, ethertype: number): void {
  const k = ctx.fresh();
  if (!isMpls(ethType(k)) || k.l2_5Offset < 0 || k.l2_5Offset + 4 > ctx.frame.length) return;
  const out = removeAt(ctx.frame, k.l2_5Offset, 4);
  put16(out, k.ethTypeOffset, ethertype);
  ctx.frame = out;
  ctx.keyStale = true;
}

export function pushPbb(ctx: PacketContext, ethertype: number): void {
  const f = ctx.frame;
  if (f.length < 14) return;
  const pcp = isVlanTpid(u16(f, 12)) && f.length >= 18 ? f[14]! >>> 5 : 0;
  const header = new Uint8Array(18);
  header.set(f.subarray(0, 12), 0);
  put16(header, 12, ethertype);
  header[14] = pcp << 5; // I-PCP, DEI 0, UCA 0; I-SID 0
  ctx.frame = insertAt(f, 0, header);
  ctx.keyStale = true;
}

export function popPbb(ctx: PacketContext): void {
  const k = ctx.fresh();
  if (ethType(k) !== 0x88e7 || k.l2_5Offset < 0 || k.l2_5Offset + 4 + 14 > ctx.frame.length) return;
  ctx.frame = ctx.frame.slice(k.l2_5Offset + 4);
  ctx.keyStale = true;
}

// ---------------------------------------------------------------------------------------------
// TTL

/** IPv4 TTL or IPv6 hop limit write, with the IPv4 header checksum fixed. */
function writeIpTtl(f: Uint8Array, l3: number, ttl: number): void {
  if (f[l3]! >>> 4 === 4) writeChecked(f, l3 + 8, Uint8Array.of(ttl), [l3 + 10]);
  else f[l3 + 7] = ttl;
}

/** Offset of the MPLS entry after the outer one, or -1 when the outer one is bottom of stack. */
function innerLse(f: Uint8Array, outer: number): number {
  return (f[outer + 2]! & 1) === 0 && outer + 8 <= f.length ? outer + 4 : -1;
}

export function copyTtlOut(ctx: PacketContext): void {
  const k = ctx.fresh();
  const f = ctx.frame;
  if (!isMpls(ethType(k)) || k.l2_5Offset < 0) return;
  const outer = k.l2_5Offset;
  const inner = innerLse(f, outer);
  const ttl = inner >= 0 ? f[inner + 3]! : ipTtl(f, k.l3Offset);
  if (ttl !== undefined) f[outer + 3] = ttl;
  ctx.keyStale = true;
}

export function copyTtlIn(ctx: PacketContext): void {
  const k = ctx.fresh();
  const f = ctx.frame;
  if (!isMpls(ethType(k)) || k.l2_5Offset < 0) return;
  const outer = k.l2_5Offset;
  const ttl = f[outer + 3]!;
  const inner = innerLse(f, outer);
  if (inner >= 0) f[inner + 3] = ttl;
  else if (ipTtl(f, k.l3Offset) !== undefined) writeIpTtl(f, k.l3Offset, ttl);
  ctx.keyStale = true;
}

export function setMplsTtl(ctx: PacketContext, ttl: number): void {
  const k = ctx.fresh();
  if (!isMpls(ethType(k)) || k.l2_5Offset < 0) return;
  ctx.frame[k.l2_5Offset + 3] = ttl;
}

/** Returns false when the TTL is already 0 or 1: the packet has an invalid TTL (OFPR_INVALID_TTL). */
export function decMplsTtl(ctx: PacketContext): boolean {
  const k = ctx.fresh();
  if (!isMpls(ethType(k)) || k.l2_5Offset < 0) return true;
  const at = k.l2_5Offset + 3;
  const ttl = ctx.frame[at]!;
  if (ttl <= 1) return false;
  ctx.frame[at] = ttl - 1;
  return true;
}

function ipHeader(k: FlowKey): number {
  const t = ethType(k);
  return (t === 0x0800 || t === 0x86dd) ? k.l3Offset : -1;
}

export function setNwTtl(ctx: PacketContext, ttl: number): void {
  const l3 = ipHeader(ctx.fresh());
  if (l3 >= 0) writeIpTtl(ctx.frame, l3, ttl);
}

export function decNwTtl(ctx: PacketContext): boolean {
  const l3 = ipHeader(ctx.fresh());
  if (l3 < 0) return true;
  const ttl = ipTtl(ctx.frame, l3)!;
  if (ttl <= 1) return false;
  writeIpTtl(ctx.frame, l3, ttl - 1);
  return true;
}

// ---------------------------------------------------------------------------------------------
// set-field

/** Offset of an ND option of `type` (1 SLL, 2 TLL) in an NS/NA, or -1. */
function ndOption(f: Uint8Array, l4: number, type: number): number {
  let p = l4 + 24;
  while (p + 8 <= f.length) {
    const len = f[p + 1]! * 8;
    if (len === 0) return -1;
    if (f[p] === type && len >= 8) return p;
    p += len;
  }
  return -1;
}

/** Writes `bytes` (the field's OXM value, `field.width` bytes) into the packet; see the file comment. */
export function setField(ctx: PacketContext, field: FlowKeyField, bytes: Uint8Array): void {
  const k = ctx.fresh();
  if (field.name === 'tunnel_id') {
    k.bytes.set(bytes, O_TUNNEL_ID);
    return;
  }
  if (!k.has(field.bit)) return;
  const f = ctx.frame;
  const l3 = k.l3Offset, l4 = k.l4Offset;
  const v6 = ethType(k) === 0x86dd;
  switch (field.name) {
    case 'eth_dst': f.set(bytes, 0); break;
    case 'eth_src': f.set(bytes, 6); break;
    case 'vlan_vid': {
      if (k.vlanCount === 0) return;
      const vid = ((bytes[0]! << 8) | bytes[1]!) & 0x0fff;
      put16(f, 14, (u16(f, 14) & 0xf000) | vid);
      break;
    }
    case 'vlan_pcp':
      if (k.vlanCount === 0) return;
      f[14] = (f[14]! & 0x1f) | ((bytes[0]! & 7) << 5);
      break;
    case 'ip_dscp': case 'ip_ecn': {
      if (v6) {
        let tc = ((f[l3]! & 0x0f) << 4) | (f[l3 + 1]! >>> 4);
        tc = field.name === 'ip_dscp' ? (tc & 0x03) | ((bytes[0]! & 0x3f) << 2) : (tc & 0xfc) | (bytes[0]! & 3);
        f[l3] = (f[l3]! & 0xf0) | (tc >>> 4);
        f[l3 + 1] = (f[l3 + 1]! & 0x0f) | ((tc & 0x0f) << 4);
      } else {
        const tos = f[l3 + 1]!;
        const next = field.name === 'ip_dscp' ? (tos & 0x03) | ((bytes[0]! & 0x3f) << 2) : (tos & 0xfc) | (bytes[0]! & 3);
        writeChecked(f, l3 + 1, Uint8Array.of(next), [l3 + 10]);
      }
      break;
    }
    case 'ipv4_src': case 'ipv4_dst': {
      const [tc, udp] = transportChecksum(k, false);
      writeChecked(f, l3 + (field.name === 'ipv4_src' ? 12 : 16), bytes, tc >= 0 ? [l3 + 10, tc] : [l3 + 10], udp);
      break;
    }
    case 'tcp_src': case 'tcp_dst':
      writeChecked(f, l4 + (field.name === 'tcp_src' ? 0 : 2), bytes, [l4 + 16]);
      break;
    case 'udp_src': case 'udp_dst':
      writeChecked(f, l4 + (field.name === 'udp_src' ? 0 : 2), bytes, [], l4 + 6);
      break;
    case 'sctp_src': case 'sctp_dst':
      // SCTP's CRC32c is not an Internet checksum; it is left as is (Open vSwitch's userspace
      // datapath does the same when the NIC does not offload it).
      f.set(bytes, l4 + (field.name === 'sctp_src' ? 0 : 2));
      break;
    case 'icmpv4_type': case 'icmpv6_type':
      writeChecked(f, l4, bytes, [l4 + 2]);
      break;
    case 'icmpv4_code': case 'icmpv6_code':
      writeChecked(f, l4 + 1, bytes, [l4 + 2]);
      break;
    case 'arp_op': f.set(bytes, l3 + 6); break;
    case 'arp_sha': f.set(bytes, l3 + 8); break;
    case 'arp_spa': f.set(bytes, l3 + 14); break;
    case 'arp_tha': f.set(bytes, l3 + 18); break;
    case 'arp_tpa': f.set(bytes, l3 + 24); break;
    case 'ipv6_src': case 'ipv6_dst': {
      const [tc, udp] = transportChecksum(k, true);
      writeChecked(f, l3 + (field.name === 'ipv6_src' ? 8 : 24), bytes, tc >= 0 ? [tc] : [], udp);
      break;
    }
    case 'ipv6_flabel':
      f[l3 + 1] = (f[l3 + 1]! & 0xf0) | (bytes[1]! & 0x0f);
      f[l3 + 2] = bytes[2]!;
      f[l3 + 3] = bytes[3]!;
      break;
    case 'ipv6_nd_target':
      writeChecked(f, l4 + 8, bytes, [l4 + 2]);
      break;
    case 'ipv6_nd_sll': case 'ipv6_nd_tll': {
      const opt = ndOption(f, l4, field.name === 'ipv6_nd_sll' ? 1 : 2);
      if (opt < 0) return;
      writeChecked(f, opt + 2, bytes, [l4 + 2]);
      break;
    }
    case 'mpls_label': {
      const o = k.l2_5Offset;
      const label = ((bytes[1]! & 0x0f) << 16) | (bytes[2]! << 8) | bytes[3]!;
      f[o] = label >>> 12;
      f[o + 1] = (label >>> 4) & 0xff;
      f[o + 2] = ((label & 0x0f) << 4) | (f[o + 2]! & 0x0f);
      break;
    }
    case 'mpls_tc': {
      const o = k.l2_5Offset + 2;
      f[o] = (f[o]! & 0xf1) | ((bytes[0]! & 7) << 1);
      break;
    }
    case 'mpls_bos': {
      const o = k.l2_5Offset + 2;
      f[o] = (f[o]! & 0xfe) | (bytes[0]! & 1);
      break;
    }
    case 'pbb_isid':
      f.set(bytes, k.l2_5Offset + 1);
      break;
    default:
      return;
  }
  ctx.keyStale = true;
}
