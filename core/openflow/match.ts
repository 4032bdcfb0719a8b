/**
 * ofp_match (OpenFlow 1.3.5 §7.2.3) and the OXM TLVs inside it.
 *
 * Value representation, chosen so a decoded match is both cheap and readable:
 * - integers of up to 32 bits (in_port, eth_type, vlan_vid, reg0 …) are `number`;
 * - 64-bit and 128-bit integers (metadata, tunnel_id, ct_label, xxreg0) are `bigint`;
 * - eth/arp/nd MACs are lowercase "aa:bb:cc:dd:ee:ff", IPv4 a dotted quad, IPv6 RFC 5952 text.
 * A mask, when present, has the same type as its value. Numbers are what the switch classifier
 * and the controller's hot paths compare; address strings are decoded only for address fields,
 * and a flow's match is decoded once per flow-mod, not per packet.
 *
 * A TLV whose (class, field[, experimenter]) the codec does not name is kept opaque, as its raw
 * payload, so OXMs from newer specs or vendors pass through and re-encode byte-exact. An unknown
 * OFPXMC_OPENFLOW_BASIC field is an error instead: OF1.3 defines that class completely.
 */
import { OFPBAC, OFPBMC, OFPET, type OfpErrorCode } from './error-codes.js';
import { OfpEncodeError } from './encode-error.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';
import { ipv4Bytes, ipv4Text, ipv6Bytes, ipv6Text, macBytes, macText } from '../net/index.js';
import {
  OFPXMC, OXM_EXPERIMENTER, OXM_FIELDS, OXM_KIND_WIDTH, oxmExperimenterField,
  type OxmFieldName, type OxmFieldSpec, type OxmKind, type OxmValueOf,
} from './oxm-fields.js';

/** ofp_match_type. Only OXM is valid in OF1.3 (STANDARD is the deprecated OF1.1 layout). */
export const OFPMT = { STANDARD: 0, OXM: 1 } as const;

/** The VLAN_VID bit that says "a VLAN tag is present" (OF1.3 §7.2.3.8, ofp_vlan_id). */
export const OFPVID_PRESENT = 0x1000;
export const OFPVID_NONE = 0x0000;

export type OxmValue = number | bigint | string;

/** A TLV for a field the codec knows, typed by its name: `{ field: 'in_port', value: 3 }`. */
export type KnownOxm = {
  [N in OxmFieldName]: { readonly field: N; readonly value: OxmValueOf<N>; readonly mask?: OxmValueOf<N> };
}[OxmFieldName];

/** A TLV of a class/field the codec does not name, kept byte-exact. */
export interface OpaqueOxm {
  readonly field: 'opaque';
  readonly oxmClass: number;
  readonly oxmField: number;
  readonly hasMask: boolean;
  /** Present iff oxmClass is OFPXMC_EXPERIMENTER (the second 32 bits of the header). */
  readonly experimenter?: number;
  /** Everything after the header (and experimenter id): value, then mask when hasMask. */
  readonly payload: Buffer;
}

export type OxmTlv = KnownOxm | OpaqueOxm;

export interface Match {
  /** OXM TLVs in wire order (order is kept so re-encoding reproduces the input). */
  readonly fields: readonly OxmTlv[];
}

/** The value of a named field in a match, typed by the field, or undefined when absent. */
export function matchValue<N extends OxmFieldName>(m: Match, name: N): OxmValueOf<N> | undefined {
  for (const f of m.fields) if (f.field === name) return f.value as OxmValueOf<N>;
  return undefined;
}

/** Which OFPT_ERROR codes a bad OXM maps to: in a match, or as a set-field action's payload. */
export interface OxmErrorCodes {
  readonly badLen: OfpErrorCode;
  readonly badField: OfpErrorCode;
  readonly badMask: OfpErrorCode;
  readonly badWildcards: OfpErrorCode;
}

export const MATCH_OXM_ERRORS: OxmErrorCodes = {
  badLen: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_LEN },
  badField: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_FIELD },
  badMask: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_MASK },
  badWildcards: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_WILDCARDS },
};

/** OF1.3 §7.4.4: set-field problems are reported as OFPBAC_BAD_SET_*. */
export const SET_FIELD_OXM_ERRORS: OxmErrorCodes = {
  badLen: { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_SET_LEN },
  badField: { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_SET_TYPE },
  badMask: { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_SET_ARGUMENT },
  badWildcards: { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_SET_ARGUMENT },
};

// ---------------------------------------------------------------------------------------------
// The field table compiled for the codec's inner loops: a kind as a small integer (a switch on
// it is a jump table, not string compares), widths and header words precomputed, and lookups by
// wire number (arrays/Maps) and by name (a Map, so a name like "toString" is not a field).

const K_U8 = 0, K_U16 = 1, K_U24 = 2, K_U32 = 3, K_U64 = 4, K_U128 = 5, K_MAC = 6, K_IPV4 = 7, K_IPV6 = 8;
const KIND_CODE: Readonly<Record<OxmKind, number>> = {
  u8: K_U8, u16: K_U16, u24: K_U24, u32: K_U32, u64: K_U64, u128: K_U128, mac: K_MAC, ipv4: K_IPV4, ipv6: K_IPV6,
};
/** Largest value of the unsigned kinds held as numbers (u8 … u32), by kind code. */
const UINT_MAX = [0xff, 0xffff, 0xffffff, 0xffffffff];
const U64_MAX = 0xffff_ffff_ffff_ffffn;
const U128_MAX = (1n << 128n) - 1n;

interface CompiledField {
  readonly name: OxmFieldName;
  readonly kind: OxmKind;
  readonly code: number;
  readonly width: number;
  /** Spec says maskable; enforced for OFPXMC_OPENFLOW_BASIC only (see OxmFieldSpec.maskable). */
  readonly maskRejected: boolean;
  /** 0, 4 (experimenter id) or 6 (experimenter id + EXT-256 exp_type). */
  readonly expHeaderLen: number;
  readonly experimenter: number | undefined;
  readonly expType: number | undefined;
  /** The 32-bit OXM header, length included, without and with OXM_HASMASK. */
  readonly header: number;
  readonly headerMasked: number;
}

const COMPILED = new Map<string, CompiledField>();
const BASIC_BY_FIELD: (CompiledField | undefined)[] = new Array<CompiledField | undefined>(128).fill(undefined);
const BY_CLASS_FIELD = new Map<number, CompiledField>();
for (const name of Object.keys(OXM_FIELDS) as OxmFieldName[]) {
  const spec: OxmFieldSpec = OXM_FIELDS[name];
  const width = OXM_KIND_WIDTH[spec.kind];
  const expHeaderLen = spec.experimenter === undefined ? 0 : spec.expType === undefined ? 4 : 6;
  const head = (spec.oxmClass << 16 | spec.field << 9) >>> 0;
  const c: CompiledField = {
    name, kind: spec.kind, code: KIND_CODE[spec.kind], width,
    maskRejected: !spec.maskable && spec.oxmClass === OFPXMC.OPENFLOW_BASIC,
    expHeaderLen, experimenter: spec.experimenter, expType: spec.expType,
    header: (head | (expHeaderLen + width)) >>> 0,
    headerMasked: (head | 0x100 | (expHeaderLen + 2 * width)) >>> 0,
  };
  COMPILED.set(name, c);
  if (spec.experimenter === undefined) {
    if (spec.oxmClass === OFPXMC.OPENFLOW_BASIC) BASIC_BY_FIELD[spec.field] = c;
    else BY_CLASS_FIELD.set(spec.oxmClass * 128 + spec.field, c);
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding

/**
 * Reads one OXM TLV. Its length must fit what remains in `r` (the caller bounds `r` to the
 * enclosing structure), otherwise the error is `errors.badLen`, not a truncation.
 */
export function decodeOxm(r: OfpReader, errors: OxmErrorCodes = MATCH_OXM_ERRORS, where = 'oxm'): OxmTlv {
  return readOxm(r, errors, where, -1);
}

/** The error path of a TLV: `where`, or `where[index]` inside a match. Built only when raising. */
function oxmPath(where: string, index: number): string {
  return index < 0 ? where : `${where}[${index}]`;
}

/**
 * decodeOxm, naming the TLV `where[index]` in errors (index -1: just `where`). Once the header's
 * length is checked against the bytes left, the value and mask are read without further checks.
 */
function readOxm(r: OfpReader, errors: OxmErrorCodes, where: string, index: number): OxmTlv {
  const buf = r.buf;
  const at = r.pos;
  const left = r.end - at;
  if (left < 4) throw r.error(`${oxmPath(where, index)}.header`, `needs 4 bytes, ${left} left`, errors.badLen);
  const oxmClass = (buf[at]! << 8) | buf[at + 1]!;
  const oxmField = buf[at + 2]! >>> 1;
  const hasMask = (buf[at + 2]! & 1) !== 0;
  const length = buf[at + 3]!;
  if (length > left - 4) {
    throw r.error(`${oxmPath(where, index)}.length`, `OXM length ${length} exceeds the ${left - 4} bytes left`, errors.badLen);
  }
  r.pos = at + 4;

  let c: CompiledField | undefined;
  let experimenter: number | undefined;
  let headerExtra = 0;
  if (oxmClass === OFPXMC.OPENFLOW_BASIC) {
    c = BASIC_BY_FIELD[oxmField];
    if (c === undefined) {
      r.pos = at;
      throw r.error(`${oxmPath(where, index)}.oxm_field`, `unknown OFPXMC_OPENFLOW_BASIC field ${oxmField}`, errors.badField);
    }
  } else if (oxmClass === OFPXMC.EXPERIMENTER) {
    if (length < 4) throw r.error(`${oxmPath(where, index)}.length`, `experimenter OXM length ${length} < 4`, errors.badLen);
    experimenter = buf.readUInt32BE(at + 4);
    r.pos = at + 8;
    headerExtra = 4;
    let name: OxmFieldName | undefined;
    if (experimenter === OXM_EXPERIMENTER.ONF && oxmField === 0 && length >= 6) {
      name = oxmExperimenterField(experimenter, oxmField, buf.readUInt16BE(at + 8));
      if (name !== undefined) { r.pos = at + 10; headerExtra = 6; }
    } else {
      name = oxmExperimenterField(experimenter, oxmField);
    }
    if (name !== undefined) c = COMPILED.get(name);
  } else {
    c = BY_CLASS_FIELD.get(oxmClass * 128 + oxmField);
  }

  if (c === undefined) {
    const payload = r.bytes(length - headerExtra, `${oxmPath(where, index)}.payload`);
    return experimenter === undefined
      ? { field: 'opaque', oxmClass, oxmField, hasMask, payload }
      : { field: 'opaque', oxmClass, oxmField, hasMask, experimenter, payload };
  }

  const width = c.width;
  if (length !== headerExtra + (hasMask ? 2 * width : width)) {
    r.pos = at;
    throw r.error(`${oxmPath(where, index)}.length`,
      `${c.name} needs ${hasMask ? 'masked ' : ''}length ${headerExtra + (hasMask ? 2 : 1) * width}, got ${length}`, errors.badLen);
  }
  const p = r.pos;
  r.pos = p + (hasMask ? 2 * width : width);
  if (!hasMask) return { field: c.name, value: readValue(buf, p, c.code) } as KnownOxm;
  if (c.maskRejected) {
    r.pos = at;
    throw r.error(`${oxmPath(where, index)}.oxm_hasmask`, `${c.name} is not maskable`, errors.badMask);
  }
  if (!maskConsistent(buf, p, width)) {
    r.pos = at;
    throw r.error(`${oxmPath(where, index)}.${c.name}`, `${c.name} value has 1-bits where its mask is 0`, errors.badWildcards);
  }
  return { field: c.name, value: readValue(buf, p, c.code), mask: readValue(buf, p + width, c.code) } as KnownOxm;
}

/**
 * A masked value may not have 1-bits the mask wildcards: the sender's intent is ambiguous and two
 * such matches would compare unequal while matching the same packets, so OVS rejects it with
 * OFPBMC_BAD_WILDCARDS and so do we.
 */
function maskConsistent(buf: Buffer, at: number, width: number): boolean {
  for (let i = 0; i < width; i++) if ((buf[at + i]! & ~buf[at + width + i]!) !== 0) return false;
  return true;
}

/** A value of kind `code` at `p`; the caller has checked that its bytes are there. */
function readValue(buf: Buffer, p: number, code: number): OxmValue {
  switch (code) {
    case K_U8: return buf[p]!;
    case K_U16: return (buf[p]! << 8) | buf[p + 1]!;
    case K_U24: return (buf[p]! << 16) | (buf[p + 1]! << 8) | buf[p + 2]!;
    case K_U32: return ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0;
    case K_U64: return buf.readBigUInt64BE(p);
    case K_U128: return (buf.readBigUInt64BE(p) << 64n) | buf.readBigUInt64BE(p + 8);
    case K_MAC: return macText(buf, p);
    case K_IPV4: return ipv4Text(buf, p);
    default: return ipv6Text(buf, p);
  }
}

/**
 * Reads an ofp_match: type, length, the OXM TLVs, and the padding that rounds it up to 8 bytes.
 * Rejects a field that appears twice (OFPBMC_DUP_FIELD) as §7.2.3.6 requires.
 */
export function decodeMatch(r: OfpReader): Match {
  const type = r.u16('ofp_match.type');
  const length = r.u16('ofp_match.length');
  if (type !== OFPMT.OXM) {
    r.pos -= 4;
    throw r.error('ofp_match.type', `match type ${type} is not OFPMT_OXM`, { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_TYPE });
  }
  if (length < 4) {
    r.pos -= 2;
    throw r.error('ofp_match.length', `length ${length} < 4`, { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_LEN });
  }
  const padded = (length + 7) & ~7;
  if (padded - 4 > r.remaining) {
    // The match claims more than the message holds: a length error of the match, not a short read.
    r.pos -= 2;
    throw r.error('ofp_match.length', `match length ${length} (padded ${padded}) exceeds the ${r.remaining + 4} bytes left`,
      { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_LEN });
  }
  // The TLVs are read with `r` itself bounded to them (no sub-reader per match), then the padding skipped.
  const buf = r.buf;
  const bodyStart = r.pos;
  const outerEnd = r.end;
  r.end = bodyStart + length - 4;
  const fields: OxmTlv[] = [];
  // Duplicate detection: a bit per basic field (0..39 fit in two 32-bit words), a list otherwise.
  let seenLo = 0;
  let seenHi = 0;
  let seenOther: string[] | undefined;
  try {
    while (r.pos < r.end) {
      const at = r.pos;
      const tlv = readOxm(r, MATCH_OXM_ERRORS, 'ofp_match.oxm', fields.length);
      let dup = false;
      const cls = (buf[at]! << 8) | buf[at + 1]!;
      const fieldNo = buf[at + 2]! >> 1;
      if (cls === OFPXMC.OPENFLOW_BASIC) {
        if (fieldNo < 32) { dup = (seenLo & (1 << fieldNo)) !== 0; seenLo |= 1 << fieldNo; }
        else { dup = (seenHi & (1 << (fieldNo - 32))) !== 0; seenHi |= 1 << (fieldNo - 32); }
      } else {
        let key = `${cls}:${fieldNo}`;
        if (cls === OFPXMC.EXPERIMENTER) {
          const exp = buf.readUInt32BE(at + 4);
          key += `:${exp}`;
          // EXT-256 fields share oxm_field 0 and differ by the exp_type after the experimenter id.
          if (exp === OXM_EXPERIMENTER.ONF && fieldNo === 0 && r.pos - at >= 10) key += `:${buf.readUInt16BE(at + 8)}`;
        }
        seenOther ??= [];
        dup = seenOther.includes(key);
        seenOther.push(key);
      }
      if (dup) {
        r.pos = at;
        throw r.error(`ofp_match.oxm[${fields.length}]`,
          `${tlv.field === 'opaque' ? `class ${cls} field ${fieldNo}` : tlv.field} appears twice`,
          { type: OFPET.BAD_MATCH, code: OFPBMC.DUP_FIELD });
      }
      fields.push(tlv);
    }
  } finally {
    r.end = outerEnd;
  }
  r.pos = bodyStart + padded - 4;
  return { fields };
}

// ---------------------------------------------------------------------------------------------
// Encoding

function compiledField(name: string): CompiledField {
  const c = COMPILED.get(name);
  if (c === undefined) throw new OfpEncodeError(`oxm ${String(name)}`, 'unknown field name');
  return c;
}

/** Wire length of one TLV including its 4-byte header. */
export function oxmLength(tlv: OxmTlv): number {
  if (tlv.field === 'opaque') return 4 + (tlv.experimenter === undefined ? 0 : 4) + tlv.payload.length;
  const c = compiledField(tlv.field);
  return 4 + c.expHeaderLen + c.width * (tlv.mask === undefined ? 1 : 2);
}

export function encodeOxm(w: OfpWriter, tlv: OxmTlv): void {
  if (tlv.field === 'opaque') {
    const len = (tlv.experimenter === undefined ? 0 : 4) + tlv.payload.length;
    if (len > 255) throw new OfpEncodeError('oxm opaque.payload', `OXM length ${len} > 255`);
    w.u32(((tlv.oxmClass & 0xffff) << 16 | (tlv.oxmField & 0x7f) << 9 | (tlv.hasMask ? 0x100 : 0) | len) >>> 0);
    if (tlv.experimenter !== undefined) w.u32(tlv.experimenter);
    w.bytes(tlv.payload);
    return;
  }
  const c = compiledField(tlv.field);
  const hasMask = tlv.mask !== undefined;
  w.u32(hasMask ? c.headerMasked : c.header);
  if (c.experimenter !== undefined) w.u32(c.experimenter);
  if (c.expType !== undefined) w.u16(c.expType);
  writeValue(w, c, tlv.value, false);
  if (hasMask) writeValue(w, c, tlv.mask, true);
}

function writeValue(w: OfpWriter, c: CompiledField, v: OxmValue, isMask: boolean): void {
  const code = c.code;
  if (code <= K_U32) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > UINT_MAX[code]!) throw badValue(c, v, isMask);
    if (code === K_U8) w.u8(v);
    else if (code === K_U16) w.u16(v);
    else if (code === K_U24) { w.u8(v >>> 16); w.u16(v & 0xffff); }
    else w.u32(v);
  } else if (code === K_U64) {
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) throw badValue(c, v, isMask);
    w.u64(v);
  } else if (code === K_U128) {
    if (typeof v !== 'bigint' || v < 0n || v > U128_MAX) throw badValue(c, v, isMask);
    w.u64(v >> 64n);
    w.u64(v); // u64 writes the low 64 bits
  } else {
    const width = c.width;
    w.zeros(width);
    const at = w.pos - width;
    const ok = typeof v === 'string' && (code === K_MAC ? macBytes(v, w.buf, at)
      : code === K_IPV4 ? ipv4Bytes(v, w.buf, at) : ipv6Bytes(v, w.buf, at));
    if (!ok) throw badValue(c, v, isMask);
  }
}

/** The OfpEncodeError for a value that does not fit its field's kind. */
function badValue(c: CompiledField, v: unknown, isMask: boolean): OfpEncodeError {
  const where = `oxm ${c.name}.${isMask ? 'mask' : 'value'}`;
  switch (c.kind) {
    case 'u8': case 'u16': case 'u24': case 'u32':
      return new OfpEncodeError(where, `${String(v)} is not an unsigned ${c.width * 8}-bit integer`);
    case 'u64': case 'u128':
      return new OfpEncodeError(where, `${String(v)} is not an unsigned ${c.width * 8}-bit bigint`);
    default:
      return new OfpEncodeError(where, `${JSON.stringify(v)} is not ${c.kind === 'mac' ? 'a MAC' : c.kind === 'ipv4' ? 'an IPv4' : 'an IPv6'} address`);
  }
}

/** Wire length of an ofp_match without its trailing padding (the value of ofp_match.length). */
export function matchLength(m: Match): number {
  let len = 4;
  for (const f of m.fields) len += oxmLength(f);
  return len;
}

/** Writes ofp_match: type OFPMT_OXM, length (computed), the TLVs, zero padding to 8. */
export function encodeMatch(w: OfpWriter, m: Match): void {
  const start = w.pos;
  w.u16(OFPMT.OXM);
  w.u16(0);
  for (const f of m.fields) encodeOxm(w, f);
  const length = w.pos - start;
  if (length > 0xffff) throw new OfpEncodeError('ofp_match.length', `${length} > 65535`);
  w.patchU16(start + 2, length);
  w.padTo(start, 8);
}
