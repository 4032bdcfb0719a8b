/**
 * Flows: the one way plugins put flows on switches.
 *
 * Every flow carries its owner's cookie prefix (high 16 bits of the cookie; see
 * controller/pipeline/stages.ts for the owner map), so an owner can list and remove exactly its
 * own flows. The service keeps the intended flow set per switch, sends changes in batches
 * closed by a barrier, and after a reconnect compares the switch's flow stats to the intent and
 * repairs the difference.
 */
import { Flows as FlowsToken } from '../../core/kernel/tokens.js';
import type { Instruction } from '../../core/openflow/instructions.js';
import type { Match } from '../../core/openflow/match.js';
import type { Dpid } from './datapaths.js';

export interface FlowSpec {
  /** Pipeline stage name (e.g. 'l2'); the table id comes from the stage map. */
  stage: string;
  priority: number;
  match: Match;
  instructions: Instruction[];
  idleTimeout?: number;
  hardTimeout?: number;
  /** Owner-local part of the cookie (low 48 bits). */
  cookie?: bigint;
  sendFlowRemoved?: boolean;
}

export interface InstalledFlow extends FlowSpec {
  dpid: Dpid;
  tableId: number;
  owner: string;
  /** Full cookie as sent: owner prefix | local cookie. */
  fullCookie: bigint;
}

export interface Flows {
  /** Adds or replaces (same stage+priority+match) flows; resolves after the switch's barrier. */
  install(owner: string, dpid: Dpid, specs: readonly FlowSpec[]): Promise<void>;
  /** Removes the owner's flows on `dpid` matching the filter (strict when priority is given). */
  remove(owner: string, dpid: Dpid, filter?: { stage?: string; match?: Match; priority?: number; cookie?: bigint }): Promise<void>;
  /** Removes all of an owner's flows everywhere. */
  removeAll(owner: string): Promise<void>;
  /** Intended flows, optionally filtered. */
  list(filter?: { dpid?: Dpid; owner?: string; stage?: string }): InstalledFlow[];
}
export const Flows = FlowsToken;
