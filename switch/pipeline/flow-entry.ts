/**
 * One flow entry (OF1.3.5 §5.2): its match, priority, instructions as received and as compiled,
 * cookie, timeouts, flags and counters. Counters are JS numbers (exact up to 2^53, far beyond
 * any run) and become u64 on the wire.
 */
import type { Instruction } from '../../core/openflow/instructions.js';
import type { ClassifierRule } from './classifier.js';
import type { CompiledMatch } from './compiled-match.js';
import type { ExecAction } from './exec-action.js';

/** Instructions compiled for execution, in the order §5.9 runs them. */
export interface FlowProgram {
  readonly meterId: number | undefined;
  readonly apply: readonly ExecAction[] | undefined;
  readonly clearActions: boolean;
  readonly write: readonly ExecAction[] | undefined;
  /** write-metadata as 8-byte value and mask. */
  readonly metadataValue: Uint8Array | undefined;
  readonly metadataMask: Uint8Array | undefined;
  readonly gotoTable: number | undefined;
}

export class FlowEntry implements ClassifierRule {
  packetCount = 0;
  byteCount = 0;
  /** Set by a matching packet: the idle timeout counts from here. */
  lastUsedMs: number;
  /** Whether this is the table-miss entry (priority 0, everything wildcarded, §5.4). */
  readonly isTableMiss: boolean;

  constructor(
    readonly tableId: number,
    readonly priority: number,
    readonly seq: number,
    readonly cm: CompiledMatch,
    public cookie: bigint,
    public idleTimeout: number,
    public hardTimeout: number,
    public flags: number,
    public instructions: readonly Instruction[],
    public program: FlowProgram,
    public createdMs: number,
  ) {
    this.lastUsedMs = createdMs;
    this.isTableMiss = priority === 0 && cm.matchesAll;
  }

  /** Every action list of the entry (apply and write), for out_port/out_group filters. */
  actionLists(): (readonly ExecAction[] | undefined)[] {
    return [this.program.apply, this.program.write];
  }
}
