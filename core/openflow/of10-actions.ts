/**
 * OpenFlow 1.0 actions (OpenFlow 1.0.0 §5.2.4, enum ofp_action_type), enough for OF1.0-only
 * controllers and tools: output, the SET_* rewrites, strip VLAN, enqueue, and vendor actions kept
 * opaque.
 */
import { OfpEncodeError } from './encode-error.js';
import { OFPBAC, OFPET } from './error-codes.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';
import { ipv4Bytes, ipv4Text, macBytes, macText } from '../net/index.js';

/** enum ofp_action_type (OF1.0). */
export const OFPAT10 = {
  OUTPUT: 0,
  SET_VLAN_VID: 1,
  SET_VLAN_PCP: 2,
  STRIP_VLAN: 3,
  SET_DL_SRC: 4,
  SET_DL_DST: 5,
  SET_NW_SRC: 6,
  SET_NW_DST: 7,
  SET_NW_TOS: 8,
  SET_TP_SRC: 9,
  SET_TP_DST: 10,
  ENQUEUE: 11,
  VENDOR: 0xffff,
} as const;

export type Of10Action =
  | { type: 'OUTPUT'; port: number; maxLen: number }
  | { type: 'SET_VLAN_VID'; vlanVid: number }
  | { type: 'SET_VLAN_PCP'; vlanPcp: number }
  | { type: 'STRIP_VLAN' }
  | { type: 'SET_DL_SRC' | 'SET_DL_DST'; dlAddr: string }
  | { type: 'SET_NW_SRC' | 'SET_NW_DST'; nwAddr: string }
  | { type: 'SET_NW_TOS'; nwTos: number }
  | { type: 'SET_TP_SRC' | 'SET_TP_DST'; tpPort: number }
  | { type: 'ENQUEUE'; port: number; queueId: number }
  /** ofp_action_vendor_header: `data` is what follows the vendor id, kept verbatim. */
  | { type: 'VENDOR'; vendor: number; data: Buffer };

type Of10ActionName = Of10Action['type'];

const NAMES = new Map<number, Of10ActionName>(
  Object.entries(OFPAT10).map(([name, code]) => [code, name as Of10ActionName]),
);

/** Wire length of each fixed-size action. */
const FIXED_LEN: Record<Exclude<Of10ActionName, 'VENDOR'>, number> = {
  OUTPUT: 8, SET_VLAN_VID: 8, SET_VLAN_PCP: 8, STRIP_VLAN: 8, SET_DL_SRC: 16, SET_DL_DST: 16,
  SET_NW_SRC: 8, SET_NW_DST: 8, SET_NW_TOS: 8, SET_TP_SRC: 8, SET_TP_DST: 8, ENQUEUE: 16,
};

/** Reads exactly `len` bytes of OF1.0 actions. */
export function decodeOf10Actions(r: OfpReader, len: number): Of10Action[] {
  const s = r.sub(len, 'actions');
  const out: Of10Action[] = [];
  while (s.remaining > 0) out.push(decodeOf10Action(s));
  return out;
}

function decodeOf10Action(r: OfpReader): Of10Action {
  const at = r.pos;
  const type = r.u16('ofp_action_header.type');
  const len = r.u16('ofp_action_header.len');
  const fail = (field: string, reason: string, code: number): Error => {
    r.pos = at;
    return r.error(field, reason, { type: OFPET.BAD_ACTION, code });
  };
  const name = NAMES.get(type);
  if (name === undefined) throw fail('ofp_action_header.type', `unknown OF1.0 action type ${type}`, OFPBAC.BAD_TYPE);
  const want = name === 'VENDOR' ? undefined : FIXED_LEN[name];
  if (len < 8 || len % 8 !== 0 || (want !== undefined && len !== want) || len - 4 > r.remaining) {
    throw fail('ofp_action_header.len', `bad length ${len} for OFPAT_${name}`, OFPBAC.BAD_LEN);
  }
  switch (name) {
    case 'OUTPUT': {
      const port = r.u16('ofp_action_output.port');
      return { type: name, port, maxLen: r.u16('ofp_action_output.max_len') };
    }
    case 'SET_VLAN_VID': {
      const vlanVid = r.u16('ofp_action_vlan_vid.vlan_vid');
      r.skip(2, 'ofp_action_vlan_vid.pad');
      return { type: name, vlanVid };
    }
    case 'SET_VLAN_PCP': {
      const vlanPcp = r.u8('ofp_action_vlan_pcp.vlan_pcp');
      r.skip(3, 'ofp_action_vlan_pcp.pad');
      return { type: name, vlanPcp };
    }
    case 'STRIP_VLAN':
      r.skip(4, 'ofp_action_header.pad');
      return { type: name };
    case 'SET_DL_SRC': case 'SET_DL_DST': {
      const dlAddr = macText(r.buf, r.pos);
      r.skip(12, 'ofp_action_dl_addr');
      return { type: name, dlAddr };
    }
    case 'SET_NW_SRC': case 'SET_NW_DST': {
      const nwAddr = ipv4Text(r.buf, r.pos);
      r.skip(4, 'ofp_action_nw_addr.nw_addr');
      return { type: name, nwAddr };
    }
    case 'SET_NW_TOS': {
      const nwTos = r.u8('ofp_action_nw_tos.nw_tos');
      r.skip(3, 'ofp_action_nw_tos.pad');
      return { type: name, nwTos };
    }
    case 'SET_TP_SRC': case 'SET_TP_DST': {
      const tpPort = r.u16('ofp_action_tp_port.tp_port');
      r.skip(2, 'ofp_action_tp_port.pad');
      return { type: name, tpPort };
    }
    case 'ENQUEUE': {
      const port = r.u16('ofp_action_enqueue.port');
      r.skip(6, 'ofp_action_enqueue.pad');
      return { type: name, port, queueId: r.u32('ofp_action_enqueue.queue_id') };
    }
    case 'VENDOR': {
      const vendor = r.u32('ofp_action_vendor_header.vendor');
      return { type: name, vendor, data: r.bytes(len - 8, 'ofp_action_vendor_header.data') };
    }
  }
}

export function encodeOf10Actions(w: OfpWriter, actions: readonly Of10Action[]): void {
  for (const a of actions) encodeOf10Action(w, a);
}

function encodeOf10Action(w: OfpWriter, a: Of10Action): void {
  const start = w.pos;
  w.u16(OFPAT10[a.type]);
  if (a.type === 'VENDOR') {
    const len = 8 + a.data.length;
    if (len % 8 !== 0 || len > 0xffff) throw new OfpEncodeError('ofp_action_vendor_header.len', `${len} is not a multiple of 8`);
    w.u16(len);
    w.u32(a.vendor);
    w.bytes(a.data);
    return;
  }
  w.u16(FIXED_LEN[a.type]);
  switch (a.type) {
    case 'OUTPUT': w.u16(a.port); w.u16(a.maxLen); break;
    case 'SET_VLAN_VID': w.u16(a.vlanVid); w.zeros(2); break;
    case 'SET_VLAN_PCP': w.u8(a.vlanPcp); w.zeros(3); break;
    case 'STRIP_VLAN': w.zeros(4); break;
    case 'SET_DL_SRC': case 'SET_DL_DST':
      w.zeros(12);
      if (!macBytes(a.dlAddr, w.buf, start + 4)) throw new OfpEncodeError('ofp_action_dl_addr.dl_addr', `${JSON.stringify(a.dlAddr)} is not a MAC`);
      break;
    case 'SET_NW_SRC': case 'SET_NW_DST':
      w.zeros(4);
      if (!ipv4Bytes(a.nwAddr, w.buf, start + 4)) throw new OfpEncodeError('ofp_action_nw_addr.nw_addr', `${JSON.stringify(a.nwAddr)} is not IPv4`);
      break;
    case 'SET_NW_TOS': w.u8(a.nwTos); w.zeros(3); break;
    case 'SET_TP_SRC': case 'SET_TP_DST': w.u16(a.tpPort); w.zeros(2); break;
    case 'ENQUEUE': w.u16(a.port); w.zeros(6); w.u32(a.queueId); break;
  }
}
