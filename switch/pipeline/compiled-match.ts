/**
 * An OpenFlow match compiled into (value, mask) byte arrays in the flow-key layout
 * (core/packet/flow-key-layout.ts), so the classifier compares `key & mask` with `value` without
 * knowing any protocol, and flow-mod semantics (strict equality, "at least as specific",
 * overlap) become byte loops.
 *
 * Each matched field sets its presence bit in both arrays: a match on tcp_dst=0 then needs a
 * TCP packet, not just a zero in the tcp_dst slot.
 *
 * Validation follows OF1.3.5 §7.2.3 and Open vSwitch's choices where the spec leaves room:
 * a field this switch cannot match (any non-OPENFLOW_BASIC OXM) is OFPBMC_BAD_FIELD, a value
 * wider than the field (ip_dscp=64, vlan_vid=0x2000) OFPBMC_BAD_VALUE, value bits the mask
 * wildcards OFPBMC_BAD_WILDCARDS, a missing or different prerequisite (Table 12)
 * OFPBMC_BAD_PREREQ, a field twice OFPBMC_DUP_FIELD, a mask on an unmaskable field
 * OFPBMC_BAD_MASK.
 */
import { OFPBMC, OFPET } from '../../core/openflow/error-codes.js';
import type { Match, OxmTlv } from '../../core/openflow/match.js';
import { ipv4Bytes, ipv6Bytes, macBytes } from '../../core/openflow/oxm-address-text.js';
import {
  FLOW_KEY_FIELD, FLOW_KEY_LENGTH, OFPVID_PRESENT, type FlowKeyField, type FlowKeyFieldName,
} from '../../core/packet/flow-key-layout.js';
import { ofpError } from './ofp-request-error.js';

export interface CompiledMatch {
  readonly value: Uint8Array;
  readonly mask: Uint8Array;
  /** The match as received, for flow stats and FLOW_REMOVED. */
  readonly match: Match;
}

const badMatch = (code: number, message: string): Error => ofpError(OFPET.BAD_MATCH, code, message);

/** Writes an OXM value (number, bigint or address text) into `out` at `off`, `width` bytes big-endian. */
export function oxmValueBytes(field: FlowKeyField, v: number | bigint | string, out: Uint8Array, off: number): boolean {
  const width = field.width;
  if (typeof v === 'string') {
    if (width === 6) return macBytes(v, out, off);
    if (width === 4) return ipv4Bytes(v, out, off);
    if (width === 16) return ipv6Bytes(v, out, off);
    return false;
  }
  if (typeof v === 'bigint') {
    let x = BigInt.asUintN(width * 8, v);
    if (x !== v) return false;
    for (let i = width - 1; i >= 0; i--) { out[off + i] = Number(x & 0xffn); x >>= 8n; }
    return true;
  }
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** (width * 8)) return false;
  let x = v;
  for (let i = width - 1; i >= 0; i--) { out[off + i] = x % 256; x = Math.floor(x / 256); }
  return true;
}

/** True when `bytes[off..off+width)` has bits above the field's meaningful `bits`. */
function exceedsBits(field: FlowKeyField, bytes: Uint8Array, off: number): boolean {
  const spare = field.width * 8 - field.bits;
  if (spare === 0) return false;
  const fullBytes = spare >> 3;
  for (let i = 0; i < fullBytes; i++) if (bytes[off + i] !== 0) return true;
  const partial = spare & 7;
  return partial !== 0 && (bytes[off + fullBytes]! >> (8 - partial)) !== 0;
}

/** Clears bits above the field's meaningful width (a mask of 0xffff on vlan_vid means 0x1fff). */
function trimToBits(field: FlowKeyField, bytes: Uint8Array, off: number): void {
  const spare = field.width * 8 - field.bits;
  const fullBytes = spare >> 3;
  for (let i = 0; i < fullBytes; i++) bytes[off + i] = 0;
  const partial = spare & 7;
  if (partial !== 0) bytes[off + fullBytes]! &= 0xff >> partial;
}

function readField(bytes: Uint8Array, f: FlowKeyField): number {
  let v = 0;
  for (let i = 0; i < Math.min(f.width, 4); i++) v = v * 256 + bytes[f.offset + i]!;
  return v;
}

/** Whether `mask` covers every meaningful bit of `f` (no allocation: this runs per prerequisite per flow-mod). */
function fullyMasked(mask: Uint8Array, f: FlowKeyField): boolean {
  const spare = f.width * 8 - f.bits;
  const fullBytes = spare >> 3;
  const partial = spare & 7;
  for (let i = fullBytes; i < f.width; i++) {
    const want = i === fullBytes && partial !== 0 ? 0xff >> partial : 0xff;
    if ((mask[f.offset + i]! & want) !== want) return false;
  }
  return true;
}

const isPresent = (mask: Uint8Array, f: FlowKeyField): boolean => (mask[f.bit >> 3]! & (1 << (f.bit & 7))) !== 0;

export function compileMatch(match: Match): CompiledMatch {
  // value and mask share one backing store: typed arrays this size (> 64 bytes) each get an
  // off-heap ArrayBuffer, and one allocation per flow instead of two is measurably cheaper.
  const store = new ArrayBuffer(2 * FLOW_KEY_LENGTH);
  const value = new Uint8Array(store, 0, FLOW_KEY_LENGTH);
  const mask = new Uint8Array(store, FLOW_KEY_LENGTH, FLOW_KEY_LENGTH);
  // Fields seen, in match order; a field's presence bit in `mask` answers "seen before?".
  const present: FlowKeyField[] = [];
  for (const tlv of match.fields) present.push(compileField(tlv, value, mask));
  for (const f of present) checkPrerequisite(f, value, mask);
  return { value, mask, match };
}

function compileField(tlv: OxmTlv, value: Uint8Array, mask: Uint8Array): FlowKeyField {
  if (tlv.field === 'opaque' || !(tlv.field in FLOW_KEY_FIELD)) {
    throw badMatch(OFPBMC.BAD_FIELD, `match field ${tlv.field === 'opaque' ? `class ${tlv.oxmClass} field ${tlv.oxmField}` : tlv.field} is not supported`);
  }
  const f = FLOW_KEY_FIELD[tlv.field as FlowKeyFieldName];
  if (isPresent(mask, f)) throw badMatch(OFPBMC.DUP_FIELD, `${f.name} appears twice`);
  if (tlv.mask !== undefined && !f.maskable) throw badMatch(OFPBMC.BAD_MASK, `${f.name} is not maskable`);
  if (!oxmValueBytes(f, tlv.value, value, f.offset)) throw badMatch(OFPBMC.BAD_VALUE, `${f.name} value ${String(tlv.value)} does not fit`);
  if (exceedsBits(f, value, f.offset)) throw badMatch(OFPBMC.BAD_VALUE, `${f.name} value ${String(tlv.value)} exceeds ${f.bits} bits`);
  if (tlv.mask === undefined) {
    for (let i = 0; i < f.width; i++) mask[f.offset + i] = 0xff;
  } else if (!oxmValueBytes(f, tlv.mask, mask, f.offset)) {
    throw badMatch(OFPBMC.BAD_MASK, `${f.name} mask ${String(tlv.mask)} does not fit`);
  }
  trimToBits(f, mask, f.offset);
  for (let i = 0; i < f.width; i++) {
    if ((value[f.offset + i]! & ~mask[f.offset + i]!) !== 0) {
      throw badMatch(OFPBMC.BAD_WILDCARDS, `${f.name} value has bits outside its mask`);
    }
  }
  // OF1.3 §7.2.3.8: a VID without OFPVID_PRESENT is meaningless (only OFPVID_NONE, 0, may lack it).
  if (f.name === 'vlan_vid' && tlv.mask === undefined) {
    const vid = readField(value, f);
    if (vid !== 0 && (vid & OFPVID_PRESENT) === 0) throw badMatch(OFPBMC.BAD_VALUE, `vlan_vid ${vid} lacks OFPVID_PRESENT`);
  }
  value[f.bit >> 3]! |= 1 << (f.bit & 7);
  mask[f.bit >> 3]! |= 1 << (f.bit & 7);
  return f;
}

function checkPrerequisite(f: FlowKeyField, value: Uint8Array, mask: Uint8Array): void {
  const pre = f.prerequisite;
  if (pre === undefined) return;
  const p = FLOW_KEY_FIELD[pre.field];
  if (!isPresent(mask, p)) throw badMatch(OFPBMC.BAD_PREREQ, `${f.name} needs a match on ${pre.field}`);
  if ('tagged' in pre) {
    const vid = readField(value, p);
    const m = readField(mask, p);
    if ((vid & m & OFPVID_PRESENT) === 0) throw badMatch(OFPBMC.BAD_PREREQ, `${f.name} needs vlan_vid with OFPVID_PRESENT`);
    return;
  }
  if (!fullyMasked(mask, p) || !pre.values.includes(readField(value, p))) {
    throw badMatch(OFPBMC.BAD_PREREQ, `${f.name} needs ${pre.field} in [${pre.values.map((v) => `0x${v.toString(16)}`).join(', ')}]`);
  }
}

/** Same match (same value and mask bytes): the "identical match" of ADD and the strict commands. */
export function sameMatch(a: CompiledMatch, b: CompiledMatch): boolean {
  const av = a.value, bv = b.value, am = a.mask, bm = b.mask;
  for (let i = 0; i < av.length; i++) if (av[i] !== bv[i] || am[i] !== bm[i]) return false;
  return true;
}

/**
 * Non-strict selection (MODIFY, DELETE, flow stats): `entry` is at least as specific as
 * `filter` and agrees with it wherever the filter looks.
 */
export function matchCovers(filter: CompiledMatch, entry: CompiledMatch): boolean {
  const fv = filter.value, fm = filter.mask, ev = entry.value, em = entry.mask;
  for (let i = 0; i < fv.length; i++) {
    const m = fm[i]!;
    if ((em[i]! & m) !== m || (ev[i]! & m) !== fv[i]) return false;
  }
  return true;
}

/** Some packet could match both (OFPFF_CHECK_OVERLAP). */
export function matchesOverlap(a: CompiledMatch, b: CompiledMatch): boolean {
  const av = a.value, bv = b.value, am = a.mask, bm = b.mask;
  for (let i = 0; i < av.length; i++) if (((av[i]! ^ bv[i]!) & am[i]! & bm[i]!) !== 0) return false;
  return true;
}

/** Whether a packet's key matches (the reference semantics the classifier must agree with). */
export function keyMatches(m: CompiledMatch, key: Uint8Array): boolean {
  const v = m.value, k = m.mask;
  for (let i = 0; i < v.length; i++) if ((key[i]! & k[i]!) !== v[i]) return false;
  return true;
}
