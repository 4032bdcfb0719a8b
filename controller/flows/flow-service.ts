/**
 * FlowService: the Flows service. The one place that turns owners' flow intent into FLOW_MODs.
 *
 * - install/remove update the intent at once, then send FLOW_MODs to the switch in a batch
 *   closed by a barrier; the promise settles after the barrier. Calls for one switch that
 *   arrive in the same tick, or while that switch's previous batch waits for its barrier,
 *   coalesce into one batch (their FLOW_MODs in call order, one barrier for all): at thousands
 *   of small installs a barrier each was a round trip and a pending request each. A flow the
 *   switch refuses (OFPT_ERROR for its xid, which arrives before the barrier reply) is dropped
 *   from the intent and the promise of the call that asked for it — only that one — rejects
 *   with FlowInstallError naming it; the other callers of the batch resolve. A failed barrier
 *   (timeout, disconnect) rejects every caller of its batch. For a switch that is not
 *   connected the intent is kept and the promise resolves: the flows go out on connect.
 * - On every `datapath.connected` the switch is re-synced: the base pipeline is added to the
 *   intent (once per switch), our flows are read back (FLOW stats filtered to our cookie
 *   mark), missing ones added, stale ones strictly deleted (see flow-resync.ts).
 * - Work for one switch is serialised, so a re-sync and installs racing it on connect apply in
 *   order and can never leave duplicates or resurrect removed flows. A batch only takes new
 *   calls while it is the last job queued for its switch, so nothing overtakes a re-sync.
 */
import type { EventBus } from '../../core/kernel/event-bus.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { OFP_NO_BUFFER, OFPFC, OFPFF, OFPG, OFPTT_ALL } from '../../core/openflow/constants.js';
import type { FlowMod, FlowStats } from '../../core/openflow/messages/flow.js';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import type { Logger } from '../../core/telemetry/logger.js';
import { BASE_PIPELINE_OWNER, basePipelineFlows } from '../pipeline/base-pipeline.js';
import { COOKIE_OWNERS, cookieFor, isCookieOwner, OWNER_COOKIE_MASK, SLUICE_COOKIE_MARK } from '../pipeline/cookie-owners.js';
import { checkFlowSpec, PIPELINE_TABLES, tableOf } from '../pipeline/stages.js';
import { type DatapathHandle, type Datapaths, dpidToString, type Dpid, type SwitchError } from '../services/datapaths.js';
import type { Flows, FlowSpec, InstalledFlow } from '../services/flows.js';
import { FlowIntent } from './flow-intent.js';
import { planResync } from './flow-resync.js';
import type { Match } from '../../core/openflow/match.js';

const FULL_COOKIE_MASK = 0xffff_ffff_ffff_ffffn;
const MARK_MASK = 0xff00_0000_0000_0000n;

export class FlowInstallError extends Error {
  override readonly name = 'FlowInstallError';
  constructor(
    readonly dpid: Dpid,
    readonly failures: ReadonlyArray<{ flowMod: FlowMod; error: SwitchError }>,
  ) {
    const first = failures[0]!;
    super(`${dpidToString(dpid)}: switch refused ${failures.length} flow-mod(s); first: table ${first.flowMod.tableId} priority ${first.flowMod.priority} ` +
      `(type ${first.error.errorType}${'code' in first.error ? ` code ${first.error.code}` : ''})`);
  }
}

export interface FlowServiceOptions {
  /** Barrier timeout for a batch. Default 10 s. */
  barrierTimeoutMs?: number;
}

export interface ResyncResult {
  added: number;
  removed: number;
}

interface BatchFailure {
  index: number;
  flowMod: FlowMod;
  error: SwitchError;
}

/** FLOW_MODs queued for one switch that still take more; `sent` settles after their barrier. */
interface OpenBatch {
  readonly dp: DatapathHandle;
  readonly msgs: FlowMod[];
  sent: Promise<BatchFailure[]>;
}

export class FlowService implements Flows {
  private readonly intent = new FlowIntent();
  private readonly queues = new Map<Dpid, Promise<unknown>>();
  /** Per switch, the batch queued last, while it has not started sending. */
  private readonly open = new Map<Dpid, OpenBatch>();
  private readonly basePipelined = new Set<Dpid>();
  private readonly unsubscribe: () => void;
  /** Last re-sync per switch, for tests and the northbound. */
  readonly lastResync = new Map<Dpid, Promise<ResyncResult>>();

  constructor(
    private readonly datapaths: Datapaths,
    private readonly events: EventBus<SluiceEvents>,
    private readonly log: Logger,
    private readonly options: FlowServiceOptions = {},
  ) {
    const connected = events.on('datapath.connected', ({ dpid }) => {
      const run = this.enqueue(dpid, () => this.resync(dpid));
      run.catch((err: unknown) => this.log.warn('flow re-sync failed', { dpid: dpidToString(dpid), reason: err instanceof Error ? err.message : String(err) }));
      this.lastResync.set(dpid, run);
    });
    const removed = events.on('datapath.flow-removed', ({ dpid, message }) => {
      // A flow that expired (or was deleted behind our back) is no longer intended.
      this.intent.take(dpid, { tableId: message.tableId, priority: message.priority, match: message.match, strict: true, fullCookie: message.cookie });
    });
    this.unsubscribe = () => {
      connected.dispose();
      removed.dispose();
    };
  }

  dispose(): void {
    this.unsubscribe();
  }

  async install(owner: string, dpid: Dpid, specs: readonly FlowSpec[]): Promise<void> {
    const flows = specs.map((spec) => this.toInstalled(owner, dpid, spec));
    for (const f of flows) this.intent.put(f);
    const dp = this.datapaths.get(dpid);
    if (dp === undefined || !dp.connected || flows.length === 0) return;
    const failures = await this.submit(dp, dpid, flows.map(addFlowMod));
    if (failures.length === 0) return;
    for (const failure of failures) {
      const f = flows[failure.index];
      if (f !== undefined) this.intent.delete(f);
    }
    throw new FlowInstallError(dpid, failures.map((x) => ({ flowMod: x.flowMod, error: x.error })));
  }

  async remove(owner: string, dpid: Dpid, filter: { stage?: string; match?: Match; priority?: number; cookie?: bigint } = {}): Promise<void> {
    const prefix = ownerPrefix(owner);
    const tableId = filter.stage === undefined ? undefined : tableOf(filter.stage);
    const strict = filter.priority !== undefined;
    const fullCookie = filter.cookie === undefined ? undefined : cookieFor(owner, filter.cookie);
    this.intent.take(dpid, {
      owner, ...(tableId === undefined ? {} : { tableId }), ...(filter.priority === undefined ? {} : { priority: filter.priority }),
      ...(filter.match === undefined ? {} : { match: filter.match }), strict, ...(fullCookie === undefined ? {} : { fullCookie }),
    });
    const dp = this.datapaths.get(dpid);
    if (dp === undefined || !dp.connected) return;
    const del: FlowMod = {
      ...baseFlowMod(),
      command: strict ? OFPFC.DELETE_STRICT : OFPFC.DELETE,
      tableId: tableId ?? OFPTT_ALL,
      priority: filter.priority ?? 0,
      cookie: fullCookie ?? prefix,
      cookieMask: fullCookie === undefined ? OWNER_COOKIE_MASK : FULL_COOKIE_MASK,
      match: filter.match ?? { fields: [] },
    };
    const failures = await this.submit(dp, dpid, [del]);
    if (failures.length > 0) throw new FlowInstallError(dpid, failures);
  }

  async removeAll(owner: string): Promise<void> {
    ownerPrefix(owner);
    const dpids = new Set([...this.intent.switches(), ...this.datapaths.list().map((d) => d.dpid)]);
    await Promise.all([...dpids].map((dpid) => this.remove(owner, dpid)));
  }

  list(filter: { dpid?: Dpid; owner?: string; stage?: string } = {}): InstalledFlow[] {
    const dpids = filter.dpid === undefined ? this.intent.switches() : [filter.dpid];
    const out: InstalledFlow[] = [];
    for (const dpid of dpids) {
      for (const f of this.intent.flows(dpid).values()) {
        if (filter.owner !== undefined && f.owner !== filter.owner) continue;
        if (filter.stage !== undefined && f.stage !== filter.stage) continue;
        out.push(f);
      }
    }
    return out;
  }

  /** Brings the switch's flows of ours in line with the intent. Serialised with installs. */
  private async resync(dpid: Dpid): Promise<ResyncResult> {
    const dp = this.datapaths.get(dpid);
    if (dp === undefined || !dp.connected) return { added: 0, removed: 0 };
    if (dp.info.nTables < PIPELINE_TABLES) {
      this.log.error('switch has too few tables for the pipeline', { dpid: dpidToString(dpid), nTables: dp.info.nTables, needed: PIPELINE_TABLES });
    }
    if (!this.basePipelined.has(dpid)) {
      for (const spec of basePipelineFlows()) this.intent.put(this.toInstalled(BASE_PIPELINE_OWNER, dpid, spec));
      this.basePipelined.add(dpid);
    }
    const parts = await dp.request({
      type: 'MULTIPART_REQUEST', xid: 0, flags: 0,
      body: {
        mpType: 'FLOW', tableId: OFPTT_ALL, outPort: OFPP.ANY, outGroup: OFPG.ANY,
        cookie: BigInt(SLUICE_COOKIE_MARK) << 56n, cookieMask: MARK_MASK, match: { fields: [] },
      },
    });
    const stats: FlowStats[] = [];
    for (const p of parts) if (p.type === 'MULTIPART_REPLY' && p.body.mpType === 'FLOW') stats.push(...p.body.stats);
    const intended = this.intent.flows(dpid);
    const plan = planResync(intended, stats);
    for (const f of plan.expired) this.intent.delete(f);
    const msgs: FlowMod[] = [
      ...plan.remove.map((s) => ({
        ...baseFlowMod(), command: OFPFC.DELETE_STRICT, tableId: s.tableId, priority: s.priority,
        cookie: s.cookie, cookieMask: FULL_COOKIE_MASK, match: s.match,
      })),
      ...plan.add.map(addFlowMod),
    ];
    if (msgs.length > 0) {
      const failures = await this.sendBatch(dp, msgs);
      for (const x of failures) {
        this.log.warn('switch refused a flow during re-sync', { dpid: dpidToString(dpid), table: x.flowMod.tableId, priority: x.flowMod.priority, errorType: x.error.errorType });
        const f = plan.add[x.index - plan.remove.length];
        if (f !== undefined) this.intent.delete(f);
      }
    }
    this.log.info('flows re-synced', { dpid: dpidToString(dpid), onSwitch: stats.length, added: plan.add.length, removed: plan.remove.length, intended: intended.size });
    return { added: plan.add.length, removed: plan.remove.length };
  }

  /**
   * Sends the FLOW_MODs then a barrier; returns those the switch answered with OFPT_ERROR. The
   * switch processes in order and answers errors before the barrier reply, so when the barrier
   * resolves every error for the batch has been seen.
   */
  private async sendBatch(dp: DatapathHandle, msgs: FlowMod[]): Promise<BatchFailure[]> {
    const byXid = new Map<number, number>();
    const failures: BatchFailure[] = [];
    const sub = this.events.on('datapath.error', (e) => {
      if (e.dpid !== dp.dpid) return;
      const index = byXid.get(e.error.xid);
      if (index !== undefined) failures.push({ index, flowMod: msgs[index]!, error: e.error });
    });
    try {
      msgs.forEach((m, i) => {
        m.xid = 0;
        byXid.set(dp.send(m as OfpMessage), i);
      });
      await dp.barrier({ timeoutMs: this.options.barrierTimeoutMs ?? 10_000 });
    } finally {
      sub.dispose();
    }
    return failures;
  }

  private toInstalled(owner: string, dpid: Dpid, spec: FlowSpec): InstalledFlow {
    checkFlowSpec(spec);
    return { ...spec, dpid, tableId: tableOf(spec.stage), owner, fullCookie: cookieFor(owner, spec.cookie ?? 0n) };
  }

  /**
   * Adds `msgs` to the switch's open batch (opening one, queued behind the switch's other work,
   * when there is none or it belongs to an older connection) and resolves, after the batch's
   * barrier, with the failures among `msgs` (indexes relative to `msgs`). The batch stops taking
   * calls when it starts sending or when other work is queued behind it.
   */
  private submit(dp: DatapathHandle, dpid: Dpid, msgs: readonly FlowMod[]): Promise<BatchFailure[]> {
    let batch = this.open.get(dpid);
    if (batch === undefined || batch.dp !== dp) {
      const b: OpenBatch = { dp, msgs: [], sent: undefined as unknown as Promise<BatchFailure[]> };
      b.sent = this.enqueue(dpid, () => {
        if (this.open.get(dpid) === b) this.open.delete(dpid);
        return this.sendBatch(dp, b.msgs);
      });
      this.open.set(dpid, b);
      batch = b;
    }
    const start = batch.msgs.length;
    for (const m of msgs) batch.msgs.push(m);
    const end = batch.msgs.length;
    return batch.sent.then((failures) => {
      if (failures.length === 0) return failures;
      const mine: BatchFailure[] = [];
      for (const x of failures) if (x.index >= start && x.index < end) mine.push({ ...x, index: x.index - start });
      return mine;
    });
  }

  /** Queues `job` behind the switch's other work; whatever batch was open takes no more calls. */
  private enqueue<T>(dpid: Dpid, job: () => Promise<T>): Promise<T> {
    this.open.delete(dpid);
    const prev = this.queues.get(dpid) ?? Promise.resolve();
    const run = prev.then(job, job);
    const tail = run.catch(() => undefined);
    this.queues.set(dpid, tail);
    void tail.then(() => {
      if (this.queues.get(dpid) === tail) this.queues.delete(dpid);
    });
    return run;
  }
}

function ownerPrefix(owner: string): bigint {
  if (!isCookieOwner(owner)) cookieFor(owner, 0n); // throws with the helpful message
  return BigInt(COOKIE_OWNERS[owner as keyof typeof COOKIE_OWNERS]) << 48n;
}

function baseFlowMod(): FlowMod {
  return {
    type: 'FLOW_MOD', xid: 0, cookie: 0n, cookieMask: 0n, tableId: 0, command: OFPFC.ADD, idleTimeout: 0, hardTimeout: 0,
    priority: 0, bufferId: OFP_NO_BUFFER, outPort: OFPP.ANY, outGroup: OFPG.ANY, flags: 0, match: { fields: [] }, instructions: [],
  };
}

function addFlowMod(f: InstalledFlow): FlowMod {
  return {
    ...baseFlowMod(),
    command: OFPFC.ADD,
    cookie: f.fullCookie,
    tableId: f.tableId,
    priority: f.priority,
    idleTimeout: f.idleTimeout ?? 0,
    hardTimeout: f.hardTimeout ?? 0,
    flags: f.sendFlowRemoved ? OFPFF.SEND_FLOW_REM : 0,
    match: f.match,
    instructions: f.instructions,
  };
}
