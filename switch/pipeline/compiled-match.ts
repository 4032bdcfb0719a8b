/**
 * An OpenFlow match compiled into (value, mask) words in the flow-key layout
 * (core/packet/flow-key-layout.ts), so the classifier compares `key & mask` with `value` without
 * knowing any protocol, and flow-mod semantics (strict equality, "at least as specific",
 * overlap) become loops over the few key words a match touches.
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
import type { KnownOxm, Match, OxmTlv } from '../../core/openflow/match.js';
import { ipv4Bytes, ipv4Text, ipv6Bytes, ipv6Text, macBytes, macText } from '../../core/net/index.js';
import {
  FLOW_KEY_FIELD, FLOW_KEY_FIELD_BY_OXM, FLOW_KEY_LENGTH, OFPVID_PRESENT, type FlowKeyField, type FlowKeyFieldName,
} from '../../core/packet/flow-key-layout.js';
import { finishHash, HASH_SEED, mixWord } from './key-hash.js';
import { ofpError } from './ofp-request-error.js';

/** Words of the flow key (the last one partly past the key's end; those bytes read as 0). */
export const KEY_WORDS = (FLOW_KEY_LENGTH + 3) >> 2;
/** Words wholly inside the key. */
const FULL_WORDS = FLOW_KEY_LENGTH >> 2;

/** Word `w` of `bytes` (little-endian by definition, so independent of the host and of alignment). */
export function wordAt(bytes: Uint8Array, w: number): number {
  const o = w << 2;
  if (w < FULL_WORDS) return bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
  let v = 0;
  for (let i = 0; i < 4 && o + i < bytes.length; i++) v |= bytes[o + i]! << (8 * i);
  return v;
}

/**
 * A compiled match keeps only the 32-bit key words its mask touches, as `[word, value, mask]`
 * triples in word order (`value` already masked, §7.2.3). A typical match touches a handful of
 * words, so this is one small on-heap Int32Array per flow; the full 2 × FLOW_KEY_LENGTH bytes
 * would be an off-heap ArrayBuffer per flow, which is what the GC spent its time on when 100k
 * flows arrive at once.
 */
export class CompiledMatch {
  constructor(
    /** `[w, value, mask]` per touched key word, words ascending. */
    readonly words: Int32Array,
    /** Hash of the triples (the whole match) and of the word numbers and masks (the mask alone). */
    readonly hash: number,
    readonly maskHash: number,
    /**
     * How to give the match back as received: the decoded match itself, or (usually) its shared
     * shape — field order, which fields carried a mask, which JS type each value had — from which
     * `match` rebuilds the identical TLVs out of `words`. A decoded match kept per flow was ~420
     * bytes of small objects and strings, about half of a flow's heap.
     */
    private readonly source: Match | MatchShape,
  ) {}

  /** The match as received (same fields, order, masks and value types), for flow stats and FLOW_REMOVED. */
  get match(): Match {
    const src = this.source;
    return src instanceof MatchShape ? src.rebuild(this.words) : src;
  }

  /** The value bytes in the flow-key layout (built on demand; not for hot paths). */
  get value(): Uint8Array {
    return this.bytes(1);
  }

  /** The mask bytes in the flow-key layout (built on demand; not for hot paths). */
  get mask(): Uint8Array {
    return this.bytes(2);
  }

  /** Whether nothing is matched (every field wildcarded). */
  get matchesAll(): boolean {
    return this.words.length === 0;
  }

  private bytes(which: 1 | 2): Uint8Array {
    const out = new Uint8Array(FLOW_KEY_LENGTH);
    const t = this.words;
    for (let i = 0; i < t.length; i += 3) {
      const o = t[i]! << 2, x = t[i + which]!;
      for (let b = 0; b < 4 && o + b < out.length; b++) out[o + b] = (x >>> (8 * b)) & 0xff;
    }
    return out;
  }
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

/** Value kinds of a TLV as the codec (or a caller) gave them. */
const KIND_NUMBER = 0, KIND_BIGINT = 1, KIND_TEXT = 2;

/** Bytes of a field read back as the JS value type it arrived as. */
function readValue(bytes: Uint8Array, f: FlowKeyField, kind: number): number | bigint | string {
  const o = f.offset, w = f.width;
  if (kind === KIND_TEXT) return w === 6 ? macText(bytes, o) : w === 4 ? ipv4Text(bytes, o) : ipv6Text(bytes, o);
  if (kind === KIND_BIGINT) {
    let x = 0n;
    for (let i = 0; i < w; i++) x = (x << 8n) | BigInt(bytes[o + i]!);
    return x;
  }
  let v = 0;
  for (let i = 0; i < w; i++) v = v * 256 + bytes[o + i]!;
  return v;
}

const readValueScratch = new Uint8Array(FLOW_KEY_LENGTH);
const readMaskScratch = new Uint8Array(FLOW_KEY_LENGTH);

/**
 * The shape of a received match: per TLV, in order, the field, whether it had a mask and its
 * value's JS type. Interned (matches of one kind of flow share one), so a flow pays a pointer.
 */
class MatchShape {
  constructor(readonly codes: Int32Array, readonly hash: number) {}

  rebuild(t: Int32Array): Match {
    const value = readValueScratch, mask = readMaskScratch;
    value.fill(0);
    mask.fill(0);
    for (let i = 0; i < t.length; i += 3) {
      const o = t[i]! << 2, v = t[i + 1]!, m = t[i + 2]!;
      for (let b = 0; b < 4 && o + b < FLOW_KEY_LENGTH; b++) { value[o + b] = (v >>> (8 * b)) & 0xff; mask[o + b] = (m >>> (8 * b)) & 0xff; }
    }
    const fields: OxmTlv[] = [];
    for (const code of this.codes) {
      const f = FLOW_KEY_FIELD_BY_OXM[code & 0x3f]!;
      const kind = code >> 7;
      const name = f.name as KnownOxm['field'];
      fields.push(((code & 0x40) === 0
        ? { field: name, value: readValue(value, f, kind) }
        : { field: name, value: readValue(value, f, kind), mask: readValue(mask, f, kind) }) as KnownOxm);
    }
    return { fields };
  }
}

const MAX_SHAPES = 4096;
const shapes = new Map<number, MatchShape[]>();
let shapeCount = 0;

function internShape(codes: Int32Array, n: number): MatchShape | undefined {
  let h = HASH_SEED;
  for (let i = 0; i < n; i++) h = mixWord(h, codes[i]!);
  h = finishHash(h, n);
  const list = shapes.get(h);
  if (list !== undefined) {
    outer: for (const s of list) {
      if (s.codes.length !== n) continue;
      for (let i = 0; i < n; i++) if (s.codes[i] !== codes[i]) continue outer;
      return s;
    }
  }
  if (shapeCount >= MAX_SHAPES) return undefined;
  const s = new MatchShape(codes.slice(0, n), h);
  if (list === undefined) shapes.set(h, [s]); else list.push(s);
  shapeCount++;
  return s;
}

const scratchCodes = new Int32Array(64);
/** Set by compileField when a received mask had bits beyond the field (trimmed, so not rebuildable). */
let maskTrimmed = false;

/**
 * The match's shape when rebuilding from the compiled words gives back exactly `match`, else
 * undefined (keep the match): address text not in the codec's canonical form, a mask with bits
 * past the field's width, or more shapes than the pool holds.
 */
function shapeOf(match: Match, present: readonly FlowKeyField[], value: Uint8Array, mask: Uint8Array): MatchShape | undefined {
  if (maskTrimmed || present.length > scratchCodes.length) return undefined;
  const fields = match.fields;
  for (let i = 0; i < present.length; i++) {
    const tlv = fields[i] as KnownOxm, f = present[i]!;
    const v = tlv.value as unknown;
    const kind = typeof v === 'string' ? KIND_TEXT : typeof v === 'bigint' ? KIND_BIGINT : KIND_NUMBER;
    if (kind === KIND_TEXT) {
      if (readValue(value, f, kind) !== v) return undefined;
      if (tlv.mask !== undefined && readValue(mask, f, kind) !== tlv.mask) return undefined;
    } else if (tlv.mask !== undefined && typeof tlv.mask !== typeof v) {
      return undefined;
    }
    scratchCodes[i] = f.bit | (tlv.mask === undefined ? 0 : 0x40) | (kind << 7);
  }
  return internShape(scratchCodes, present.length);
}

// Scratch value and mask for compiling (one match at a time; nothing here is kept).
const scratchValue = new Uint8Array(FLOW_KEY_LENGTH);
const scratchMask = new Uint8Array(FLOW_KEY_LENGTH);
const scratchWords = new Int32Array(3 * KEY_WORDS);
const scratchFields: FlowKeyField[] = [];

export function compileMatch(match: Match): CompiledMatch {
  const value = scratchValue, mask = scratchMask;
  value.fill(0);
  mask.fill(0);
  // Fields seen, in match order; a field's presence bit in `mask` answers "seen before?".
  const present = scratchFields;
  present.length = 0;
  maskTrimmed = false;
  for (const tlv of match.fields) present.push(compileField(tlv, value, mask));
  for (const f of present) checkPrerequisite(f, value, mask);
  const source = shapeOf(match, present, value, mask) ?? match;
  present.length = 0;
  const t = scratchWords;
  let n = 0, h = HASH_SEED, hm = HASH_SEED;
  for (let w = 0; w < KEY_WORDS; w++) {
    const m = wordAt(mask, w);
    if (m === 0) continue;
    const v = wordAt(value, w);
    t[n++] = w; t[n++] = v; t[n++] = m;
    hm = mixWord(mixWord(hm, w), m);
    h = mixWord(mixWord(mixWord(h, w), v), m);
  }
  return new CompiledMatch(t.slice(0, n), finishHash(h, n), finishHash(hm, n), source);
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
  } else if (exceedsBits(f, mask, f.offset)) {
    maskTrimmed = true;
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
  if (a.hash !== b.hash) return false;
  const at = a.words, bt = b.words;
  if (at.length !== bt.length) return false;
  for (let i = 0; i < at.length; i++) if (at[i] !== bt[i]) return false;
  return true;
}

/**
 * Non-strict selection (MODIFY, DELETE, flow stats): `entry` is at least as specific as
 * `filter` and agrees with it wherever the filter looks.
 */
export function matchCovers(filter: CompiledMatch, entry: CompiledMatch): boolean {
  const ft = filter.words, et = entry.words;
  let j = 0;
  for (let i = 0; i < ft.length; i += 3) {
    const w = ft[i]!;
    while (j < et.length && et[j]! < w) j += 3;
    // The filter looks at this word (its mask is not 0): the entry must too.
    if (j >= et.length || et[j] !== w) return false;
    const m = ft[i + 2]!;
    if ((et[j + 2]! & m) !== m || (et[j + 1]! & m) !== ft[i + 1]) return false;
  }
  return true;
}

/** Some packet could match both (OFPFF_CHECK_OVERLAP). */
export function matchesOverlap(a: CompiledMatch, b: CompiledMatch): boolean {
  const at = a.words, bt = b.words;
  let i = 0, j = 0;
  while (i < at.length && j < bt.length) {
    const wa = at[i]!, wb = bt[j]!;
    if (wa < wb) { i += 3; continue; }
    if (wb < wa) { j += 3; continue; }
    if (((at[i + 1]! ^ bt[j + 1]!) & at[i + 2]! & bt[j + 2]!) !== 0) return false;
    i += 3; j += 3;
  }
  return true;
}

/** Whether a packet's key matches (the reference semantics the classifier must agree with). */
export function keyMatches(m: CompiledMatch, key: Uint8Array): boolean {
  const t = m.words;
  for (let i = 0; i < t.length; i += 3) if ((wordAt(key, t[i]!) & t[i + 2]!) !== t[i + 1]) return false;
  return true;
}
