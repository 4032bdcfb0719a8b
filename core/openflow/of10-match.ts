/**
 * OpenFlow 1.0 ofp_match (OpenFlow 1.0.0 §5.2.3): a fixed 40-byte structure whose `wildcards`
 * bits say which fields are ignored. Unlike OF1.3's OXM there is nothing variable in it, so
 * decoding cannot fail once the 40 bytes are there; every field is kept (wildcarded or not) so
 * a decoded match re-encodes byte for byte.
 */
import { OfpEncodeError } from './encode-error.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';
import { ipv4Bytes, ipv4Text, macBytes, macText } from '../net/index.js';

/** enum ofp_flow_wildcards (OF1.0). nw_src/nw_dst carry a 6-bit count of ignored low bits. */
export const OFPFW10 = {
  IN_PORT: 1 << 0,
  DL_VLAN: 1 << 1,
  DL_SRC: 1 << 2,
  DL_DST: 1 << 3,
  DL_TYPE: 1 << 4,
  NW_PROTO: 1 << 5,
  TP_SRC: 1 << 6,
  TP_DST: 1 << 7,
  NW_SRC_SHIFT: 8,
  NW_SRC_MASK: 0x3f << 8,
  /** Any count >= 32 wildcards the whole address. */
  NW_SRC_ALL: 32 << 8,
  NW_DST_SHIFT: 14,
  NW_DST_MASK: 0x3f << 14,
  NW_DST_ALL: 32 << 14,
  DL_VLAN_PCP: 1 << 20,
  NW_TOS: 1 << 21,
  ALL: (1 << 22) - 1,
} as const;

/** Size of the OF1.0 ofp_match on the wire. */
export const OFP10_MATCH_LEN = 40;

export interface Of10Match {
  /** OFPFW10_* bits. */
  wildcards: number;
  inPort: number;
  dlSrc: string;
  dlDst: string;
  /** 0xffff (OFP_VLAN_NONE) matches untagged frames. */
  dlVlan: number;
  dlVlanPcp: number;
  dlType: number;
  nwTos: number;
  nwProto: number;
  nwSrc: string;
  nwDst: string;
  tpSrc: number;
  tpDst: number;
}

/** A match that matches every packet (all wildcards set, all fields zero). */
export function of10MatchAll(): Of10Match {
  return {
    wildcards: OFPFW10.ALL, inPort: 0, dlSrc: '00:00:00:00:00:00', dlDst: '00:00:00:00:00:00',
    dlVlan: 0, dlVlanPcp: 0, dlType: 0, nwTos: 0, nwProto: 0, nwSrc: '0.0.0.0', nwDst: '0.0.0.0',
    tpSrc: 0, tpDst: 0,
  };
}

export function decodeOf10Match(r: OfpReader): Of10Match {
  r.need(OFP10_MATCH_LEN, 'ofp_match');
  const wildcards = r.u32('ofp_match.wildcards');
  const inPort = r.u16('ofp_match.in_port');
  const dlSrc = macText(r.buf, r.pos);
  const dlDst = macText(r.buf, r.pos + 6);
  r.pos += 12;
  const dlVlan = r.u16('ofp_match.dl_vlan');
  const dlVlanPcp = r.u8('ofp_match.dl_vlan_pcp');
  r.skip(1, 'ofp_match.pad1');
  const dlType = r.u16('ofp_match.dl_type');
  const nwTos = r.u8('ofp_match.nw_tos');
  const nwProto = r.u8('ofp_match.nw_proto');
  r.skip(2, 'ofp_match.pad2');
  const nwSrc = ipv4Text(r.buf, r.pos);
  const nwDst = ipv4Text(r.buf, r.pos + 4);
  r.pos += 8;
  const tpSrc = r.u16('ofp_match.tp_src');
  const tpDst = r.u16('ofp_match.tp_dst');
  return { wildcards, inPort, dlSrc, dlDst, dlVlan, dlVlanPcp, dlType, nwTos, nwProto, nwSrc, nwDst, tpSrc, tpDst };
}

export function encodeOf10Match(w: OfpWriter, m: Of10Match): void {
  w.u32(m.wildcards);
  w.u16(m.inPort);
  const macAt = w.pos;
  w.zeros(12);
  if (!macBytes(m.dlSrc, w.buf, macAt)) throw new OfpEncodeError('ofp_match.dl_src', `${JSON.stringify(m.dlSrc)} is not a MAC`);
  if (!macBytes(m.dlDst, w.buf, macAt + 6)) throw new OfpEncodeError('ofp_match.dl_dst', `${JSON.stringify(m.dlDst)} is not a MAC`);
  w.u16(m.dlVlan);
  w.u8(m.dlVlanPcp);
  w.zeros(1);
  w.u16(m.dlType);
  w.u8(m.nwTos);
  w.u8(m.nwProto);
  w.zeros(2);
  const ipAt = w.pos;
  w.zeros(8);
  if (!ipv4Bytes(m.nwSrc, w.buf, ipAt)) throw new OfpEncodeError('ofp_match.nw_src', `${JSON.stringify(m.nwSrc)} is not IPv4`);
  if (!ipv4Bytes(m.nwDst, w.buf, ipAt + 4)) throw new OfpEncodeError('ofp_match.nw_dst', `${JSON.stringify(m.nwDst)} is not IPv4`);
  w.u16(m.tpSrc);
  w.u16(m.tpDst);
}
