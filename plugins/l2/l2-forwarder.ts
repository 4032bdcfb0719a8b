/**
 * L2Forwarder: reactive forwarding between hosts across the fabric — the decisions, and the one
 * method (`send`) that turns them into OpenFlow.
 *
 * Per packet-in (forwarding band, after the host tracker learned the sender):
 * - group destination (broadcast, multicast) or unknown destination: flood on the spanning
 *   tree from this switch (l2-flows.ts `floodPorts`), once per identical frame per switch
 *   within `floodDedupMs` — a guard for the moment before LLDP has found a loop;
 * - known destination: compute the shortest path from the sender's attachment to the
 *   destination's, install the pair's flow on every switch of it at once, and packet-out the
 *   triggering packet toward the next hop from this switch.
 *
 * Reroute: on `topology.link-removed`, every pair whose path used that link gets a new path:
 * flows are rewritten only where the out port changed and removed where the path no longer
 * passes; a pair with no path left loses its flows (traffic re-triggers when one appears).
 * On `hosts.moved`/`hosts.removed`, every pair naming that host is removed everywhere.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../core/kernel/clock.js';
import { UndoList } from '../../core/kernel/disposable.js';
import type { EventBus } from '../../core/kernel/event-bus.js';
import { type PacketInChain, type PacketInVerdict, packetInPriority } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { OFP_NO_BUFFER } from '../../core/openflow/constants.js';
import type { Match } from '../../core/openflow/match.js';
import type { Logger } from '../../core/telemetry/logger.js';
import type { Host, Hosts } from '../../controller/hosts/hosts.js';
import { type LinkId, linkId } from '../../controller/paths/link.js';
import type { Datapaths, Dpid } from '../../controller/services/datapaths.js';
import type { Flows, FlowSpec } from '../../controller/services/flows.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import type { SwitchLink, Topology } from '../../controller/topology/topology.js';
import { type FloodView, type HopFlow, L2_PAIR_PRIORITY, type PairKey, floodPorts, hopPorts, pairFlows, pairId, pairMatch, rerouteDiff } from './l2-flows.js';
import { PairTable } from './pair-table.js';

export const L2_OWNER = 'l2';
export const L2_PROCESSOR = 'l2.forward';

export interface L2Options {
  floodDedupMs: number;
}

export interface L2Deps {
  flows: Flows;
  datapaths: Datapaths;
  hosts: Hosts;
  topology: Topology;
  events: EventBus<SluiceEvents>;
  packetIns: PacketInChain<PacketInContext>;
  clock: Clock;
  logger: Logger;
}

export interface L2Counters {
  packetIns: number;
  floods: number;
  floodsSuppressed: number;
  pairsInstalled: number;
  reroutes: number;
  /** Link-removed event → every rerouted flow acknowledged by its switch's barrier, ms. */
  lastRerouteMs: number | undefined;
}

/** Pair flows for one switch waiting for L2's outstanding install there (see installSoon). */
interface InstallBatch {
  specs: FlowSpec[];
  done: Promise<void>;
  resolve(): void;
}

interface PairState {
  key: PairKey;
  hops: Map<Dpid, number>;
  links: Set<LinkId>;
}

/** A buffered packet's PACKET_OUT carries no data; one empty buffer serves them all. */
const NO_DATA = Buffer.alloc(0);

/** Everything L2 decided for one event, sent by `send` alone. */
interface Plan {
  install: HopFlow[];
  clear: Array<{ dpid: Dpid; match: Match }>;
  packetOut?: { ctx: PacketInContext; ports: number[] };
}

export class L2Forwarder {
  readonly counters: L2Counters = { packetIns: 0, floods: 0, floodsSuppressed: 0, pairsInstalled: 0, reroutes: 0, lastRerouteMs: undefined };
  private readonly pairs = new PairTable<PairState>();
  /** Per switch: L2's latest Flows.install not yet acknowledged, and the flows waiting for it. */
  private readonly inFlight = new Map<Dpid, Promise<void>>();
  private readonly waiting = new Map<Dpid, InstallBatch>();
  private readonly recentFloods = new Map<string, number>();
  private readonly undo = new UndoList();
  private readonly log: Logger;

  constructor(
    private readonly deps: L2Deps,
    private readonly opts: L2Options,
  ) {
    this.log = deps.logger;
  }

  start(): void {
    const { events, packetIns } = this.deps;
    this.undo.add(packetIns.register(L2_PROCESSOR, packetInPriority('forwarding', 50), (ctx) => this.onPacketIn(ctx)));
    this.undo.add(events.on('topology.link-removed', ({ link }) => this.reroute(link)));
    this.undo.add(events.on('hosts.moved', ({ previous }) => this.forget(previous)));
    this.undo.add(events.on('hosts.removed', ({ host }) => this.forget(host)));
  }

  async stop(): Promise<void> {
    this.undo.dispose();
    // Waiting installs go out first, so removeAll (queued after them) takes them away too.
    for (const dpid of [...this.waiting.keys()]) this.flushInstalls(dpid);
    this.pairs.clear();
    await this.deps.flows.removeAll(L2_OWNER);
  }

  /** Installed pairs and the switches each passes, for tests and introspection. */
  installedPairs(): Array<{ id: string; hops: Array<[Dpid, number]> }> {
    return this.pairs.all().map((p) => ({ id: pairId(p.key), hops: [...p.hops] }));
  }

  // ---- decisions -----------------------------------------------------------------------

  private onPacketIn(ctx: PacketInContext): PacketInVerdict {
    this.counters.packetIns++;
    const { eth } = ctx.packet;
    const vlan = eth.vlans[0]?.vid ?? 0;
    const dpid = ctx.datapath.dpid;
    const dst = eth.dst.isMulticast ? undefined : this.deps.hosts.byMac(eth.dst, vlan);
    if (dst === undefined) {
      this.packetOut(this.flood(ctx));
      return 'consume';
    }
    if (dst.location.dpid === dpid && dst.location.port === ctx.inPort) return 'consume'; // already there
    let pair = this.pairs.get(eth.src, eth.dst, vlan);
    const plan: Plan = { install: [], clear: [] };
    if (pair === undefined) {
      const src = this.deps.hosts.byMac(eth.src, vlan);
      const key: PairKey = { src: eth.src, dst: eth.dst, vlan };
      const computed = src === undefined ? undefined : this.pathFlows(key, src, dst);
      if (computed !== undefined) {
        pair = computed.pair;
        this.pairs.set(pair);
        plan.install.push(...computed.flows);
        this.counters.pairsInstalled++;
      }
    }
    let out = pair?.hops.get(dpid);
    if (out === undefined) {
      // A switch off the pair's path (a packet in flight during a reroute, or a sender not yet
      // learned): forward this one packet along a path from here, install nothing.
      const here = this.deps.topology.paths.shortest({ dpid, port: ctx.inPort }, dst.location);
      out = here.ok ? here.value.hops[0]?.outPort : undefined;
    }
    if (out !== undefined && out !== ctx.inPort) plan.packetOut = { ctx, ports: [out] };
    // The steady state (pair installed, this packet raced its flow) sends one PACKET_OUT and
    // needs no promise; only flow changes go through the asynchronous send.
    if (plan.install.length === 0) this.packetOut(plan);
    else void this.send(plan, { batched: true });
    return 'consume';
  }

  private pathFlows(key: PairKey, src: Host, dst: Host): { pair: PairState; flows: HopFlow[] } | undefined {
    const path = this.deps.topology.paths.shortest(src.location, dst.location);
    if (!path.ok) return undefined;
    const flows = pairFlows(key, path.value);
    return { pair: { key, hops: hopPorts(flows), links: new Set(path.value.links.map((l) => l.id)) }, flows };
  }

  private flood(ctx: PacketInContext): Plan {
    const dpid = ctx.datapath.dpid;
    const now = this.deps.clock.monotonic();
    const fingerprint = `${dpid}:${createHash('sha1').update(ctx.message.data).digest('base64')}`;
    const last = this.recentFloods.get(fingerprint);
    if (last !== undefined && now - last < this.opts.floodDedupMs) {
      this.counters.floodsSuppressed++;
      return { install: [], clear: [] };
    }
    this.recentFloods.set(fingerprint, now);
    if (this.recentFloods.size > 4096) {
      for (const [k, t] of this.recentFloods) if (now - t >= this.opts.floodDedupMs) this.recentFloods.delete(k);
    }
    const ports = floodPorts(this.floodView(), dpid, ctx.inPort);
    if (ports.length === 0) return { install: [], clear: [] };
    this.counters.floods++;
    return { install: [], clear: [], packetOut: { ctx, ports } };
  }

  private floodView(): FloodView {
    const { topology } = this.deps;
    const tree = topology.paths.floodTree();
    return {
      edgePorts: (d) => topology.edgePorts(d),
      treePorts: (d) => (tree.ok ? tree.value.treePorts(d) : []),
      isBlocked: (d, p) => (tree.ok ? tree.value.isBlocked(d, p) : topology.switchPorts(d).includes(p)),
    };
  }

  private reroute(link: SwitchLink): void {
    const started = this.deps.clock.monotonic();
    const gone = linkId(link.src, link.dst);
    const plan: Plan = { install: [], clear: [] };
    let n = 0;
    for (const pair of this.pairs.all()) {
      if (!pair.links.has(gone)) continue;
      n++;
      const src = this.deps.hosts.byMac(pair.key.src, pair.key.vlan);
      const dst = this.deps.hosts.byMac(pair.key.dst, pair.key.vlan);
      const next = src && dst ? this.pathFlows(pair.key, src, dst) : undefined;
      if (next === undefined) {
        for (const d of pair.hops.keys()) plan.clear.push({ dpid: d, match: pairMatch(pair.key) });
        this.pairs.delete(pair.key);
        continue;
      }
      const diff = rerouteDiff(pair.hops, next.flows);
      plan.install.push(...diff.install);
      for (const d of diff.clear) plan.clear.push({ dpid: d, match: pairMatch(pair.key) });
      this.pairs.set(next.pair);
    }
    if (n === 0) return;
    this.counters.reroutes += n;
    void this.send(plan).then(() => {
      this.counters.lastRerouteMs = this.deps.clock.monotonic() - started;
      this.log.info('rerouted', { link: gone, pairs: n, ms: Number(this.counters.lastRerouteMs.toFixed(2)) });
    });
  }

  private forget(host: Host): void {
    const plan: Plan = { install: [], clear: [] };
    for (const pair of this.pairs.naming(host.mac, host.vlan)) {
      for (const d of pair.hops.keys()) plan.clear.push({ dpid: d, match: pairMatch(pair.key) });
      this.pairs.delete(pair.key);
    }
    if (plan.clear.length > 0) void this.send(plan);
  }

  // ---- the one place that talks to switches ---------------------------------------------

  private async send(plan: Plan, opts: { batched?: boolean } = {}): Promise<void> {
    const { flows } = this.deps;
    const work: Array<Promise<void>> = [];
    if (opts.batched === true) {
      for (const f of plan.install) work.push(this.installSoon(f.dpid, f.spec));
    } else {
      // A plan of many pairs (reroute) is its own batch per switch; flows still waiting there go
      // first, so nothing is reordered.
      const byDpid = new Map<Dpid, FlowSpec[]>();
      for (const f of plan.install) byDpid.set(f.dpid, [...(byDpid.get(f.dpid) ?? []), f.spec]);
      for (const [dpid, specs] of byDpid) {
        this.flushInstalls(dpid);
        work.push(flows.install(L2_OWNER, dpid, specs));
      }
    }
    for (const c of plan.clear) {
      // A removal must not overtake an install still waiting in this switch's batch.
      this.flushInstalls(c.dpid);
      work.push(flows.remove(L2_OWNER, c.dpid, { stage: 'l2', match: c.match, priority: L2_PAIR_PRIORITY }));
    }
    this.packetOut(plan);
    const results = await Promise.allSettled(work);
    for (const r of results) if (r.status === 'rejected') this.log.warn('l2 flow change failed', { err: r.reason });
  }

  /**
   * Sends a pair flow to its switch, batching under load: when L2 has no install outstanding
   * on the switch the flow goes to Flows.install at once; while one is (its barrier not yet
   * answered), new flows wait and all go together — FLOW_MODs and one barrier — when it is.
   * A burst of new pairs thus costs a barrier round trip per batch, not per pair (Flows
   * serialises each switch's batches behind their barriers). Resolves when the flow's batch
   * is acknowledged; a refused batch is logged once, here.
   */
  private installSoon(dpid: Dpid, spec: FlowSpec): Promise<void> {
    const waiting = this.waiting.get(dpid);
    if (waiting !== undefined) {
      waiting.specs.push(spec);
      return waiting.done;
    }
    if (!this.inFlight.has(dpid)) return this.startInstall(dpid, [spec]);
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.waiting.set(dpid, { specs: [spec], done, resolve });
    return done;
  }

  private startInstall(dpid: Dpid, specs: FlowSpec[]): Promise<void> {
    const sent = this.deps.flows.install(L2_OWNER, dpid, specs).catch((err: unknown) => {
      this.log.warn('l2 flow change failed', { err });
    });
    this.inFlight.set(dpid, sent);
    void sent.then(() => {
      // Only the latest batch's answer releases the next (an earlier one may finish first).
      if (this.inFlight.get(dpid) !== sent) return;
      this.inFlight.delete(dpid);
      this.flushInstalls(dpid);
    });
    return sent;
  }

  /** Sends this switch's waiting flows now (before a removal, so it cannot overtake them). */
  private flushInstalls(dpid: Dpid): void {
    const waiting = this.waiting.get(dpid);
    if (waiting === undefined) return;
    this.waiting.delete(dpid);
    void this.startInstall(dpid, waiting.specs).then(waiting.resolve);
  }

  /** The plan's PACKET_OUT, if it has one, at once (after any flow-mods `send` queued). */
  private packetOut(plan: Plan): void {
    if (plan.packetOut === undefined) return;
    const { ctx, ports } = plan.packetOut;
    const dp = this.deps.datapaths.get(ctx.datapath.dpid) ?? ctx.datapath;
    const buffered = ctx.message.bufferId !== OFP_NO_BUFFER;
    try {
      dp.send({
        type: 'PACKET_OUT', xid: 0, bufferId: ctx.message.bufferId, inPort: ctx.inPort,
        actions: ports.map((port) => ({ type: 'OUTPUT' as const, port, maxLen: 0 })),
        data: buffered ? NO_DATA : ctx.message.data,
      });
    } catch (err) {
      this.log.debug('packet-out failed', { dpid: dp.dpid.toString(16), err });
    }
  }
}

