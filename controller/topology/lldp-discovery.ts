/**
 * TopologyService: LLDP discovery and the `Topology` service in one object — the I/O around
 * `TopologyState`.
 *
 * What it does:
 * - On `datapath.connected`: records the switch and its ports, installs the LLDP capture flow
 *   (admission stage, eth_type 0x88cc → CONTROLLER, cookie owner `topology`) through Flows, and
 *   probes every live port at once, so a fresh switch's links appear within a round trip.
 * - Every `probeIntervalMs` (default 1 s): probes every live port of every switch, and drops
 *   links not seen for 3 intervals (+ half an interval of slack for timer jitter).
 * - On PORT_STATUS: a deleted port, or one whose link or config is down, loses its links at
 *   once; a port that comes up is probed at once.
 * - On `datapath.disconnected`: the switch and its links go.
 * - LLDP packet-ins are consumed first thing in admission (priority 100), verified, and never
 *   reach another processor, whatever they say. Forged or replayed probes are counted.
 *
 * Changes are applied to the state (and the path graph) before the matching `topology.*`
 * event is emitted. Who calls: the controller composition constructs it, binds it to the
 * Topology token, and calls start()/stop().
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/kernel/clock.js';
import { UndoList } from '../../core/kernel/disposable.js';
import type { EventBus } from '../../core/kernel/event-bus.js';
import { type PacketInChain, packetInPriority } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { OFPCML_NO_BUFFER } from '../../core/openflow/actions.js';
import { OFP_NO_BUFFER } from '../../core/openflow/constants.js';
import { OFPP, OFPPC, OFPPS, type PortDesc } from '../../core/openflow/port-desc.js';
import { ETH_TYPE } from '../../core/packet/protocol-numbers.js';
import type { Logger } from '../../core/telemetry/logger.js';
import type { PortRef } from '../paths/link.js';
import type { PathComputer } from '../paths/path-computer.js';
import type { TopologyGraph } from '../paths/topology-graph.js';
import type { Datapaths, Dpid, PortStatusEvent } from '../services/datapaths.js';
import type { FlowSpec, Flows } from '../services/flows.js';
import type { PacketInContext } from '../services/packet-in-context.js';
import { buildProbe, verifyProbe } from './lldp-probe.js';
import type { SwitchLink, Topology, TopologySnapshot } from './topology.js';
import { type TopologyChange, TopologyState } from './topology-state.js';

export interface TopologyOptions {
  /** Default 1000. */
  probeIntervalMs?: number;
  /** HMAC key for probes; random per start when absent (then only this run's probes verify). */
  secret?: Uint8Array;
  /** How long a probed port without a link waits before it counts as an edge port. Default 250. */
  edgeHoldMs?: number;
}

export interface TopologyDeps {
  datapaths: Datapaths;
  flows: Flows;
  events: EventBus<SluiceEvents>;
  packetIns: PacketInChain<PacketInContext>;
  clock: Clock;
  logger: Logger;
}

/** Above anything a plugin puts in admission: LLDP must reach the controller. */
export const LLDP_CAPTURE_PRIORITY = 0xfff0;
export const TOPOLOGY_OWNER = 'topology';
export const LLDP_PROCESSOR = 'topology.lldp';

export interface LldpCounters {
  probesSent: number;
  verified: number;
  /** Bad signature or malformed: a forgery attempt. */
  forged: number;
  /** Stale timestamp or a sequence seen before. */
  replayed: number;
  /** LLDP from something else (a real LLDP agent), ignored. */
  foreign: number;
}

export function lldpCaptureFlow(): FlowSpec {
  return {
    stage: 'admission',
    priority: LLDP_CAPTURE_PRIORITY,
    match: { fields: [{ field: 'eth_type', value: ETH_TYPE.LLDP }] },
    instructions: [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: OFPP.CONTROLLER, maxLen: OFPCML_NO_BUFFER }] }],
  };
}

function portLive(p: PortDesc): boolean {
  return (p.config & OFPPC.PORT_DOWN) === 0 && (p.state & OFPPS.LINK_DOWN) === 0;
}

export class TopologyService implements Topology {
  readonly counters: LldpCounters = { probesSent: 0, verified: 0, forged: 0, replayed: 0, foreign: 0 };
  private readonly state: TopologyState;
  private readonly undo = new UndoList();
  private readonly key: Uint8Array;
  private readonly intervalMs: number;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private seq: bigint;
  private running = false;

  constructor(
    private readonly deps: TopologyDeps,
    opts: TopologyOptions = {},
  ) {
    this.intervalMs = opts.probeIntervalMs ?? 1000;
    if (!(this.intervalMs > 0)) throw new RangeError(`probeIntervalMs must be positive, got ${this.intervalMs}`);
    this.key = opts.secret ?? randomBytes(32);
    this.state = new TopologyState({ edgeHoldMs: opts.edgeHoldMs ?? 250 });
    this.log = deps.logger.child({ component: 'topology' });
    // Seeded from the wall clock so sequence numbers keep rising across restarts that share a secret.
    this.seq = BigInt(deps.clock.now()) * 1000n;
  }

  get graph(): TopologyGraph {
    return this.state.graph;
  }

  get paths(): PathComputer {
    return this.state.paths;
  }

  /** A link missing this long is declared down: 3 probe intervals plus jitter slack. */
  get deadAfterMs(): number {
    return 3 * this.intervalMs + this.intervalMs / 2;
  }

  start(): void {
    const { events, packetIns } = this.deps;
    this.running = true;
    this.undo.add(() => {
      this.running = false;
    });
    this.undo.add(packetIns.register(LLDP_PROCESSOR, packetInPriority('admission', 0), (ctx) => this.onPacketIn(ctx)));
    this.undo.add(events.on('datapath.connected', ({ dpid }) => this.onConnected(dpid)));
    this.undo.add(events.on('datapath.disconnected', ({ dpid }) => this.apply(this.state.removeSwitch(dpid))));
    this.undo.add(events.on('datapath.port-status', (e) => this.onPortStatus(e)));
    for (const dp of this.deps.datapaths.list()) this.onConnected(dp.dpid);
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.undo.add(() => clearInterval(this.timer));
  }

  stop(): void {
    this.undo.dispose();
  }

  // ---- Topology ------------------------------------------------------------------------

  snapshot(): TopologySnapshot {
    return this.state.snapshot();
  }

  linkFrom(port: PortRef): SwitchLink | undefined {
    return this.state.linkFrom(port);
  }

  isEdgePort(dpid: Dpid, port: number): boolean {
    return this.state.isEdgePort(dpid, port, this.deps.clock.monotonic());
  }

  edgePorts(dpid: Dpid): number[] {
    const now = this.deps.clock.monotonic();
    return this.state.livePorts(dpid).filter((p) => this.state.isEdgePort(dpid, p, now));
  }

  switchPorts(dpid: Dpid): number[] {
    return this.state.livePorts(dpid).filter((p) => this.state.hasLinkAt(dpid, p));
  }

  // ---- events in -----------------------------------------------------------------------

  private onConnected(dpid: Dpid): void {
    const dp = this.deps.datapaths.get(dpid);
    if (dp === undefined) return;
    const ports = [...dp.info.ports.values()].filter((p) => p.portNo <= OFPP.MAX).map((p) => ({ portNo: p.portNo, live: portLive(p) }));
    this.apply(this.state.addSwitch(dpid, ports));
    this.probeSwitch(dpid);
    // Neighbours drop probes until this switch has its flows; once the barrier says it does,
    // probe again from here and from every other switch rather than wait a whole interval.
    this.deps.flows.install(TOPOLOGY_OWNER, dpid, [lldpCaptureFlow()]).then(
      () => {
        for (const dp of this.deps.datapaths.list()) this.probeSwitch(dp.dpid);
      },
      (err: unknown) => this.log.warn('could not install the LLDP capture flow', { dpid: dpid.toString(16), err }),
    );
  }

  private onPortStatus(e: PortStatusEvent): void {
    if (e.port.portNo > OFPP.MAX || !this.state.hasSwitch(e.dpid)) return;
    const status = e.reason === 'delete' ? 'deleted' : portLive(e.port) ? 'up' : 'down';
    this.apply(this.state.setPort(e.dpid, e.port.portNo, status));
    if (status === 'up') this.probePort(e.dpid, e.port.portNo);
  }

  private onPacketIn(ctx: PacketInContext): 'consume' | 'continue' {
    if (ctx.packet.eth.etherType !== ETH_TYPE.LLDP) return 'continue';
    const pdu = ctx.packet.lldp;
    if (pdu === undefined) {
      this.counters.forged++;
      return 'consume';
    }
    const verdict = verifyProbe(this.key, pdu, { now: this.deps.clock.now(), maxAgeMs: 2 * this.intervalMs + 500 });
    if (!verdict.ok) {
      if (verdict.reason === 'not-ours') this.counters.foreign++;
      else if (verdict.reason === 'stale' || verdict.reason === 'future') this.counters.replayed++;
      else {
        this.counters.forged++;
        // Powers of two: visible at once, quiet under a flood of forgeries.
        if ((this.counters.forged & (this.counters.forged - 1)) === 0) {
          this.log.warn('refused a forged LLDP probe', { dpid: ctx.datapath.dpid.toString(16), inPort: ctx.inPort, reason: verdict.reason, count: this.counters.forged });
        }
      }
      return 'consume';
    }
    const { probe } = verdict;
    const result = this.state.observe(
      { dpid: probe.dpid, port: probe.port },
      { dpid: ctx.datapath.dpid, port: ctx.inPort },
      probe.seq,
      this.deps.clock.monotonic(),
      this.deps.clock.now(),
    );
    if (result.kind === 'replay' || result.kind === 'self-loop') this.counters.replayed++;
    else if ('changes' in result) {
      this.counters.verified++;
      this.apply(result.changes);
    }
    return 'consume';
  }

  // ---- probes --------------------------------------------------------------------------

  private tick(): void {
    this.apply(this.state.expire(this.deps.clock.monotonic(), this.deadAfterMs));
    for (const dp of this.deps.datapaths.list()) this.probeSwitch(dp.dpid);
  }

  private probeSwitch(dpid: Dpid): void {
    if (!this.running) return;
    for (const port of this.state.livePorts(dpid)) this.probePort(dpid, port);
  }

  private probePort(dpid: Dpid, portNo: number): void {
    const dp = this.deps.datapaths.get(dpid);
    const desc = dp?.info.ports.get(portNo);
    if (dp === undefined || !dp.connected || desc === undefined) return;
    let srcMac: MacAddress;
    try {
      srcMac = MacAddress.parse(desc.hwAddr);
    } catch {
      srcMac = MacAddress.ZERO;
    }
    const frame = buildProbe(this.key, {
      dpid, port: portNo, seq: ++this.seq, time: this.deps.clock.now(), srcMac,
      ttlSeconds: Math.ceil(this.deadAfterMs / 1000),
    });
    try {
      dp.send({ type: 'PACKET_OUT', xid: 0, bufferId: OFP_NO_BUFFER, inPort: OFPP.CONTROLLER, actions: [{ type: 'OUTPUT', port: portNo, maxLen: 0 }], data: frame });
      this.counters.probesSent++;
      this.state.probeSent(dpid, portNo, this.deps.clock.monotonic());
    } catch (err) {
      this.log.debug('probe not sent', { dpid: dpid.toString(16), port: portNo, err });
    }
  }

  // ---- events out ----------------------------------------------------------------------

  private apply(changes: readonly TopologyChange[]): void {
    const { events } = this.deps;
    for (const c of changes) {
      switch (c.type) {
        case 'switch-added': events.emit('topology.switch-added', { dpid: c.dpid }); break;
        case 'switch-removed': events.emit('topology.switch-removed', { dpid: c.dpid }); break;
        case 'link-added':
          this.log.info('link up', { src: `${c.link.src.dpid.toString(16)}:${c.link.src.port}`, dst: `${c.link.dst.dpid.toString(16)}:${c.link.dst.port}` });
          events.emit('topology.link-added', { link: c.link });
          break;
        case 'link-removed':
          this.log.info('link down', { src: `${c.link.src.dpid.toString(16)}:${c.link.src.port}`, dst: `${c.link.dst.dpid.toString(16)}:${c.link.dst.port}`, reason: c.reason });
          events.emit('topology.link-removed', { link: c.link, reason: c.reason });
          break;
      }
    }
  }
}
