/**
 * The northbound's Flows face.
 *
 * Listing reads the switches, not the controller's intent: OFPMP_FLOW statistics show what is
 * really installed, with live packet and byte counters, including flows someone else put there
 * (owner ""). Adding and deleting go through the Flows service, so flows added over gRPC are
 * part of the intent like any plugin's: re-synced after a reconnect, listed by owner, and
 * guarded by the pipeline map (a table without a stage, or a match field the stage does not
 * allow, is refused with the field that is wrong).
 */
import { OFPG, OFPTT_ALL } from '../../core/openflow/constants.js';
import { decodeInstructions, encodeInstructions, type Instruction } from '../../core/openflow/instructions.js';
import type { FlowStats } from '../../core/openflow/messages/flow.js';
import { OfpReader } from '../../core/openflow/ofp-reader.js';
import { OfpWriter } from '../../core/openflow/ofp-writer.js';
import { formatInstructions } from '../../core/openflow/flow-text.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { FieldViolationError, NotFoundError, UnavailableError } from '../northbound/backend-errors.js';
import type { FlowAddition, FlowDeletion, FlowFilter, FlowRecord, FlowsBackend } from '../northbound/backend.js';
import { formatDpid } from '../northbound/dpid-text.js';
import { COOKIE_OWNERS, cookieFor, cookieOwnerOf, isCookieOwner, OWNER_COOKIE_MASK } from '../pipeline/cookie-owners.js';
import { checkFlowSpec, PipelineError, stageOfTable } from '../pipeline/stages.js';
import type { DatapathHandle, Datapaths, Dpid } from '../services/datapaths.js';
import type { Flows, FlowSpec } from '../services/flows.js';
import { matchFieldText, parseMatchFields } from './match-field-text.js';

const STATS_TIMEOUT_MS = 5000;
const OFPFF_SEND_FLOW_REM = 1 << 0;
const FULL_COOKIE_MASK = 0xffff_ffff_ffff_ffffn;

function instructionBytes(list: readonly Instruction[]): Buffer {
  const w = new OfpWriter(64);
  encodeInstructions(w, list);
  return w.toBuffer();
}

function recordOf(dpid: Dpid, s: FlowStats): FlowRecord {
  return {
    dpid,
    tableId: s.tableId,
    priority: s.priority,
    cookie: s.cookie,
    owner: cookieOwnerOf(s.cookie) ?? '',
    idleTimeout: s.idleTimeout,
    hardTimeout: s.hardTimeout,
    flags: s.flags,
    match: s.match.fields.map(matchFieldText),
    instructions: instructionBytes(s.instructions),
    instructionsText: formatInstructions(s.instructions),
    packetCount: s.packetCount,
    byteCount: s.byteCount,
    durationSec: s.durationSec,
  };
}

function ownerPrefix(owner: string): bigint {
  if (!isCookieOwner(owner)) throw new NotFoundError('owner', owner);
  return BigInt(COOKIE_OWNERS[owner]) << 48n;
}

export class FlowsAdapter implements FlowsBackend {
  constructor(
    private readonly datapaths: Datapaths,
    private readonly flows: Flows,
  ) {}

  async list(filter: FlowFilter): Promise<readonly FlowRecord[]> {
    const targets = filter.dpid === undefined
      ? this.datapaths.list().filter((d) => d.connected)
      : [this.connected(filter.dpid)];
    // The owner's prefix goes to the switch as the cookie filter; a client cookie filter on
    // top of it is applied here (OpenFlow takes one cookie/mask pair).
    const prefix = filter.owner === undefined ? undefined : ownerPrefix(filter.owner);
    const wire = prefix === undefined
      ? { cookie: filter.cookie, cookieMask: filter.cookieMask }
      : { cookie: prefix, cookieMask: OWNER_COOKIE_MASK };
    const perSwitch = await Promise.all(targets.map(async (dp) => {
      const replies = await dp.request({
        type: 'MULTIPART_REQUEST', xid: 0, flags: 0,
        body: {
          mpType: 'FLOW', tableId: filter.tableId ?? OFPTT_ALL, outPort: OFPP.ANY, outGroup: OFPG.ANY,
          ...wire, match: { fields: [] },
        },
      }, { timeoutMs: STATS_TIMEOUT_MS }).catch((err: unknown) => {
        if (filter.dpid !== undefined) throw new UnavailableError(`${formatDpid(dp.dpid)}: flow stats failed: ${String(err)}`);
        return [];  // one silent switch should not fail a fabric-wide listing
      });
      const out: FlowRecord[] = [];
      for (const r of replies) {
        if (r.type !== 'MULTIPART_REPLY' || r.body.mpType !== 'FLOW') continue;
        for (const s of r.body.stats) {
          if (prefix !== undefined && filter.cookieMask !== 0n && (s.cookie & filter.cookieMask) !== (filter.cookie & filter.cookieMask)) continue;
          out.push(recordOf(dp.dpid, s));
        }
      }
      return out;
    }));
    return perSwitch.flat().sort((a, b) =>
      a.dpid !== b.dpid ? (a.dpid < b.dpid ? -1 : 1) : a.tableId - b.tableId || b.priority - a.priority);
  }

  async add(flow: FlowAddition): Promise<FlowRecord> {
    ownerPrefix(flow.owner);
    this.known(flow.dpid);
    const stage = stageOfTable(flow.tableId);
    if (stage === undefined) {
      throw new FieldViolationError([{ field: 'table_id', description: `table ${flow.tableId} is not in the pipeline map` }]);
    }
    const match = parseMatchFields(flow.match);
    let instructions: Instruction[];
    try {
      instructions = decodeInstructions(new OfpReader(flow.instructions, 0, flow.instructions.length, 'instructions'), flow.instructions.length);
    } catch (err) {
      throw new FieldViolationError([{ field: 'instructions', description: err instanceof Error ? err.message : String(err) }]);
    }
    const spec: FlowSpec = {
      stage, priority: flow.priority, match, instructions,
      idleTimeout: flow.idleTimeout, hardTimeout: flow.hardTimeout, cookie: flow.cookie,
      sendFlowRemoved: (flow.flags & OFPFF_SEND_FLOW_REM) !== 0,
    };
    try {
      checkFlowSpec(spec);
    } catch (err) {
      if (err instanceof PipelineError) throw new FieldViolationError([{ field: 'match', description: err.message }]);
      throw err;
    }
    let cookie: bigint;
    try {
      cookie = cookieFor(flow.owner, flow.cookie);
    } catch (err) {
      throw new FieldViolationError([{ field: 'cookie', description: err instanceof Error ? err.message : String(err) }]);
    }
    const dp = this.connected(flow.dpid);
    await this.flows.install(flow.owner, dp.dpid, [spec]);
    return {
      dpid: flow.dpid, tableId: flow.tableId, priority: flow.priority, cookie, owner: flow.owner,
      idleTimeout: flow.idleTimeout, hardTimeout: flow.hardTimeout, flags: flow.flags,
      match: match.fields.map(matchFieldText), instructions: instructionBytes(instructions),
      instructionsText: formatInstructions(instructions), packetCount: 0n, byteCount: 0n, durationSec: 0,
    };
  }

  async delete(selection: FlowDeletion): Promise<number> {
    if (selection.owner !== undefined) ownerPrefix(selection.owner);
    const match = selection.match.length > 0 ? parseMatchFields(selection.match) : undefined;
    const stage = selection.tableId === undefined ? undefined : stageOfTable(selection.tableId);
    if (selection.tableId !== undefined && stage === undefined) {
      throw new FieldViolationError([{ field: 'table_id', description: `table ${selection.tableId} is not in the pipeline map` }]);
    }
    if (selection.dpid !== undefined) this.known(selection.dpid);
    const intended = this.flows.list({
      ...(selection.dpid === undefined ? {} : { dpid: selection.dpid }),
      ...(selection.owner === undefined ? {} : { owner: selection.owner }),
      ...(stage === undefined ? {} : { stage }),
    });
    // The Flows service removes per owner and switch; collect the pairs that hold candidates.
    const pairs = new Map<string, { owner: string; dpid: Dpid }>();
    for (const f of intended) {
      if (selection.cookieMask !== 0n && (f.fullCookie & selection.cookieMask) !== (selection.cookie & selection.cookieMask)) continue;
      pairs.set(`${f.owner}|${f.dpid}`, { owner: f.owner, dpid: f.dpid });
    }
    const before = intended.length;
    for (const { owner, dpid } of pairs.values()) {
      await this.flows.remove(owner, dpid, {
        ...(stage === undefined ? {} : { stage }),
        ...(match === undefined ? {} : { match }),
        ...(selection.strict ? { priority: selection.priority } : {}),
        // An exact cookie names one owner-local cookie; a partial mask only narrowed the pairs above.
        ...(selection.cookieMask === FULL_COOKIE_MASK ? { cookie: selection.cookie & ~OWNER_COOKIE_MASK } : {}),
      });
    }
    const after = this.flows.list({
      ...(selection.dpid === undefined ? {} : { dpid: selection.dpid }),
      ...(selection.owner === undefined ? {} : { owner: selection.owner }),
      ...(stage === undefined ? {} : { stage }),
    }).length;
    return before - after;
  }

  private known(dpid: Dpid): void {
    if (this.datapaths.get(dpid) === undefined) throw new NotFoundError('datapath', formatDpid(dpid));
  }

  private connected(dpid: Dpid): DatapathHandle {
    const dp = this.datapaths.get(dpid);
    if (!dp) throw new NotFoundError('datapath', formatDpid(dpid));
    if (!dp.connected) throw new UnavailableError(`datapath ${formatDpid(dpid)} is not connected`);
    return dp;
  }
}
