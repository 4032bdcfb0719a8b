/**
 * OpenFlow 1.3 instructions (§7.2.4, ofp_instruction_*), discriminated by `type` (the OFPIT_ name
 * without its prefix). Experimenter instructions are kept opaque and re-encode byte-exact.
 */
import { decodeActions, encodeActions, type Action } from './actions.js';
import { OfpEncodeError } from './encode-error.js';
import { OFPBIC, OFPET } from './error-codes.js';
import type { OfpReader } from './ofp-reader.js';
import { readList, readTlvHeader, tlvError, wantLength, type TlvKind } from './tlv-list.js';
import type { OfpWriter } from './ofp-writer.js';

/** enum ofp_instruction_type. */
export const OFPIT = {
  GOTO_TABLE: 1,
  WRITE_METADATA: 2,
  WRITE_ACTIONS: 3,
  APPLY_ACTIONS: 4,
  CLEAR_ACTIONS: 5,
  METER: 6,
  EXPERIMENTER: 0xffff,
} as const;

export type Instruction =
  | { readonly type: 'GOTO_TABLE'; readonly tableId: number }
  | { readonly type: 'WRITE_METADATA'; readonly metadata: bigint; readonly metadataMask: bigint }
  | { readonly type: 'WRITE_ACTIONS'; readonly actions: readonly Action[] }
  | { readonly type: 'APPLY_ACTIONS'; readonly actions: readonly Action[] }
  | { readonly type: 'CLEAR_ACTIONS' }
  | { readonly type: 'METER'; readonly meterId: number }
  /** Body after the experimenter id, verbatim. */
  | { readonly type: 'EXPERIMENTER'; readonly experimenter: number; readonly data: Buffer };

export type InstructionType = Instruction['type'];

const TYPE_NAMES: Record<number, InstructionType> = {};
for (const [name, code] of Object.entries(OFPIT)) TYPE_NAMES[code] = name as InstructionType;

/** Reads exactly `len` bytes of instructions (a flow-mod's or flow-stats entry's tail). */
export function decodeInstructions(r: OfpReader, len: number): Instruction[] {
  return readList(r, len, 'instructions', decodeInstruction);
}

const INSTRUCTION: TlvKind = {
  struct: 'ofp_instruction', prefix: 'OFPIT_', errorType: OFPET.BAD_INSTRUCTION, badLenCode: OFPBIC.BAD_LEN,
};

/**
 * Reads one instruction from a reader bounded by its list. A length under the type's size, not a
 * multiple of 8 or past the list is OFPBIC_BAD_LEN; an unknown type OFPBIC_UNKNOWN_INST.
 */
export function decodeInstruction(r: OfpReader): Instruction {
  const at = r.pos;
  const len = readTlvHeader(r, INSTRUCTION);
  const type = (r.buf[at]! << 8) | r.buf[at + 1]!;
  const name = TYPE_NAMES[type];
  if (name === undefined) throw tlvError(r, at, INSTRUCTION, 'type', `unknown instruction type ${type}`, OFPBIC.UNKNOWN_INST);
  switch (name) {
    case 'GOTO_TABLE': {
      wantLength(r, at, INSTRUCTION, name, len, 8);
      const tableId = r.u8('ofp_instruction_goto_table.table_id');
      r.skip(3, 'ofp_instruction_goto_table.pad');
      return { type: 'GOTO_TABLE', tableId };
    }
    case 'WRITE_METADATA': {
      wantLength(r, at, INSTRUCTION, name, len, 24);
      r.skip(4, 'ofp_instruction_write_metadata.pad');
      const metadata = r.u64('ofp_instruction_write_metadata.metadata');
      return { type: 'WRITE_METADATA', metadata, metadataMask: r.u64('ofp_instruction_write_metadata.metadata_mask') };
    }
    case 'WRITE_ACTIONS': case 'APPLY_ACTIONS': {
      r.skip(4, 'ofp_instruction_actions.pad');
      return { type: name, actions: decodeActions(r, len - 8) };
    }
    case 'CLEAR_ACTIONS':
      wantLength(r, at, INSTRUCTION, name, len, 8);
      r.skip(4, 'ofp_instruction_actions.pad');
      return { type: 'CLEAR_ACTIONS' };
    case 'METER':
      wantLength(r, at, INSTRUCTION, name, len, 8);
      return { type: 'METER', meterId: r.u32('ofp_instruction_meter.meter_id') };
    case 'EXPERIMENTER': {
      const experimenter = r.u32('ofp_instruction_experimenter.experimenter');
      return { type: 'EXPERIMENTER', experimenter, data: r.bytes(len - 8, 'ofp_instruction_experimenter.data') };
    }
  }
}

export function encodeInstructions(w: OfpWriter, list: readonly Instruction[]): void {
  for (const i of list) encodeInstruction(w, i);
}

export function encodeInstruction(w: OfpWriter, ins: Instruction): void {
  const code = OFPIT[ins.type];
  if (code === undefined) throw new OfpEncodeError('ofp_instruction.type', `unknown instruction ${String((ins as { type: unknown }).type)}`);
  const start = w.pos;
  w.u16(code);
  w.u16(0);
  switch (ins.type) {
    case 'GOTO_TABLE': w.u8(ins.tableId); w.zeros(3); break;
    case 'WRITE_METADATA': w.zeros(4); w.u64(ins.metadata); w.u64(ins.metadataMask); break;
    case 'WRITE_ACTIONS': case 'APPLY_ACTIONS': w.zeros(4); encodeActions(w, ins.actions); break;
    case 'CLEAR_ACTIONS': w.zeros(4); break;
    case 'METER': w.u32(ins.meterId); break;
    case 'EXPERIMENTER': w.u32(ins.experimenter); w.bytes(ins.data); w.padTo(start, 8); break;
  }
  const len = w.pos - start;
  if (len > 0xffff) throw new OfpEncodeError(`ofp_instruction(${ins.type}).len`, `${len} > 65535`);
  w.patchU16(start + 2, len);
}
