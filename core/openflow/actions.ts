/**
 * OpenFlow 1.3 actions (§7.2.5, ofp_action_*), as a union discriminated by `type` (the OFPAT_
 * name without its prefix). Nicira experimenter actions from Open vSwitch decode into their own
 * typed variants (nicira-actions.ts); any other experimenter action stays opaque and re-encodes
 * byte-exact.
 */
import { OFPBAC, OFPET } from './error-codes.js';
import { OfpEncodeError } from './encode-error.js';
import { SET_FIELD_OXM_ERRORS, decodeOxm, encodeOxm, oxmLength, type OxmTlv } from './match.js';
import {
  NX_EXPERIMENTER_ID, decodeNiciraAction, encodeNiciraAction, isNiciraAction, type NiciraAction,
} from './nicira-actions.js';
import type { OfpReader } from './ofp-reader.js';
import { readList, readTlvHeader, tlvError, wantLength, type TlvKind } from './tlv-list.js';
import type { OfpWriter } from './ofp-writer.js';

/** enum ofp_action_type. */
export const OFPAT = {
  OUTPUT: 0,
  COPY_TTL_OUT: 11,
  COPY_TTL_IN: 12,
  SET_MPLS_TTL: 15,
  DEC_MPLS_TTL: 16,
  PUSH_VLAN: 17,
  POP_VLAN: 18,
  PUSH_MPLS: 19,
  POP_MPLS: 20,
  SET_QUEUE: 21,
  GROUP: 22,
  SET_NW_TTL: 23,
  DEC_NW_TTL: 24,
  SET_FIELD: 25,
  PUSH_PBB: 26,
  POP_PBB: 27,
  EXPERIMENTER: 0xffff,
} as const;

/** ofp_action_output.max_len value meaning "send the whole packet, do not buffer". */
export const OFPCML_NO_BUFFER = 0xffff;
export const OFPCML_MAX = 0xffe5;

export type OutputAction = { readonly type: 'OUTPUT'; readonly port: number; readonly maxLen: number };
export type SetFieldAction = { readonly type: 'SET_FIELD'; readonly field: OxmTlv };
/** An experimenter action the codec does not interpret: body after the experimenter id, kept verbatim. */
export type ExperimenterAction = { readonly type: 'EXPERIMENTER'; readonly experimenter: number; readonly data: Buffer };

export type StandardAction =
  | OutputAction
  | { readonly type: 'COPY_TTL_OUT' }
  | { readonly type: 'COPY_TTL_IN' }
  | { readonly type: 'SET_MPLS_TTL'; readonly mplsTtl: number }
  | { readonly type: 'DEC_MPLS_TTL' }
  | { readonly type: 'PUSH_VLAN'; readonly ethertype: number }
  | { readonly type: 'POP_VLAN' }
  | { readonly type: 'PUSH_MPLS'; readonly ethertype: number }
  | { readonly type: 'POP_MPLS'; readonly ethertype: number }
  | { readonly type: 'SET_QUEUE'; readonly queueId: number }
  | { readonly type: 'GROUP'; readonly groupId: number }
  | { readonly type: 'SET_NW_TTL'; readonly nwTtl: number }
  | { readonly type: 'DEC_NW_TTL' }
  | SetFieldAction
  | { readonly type: 'PUSH_PBB'; readonly ethertype: number }
  | { readonly type: 'POP_PBB' }
  | ExperimenterAction;

export type Action = StandardAction | NiciraAction;
export type ActionType = Action['type'];

const TYPE_NAMES: Record<number, StandardAction['type']> = {};
for (const [name, code] of Object.entries(OFPAT)) TYPE_NAMES[code] = name as StandardAction['type'];

/** Reads exactly `len` bytes of actions (an instruction's or packet-out's action list). */
export function decodeActions(r: OfpReader, len: number): Action[] {
  return readList(r, len, 'actions', decodeAction);
}

const ACTION: TlvKind = { struct: 'ofp_action', prefix: 'OFPAT_', errorType: OFPET.BAD_ACTION, badLenCode: OFPBAC.BAD_LEN };

/**
 * Reads one action. `r` must be bounded by the enclosing list: an action whose length runs past
 * it, is under 8 or not a multiple of 8 is OFPBAC_BAD_LEN, an unknown type OFPBAC_BAD_TYPE.
 */
export function decodeAction(r: OfpReader): Action {
  const at = r.pos;
  const len = readTlvHeader(r, ACTION);
  const type = (r.buf[at]! << 8) | r.buf[at + 1]!;
  const name = TYPE_NAMES[type];
  if (name === undefined) throw tlvError(r, at, ACTION, 'type', `unknown action type ${type}`, OFPBAC.BAD_TYPE);
  switch (name) {
    case 'OUTPUT': {
      wantLength(r, at, ACTION, name, len, 16);
      const port = r.u32('ofp_action_output.port');
      const maxLen = r.u16('ofp_action_output.max_len');
      r.skip(6, 'ofp_action_output.pad');
      return { type: 'OUTPUT', port, maxLen };
    }
    case 'COPY_TTL_OUT': case 'COPY_TTL_IN': case 'DEC_MPLS_TTL': case 'POP_VLAN': case 'DEC_NW_TTL': case 'POP_PBB':
      wantLength(r, at, ACTION, name, len, 8);
      r.skip(4, 'ofp_action_generic.pad');
      return { type: name } as Action;
    case 'SET_MPLS_TTL': {
      wantLength(r, at, ACTION, name, len, 8);
      const mplsTtl = r.u8('ofp_action_mpls_ttl.mpls_ttl');
      r.skip(3, 'ofp_action_mpls_ttl.pad');
      return { type: 'SET_MPLS_TTL', mplsTtl };
    }
    case 'SET_NW_TTL': {
      wantLength(r, at, ACTION, name, len, 8);
      const nwTtl = r.u8('ofp_action_nw_ttl.nw_ttl');
      r.skip(3, 'ofp_action_nw_ttl.pad');
      return { type: 'SET_NW_TTL', nwTtl };
    }
    case 'PUSH_VLAN': case 'PUSH_MPLS': case 'PUSH_PBB': case 'POP_MPLS': {
      wantLength(r, at, ACTION, name, len, 8);
      const ethertype = r.u16(name === 'POP_MPLS' ? 'ofp_action_pop_mpls.ethertype' : 'ofp_action_push.ethertype');
      r.skip(2, 'ofp_action_push.pad');
      return { type: name, ethertype };
    }
    case 'SET_QUEUE': {
      wantLength(r, at, ACTION, name, len, 8);
      return { type: 'SET_QUEUE', queueId: r.u32('ofp_action_set_queue.queue_id') };
    }
    case 'GROUP': {
      wantLength(r, at, ACTION, name, len, 8);
      return { type: 'GROUP', groupId: r.u32('ofp_action_group.group_id') };
    }
    case 'SET_FIELD': {
      // The OXM is read with `r` bounded to the action; its padding is skipped after.
      const outerEnd = r.end;
      r.end = at + len;
      let field: OxmTlv;
      try {
        field = decodeOxm(r, SET_FIELD_OXM_ERRORS, 'ofp_action_set_field.field');
      } finally {
        r.end = outerEnd;
      }
      // The OXM plus the 4-byte action header, padded to 8 (§7.2.5): any other length is wrong.
      const expect = (4 + oxmLength(field) + 7) & ~7;
      if (len !== expect) {
        throw tlvError(r, at, { ...ACTION, struct: 'ofp_action_set_field' }, 'len', `set-field of ${field.field} needs length ${expect}, got ${len}`, OFPBAC.BAD_SET_LEN);
      }
      r.pos = at + len;
      return { type: 'SET_FIELD', field };
    }
    case 'EXPERIMENTER': {
      const experimenter = r.u32('ofp_action_experimenter.experimenter');
      if (experimenter === NX_EXPERIMENTER_ID && len >= 16) {
        const nx = decodeNiciraAction(r, len, at);
        if (nx !== undefined) return nx;
      }
      return { type: 'EXPERIMENTER', experimenter, data: r.bytes(len - 8, 'ofp_action_experimenter.data') };
    }
  }
}

export function encodeActions(w: OfpWriter, actions: readonly Action[]): void {
  for (const a of actions) encodeAction(w, a);
}

export function encodeAction(w: OfpWriter, a: Action): void {
  if (isNiciraAction(a)) {
    encodeNiciraAction(w, a);
    return;
  }
  const code = OFPAT[a.type];
  if (code === undefined) throw new OfpEncodeError('ofp_action.type', `unknown action type ${String((a as { type: unknown }).type)}`);
  switch (a.type) {
    case 'OUTPUT':
      w.u16(code); w.u16(16); w.u32(a.port); w.u16(a.maxLen); w.zeros(6);
      return;
    case 'COPY_TTL_OUT': case 'COPY_TTL_IN': case 'DEC_MPLS_TTL': case 'POP_VLAN': case 'DEC_NW_TTL': case 'POP_PBB':
      w.u16(code); w.u16(8); w.zeros(4);
      return;
    case 'SET_MPLS_TTL':
      w.u16(code); w.u16(8); w.u8(a.mplsTtl); w.zeros(3);
      return;
    case 'SET_NW_TTL':
      w.u16(code); w.u16(8); w.u8(a.nwTtl); w.zeros(3);
      return;
    case 'PUSH_VLAN': case 'PUSH_MPLS': case 'PUSH_PBB': case 'POP_MPLS':
      w.u16(code); w.u16(8); w.u16(a.ethertype); w.zeros(2);
      return;
    case 'SET_QUEUE':
      w.u16(code); w.u16(8); w.u32(a.queueId);
      return;
    case 'GROUP':
      w.u16(code); w.u16(8); w.u32(a.groupId);
      return;
    case 'SET_FIELD': {
      const start = w.pos;
      w.u16(code); w.u16(0);
      encodeOxm(w, a.field);
      w.padTo(start, 8);
      w.patchU16(start + 2, w.pos - start);
      return;
    }
    case 'EXPERIMENTER': {
      const start = w.pos;
      w.u16(code); w.u16(0); w.u32(a.experimenter);
      w.bytes(a.data);
      // The body is opaque, so a length that is not a multiple of 8 is padded, never truncated.
      w.padTo(start, 8);
      w.patchU16(start + 2, w.pos - start);
      return;
    }
  }
}
