/**
 * TopologyService against in-test fakes of Datapaths and Flows: the fake "wires" switch ports
 * together by turning each probe packet-out into a packet-in at the peer port, through the real
 * packet-in chain, so discovery, consumption, PORT_STATUS and expiry run as in the controller.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../core/kernel/clock.js';
import { EventBus } from '../../core/kernel/event-bus.js';
import { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import { OFPPS, type PortDesc } from '../../core/openflow/port-desc.js';
import { decodePacket } from '../../core/packet/packet.js';
import { silentLogger } from '../../core/telemetry/logger.js';
import type { DatapathHandle, Datapaths, Dpid } from '../../controller/services/datapaths.js';
import type { Flows, FlowSpec } from '../../controller/services/flows.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import { TopologyService } from '../../controller/topology/lldp-discovery.js';

const port = (portNo: number, state = 0): PortDesc => ({
  portNo, hwAddr: `02:00:00:00:00:0${portNo}`, name: `p${portNo}`, config: 0, state,
  curr: 0, advertised: 0, supported: 0, peer: 0, currSpeed: 0, maxSpeed: 0,
});

class FakeFabric implements Datapaths {
  readonly handles = new Map<Dpid, DatapathHandle>();
  /** "dpid:port" → peer port. */
  readonly wires = new Map<string, { dpid: Dpid; port: number }>();
  constructor(private readonly chain: PacketInChain<PacketInContext>, private readonly clock: ManualClock) {}
  add(dpid: Dpid, ports: number[]): void {
    const info = { dpid, address: 'fake', nTables: 6, nBuffers: 0, capabilities: 0, ports: new Map(ports.map((p) => [p, port(p)])), role: 'equal' as const, connectedAt: 0 };
    const handle: DatapathHandle = {
      dpid, info, connected: true,
      send: (msg: OfpMessage) => {
        if (msg.type === 'PACKET_OUT') {
          const out = msg.actions[0];
          const peer = out?.type === 'OUTPUT' ? this.wires.get(`${dpid}:${out.port}`) : undefined;
          if (peer) this.packetIn(peer.dpid, peer.port, msg.data);
        }
        return 1;
      },
      request: () => Promise.resolve([]),
      barrier: () => Promise.resolve(),
      requestRole: () => Promise.reject(new Error('not faked')),
    };
    this.handles.set(dpid, handle);
  }
  wire(a: Dpid, pa: number, b: Dpid, pb: number): void {
    this.wires.set(`${a}:${pa}`, { dpid: b, port: pb });
    this.wires.set(`${b}:${pb}`, { dpid: a, port: pa });
  }
  packetIn(dpid: Dpid, inPort: number, data: Buffer): string | undefined {
    const ctx: PacketInContext = {
      datapath: this.handles.get(dpid)!, inPort, packet: decodePacket(data), now: this.clock.monotonic(),
      message: { type: 'PACKET_IN', xid: 0, bufferId: 0xffffffff, totalLen: data.length, reason: 1, tableId: 0, cookie: 0n, match: { fields: [{ field: 'in_port', value: inPort }] }, data },
    };
    return this.chain.dispatch(ctx);
  }
  list(): DatapathHandle[] { return [...this.handles.values()]; }
  get(dpid: Dpid): DatapathHandle | undefined { return this.handles.get(dpid); }
}

describe('TopologyService', () => {
  let clock: ManualClock;
  let events: EventBus<SluiceEvents>;
  let chain: PacketInChain<PacketInContext>;
  let fabric: FakeFabric;
  let installed: Array<{ owner: string; dpid: Dpid; specs: readonly FlowSpec[] }>;
  let topo: TopologyService;
  const seen: string[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    clock = new ManualClock(1_700_000_000_000, 0);
    events = new EventBus<SluiceEvents>(silentLogger());
    chain = new PacketInChain<PacketInContext>(silentLogger());
    fabric = new FakeFabric(chain, clock);
    installed = [];
    const flows: Flows = {
      install: (owner, dpid, specs) => { installed.push({ owner, dpid, specs }); return Promise.resolve(); },
      remove: () => Promise.resolve(),
      removeAll: () => Promise.resolve(),
      list: () => [],
    };
    topo = new TopologyService({ datapaths: fabric, flows, events, packetIns: chain, clock, logger: silentLogger() }, { probeIntervalMs: 1000, edgeHoldMs: 100 });
    seen.length = 0;
    events.on('topology.link-added', ({ link }) => { seen.push(`+${link.src.dpid}:${link.src.port}>${link.dst.dpid}:${link.dst.port}`); });
    events.on('topology.link-removed', ({ link, reason }) => { seen.push(`-${link.src.dpid}:${link.src.port}>${link.dst.dpid}:${link.dst.port} ${reason}`); });
    fabric.add(1n, [1, 2]);
    fabric.add(2n, [1, 2]);
    fabric.wire(1n, 2, 2n, 2);
    topo.start();
  });

  afterEach(() => {
    topo.stop();
    vi.useRealTimers();
  });

  const tick = (ms: number) => { clock.advance(ms); vi.advanceTimersByTime(ms); };

  it('discovers both directions of a cable at connect, installs the LLDP capture flow on each switch', () => {
    expect(seen.sort()).toEqual(['+1:2>2:2', '+2:2>1:2']);
    expect(installed.map((i) => [i.owner, i.dpid, i.specs[0]!.stage, i.specs[0]!.match.fields])).toEqual([
      ['topology', 1n, 'admission', [{ field: 'eth_type', value: 0x88cc }]],
      ['topology', 2n, 'admission', [{ field: 'eth_type', value: 0x88cc }]],
    ]);
    tick(150);
    expect(topo.edgePorts(1n)).toEqual([1]);
    expect(topo.switchPorts(1n)).toEqual([2]);
    expect(topo.graph.links()).toHaveLength(2);
  });

  it('consumes LLDP before any other processor sees it', () => {
    let later = 0;
    chain.register('later', 150, () => { later++; return 'continue'; });
    tick(1000);
    expect(topo.counters.verified).toBeGreaterThan(2);
    expect(later).toBe(0);
  });

  it('removes a link at once on PORT_STATUS link down, and after 3 missed probes when silent', () => {
    events.emit('datapath.port-status', { dpid: 1n, reason: 'modify', port: port(2, OFPPS.LINK_DOWN) });
    expect(seen.slice(2).sort()).toEqual(['-1:2>2:2 port-down', '-2:2>1:2 port-down']);
    events.emit('datapath.port-status', { dpid: 1n, reason: 'modify', port: port(2) });
    expect(seen.slice(4).sort()).toEqual(['+1:2>2:2']); // re-probed at once; s2:2 is still down
    events.emit('datapath.port-status', { dpid: 2n, reason: 'modify', port: port(2) });
    expect(topo.snapshot().links).toHaveLength(2);
    // Cut the wire silently: the links go after 3.5 intervals, not before.
    fabric.wires.clear();
    tick(3000);
    expect(topo.snapshot().links).toHaveLength(2);
    tick(1000);
    expect(topo.snapshot().links).toHaveLength(0);
    expect(seen.slice(-2).every((s) => s.endsWith('timeout'))).toBe(true);
  });

  it('a replayed probe (same frame again) neither adds nor refreshes anything', () => {
    let captured: Buffer | undefined;
    fabric.handles.get(1n)!.send = (msg) => { if (msg.type === 'PACKET_OUT') captured = msg.data; return 1; };
    tick(1000);
    expect(captured).toBeDefined();
    const probe = captured!; // the last one sent, out of port 2
    const before = topo.counters.replayed;
    fabric.packetIn(2n, 2, probe);
    expect(topo.counters.verified).toBeGreaterThan(0);
    fabric.packetIn(2n, 2, probe);
    fabric.packetIn(2n, 1, probe); // the same probe at another port would fake a moved cable
    expect(topo.counters.replayed).toBe(before + 2);
    expect(topo.snapshot().links.map((l) => `${l.src.dpid}:${l.src.port}>${l.dst.dpid}:${l.dst.port}`).sort()).toEqual(['1:2>2:2', '2:2>1:2']);
    tick(3000); // a stale copy is refused by its time, before any sequence check
    fabric.packetIn(2n, 1, probe);
    expect(topo.counters.replayed).toBe(before + 3);
  });
});
