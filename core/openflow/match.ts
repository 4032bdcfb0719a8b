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
import { ipv4Bytes, ipv4Text, ipv6Bytes, ipv6Text, macBytes, macText } from './oxm-address-text.js';
import {
  OFPXMC, OXM_EXPERIMENTER, OXM_FIELDS, OXM_KIND_WIDTH, oxmExperimenterField, oxmFieldByNumber,
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
// Decoding

/**
 * Reads one OXM TLV. Its length must fit what remains in `r` (the caller bounds `r` to the
 * enclosing structure), otherwise the error is `errors.badLen`, not a truncation.
 */
export function decodeOxm(r: OfpReader, errors: OxmErrorCodes = MATCH_OXM_ERRORS, where = 'oxm'): OxmTlv {
  if (r.remaining < 4) throw r.error(`${where}.header`, `needs 4 bytes, ${r.remaining} left`, errors.badLen);
  const header = r.u32(`${where}.header`);
  const oxmClass = header >>> 16;
  const oxmField = (header >>> 9) & 0x7f;
  const hasMask = (header & 0x100) !== 0;
  const length = header & 0xff;
  if (length > r.remaining) {
    r.pos -= 4;
    throw r.error(`${where}.length`, `OXM length ${length} exceeds the ${r.remaining - 4} bytes left`, errors.badLen);
  }

  let name: OxmFieldName | undefined;
  let experimenter: number | undefined;
  let headerExtra = 0;
  if (oxmClass === OFPXMC.EXPERIMENTER) {
    if (length < 4) throw r.error(`${where}.length`, `experimenter OXM length ${length} < 4`, errors.badLen);
    experimenter = r.u32(`${where}.experimenter`);
    headerExtra = 4;
    if (experimenter === OXM_EXPERIMENTER.ONF && oxmField === 0 && length >= 6) {
      name = oxmExperimenterField(experimenter, oxmField, r.buf.readUInt16BE(r.pos));
      if (name !== undefined) { r.pos += 2; headerExtra = 6; }
    } else {
      name = oxmExperimenterField(experimenter, oxmField);
    }
  } else {
    name = oxmFieldByNumber(oxmClass, oxmField);
    if (name === undefined && oxmClass === OFPXMC.OPENFLOW_BASIC) {
      r.pos -= 4;
      throw r.error(`${where}.oxm_field`, `unknown OFPXMC_OPENFLOW_BASIC field ${oxmField}`, errors.badField);
    }
  }

  if (name === undefined) {
    const payload = r.bytes(length - headerExtra, `${where}.payload`);
    return experimenter === undefined
      ? { field: 'opaque', oxmClass, oxmField, hasMask, payload }
      : { field: 'opaque', oxmClass, oxmField, hasMask, experimenter, payload };
  }

  const spec: OxmFieldSpec = OXM_FIELDS[name];
  const width = OXM_KIND_WIDTH[spec.kind];
  if (length !== headerExtra + (hasMask ? 2 * width : width)) {
    r.pos -= 4 + headerExtra;
    throw r.error(`${where}.length`, `${name} needs ${hasMask ? 'masked ' : ''}length ${headerExtra + (hasMask ? 2 : 1) * width}, got ${length}`, errors.badLen);
  }
  if (hasMask && !spec.maskable && oxmClass === OFPXMC.OPENFLOW_BASIC) {
    r.pos -= 4;
    throw r.error(`${where}.oxm_hasmask`, `${name} is not maskable`, errors.badMask);
  }
  if (hasMask && !maskConsistent(r.buf, r.pos, width)) {
    r.pos -= 4 + headerExtra;
    throw r.error(`${where}.${name}`, `${name} value has 1-bits where its mask is 0`, errors.badWildcards);
  }
  const value = readValue(r, spec.kind, `${where}.${name}.value`);
  if (!hasMask) return { field: name, value } as KnownOxm;
  const mask = readValue(r, spec.kind, `${where}.${name}.mask`);
  return { field: name, value, mask } as KnownOxm;
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

function readValue(r: OfpReader, kind: OxmKind, field: string): OxmValue {
  switch (kind) {
    case 'u8': return r.u8(field);
    case 'u16': return r.u16(field);
    case 'u24': return (r.u8(field) << 16) | r.u16(field);
    case 'u32': return r.u32(field);
    case 'u64': return r.u64(field);
    case 'u128': return (r.u64(field) << 64n) | r.u64(field);
    case 'mac': r.need(6, field); r.pos += 6; return macText(r.buf, r.pos - 6);
    case 'ipv4': r.need(4, field); r.pos += 4; return ipv4Text(r.buf, r.pos - 4);
    case 'ipv6': r.need(16, field); r.pos += 16; return ipv6Text(r.buf, r.pos - 16);
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
  const body = r.sub(length - 4, 'ofp_match.oxm_fields');
  r.skip(padded - length, 'ofp_match.pad');

  const fields: OxmTlv[] = [];
  // Duplicate detection: a bit per basic field (0..39 fit in two 32-bit words), a list otherwise.
  let seenLo = 0;
  let seenHi = 0;
  let seenOther: string[] | undefined;
  while (body.remaining > 0) {
    const at = body.pos;
    const where = `ofp_match.oxm[${fields.length}]`;
    const tlv = decodeOxm(body, MATCH_OXM_ERRORS, where);
    let dup = false;
    const cls = body.buf.readUInt16BE(at);
    const fieldNo = body.buf[at + 2]! >> 1;
    if (cls === OFPXMC.OPENFLOW_BASIC) {
      if (fieldNo < 32) { dup = (seenLo & (1 << fieldNo)) !== 0; seenLo |= 1 << fieldNo; }
      else { dup = (seenHi & (1 << (fieldNo - 32))) !== 0; seenHi |= 1 << (fieldNo - 32); }
    } else {
      let key = `${cls}:${fieldNo}`;
      if (cls === OFPXMC.EXPERIMENTER) {
        const exp = body.buf.readUInt32BE(at + 4);
        key += `:${exp}`;
        // EXT-256 fields share oxm_field 0 and differ by the exp_type after the experimenter id.
        if (exp === OXM_EXPERIMENTER.ONF && fieldNo === 0 && body.pos - at >= 10) key += `:${body.buf.readUInt16BE(at + 8)}`;
      }
      seenOther ??= [];
      dup = seenOther.includes(key);
      seenOther.push(key);
    }
    if (dup) {
      body.pos = at;
      throw body.error(where, `${tlv.field === 'opaque' ? `class ${cls} field ${fieldNo}` : tlv.field} appears twice`,
        { type: OFPET.BAD_MATCH, code: OFPBMC.DUP_FIELD });
    }
    fields.push(tlv);
  }
  return { fields };
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Wire length of one TLV including its 4-byte header. */
export function oxmLength(tlv: OxmTlv): number {
  if (tlv.field === 'opaque') return 4 + (tlv.experimenter === undefined ? 0 : 4) + tlv.payload.length;
  const spec: OxmFieldSpec = OXM_FIELDS[tlv.field];
  if (spec === undefined) throw new OfpEncodeError(`oxm ${String(tlv.field)}`, 'unknown field name');
  return 4 + expHeaderLength(spec) + OXM_KIND_WIDTH[spec.kind] * (tlv.mask === undefined ? 1 : 2);
}

function expHeaderLength(spec: OxmFieldSpec): number {
  if (spec.experimenter === undefined) return 0;
  return spec.expType === undefined ? 4 : 6;
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
  const spec: OxmFieldSpec = OXM_FIELDS[tlv.field];
  if (spec === undefined) throw new OfpEncodeError(`oxm ${String(tlv.field)}`, 'unknown field name');
  const hasMask = tlv.mask !== undefined;
  const len = expHeaderLength(spec) + OXM_KIND_WIDTH[spec.kind] * (hasMask ? 2 : 1);
  w.u32((spec.oxmClass << 16 | spec.field << 9 | (hasMask ? 0x100 : 0) | len) >>> 0);
  if (spec.experimenter !== undefined) w.u32(spec.experimenter);
  if (spec.expType !== undefined) w.u16(spec.expType);
  writeValue(w, spec.kind, tlv.value, tlv.field, 'value');
  if (hasMask) writeValue(w, spec.kind, tlv.mask, tlv.field, 'mask');
}

const UINT_MAX: Partial<Record<OxmKind, number>> = { u8: 0xff, u16: 0xffff, u24: 0xffffff, u32: 0xffffffff };

function writeValue(w: OfpWriter, kind: OxmKind, v: OxmValue, name: string, part: string): void {
  const bad = (reason: string): never => { throw new OfpEncodeError(`oxm ${name}.${part}`, reason); };
  switch (kind) {
    case 'u8': case 'u16': case 'u24': case 'u32': {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > UINT_MAX[kind]!) {
        return bad(`${String(v)} is not an unsigned ${OXM_KIND_WIDTH[kind] * 8}-bit integer`);
      }
      if (kind === 'u8') w.u8(v);
      else if (kind === 'u16') w.u16(v);
      else if (kind === 'u24') { w.u8(v >>> 16); w.u16(v & 0xffff); }
      else w.u32(v);
      return;
    }
    case 'u64': case 'u128': {
      const bits = kind === 'u64' ? 64 : 128;
      if (typeof v !== 'bigint' || v < 0n || v >> BigInt(bits) !== 0n) return bad(`${String(v)} is not an unsigned ${bits}-bit bigint`);
      if (kind === 'u128') w.u64(v >> 64n);
      w.u64(BigInt.asUintN(64, v));
      return;
    }
    case 'mac': case 'ipv4': case 'ipv6': {
      const width = OXM_KIND_WIDTH[kind];
      w.zeros(width);
      const ok = typeof v === 'string' && (kind === 'mac' ? macBytes(v, w.buf, w.pos - width)
        : kind === 'ipv4' ? ipv4Bytes(v, w.buf, w.pos - width) : ipv6Bytes(v, w.buf, w.pos - width));
      if (!ok) bad(`${JSON.stringify(v)} is not ${kind === 'mac' ? 'a MAC' : kind === 'ipv4' ? 'an IPv4' : 'an IPv6'} address`);
      return;
    }
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
