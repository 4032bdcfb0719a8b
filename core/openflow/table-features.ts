/**
 * ofp_table_features (OpenFlow 1.3.5 §7.3.5.5): one table's capabilities, as in the TABLE_FEATURES
 * multipart request and reply, with every property type. Instruction, action and OXM ids are
 * kept as their wire headers (plus any experimenter bytes) so ids of types this codec does not
 * know still round-trip; `oxmId()` builds the common case from a field name.
 */
import { OfpEncodeError } from './encode-error.js';
import { OFPET, OFPTFFC } from './error-codes.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';
import { OFPXMC, OXM_FIELDS, OXM_KIND_WIDTH, oxmExperimenterField, oxmFieldByNumber, type OxmFieldName } from './oxm-fields.js';
import { fixedUtf8, writeFixedUtf8 } from './port-desc.js';

export const OFP_TABLE_FEATURES_HEADER_LEN = 64;
export const OFP_MAX_TABLE_NAME_LEN = 32;

/** enum ofp_table_feature_prop_type. */
export const OFPTFPT = {
  INSTRUCTIONS: 0,
  INSTRUCTIONS_MISS: 1,
  NEXT_TABLES: 2,
  NEXT_TABLES_MISS: 3,
  WRITE_ACTIONS: 4,
  WRITE_ACTIONS_MISS: 5,
  APPLY_ACTIONS: 6,
  APPLY_ACTIONS_MISS: 7,
  MATCH: 8,
  WILDCARDS: 10,
  WRITE_SETFIELD: 12,
  WRITE_SETFIELD_MISS: 13,
  APPLY_SETFIELD: 14,
  APPLY_SETFIELD_MISS: 15,
  EXPERIMENTER: 0xfffe,
  EXPERIMENTER_MISS: 0xffff,
} as const;

/** An instruction or action id: the 4-byte type/len header, plus any bytes after it (experimenter ids). */
export interface TlvId {
  /** OFPIT_* or OFPAT_* code. */
  readonly type: number;
  /** Bytes after the header (experimenter id …); len on the wire is 4 + data.length. */
  readonly data?: Buffer;
}

/** An OXM header without a value (ofp_oxm_id): what a table can match or set. */
export interface OxmId {
  readonly oxmClass: number;
  readonly oxmField: number;
  readonly hasMask: boolean;
  /** oxm_length as sent: many switches send the value width, some send 0. */
  readonly length: number;
  /** Present iff oxmClass is OFPXMC_EXPERIMENTER. */
  readonly experimenter?: number;
  /** The field's name when the codec knows it (informational: encoding uses the numbers). */
  readonly name?: OxmFieldName;
}

type InstructionPropType = 'INSTRUCTIONS' | 'INSTRUCTIONS_MISS';
type NextTablesPropType = 'NEXT_TABLES' | 'NEXT_TABLES_MISS';
type ActionsPropType = 'WRITE_ACTIONS' | 'WRITE_ACTIONS_MISS' | 'APPLY_ACTIONS' | 'APPLY_ACTIONS_MISS';
type OxmPropType = 'MATCH' | 'WILDCARDS' | 'WRITE_SETFIELD' | 'WRITE_SETFIELD_MISS' | 'APPLY_SETFIELD' | 'APPLY_SETFIELD_MISS';

export type TableFeatureProp =
  | { readonly type: InstructionPropType; readonly instructionIds: readonly TlvId[] }
  | { readonly type: NextTablesPropType; readonly tableIds: readonly number[] }
  | { readonly type: ActionsPropType; readonly actionIds: readonly TlvId[] }
  | { readonly type: OxmPropType; readonly oxmIds: readonly OxmId[] }
  | { readonly type: 'EXPERIMENTER' | 'EXPERIMENTER_MISS'; readonly experimenter: number; readonly expType: number; readonly data: Buffer }
  /** A property type OF1.3 does not define, kept verbatim. */
  | { readonly type: 'UNKNOWN'; readonly propType: number; readonly data: Buffer };

export interface TableFeatures {
  readonly tableId: number;
  readonly name: string;
  readonly metadataMatch: bigint;
  readonly metadataWrite: bigint;
  /** OFPTC_* bits. */
  readonly config: number;
  readonly maxEntries: number;
  readonly properties: readonly TableFeatureProp[];
}

const PROP_NAMES: Record<number, Exclude<TableFeatureProp['type'], 'UNKNOWN'>> = {};
for (const [name, code] of Object.entries(OFPTFPT)) PROP_NAMES[code] = name as Exclude<TableFeatureProp['type'], 'UNKNOWN'>;

const BAD_LEN = { type: OFPET.TABLE_FEATURES_FAILED, code: OFPTFFC.BAD_LEN } as const;

/** The OxmId of a named field (plain header, natural length). */
export function oxmId(name: OxmFieldName, hasMask = false): OxmId {
  const spec = OXM_FIELDS[name];
  const width = OXM_KIND_WIDTH[spec.kind] * (hasMask ? 2 : 1);
  const base = { oxmClass: spec.oxmClass, oxmField: spec.field, hasMask, name };
  if (!('experimenter' in spec)) return { ...base, length: width };
  return { ...base, length: 4 + ('expType' in spec ? 2 : 0) + width, experimenter: spec.experimenter };
}

/** Reads one ofp_table_features entry; its `length` bounds the properties. */
export function decodeTableFeatures(r: OfpReader): TableFeatures {
  const at = r.pos;
  if (r.remaining < OFP_TABLE_FEATURES_HEADER_LEN) {
    throw r.error('ofp_table_features', `needs ${OFP_TABLE_FEATURES_HEADER_LEN} bytes, ${r.remaining} left`, BAD_LEN);
  }
  const length = r.u16('ofp_table_features.length');
  if (length < OFP_TABLE_FEATURES_HEADER_LEN || length - 2 > r.remaining) {
    r.pos = at;
    throw r.error('ofp_table_features.length', `length ${length} is not within 64..${r.remaining + 2}`, BAD_LEN);
  }
  const tableId = r.u8('ofp_table_features.table_id');
  r.skip(5, 'ofp_table_features.pad');
  const name = fixedUtf8(r, OFP_MAX_TABLE_NAME_LEN, 'ofp_table_features.name');
  const metadataMatch = r.u64('ofp_table_features.metadata_match');
  const metadataWrite = r.u64('ofp_table_features.metadata_write');
  const config = r.u32('ofp_table_features.config');
  const maxEntries = r.u32('ofp_table_features.max_entries');
  const body = r.sub(length - OFP_TABLE_FEATURES_HEADER_LEN, 'ofp_table_features.properties');
  const properties: TableFeatureProp[] = [];
  while (body.remaining > 0) properties.push(decodeProp(body, properties.length));
  return { tableId, name, metadataMatch, metadataWrite, config, maxEntries, properties };
}

function decodeProp(r: OfpReader, index: number): TableFeatureProp {
  const where = `ofp_table_features.properties[${index}]`;
  const at = r.pos;
  if (r.remaining < 4) throw r.error(where, `needs 4 bytes, ${r.remaining} left`, BAD_LEN);
  const propType = r.u16(`${where}.type`);
  const length = r.u16(`${where}.length`);
  const padded = (length + 7) & ~7;
  // The last property's padding may be cut off by the entry's length; accept that.
  if (length < 4 || length - 4 > r.remaining) {
    r.pos = at;
    throw r.error(`${where}.length`, `property length ${length} is not within 4..${r.remaining + 4}`, BAD_LEN);
  }
  const b = r.sub(length - 4, where);
  r.skip(Math.min(padded - length, r.remaining), `${where}.pad`);
  const type = PROP_NAMES[propType];
  switch (type) {
    case 'INSTRUCTIONS': case 'INSTRUCTIONS_MISS':
      return { type, instructionIds: decodeTlvIds(b, `${where}.instruction_ids`) };
    case 'WRITE_ACTIONS': case 'WRITE_ACTIONS_MISS': case 'APPLY_ACTIONS': case 'APPLY_ACTIONS_MISS':
      return { type, actionIds: decodeTlvIds(b, `${where}.action_ids`) };
    case 'NEXT_TABLES': case 'NEXT_TABLES_MISS': {
      const tableIds: number[] = [];
      while (b.remaining > 0) tableIds.push(b.u8(`${where}.next_table_ids`));
      return { type, tableIds };
    }
    case 'MATCH': case 'WILDCARDS': case 'WRITE_SETFIELD': case 'WRITE_SETFIELD_MISS': case 'APPLY_SETFIELD': case 'APPLY_SETFIELD_MISS': {
      const oxmIds: OxmId[] = [];
      while (b.remaining > 0) oxmIds.push(decodeOxmId(b, `${where}.oxm_ids[${oxmIds.length}]`));
      return { type, oxmIds };
    }
    case 'EXPERIMENTER': case 'EXPERIMENTER_MISS': {
      if (b.remaining < 8) {
        r.pos = at;
        throw r.error(`${where}.length`, `experimenter property needs length >= 12, got ${length}`, BAD_LEN);
      }
      const experimenter = b.u32(`${where}.experimenter`);
      const expType = b.u32(`${where}.exp_type`);
      return { type, experimenter, expType, data: b.bytes(b.remaining, `${where}.experimenter_data`) };
    }
    case undefined:
      return { type: 'UNKNOWN', propType, data: b.bytes(b.remaining, `${where}.data`) };
  }
}

function decodeTlvIds(b: OfpReader, where: string): TlvId[] {
  const out: TlvId[] = [];
  while (b.remaining > 0) {
    const at = b.pos;
    if (b.remaining < 4) throw b.error(`${where}[${out.length}]`, `needs 4 bytes, ${b.remaining} left`, BAD_LEN);
    const type = b.u16(`${where}[${out.length}].type`);
    const len = b.u16(`${where}[${out.length}].len`);
    if (len < 4 || len - 4 > b.remaining) {
      b.pos = at;
      throw b.error(`${where}[${out.length}].len`, `id length ${len} is not within 4..${b.remaining + 4}`, BAD_LEN);
    }
    out.push(len === 4 ? { type } : { type, data: b.bytes(len - 4, `${where}[${out.length}].data`) });
  }
  return out;
}

function decodeOxmId(b: OfpReader, where: string): OxmId {
  if (b.remaining < 4) throw b.error(where, `needs 4 bytes, ${b.remaining} left`, BAD_LEN);
  const header = b.u32(`${where}.header`);
  const oxmClass = header >>> 16;
  const oxmField = (header >>> 9) & 0x7f;
  const hasMask = (header & 0x100) !== 0;
  const length = header & 0xff;
  if (oxmClass === OFPXMC.EXPERIMENTER) {
    if (b.remaining < 4) throw b.error(`${where}.experimenter`, `needs 4 bytes, ${b.remaining} left`, BAD_LEN);
    const experimenter = b.u32(`${where}.experimenter`);
    const name = oxmExperimenterField(experimenter, oxmField);
    return name === undefined
      ? { oxmClass, oxmField, hasMask, length, experimenter }
      : { oxmClass, oxmField, hasMask, length, experimenter, name };
  }
  const name = oxmFieldByNumber(oxmClass, oxmField);
  return name === undefined ? { oxmClass, oxmField, hasMask, length } : { oxmClass, oxmField, hasMask, length, name };
}

export function encodeTableFeatures(w: OfpWriter, tf: TableFeatures): void {
  const start = w.pos;
  w.u16(0);
  w.u8(tf.tableId);
  w.zeros(5);
  writeFixedUtf8(w, tf.name, OFP_MAX_TABLE_NAME_LEN, 'ofp_table_features.name');
  w.u64(tf.metadataMatch);
  w.u64(tf.metadataWrite);
  w.u32(tf.config);
  w.u32(tf.maxEntries);
  for (const p of tf.properties) encodeProp(w, p);
  const len = w.pos - start;
  if (len > 0xffff) throw new OfpEncodeError('ofp_table_features.length', `${len} > 65535`);
  w.patchU16(start, len);
}

function encodeProp(w: OfpWriter, p: TableFeatureProp): void {
  const start = w.pos;
  const code = p.type === 'UNKNOWN' ? p.propType : OFPTFPT[p.type];
  if (code === undefined) throw new OfpEncodeError('ofp_table_feature_prop.type', `unknown property ${String(p.type)}`);
  w.u16(code);
  w.u16(0);
  switch (p.type) {
    case 'INSTRUCTIONS': case 'INSTRUCTIONS_MISS':
      for (const id of p.instructionIds) encodeTlvId(w, id);
      break;
    case 'WRITE_ACTIONS': case 'WRITE_ACTIONS_MISS': case 'APPLY_ACTIONS': case 'APPLY_ACTIONS_MISS':
      for (const id of p.actionIds) encodeTlvId(w, id);
      break;
    case 'NEXT_TABLES': case 'NEXT_TABLES_MISS':
      for (const t of p.tableIds) w.u8(t);
      break;
    case 'MATCH': case 'WILDCARDS': case 'WRITE_SETFIELD': case 'WRITE_SETFIELD_MISS': case 'APPLY_SETFIELD': case 'APPLY_SETFIELD_MISS':
      for (const id of p.oxmIds) {
        w.u32(((id.oxmClass & 0xffff) << 16 | (id.oxmField & 0x7f) << 9 | (id.hasMask ? 0x100 : 0) | (id.length & 0xff)) >>> 0);
        if (id.oxmClass === OFPXMC.EXPERIMENTER) w.u32(id.experimenter ?? 0);
      }
      break;
    case 'EXPERIMENTER': case 'EXPERIMENTER_MISS':
      w.u32(p.experimenter); w.u32(p.expType); w.bytes(p.data);
      break;
    case 'UNKNOWN':
      w.bytes(p.data);
      break;
  }
  const len = w.pos - start;
  if (len > 0xffff) throw new OfpEncodeError(`ofp_table_feature_prop(${p.type}).length`, `${len} > 65535`);
  w.patchU16(start + 2, len);
  w.padTo(start, 8);
}

function encodeTlvId(w: OfpWriter, id: TlvId): void {
  w.u16(id.type);
  w.u16(4 + (id.data?.length ?? 0));
  if (id.data) w.bytes(id.data);
}
