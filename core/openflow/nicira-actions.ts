/**
 * Nicira (Open vSwitch) experimenter actions: ofp_action_experimenter with experimenter
 * 0x00002320 and a 16-bit subtype after it (OVS's nx_action_* layouts, include/openflow/nicira-ext.h
 * and lib/ofp-actions.c). OVS sends these in flow stats and flow-removed bodies, and a controller
 * that drives OVS wants conntrack, learn, resubmit and registers, so they decode to typed objects.
 *
 * A known subtype whose fixed length is wrong is OFPBAC_BAD_LEN (as OVS answers). A known subtype
 * whose content this codec cannot reproduce exactly (non-zero padding, a reserved learn spec kind,
 * unknown NAT range bits) and every unknown subtype stay an opaque EXPERIMENTER action, so they
 * still re-encode byte-exact.
 */
import { decodeActions, encodeActions, type Action } from './actions.js';
import { OfpEncodeError } from './encode-error.js';
import { OFPBAC, OFPET } from './error-codes.js';
import { decodeOxm, encodeOxm, MATCH_OXM_ERRORS, type OxmTlv } from './match.js';
import { ipv4Bytes, ipv4Text, ipv6Bytes, ipv6Text } from '../net/index.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';
import {
  OFPXMC, OXM_FIELDS, OXM_KIND_WIDTH, isOxmFieldName, oxmFieldByNumber, type OxmFieldName, type OxmFieldSpec,
} from './oxm-fields.js';

export const NX_EXPERIMENTER_ID = 0x00002320;

/** enum nx_action_subtype (the ones this codec types). */
export const NXAST = {
  RESUBMIT: 1,
  SET_TUNNEL: 2,
  SET_QUEUE: 4,
  POP_QUEUE: 5,
  REG_MOVE: 6,
  REG_LOAD: 7,
  NOTE: 8,
  SET_TUNNEL64: 9,
  RESUBMIT_TABLE: 14,
  OUTPUT_REG: 15,
  LEARN: 16,
  EXIT: 17,
  DEC_TTL: 18,
  FIN_TIMEOUT: 19,
  CONTROLLER: 20,
  DEC_TTL_CNT_IDS: 21,
  PUSH_MPLS: 23,
  POP_MPLS: 24,
  SET_MPLS_TTL: 25,
  DEC_MPLS_TTL: 26,
  STACK_PUSH: 27,
  STACK_POP: 28,
  SAMPLE: 29,
  SET_MPLS_LABEL: 30,
  SET_MPLS_TC: 31,
  REG_LOAD2: 33,
  CONJUNCTION: 34,
  CT: 35,
  NAT: 36,
  CONTROLLER2: 37,
  SAMPLE2: 38,
  OUTPUT_TRUNC: 39,
  CT_CLEAR: 43,
  DEC_NSH_TTL: 48,
} as const;

/** nx_action_nat.range_present bits. */
export const NX_NAT_RANGE = {
  IPV4_MIN: 1 << 0, IPV4_MAX: 1 << 1, IPV6_MIN: 1 << 2, IPV6_MAX: 1 << 3, PROTO_MIN: 1 << 4, PROTO_MAX: 1 << 5,
} as const;
/** nx_action_nat.flags bits. */
export const NX_NAT_F = { SRC: 1 << 0, DST: 1 << 1, PERSISTENT: 1 << 2, PROTO_HASH: 1 << 3, PROTO_RANDOM: 1 << 4 } as const;
/** nx_action_conntrack.flags bits. */
export const NX_CT_F = { COMMIT: 1 << 0, FORCE: 1 << 1 } as const;

/**
 * A field named by a bare NXM/OXM header (no value), as reg_move, learn, stack and ct use them.
 * The field's name when the header is that field's plain 32-bit header (no mask bit, natural
 * length); otherwise the raw header, so odd headers round-trip.
 */
export type NxmFieldRef = OxmFieldName | number;

/** A bit range of a field: `nBits` bits starting at bit `ofs`. */
export interface NxFieldSlice {
  readonly field: NxmFieldRef;
  readonly ofs: number;
}

/** One flow_mod_spec of a learn action (kind: what the learned flow gets; src: field or immediate). */
export interface LearnSpec {
  readonly kind: 'match' | 'load' | 'output';
  readonly nBits: number;
  /** A field slice, or an immediate value (bigint, as wide as nBits rounded up to 16 bits). */
  readonly src: NxFieldSlice | bigint;
  /** Absent for 'output'. */
  readonly dst?: NxFieldSlice;
}

export type Controller2Prop =
  | { readonly type: 'MAX_LEN'; readonly maxLen: number }
  | { readonly type: 'CONTROLLER_ID'; readonly controllerId: number }
  | { readonly type: 'REASON'; readonly reason: number }
  | { readonly type: 'USERDATA'; readonly userdata: Buffer }
  | { readonly type: 'PAUSE' }
  | { readonly type: 'METER_ID'; readonly meterId: number }
  /** A property type this codec does not know, or a known one with an unexpected length. */
  | { readonly type: 'UNKNOWN'; readonly propType: number; readonly data: Buffer };

export type NiciraAction =
  | { readonly type: 'NX_RESUBMIT'; readonly inPort: number }
  | { readonly type: 'NX_RESUBMIT_TABLE'; readonly inPort: number; readonly tableId: number }
  | { readonly type: 'NX_SET_TUNNEL'; readonly tunId: number }
  | { readonly type: 'NX_SET_TUNNEL64'; readonly tunId: bigint }
  | { readonly type: 'NX_SET_QUEUE'; readonly queueId: number }
  | { readonly type: 'NX_POP_QUEUE' }
  | { readonly type: 'NX_REG_MOVE'; readonly nBits: number; readonly srcOfs: number; readonly dstOfs: number; readonly src: NxmFieldRef; readonly dst: NxmFieldRef }
  /** ofsNbits packs the destination bit range as (ofs << 6) | (nBits - 1). */
  | { readonly type: 'NX_REG_LOAD'; readonly ofsNbits: number; readonly dst: NxmFieldRef; readonly value: bigint }
  | { readonly type: 'NX_REG_LOAD2'; readonly field: OxmTlv }
  /** The note bytes including any trailing zero padding (the wire keeps no separate length). */
  | { readonly type: 'NX_NOTE'; readonly note: Buffer }
  | { readonly type: 'NX_OUTPUT_REG'; readonly ofsNbits: number; readonly src: NxmFieldRef; readonly maxLen: number }
  | {
    readonly type: 'NX_LEARN'; readonly idleTimeout: number; readonly hardTimeout: number; readonly priority: number;
    readonly cookie: bigint; readonly flags: number; readonly tableId: number; readonly finIdleTimeout: number;
    readonly finHardTimeout: number; readonly specs: readonly LearnSpec[];
  }
  | { readonly type: 'NX_EXIT' }
  | { readonly type: 'NX_DEC_TTL' }
  | { readonly type: 'NX_FIN_TIMEOUT'; readonly finIdleTimeout: number; readonly finHardTimeout: number }
  | { readonly type: 'NX_CONTROLLER'; readonly maxLen: number; readonly controllerId: number; readonly reason: number }
  | { readonly type: 'NX_DEC_TTL_CNT_IDS'; readonly controllerIds: readonly number[] }
  | { readonly type: 'NX_PUSH_MPLS'; readonly ethertype: number }
  | { readonly type: 'NX_POP_MPLS'; readonly ethertype: number }
  | { readonly type: 'NX_SET_MPLS_TTL'; readonly ttl: number }
  | { readonly type: 'NX_DEC_MPLS_TTL' }
  | { readonly type: 'NX_SET_MPLS_LABEL'; readonly label: number }
  | { readonly type: 'NX_SET_MPLS_TC'; readonly tc: number }
  | { readonly type: 'NX_STACK_PUSH' | 'NX_STACK_POP'; readonly field: NxmFieldRef; readonly ofs: number; readonly nBits: number }
  | { readonly type: 'NX_SAMPLE'; readonly probability: number; readonly collectorSetId: number; readonly obsDomainId: number; readonly obsPointId: number }
  | {
    readonly type: 'NX_SAMPLE2'; readonly probability: number; readonly collectorSetId: number; readonly obsDomainId: number;
    readonly obsPointId: number; readonly samplingPort: number; readonly direction: number;
  }
  | { readonly type: 'NX_CONJUNCTION'; readonly clause: number; readonly nClauses: number; readonly id: number }
  /**
   * zoneSrc absent: zoneOfsNbits is the immediate zone id; present: the zone comes from that
   * field's bit range (ofs << 6) | (nBits - 1).
   */
  | {
    readonly type: 'NX_CT'; readonly flags: number; readonly zoneSrc?: NxmFieldRef; readonly zoneOfsNbits: number;
    readonly recircTable: number; readonly alg: number; readonly actions: readonly Action[];
  }
  | {
    readonly type: 'NX_NAT'; readonly flags: number; readonly ipv4Min?: string; readonly ipv4Max?: string;
    readonly ipv6Min?: string; readonly ipv6Max?: string; readonly protoMin?: number; readonly protoMax?: number;
  }
  | { readonly type: 'NX_CONTROLLER2'; readonly props: readonly Controller2Prop[] }
  | { readonly type: 'NX_OUTPUT_TRUNC'; readonly port: number; readonly maxLen: number }
  | { readonly type: 'NX_CT_CLEAR' }
  | { readonly type: 'NX_DEC_NSH_TTL' };

export type NiciraActionType = NiciraAction['type'];

export function isNiciraAction(a: { readonly type: string }): a is NiciraAction {
  return a.type.startsWith('NX_');
}

/** Exact lengths of the fixed-size subtypes. */
const FIXED_LEN: Partial<Record<number, number>> = {
  [NXAST.RESUBMIT]: 16, [NXAST.SET_TUNNEL]: 16, [NXAST.SET_QUEUE]: 16, [NXAST.POP_QUEUE]: 16,
  [NXAST.REG_MOVE]: 24, [NXAST.REG_LOAD]: 24, [NXAST.SET_TUNNEL64]: 24, [NXAST.RESUBMIT_TABLE]: 16,
  [NXAST.OUTPUT_REG]: 24, [NXAST.EXIT]: 16, [NXAST.DEC_TTL]: 16, [NXAST.FIN_TIMEOUT]: 16,
  [NXAST.CONTROLLER]: 16, [NXAST.PUSH_MPLS]: 16, [NXAST.POP_MPLS]: 16, [NXAST.SET_MPLS_TTL]: 16,
  [NXAST.DEC_MPLS_TTL]: 16, [NXAST.STACK_PUSH]: 24, [NXAST.STACK_POP]: 24, [NXAST.SAMPLE]: 24,
  [NXAST.SET_MPLS_LABEL]: 16, [NXAST.SET_MPLS_TC]: 16, [NXAST.CONJUNCTION]: 16, [NXAST.SAMPLE2]: 32,
  [NXAST.OUTPUT_TRUNC]: 16, [NXAST.CT_CLEAR]: 16, [NXAST.DEC_NSH_TTL]: 16,
};

/** The plain 32-bit NXM header of a field (what reg_move & co. carry), or undefined if it has none. */
export function nxmHeaderOf(name: OxmFieldName): number | undefined {
  const spec: OxmFieldSpec = OXM_FIELDS[name];
  if (spec.oxmClass === OFPXMC.EXPERIMENTER) return undefined;
  return ((spec.oxmClass << 16) | (spec.field << 9) | OXM_KIND_WIDTH[spec.kind]) >>> 0;
}

export function nxmRefFromHeader(header: number): NxmFieldRef {
  const cls = header >>> 16;
  if (cls === OFPXMC.EXPERIMENTER || (header & 0x100) !== 0) return header;
  const name = oxmFieldByNumber(cls, (header >>> 9) & 0x7f);
  if (name === undefined || OXM_KIND_WIDTH[OXM_FIELDS[name].kind] !== (header & 0xff)) return header;
  return name;
}

export function nxmHeaderFromRef(ref: NxmFieldRef, where: string): number {
  if (typeof ref === 'number') return ref >>> 0;
  const h = isOxmFieldName(ref) ? nxmHeaderOf(ref) : undefined;
  if (h === undefined) throw new OfpEncodeError(where, `field ${String(ref)} has no 32-bit NXM header`);
  return h;
}

/**
 * Decodes the Nicira action whose 8-byte experimenter header ends at `r.pos` (`at` is its start,
 * `len` its length). Returns undefined, with `r` untouched, to have the caller keep it opaque.
 */
export function decodeNiciraAction(r: OfpReader, len: number, at: number): NiciraAction | undefined {
  const resume = r.pos;
  const subtype = r.buf.readUInt16BE(r.pos);
  const fixed = FIXED_LEN[subtype];
  if (fixed !== undefined && len !== fixed) {
    r.pos = at;
    throw r.error('nx_action.len', `Nicira action subtype ${subtype} needs length ${fixed}, got ${len}`,
      { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_LEN });
  }
  const b = r.sub(len - 8, 'nx_action');
  b.pos += 2;
  const a = decodeBody(b, subtype, at);
  // Whatever follows the body is padding. Encoding pads to the next multiple of 8, so 8 or more
  // trailing bytes (or any non-zero one) would not come back byte-exact: keep those opaque.
  if (a === undefined || b.remaining >= 8 || !allZero(b)) {
    r.pos = resume;
    return undefined;
  }
  return a;
}

/** Trailing bytes of a Nicira action are padding; anything else means we did not understand it. */
function allZero(b: OfpReader): boolean {
  for (let i = b.pos; i < b.end; i++) if (b.buf[i] !== 0) return false;
  return true;
}

function zeros(b: OfpReader, n: number): boolean {
  for (let i = 0; i < n; i++) if (b.buf[b.pos + i] !== 0) return false;
  b.skip(n, 'nx_action.pad');
  return true;
}

function decodeBody(b: OfpReader, subtype: number, at: number): NiciraAction | undefined {
  switch (subtype) {
    case NXAST.RESUBMIT: return { type: 'NX_RESUBMIT', inPort: b.u16('nx_action_resubmit.in_port') };
    case NXAST.RESUBMIT_TABLE: {
      const inPort = b.u16('nx_action_resubmit.in_port');
      return { type: 'NX_RESUBMIT_TABLE', inPort, tableId: b.u8('nx_action_resubmit.table') };
    }
    case NXAST.SET_TUNNEL: return zeros(b, 2) ? { type: 'NX_SET_TUNNEL', tunId: b.u32('nx_action_set_tunnel.tun_id') } : undefined;
    case NXAST.SET_TUNNEL64: return zeros(b, 6) ? { type: 'NX_SET_TUNNEL64', tunId: b.u64('nx_action_set_tunnel64.tun_id') } : undefined;
    case NXAST.SET_QUEUE: return zeros(b, 2) ? { type: 'NX_SET_QUEUE', queueId: b.u32('nx_action_set_queue.queue_id') } : undefined;
    case NXAST.POP_QUEUE: return { type: 'NX_POP_QUEUE' };
    case NXAST.EXIT: return { type: 'NX_EXIT' };
    case NXAST.DEC_TTL: return { type: 'NX_DEC_TTL' };
    case NXAST.DEC_MPLS_TTL: return { type: 'NX_DEC_MPLS_TTL' };
    case NXAST.CT_CLEAR: return { type: 'NX_CT_CLEAR' };
    case NXAST.DEC_NSH_TTL: return { type: 'NX_DEC_NSH_TTL' };
    case NXAST.REG_MOVE: {
      const nBits = b.u16('nx_action_reg_move.n_bits');
      const srcOfs = b.u16('nx_action_reg_move.src_ofs');
      const dstOfs = b.u16('nx_action_reg_move.dst_ofs');
      const src = nxmRefFromHeader(b.u32('nx_action_reg_move.src'));
      const dst = nxmRefFromHeader(b.u32('nx_action_reg_move.dst'));
      return { type: 'NX_REG_MOVE', nBits, srcOfs, dstOfs, src, dst };
    }
    case NXAST.REG_LOAD: {
      const ofsNbits = b.u16('nx_action_reg_load.ofs_nbits');
      const dst = nxmRefFromHeader(b.u32('nx_action_reg_load.dst'));
      return { type: 'NX_REG_LOAD', ofsNbits, dst, value: b.u64('nx_action_reg_load.value') };
    }
    case NXAST.REG_LOAD2: {
      const field = decodeOxm(b, MATCH_OXM_ERRORS, 'nx_action_reg_load2.field');
      return { type: 'NX_REG_LOAD2', field };
    }
    case NXAST.NOTE: return { type: 'NX_NOTE', note: b.bytes(b.remaining, 'nx_action_note.note') };
    case NXAST.OUTPUT_REG: {
      const ofsNbits = b.u16('nx_action_output_reg.ofs_nbits');
      const src = nxmRefFromHeader(b.u32('nx_action_output_reg.src'));
      return { type: 'NX_OUTPUT_REG', ofsNbits, src, maxLen: b.u16('nx_action_output_reg.max_len') };
    }
    case NXAST.FIN_TIMEOUT: {
      const finIdleTimeout = b.u16('nx_action_fin_timeout.fin_idle_timeout');
      return { type: 'NX_FIN_TIMEOUT', finIdleTimeout, finHardTimeout: b.u16('nx_action_fin_timeout.fin_hard_timeout') };
    }
    case NXAST.CONTROLLER: {
      const maxLen = b.u16('nx_action_controller.max_len');
      const controllerId = b.u16('nx_action_controller.controller_id');
      return { type: 'NX_CONTROLLER', maxLen, controllerId, reason: b.u8('nx_action_controller.reason') };
    }
    case NXAST.DEC_TTL_CNT_IDS: {
      const n = b.u16('nx_action_cnt_ids.n_controllers');
      if (!zeros(b, 4) || 2 * n > b.remaining) return undefined;
      const controllerIds: number[] = [];
      for (let i = 0; i < n; i++) controllerIds.push(b.u16('nx_action_cnt_ids.cnt_ids'));
      return { type: 'NX_DEC_TTL_CNT_IDS', controllerIds };
    }
    case NXAST.PUSH_MPLS: case NXAST.POP_MPLS:
      return { type: subtype === NXAST.PUSH_MPLS ? 'NX_PUSH_MPLS' : 'NX_POP_MPLS', ethertype: b.u16('nx_action_mpls.ethertype') };
    case NXAST.SET_MPLS_TTL: return { type: 'NX_SET_MPLS_TTL', ttl: b.u8('nx_action_mpls_ttl.ttl') };
    case NXAST.SET_MPLS_TC: return { type: 'NX_SET_MPLS_TC', tc: b.u8('nx_action_mpls_tc.tc') };
    case NXAST.SET_MPLS_LABEL:
      return zeros(b, 2) ? { type: 'NX_SET_MPLS_LABEL', label: b.u32('nx_action_mpls_label.label') } : undefined;
    case NXAST.STACK_PUSH: case NXAST.STACK_POP: {
      const ofs = b.u16('nx_action_stack.offset');
      const field = nxmRefFromHeader(b.u32('nx_action_stack.field'));
      const nBits = b.u16('nx_action_stack.n_bits');
      return { type: subtype === NXAST.STACK_PUSH ? 'NX_STACK_PUSH' : 'NX_STACK_POP', field, ofs, nBits };
    }
    case NXAST.SAMPLE: case NXAST.SAMPLE2: {
      const probability = b.u16('nx_action_sample.probability');
      const collectorSetId = b.u32('nx_action_sample.collector_set_id');
      const obsDomainId = b.u32('nx_action_sample.obs_domain_id');
      const obsPointId = b.u32('nx_action_sample.obs_point_id');
      if (subtype === NXAST.SAMPLE) return { type: 'NX_SAMPLE', probability, collectorSetId, obsDomainId, obsPointId };
      const samplingPort = b.u16('nx_action_sample2.sampling_port');
      const direction = b.u8('nx_action_sample2.direction');
      return { type: 'NX_SAMPLE2', probability, collectorSetId, obsDomainId, obsPointId, samplingPort, direction };
    }
    case NXAST.CONJUNCTION: {
      const clause = b.u8('nx_action_conjunction.clause');
      const nClauses = b.u8('nx_action_conjunction.n_clauses');
      return { type: 'NX_CONJUNCTION', clause, nClauses, id: b.u32('nx_action_conjunction.id') };
    }
    case NXAST.OUTPUT_TRUNC: {
      const port = b.u16('nx_action_output_trunc.port');
      return { type: 'NX_OUTPUT_TRUNC', port, maxLen: b.u32('nx_action_output_trunc.max_len') };
    }
    case NXAST.LEARN: return decodeLearn(b);
    case NXAST.CT: return decodeCt(b, at);
    case NXAST.NAT: return decodeNat(b);
    case NXAST.CONTROLLER2: return decodeController2(b);
    default: return undefined;
  }
}

function decodeLearn(b: OfpReader): NiciraAction | undefined {
  const idleTimeout = b.u16('nx_action_learn.idle_timeout');
  const hardTimeout = b.u16('nx_action_learn.hard_timeout');
  const priority = b.u16('nx_action_learn.priority');
  const cookie = b.u64('nx_action_learn.cookie');
  const flags = b.u16('nx_action_learn.flags');
  const tableId = b.u8('nx_action_learn.table_id');
  if (!zeros(b, 1)) return undefined;
  const finIdleTimeout = b.u16('nx_action_learn.fin_idle_timeout');
  const finHardTimeout = b.u16('nx_action_learn.fin_hard_timeout');
  const specs: LearnSpec[] = [];
  // Specs run until the padding: a zero spec header (or fewer than 2 bytes) ends the list.
  while (b.remaining >= 2 && b.buf.readUInt16BE(b.pos) !== 0) {
    const h = b.u16('nx_flow_mod_spec.header');
    if (h & 0xc000) return undefined;
    const dstType = (h >> 11) & 3;
    if (dstType === 3) return undefined;
    const nBits = h & 0x3ff;
    if (nBits === 0) return undefined;
    let src: NxFieldSlice | bigint;
    if (h & 0x2000) {
      const bytes = 2 * Math.ceil(nBits / 16);
      if (b.remaining < bytes) return undefined;
      let v = 0n;
      for (let i = 0; i < bytes; i++) v = (v << 8n) | BigInt(b.u8('nx_flow_mod_spec.src_imm'));
      src = v;
    } else {
      if (b.remaining < 6) return undefined;
      src = { field: nxmRefFromHeader(b.u32('nx_flow_mod_spec.src')), ofs: b.u16('nx_flow_mod_spec.src_ofs') };
    }
    if (dstType === 2) {
      specs.push({ kind: 'output', nBits, src });
      continue;
    }
    if (b.remaining < 6) return undefined;
    const dst = { field: nxmRefFromHeader(b.u32('nx_flow_mod_spec.dst')), ofs: b.u16('nx_flow_mod_spec.dst_ofs') };
    specs.push({ kind: dstType === 0 ? 'match' : 'load', nBits, src, dst });
  }
  return {
    type: 'NX_LEARN', idleTimeout, hardTimeout, priority, cookie, flags, tableId, finIdleTimeout, finHardTimeout, specs,
  };
}

const MAX_CT_NESTING = 8;
let ctDepth = 0;

function decodeCt(b: OfpReader, at: number): NiciraAction | undefined {
  if (b.remaining < 14) {
    b.pos = at;
    throw b.error('nx_action_conntrack.len', 'conntrack action shorter than 24 bytes', { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_LEN });
  }
  const flags = b.u16('nx_action_conntrack.flags');
  const zoneHeader = b.u32('nx_action_conntrack.zone_src');
  const zoneOfsNbits = b.u16('nx_action_conntrack.zone_ofs_nbits');
  const recircTable = b.u8('nx_action_conntrack.recirc_table');
  if (!zeros(b, 3)) return undefined;
  const alg = b.u16('nx_action_conntrack.alg');
  // ct may carry actions, including another ct; bound the recursion so a hostile 64 KB message
  // of nested ct actions is a typed error instead of a stack overflow. OVS itself nests none.
  if (ctDepth >= MAX_CT_NESTING) {
    b.pos = at;
    throw b.error('nx_action_conntrack.actions', `ct actions nested deeper than ${MAX_CT_NESTING}`,
      { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_ARGUMENT });
  }
  let actions: Action[];
  ctDepth++;
  try {
    actions = decodeActions(b, b.remaining);
  } finally {
    ctDepth--;
  }
  const base = { type: 'NX_CT', flags, zoneOfsNbits, recircTable, alg, actions } as const;
  return zoneHeader === 0 ? base : { ...base, zoneSrc: nxmRefFromHeader(zoneHeader) };
}

function decodeNat(b: OfpReader): NiciraAction | undefined {
  if (b.remaining < 6 || !zeros(b, 2)) return undefined;
  const flags = b.u16('nx_action_nat.flags');
  const present = b.u16('nx_action_nat.range_present');
  if (present & ~0x3f) return undefined;
  let ipv4Min: string | undefined;
  let ipv4Max: string | undefined;
  let ipv6Min: string | undefined;
  let ipv6Max: string | undefined;
  let protoMin: number | undefined;
  let protoMax: number | undefined;
  const take = (n: number): number | undefined => {
    if (b.remaining < n) return undefined;
    b.pos += n;
    return b.pos - n;
  };
  if (present & NX_NAT_RANGE.IPV4_MIN) { const p = take(4); if (p === undefined) return undefined; ipv4Min = ipv4Text(b.buf, p); }
  if (present & NX_NAT_RANGE.IPV4_MAX) { const p = take(4); if (p === undefined) return undefined; ipv4Max = ipv4Text(b.buf, p); }
  if (present & NX_NAT_RANGE.IPV6_MIN) { const p = take(16); if (p === undefined) return undefined; ipv6Min = ipv6Text(b.buf, p); }
  if (present & NX_NAT_RANGE.IPV6_MAX) { const p = take(16); if (p === undefined) return undefined; ipv6Max = ipv6Text(b.buf, p); }
  if (present & NX_NAT_RANGE.PROTO_MIN) { if (b.remaining < 2) return undefined; protoMin = b.u16('nx_action_nat.proto_min'); }
  if (present & NX_NAT_RANGE.PROTO_MAX) { if (b.remaining < 2) return undefined; protoMax = b.u16('nx_action_nat.proto_max'); }
  return {
    type: 'NX_NAT', flags,
    ...(ipv4Min !== undefined && { ipv4Min }), ...(ipv4Max !== undefined && { ipv4Max }),
    ...(ipv6Min !== undefined && { ipv6Min }), ...(ipv6Max !== undefined && { ipv6Max }),
    ...(protoMin !== undefined && { protoMin }), ...(protoMax !== undefined && { protoMax }),
  };
}

const NXAC2PT = { MAX_LEN: 0, CONTROLLER_ID: 1, REASON: 2, USERDATA: 3, PAUSE: 4, METER_ID: 5 } as const;

function decodeController2(b: OfpReader): NiciraAction | undefined {
  if (!zeros(b, 6)) return undefined;
  const props: Controller2Prop[] = [];
  while (b.remaining >= 4) {
    const propType = b.u16('nx_action_controller2.prop.type');
    const plen = b.u16('nx_action_controller2.prop.len');
    const padded = (plen + 7) & ~7;
    if (plen < 4 || padded - 4 > b.remaining) return undefined;
    const start = b.pos;
    let p: Controller2Prop;
    if (propType === NXAC2PT.MAX_LEN && plen === 8 && b.buf.readUInt16BE(start + 2) === 0) {
      p = { type: 'MAX_LEN', maxLen: b.buf.readUInt16BE(start) };
    } else if (propType === NXAC2PT.CONTROLLER_ID && plen === 8 && b.buf.readUInt16BE(start + 2) === 0) {
      p = { type: 'CONTROLLER_ID', controllerId: b.buf.readUInt16BE(start) };
    } else if (propType === NXAC2PT.REASON && plen === 5) {
      p = { type: 'REASON', reason: b.buf[start]! };
    } else if (propType === NXAC2PT.USERDATA) {
      p = { type: 'USERDATA', userdata: Buffer.from(b.buf.subarray(start, start + plen - 4)) };
    } else if (propType === NXAC2PT.PAUSE && plen === 4) {
      p = { type: 'PAUSE' };
    } else if (propType === NXAC2PT.METER_ID && plen === 8) {
      p = { type: 'METER_ID', meterId: b.buf.readUInt32BE(start) };
    } else {
      p = { type: 'UNKNOWN', propType, data: Buffer.from(b.buf.subarray(start, start + plen - 4)) };
    }
    b.pos = start + plen - 4;
    if (!zeros(b, padded - plen)) return undefined;
    props.push(p);
  }
  return { type: 'NX_CONTROLLER2', props };
}

// ---------------------------------------------------------------------------------------------
// Encoding

const SUBTYPE: Record<NiciraActionType, number> = {
  NX_RESUBMIT: NXAST.RESUBMIT, NX_RESUBMIT_TABLE: NXAST.RESUBMIT_TABLE, NX_SET_TUNNEL: NXAST.SET_TUNNEL,
  NX_SET_TUNNEL64: NXAST.SET_TUNNEL64, NX_SET_QUEUE: NXAST.SET_QUEUE, NX_POP_QUEUE: NXAST.POP_QUEUE,
  NX_REG_MOVE: NXAST.REG_MOVE, NX_REG_LOAD: NXAST.REG_LOAD, NX_REG_LOAD2: NXAST.REG_LOAD2, NX_NOTE: NXAST.NOTE,
  NX_OUTPUT_REG: NXAST.OUTPUT_REG, NX_LEARN: NXAST.LEARN, NX_EXIT: NXAST.EXIT, NX_DEC_TTL: NXAST.DEC_TTL,
  NX_FIN_TIMEOUT: NXAST.FIN_TIMEOUT, NX_CONTROLLER: NXAST.CONTROLLER, NX_DEC_TTL_CNT_IDS: NXAST.DEC_TTL_CNT_IDS,
  NX_PUSH_MPLS: NXAST.PUSH_MPLS, NX_POP_MPLS: NXAST.POP_MPLS, NX_SET_MPLS_TTL: NXAST.SET_MPLS_TTL,
  NX_DEC_MPLS_TTL: NXAST.DEC_MPLS_TTL, NX_SET_MPLS_LABEL: NXAST.SET_MPLS_LABEL, NX_SET_MPLS_TC: NXAST.SET_MPLS_TC,
  NX_STACK_PUSH: NXAST.STACK_PUSH, NX_STACK_POP: NXAST.STACK_POP, NX_SAMPLE: NXAST.SAMPLE, NX_SAMPLE2: NXAST.SAMPLE2,
  NX_CONJUNCTION: NXAST.CONJUNCTION, NX_CT: NXAST.CT, NX_NAT: NXAST.NAT, NX_CONTROLLER2: NXAST.CONTROLLER2,
  NX_OUTPUT_TRUNC: NXAST.OUTPUT_TRUNC, NX_CT_CLEAR: NXAST.CT_CLEAR, NX_DEC_NSH_TTL: NXAST.DEC_NSH_TTL,
};

/** Writes a Nicira action: experimenter header, subtype, body, zero padding to 8, then the length. */
export function encodeNiciraAction(w: OfpWriter, a: NiciraAction): void {
  const start = w.pos;
  const subtype = SUBTYPE[a.type];
  if (subtype === undefined) throw new OfpEncodeError('nx_action.subtype', `unknown Nicira action ${String(a.type)}`);
  w.u16(0xffff); w.u16(0); w.u32(NX_EXPERIMENTER_ID); w.u16(subtype);
  const ref = (f: NxmFieldRef, where: string): void => w.u32(nxmHeaderFromRef(f, `${a.type}.${where}`));
  switch (a.type) {
    case 'NX_RESUBMIT': w.u16(a.inPort); break;
    case 'NX_RESUBMIT_TABLE': w.u16(a.inPort); w.u8(a.tableId); break;
    case 'NX_SET_TUNNEL': w.zeros(2); w.u32(a.tunId); break;
    case 'NX_SET_TUNNEL64': w.zeros(6); w.u64(a.tunId); break;
    case 'NX_SET_QUEUE': w.zeros(2); w.u32(a.queueId); break;
    case 'NX_POP_QUEUE': case 'NX_EXIT': case 'NX_DEC_TTL': case 'NX_DEC_MPLS_TTL': case 'NX_CT_CLEAR': case 'NX_DEC_NSH_TTL':
      break;
    case 'NX_REG_MOVE': w.u16(a.nBits); w.u16(a.srcOfs); w.u16(a.dstOfs); ref(a.src, 'src'); ref(a.dst, 'dst'); break;
    case 'NX_REG_LOAD': w.u16(a.ofsNbits); ref(a.dst, 'dst'); w.u64(a.value); break;
    case 'NX_REG_LOAD2': encodeOxm(w, a.field); break;
    case 'NX_NOTE': w.bytes(a.note); break;
    case 'NX_OUTPUT_REG': w.u16(a.ofsNbits); ref(a.src, 'src'); w.u16(a.maxLen); break;
    case 'NX_FIN_TIMEOUT': w.u16(a.finIdleTimeout); w.u16(a.finHardTimeout); break;
    case 'NX_CONTROLLER': w.u16(a.maxLen); w.u16(a.controllerId); w.u8(a.reason); break;
    case 'NX_DEC_TTL_CNT_IDS':
      w.u16(a.controllerIds.length); w.zeros(4);
      for (const id of a.controllerIds) w.u16(id);
      break;
    case 'NX_PUSH_MPLS': case 'NX_POP_MPLS': w.u16(a.ethertype); break;
    case 'NX_SET_MPLS_TTL': w.u8(a.ttl); break;
    case 'NX_SET_MPLS_TC': w.u8(a.tc); break;
    case 'NX_SET_MPLS_LABEL': w.zeros(2); w.u32(a.label); break;
    case 'NX_STACK_PUSH': case 'NX_STACK_POP': w.u16(a.ofs); ref(a.field, 'field'); w.u16(a.nBits); break;
    case 'NX_SAMPLE': case 'NX_SAMPLE2':
      w.u16(a.probability); w.u32(a.collectorSetId); w.u32(a.obsDomainId); w.u32(a.obsPointId);
      if (a.type === 'NX_SAMPLE2') { w.u16(a.samplingPort); w.u8(a.direction); }
      break;
    case 'NX_CONJUNCTION': w.u8(a.clause); w.u8(a.nClauses); w.u32(a.id); break;
    case 'NX_OUTPUT_TRUNC': w.u16(a.port); w.u32(a.maxLen); break;
    case 'NX_LEARN':
      w.u16(a.idleTimeout); w.u16(a.hardTimeout); w.u16(a.priority); w.u64(a.cookie); w.u16(a.flags);
      w.u8(a.tableId); w.zeros(1); w.u16(a.finIdleTimeout); w.u16(a.finHardTimeout);
      for (const s of a.specs) encodeLearnSpec(w, s);
      break;
    case 'NX_CT':
      w.u16(a.flags); w.u32(a.zoneSrc === undefined ? 0 : nxmHeaderFromRef(a.zoneSrc, 'NX_CT.zoneSrc'));
      w.u16(a.zoneOfsNbits); w.u8(a.recircTable); w.zeros(3); w.u16(a.alg);
      encodeActions(w, a.actions);
      break;
    case 'NX_NAT': encodeNat(w, a); break;
    case 'NX_CONTROLLER2':
      w.zeros(6);
      for (const p of a.props) encodeController2Prop(w, p);
      break;
  }
  w.padTo(start, 8);
  // Fixed-size subtypes have trailing zeros beyond the next multiple of 8 (e.g. sample2 is 32).
  const fixed = FIXED_LEN[subtype];
  if (fixed !== undefined && w.pos - start < fixed) w.zeros(fixed - (w.pos - start));
  w.patchU16(start + 2, w.pos - start);
}

function encodeLearnSpec(w: OfpWriter, s: LearnSpec): void {
  const immediate = typeof s.src === 'bigint';
  const dstType = s.kind === 'match' ? 0 : s.kind === 'load' ? 1 : 2;
  if (s.nBits < 1 || s.nBits > 0x3ff) throw new OfpEncodeError('nx_flow_mod_spec.n_bits', `${s.nBits} is not 1..1023`);
  w.u16((immediate ? 0x2000 : 0) | (dstType << 11) | s.nBits);
  if (typeof s.src === 'bigint') {
    const bytes = 2 * Math.ceil(s.nBits / 16);
    for (let i = bytes - 1; i >= 0; i--) w.u8(Number((s.src >> BigInt(8 * i)) & 0xffn));
  } else {
    w.u32(nxmHeaderFromRef(s.src.field, 'nx_flow_mod_spec.src')); w.u16(s.src.ofs);
  }
  if (dstType !== 2) {
    if (s.dst === undefined) throw new OfpEncodeError('nx_flow_mod_spec.dst', `a ${s.kind} spec needs a destination`);
    w.u32(nxmHeaderFromRef(s.dst.field, 'nx_flow_mod_spec.dst')); w.u16(s.dst.ofs);
  }
}

function encodeNat(w: OfpWriter, a: Extract<NiciraAction, { type: 'NX_NAT' }>): void {
  let present = 0;
  if (a.ipv4Min !== undefined) present |= NX_NAT_RANGE.IPV4_MIN;
  if (a.ipv4Max !== undefined) present |= NX_NAT_RANGE.IPV4_MAX;
  if (a.ipv6Min !== undefined) present |= NX_NAT_RANGE.IPV6_MIN;
  if (a.ipv6Max !== undefined) present |= NX_NAT_RANGE.IPV6_MAX;
  if (a.protoMin !== undefined) present |= NX_NAT_RANGE.PROTO_MIN;
  if (a.protoMax !== undefined) present |= NX_NAT_RANGE.PROTO_MAX;
  w.zeros(2); w.u16(a.flags); w.u16(present);
  const addr = (text: string, v6: boolean, where: string): void => {
    const n = v6 ? 16 : 4;
    w.zeros(n);
    if (!(v6 ? ipv6Bytes(text, w.buf, w.pos - n) : ipv4Bytes(text, w.buf, w.pos - n))) {
      throw new OfpEncodeError(`NX_NAT.${where}`, `${JSON.stringify(text)} is not an IPv${v6 ? 6 : 4} address`);
    }
  };
  if (a.ipv4Min !== undefined) addr(a.ipv4Min, false, 'ipv4Min');
  if (a.ipv4Max !== undefined) addr(a.ipv4Max, false, 'ipv4Max');
  if (a.ipv6Min !== undefined) addr(a.ipv6Min, true, 'ipv6Min');
  if (a.ipv6Max !== undefined) addr(a.ipv6Max, true, 'ipv6Max');
  if (a.protoMin !== undefined) w.u16(a.protoMin);
  if (a.protoMax !== undefined) w.u16(a.protoMax);
}

function encodeController2Prop(w: OfpWriter, p: Controller2Prop): void {
  const start = w.pos;
  switch (p.type) {
    case 'MAX_LEN': w.u16(NXAC2PT.MAX_LEN); w.u16(8); w.u16(p.maxLen); w.zeros(2); break;
    case 'CONTROLLER_ID': w.u16(NXAC2PT.CONTROLLER_ID); w.u16(8); w.u16(p.controllerId); w.zeros(2); break;
    case 'REASON': w.u16(NXAC2PT.REASON); w.u16(5); w.u8(p.reason); break;
    case 'USERDATA': w.u16(NXAC2PT.USERDATA); w.u16(4 + p.userdata.length); w.bytes(p.userdata); break;
    case 'PAUSE': w.u16(NXAC2PT.PAUSE); w.u16(4); break;
    case 'METER_ID': w.u16(NXAC2PT.METER_ID); w.u16(8); w.u32(p.meterId); break;
    case 'UNKNOWN': w.u16(p.propType); w.u16(4 + p.data.length); w.bytes(p.data); break;
  }
  w.padTo(start, 8);
}
