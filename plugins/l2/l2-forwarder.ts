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
import type { Flows } from '../../controller/services/flows.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import type { SwitchLink, Topology } from '../../controller/topology/topology.js';
import { type FloodView, type HopFlow, L2_PAIR_PRIORITY, type PairKey, floodPorts, hopPorts, pairFlows, pairId, pairMatch, rerouteDiff } from './l2-flows.js';

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

interface PairState {
  key: PairKey;
  hops: Map<Dpid, number>;
  links: Set<LinkId>;
}

/** Everything L2 decided for one event, sent by `send` alone. */
interface Plan {
  install: HopFlow[];
  clear: Array<{ dpid: Dpid; match: Match }>;
  packetOut?: { ctx: PacketInContext; ports: number[] };
}

export class L2Forwarder {
  readonly counters: L2Counters = { packetIns: 0, floods: 0, floodsSuppressed: 0, pairsInstalled: 0, reroutes: 0, lastRerouteMs: undefined };
  private readonly pairs = new Map<string, PairState>();
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
    this.pairs.clear();
    await this.deps.flows.removeAll(L2_OWNER);
  }

  /** Installed pairs and the switches each passes, for tests and introspection. */
  installedPairs(): Array<{ id: string; hops: Array<[Dpid, number]> }> {
    return [...this.pairs].map(([id, p]) => ({ id, hops: [...p.hops] }));
  }

  // ---- decisions -----------------------------------------------------------------------

  private onPacketIn(ctx: PacketInContext): PacketInVerdict {
    this.counters.packetIns++;
    const { eth } = ctx.packet;
    const vlan = eth.vlans[0]?.vid ?? 0;
    const dpid = ctx.datapath.dpid;
    const dst = eth.dst.isMulticast ? undefined : this.deps.hosts.byMac(eth.dst, vlan);
    if (dst === undefined) {
      void this.send(this.flood(ctx));
      return 'consume';
    }
    if (dst.location.dpid === dpid && dst.location.port === ctx.inPort) return 'consume'; // already there
    const key: PairKey = { src: eth.src, dst: eth.dst, vlan };
    const id = pairId(key);
    let pair = this.pairs.get(id);
    const plan: Plan = { install: [], clear: [] };
    if (pair === undefined) {
      const src = this.deps.hosts.byMac(eth.src, vlan);
      const computed = src === undefined ? undefined : this.pathFlows(key, src, dst);
      if (computed !== undefined) {
        pair = computed.pair;
        this.pairs.set(id, pair);
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
    void this.send(plan);
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
    for (const [id, pair] of this.pairs) {
      if (!pair.links.has(gone)) continue;
      n++;
      const src = this.deps.hosts.byMac(pair.key.src, pair.key.vlan);
      const dst = this.deps.hosts.byMac(pair.key.dst, pair.key.vlan);
      const next = src && dst ? this.pathFlows(pair.key, src, dst) : undefined;
      if (next === undefined) {
        for (const d of pair.hops.keys()) plan.clear.push({ dpid: d, match: pairMatch(pair.key) });
        this.pairs.delete(id);
        continue;
      }
      const diff = rerouteDiff(pair.hops, next.flows);
      plan.install.push(...diff.install);
      for (const d of diff.clear) plan.clear.push({ dpid: d, match: pairMatch(pair.key) });
      this.pairs.set(id, next.pair);
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
    for (const [id, pair] of this.pairs) {
      const k = pair.key;
      if (k.vlan !== host.vlan || !(k.src.equals(host.mac) || k.dst.equals(host.mac))) continue;
      for (const d of pair.hops.keys()) plan.clear.push({ dpid: d, match: pairMatch(k) });
      this.pairs.delete(id);
    }
    if (plan.clear.length > 0) void this.send(plan);
  }

  // ---- the one place that talks to switches ---------------------------------------------

  private async send(plan: Plan): Promise<void> {
    const { flows, datapaths } = this.deps;
    const work: Array<Promise<void>> = [];
    const byDpid = new Map<Dpid, HopFlow[]>();
    for (const f of plan.install) byDpid.set(f.dpid, [...(byDpid.get(f.dpid) ?? []), f]);
    for (const [dpid, list] of byDpid) work.push(flows.install(L2_OWNER, dpid, list.map((f) => f.spec)));
    for (const c of plan.clear) work.push(flows.remove(L2_OWNER, c.dpid, { stage: 'l2', match: c.match, priority: L2_PAIR_PRIORITY }));
    if (plan.packetOut !== undefined) {
      const { ctx, ports } = plan.packetOut;
      const dp = datapaths.get(ctx.datapath.dpid) ?? ctx.datapath;
      const buffered = ctx.message.bufferId !== OFP_NO_BUFFER;
      try {
        dp.send({
          type: 'PACKET_OUT', xid: 0, bufferId: ctx.message.bufferId, inPort: ctx.inPort,
          actions: ports.map((port) => ({ type: 'OUTPUT' as const, port, maxLen: 0 })),
          data: buffered ? Buffer.alloc(0) : ctx.message.data,
        });
      } catch (err) {
        this.log.debug('packet-out failed', { dpid: dp.dpid.toString(16), err });
      }
    }
    const results = await Promise.allSettled(work);
    for (const r of results) if (r.status === 'rejected') this.log.warn('l2 flow change failed', { err: r.reason });
  }
}

