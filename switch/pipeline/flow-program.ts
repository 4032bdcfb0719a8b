/**
 * Validates a flow-mod's instructions and compiles them into a FlowProgram (OF1.3.5 §5.9,
 * §7.2.4). Errors: goto to the same/an earlier table or past the last one is
 * OFPBIC_BAD_TABLE_ID, an instruction type twice OFPBIC_UNSUP_INST, an experimenter instruction
 * OFPBIC_BAD_EXPERIMENTER, a meter that does not exist OFPMMFC_UNKNOWN_METER, and the actions'
 * own OFPBAC_* errors (exec-action.ts).
 */
import { OFPBIC, OFPET, OFPMMFC } from '../../core/openflow/error-codes.js';
import type { Instruction } from '../../core/openflow/instructions.js';
import { compileActions, type ActionChecks, type ExecAction } from './exec-action.js';
import type { FlowProgram } from './flow-entry.js';
import { ofpError } from './ofp-request-error.js';

export interface ProgramChecks extends ActionChecks {
  nTables: number;
  meterExists(meterId: number): boolean;
}

function u64Bytes(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  let x = BigInt.asUintN(64, v);
  for (let i = 7; i >= 0; i--) { out[i] = Number(x & 0xffn); x >>= 8n; }
  return out;
}

export function compileInstructions(list: readonly Instruction[], tableId: number, checks: ProgramChecks): FlowProgram {
  let meterId: number | undefined;
  let apply: ExecAction[] | undefined;
  let clearActions = false;
  let write: ExecAction[] | undefined;
  let metadataValue: Uint8Array | undefined;
  let metadataMask: Uint8Array | undefined;
  let gotoTable: number | undefined;
  const seen = new Set<string>();
  for (const ins of list) {
    if (seen.has(ins.type)) throw ofpError(OFPET.BAD_INSTRUCTION, OFPBIC.UNSUP_INST, `instruction ${ins.type} appears twice`);
    seen.add(ins.type);
    switch (ins.type) {
      case 'GOTO_TABLE':
        if (ins.tableId <= tableId || ins.tableId >= checks.nTables) {
          throw ofpError(OFPET.BAD_INSTRUCTION, OFPBIC.BAD_TABLE_ID, `goto_table ${ins.tableId} from table ${tableId}`);
        }
        gotoTable = ins.tableId;
        break;
      case 'WRITE_METADATA':
        metadataValue = u64Bytes(ins.metadata & ins.metadataMask);
        metadataMask = u64Bytes(ins.metadataMask);
        break;
      case 'WRITE_ACTIONS':
        write = compileActions(ins.actions, checks);
        break;
      case 'APPLY_ACTIONS':
        apply = compileActions(ins.actions, checks);
        break;
      case 'CLEAR_ACTIONS':
        clearActions = true;
        break;
      case 'METER':
        if (!checks.meterExists(ins.meterId)) {
          throw ofpError(OFPET.METER_MOD_FAILED, OFPMMFC.UNKNOWN_METER, `meter ${ins.meterId} does not exist`);
        }
        meterId = ins.meterId;
        break;
      case 'EXPERIMENTER':
        throw ofpError(OFPET.BAD_INSTRUCTION, OFPBIC.BAD_EXPERIMENTER, `experimenter instruction 0x${ins.experimenter.toString(16)}`);
    }
  }
  return { meterId, apply, clearActions, write, metadataValue, metadataMask, gotoTable };
}
