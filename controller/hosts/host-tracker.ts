/**
 * HostTracker: the `Hosts` service — learns hosts from packet-ins and keeps the table current.
 *
 * - A packet-in processor early in the forwarding band (priority 400, before L3 and L2, which
 *   read the table) records a sighting when the packet came in on an edge port, and always
 *   passes the packet on. Packets an admission processor consumed are never learned from.
 * - A port that goes down or is deleted loses its hosts; a switch that leaves loses all of
 *   its hosts; a port that turns out to carry a switch link loses the hosts learned there
 *   (they were frames in transit, seen before LLDP could tell).
 * - Hosts silent for `maxAgeMs` (default 300 s) age out; the sweep runs every tenth of that
 *   (at most every 10 s).
 *
 * Who calls: the controller composition constructs it after the topology service, binds it to
 * the Hosts token, and calls start()/stop().
 */
import type { Clock } from '../../core/kernel/clock.js';
import { UndoList } from '../../core/kernel/disposable.js';
import type { EventBus } from '../../core/kernel/event-bus.js';
import { type PacketInChain, packetInPriority } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import type { MacAddress } from '../../core/net/mac-address.js';
import { OFPPC, OFPPS } from '../../core/openflow/port-desc.js';
import type { Logger } from '../../core/telemetry/logger.js';
import type { Dpid } from '../services/datapaths.js';
import type { PacketInContext } from '../services/packet-in-context.js';
import type { Topology } from '../topology/topology.js';
import { sightingOf } from './host-sighting.js';
import { type HostChange, HostTable } from './host-table.js';
import type { Host, Hosts } from './hosts.js';

export interface HostTrackerOptions {
  /** Default 300 000 (5 minutes). */
  maxAgeMs?: number;
}

export interface HostTrackerDeps {
  topology: Topology;
  events: EventBus<SluiceEvents>;
  packetIns: PacketInChain<PacketInContext>;
  clock: Clock;
  logger: Logger;
}

export const HOST_PROCESSOR = 'hosts.learn';

export class HostTracker implements Hosts {
  private readonly table = new HostTable();
  private readonly undo = new UndoList();
  private readonly maxAgeMs: number;
  private readonly log: Logger;

  constructor(
    private readonly deps: HostTrackerDeps,
    opts: HostTrackerOptions = {},
  ) {
    this.maxAgeMs = opts.maxAgeMs ?? 300_000;
    if (!(this.maxAgeMs > 0)) throw new RangeError(`maxAgeMs must be positive, got ${this.maxAgeMs}`);
    this.log = deps.logger.child({ component: 'hosts' });
  }

  start(): void {
    const { events, packetIns } = this.deps;
    this.undo.add(packetIns.register(HOST_PROCESSOR, packetInPriority('forwarding', 0), (ctx) => {
      this.learn(ctx);
      return 'continue';
    }));
    this.undo.add(events.on('datapath.port-status', (e) => {
      const down = e.reason === 'delete' || (e.port.state & OFPPS.LINK_DOWN) !== 0 || (e.port.config & OFPPC.PORT_DOWN) !== 0;
      if (down) this.apply(this.table.removeAt(e.dpid, e.port.portNo, 'port-down'));
    }));
    this.undo.add(events.on('topology.switch-removed', ({ dpid }) => this.apply(this.table.removeAt(dpid, undefined, 'switch-removed'))));
    this.undo.add(events.on('topology.link-added', ({ link }) => {
      this.apply(this.table.removeAt(link.src.dpid, link.src.port, 'switch-link'));
      this.apply(this.table.removeAt(link.dst.dpid, link.dst.port, 'switch-link'));
    }));
    const sweep = setInterval(() => this.apply(this.table.expire(this.deps.clock.now(), this.maxAgeMs)), Math.min(10_000, this.maxAgeMs / 10));
    sweep.unref();
    this.undo.add(() => clearInterval(sweep));
  }

  stop(): void {
    this.undo.dispose();
  }

  list(): Host[] {
    return this.table.list();
  }

  byMac(mac: MacAddress, vlan?: number): Host | undefined {
    return this.table.get(mac, vlan);
  }

  byIp(ip: string): Host | undefined {
    return this.table.byIp(ip);
  }

  at(dpid: Dpid, port?: number): Host[] {
    return this.table.at(dpid, port);
  }

  /** Runs the age sweep now (tests, and callers that just moved a clock). */
  expireNow(): void {
    this.apply(this.table.expire(this.deps.clock.now(), this.maxAgeMs));
  }

  private learn(ctx: PacketInContext): void {
    const dpid = ctx.datapath.dpid;
    if (!this.deps.topology.isEdgePort(dpid, ctx.inPort)) return;
    const s = sightingOf(ctx.packet, { dpid, port: ctx.inPort });
    if (s === undefined) return;
    const change = this.table.seen(s, this.deps.clock.now());
    if (change !== undefined) this.apply([change]);
  }

  private apply(changes: readonly HostChange[]): void {
    const { events } = this.deps;
    for (const c of changes) {
      const where = { mac: c.host.mac.toString(), dpid: c.host.location.dpid.toString(16), port: c.host.location.port };
      switch (c.type) {
        case 'added': this.log.debug('host added', where); events.emit('hosts.added', { host: c.host }); break;
        case 'updated': events.emit('hosts.updated', { host: c.host }); break;
        case 'moved': this.log.info('host moved', where); events.emit('hosts.moved', { host: c.host, previous: c.previous }); break;
        case 'removed': this.log.debug('host removed', { ...where, reason: c.reason }); events.emit('hosts.removed', { host: c.host, reason: c.reason }); break;
      }
    }
  }
}
