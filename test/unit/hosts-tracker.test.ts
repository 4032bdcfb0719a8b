import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/kernel/clock.js';
import { EventBus } from '../../core/kernel/event-bus.js';
import { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { ARP_OP, encodeArp } from '../../core/packet/arp.js';
import { encodeEthernet } from '../../core/packet/ethernet.js';
import { decodePacket } from '../../core/packet/packet.js';
import { silentLogger } from '../../core/telemetry/logger.js';
import { HostTracker } from '../../controller/hosts/host-tracker.js';
import { PathComputer } from '../../controller/paths/path-computer.js';
import { TopologyGraph } from '../../controller/paths/topology-graph.js';
import type { DatapathHandle } from '../../controller/services/datapaths.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import type { Topology } from '../../controller/topology/topology.js';

const H1 = MacAddress.parse('02:00:00:00:00:01');

function arpFrom(mac: MacAddress, ip: string): Buffer {
  const arp = encodeArp({ op: ARP_OP.REQUEST, sha: mac, spa: Ipv4Address.parse(ip), tha: MacAddress.ZERO, tpa: Ipv4Address.parse('10.0.0.254') });
  return encodeEthernet({ dst: MacAddress.BROADCAST, src: mac, vlans: [], etherType: 0x0806 }, arp);
}

describe('HostTracker', () => {
  const graph = new TopologyGraph();
  /** Switch ports (2 and 3) carry links; everything else is an edge port. */
  const topology: Topology = {
    snapshot: () => ({ version: 0, switches: [], links: [] }),
    linkFrom: () => undefined,
    isEdgePort: (_d, p) => p !== 2 && p !== 3,
    edgePorts: () => [1],
    switchPorts: () => [2, 3],
    graph,
    paths: new PathComputer(graph),
  };
  let events: EventBus<SluiceEvents>;
  let chain: PacketInChain<PacketInContext>;
  let clock: ManualClock;
  let tracker: HostTracker;
  const seen: string[] = [];

  const packetIn = (dpid: bigint, inPort: number, data: Buffer) =>
    chain.dispatch({
      datapath: { dpid } as DatapathHandle, inPort, packet: decodePacket(data), now: 0,
      message: { type: 'PACKET_IN', xid: 0, bufferId: 0xffffffff, totalLen: data.length, reason: 0, tableId: 5, cookie: 0n, match: { fields: [] }, data },
    });

  beforeEach(() => {
    events = new EventBus<SluiceEvents>(silentLogger());
    chain = new PacketInChain<PacketInContext>(silentLogger());
    clock = new ManualClock(1_000_000, 0);
    tracker = new HostTracker({ topology, events, packetIns: chain, clock, logger: silentLogger() }, { maxAgeMs: 60_000 });
    tracker.start();
    seen.length = 0;
    events.on('hosts.added', ({ host }) => { seen.push(`added ${host.location.dpid}:${host.location.port}`); });
    events.on('hosts.moved', ({ host, previous }) => { seen.push(`moved ${previous.location.dpid}:${previous.location.port}>${host.location.dpid}:${host.location.port}`); });
    events.on('hosts.removed', ({ reason }) => { seen.push(`removed ${reason}`); });
  });
  afterEach(() => tracker.stop());

  it('learns at edge ports only and passes every packet on', () => {
    expect(packetIn(1n, 2, arpFrom(H1, '10.0.0.1'))).toBeUndefined();
    expect(tracker.list()).toEqual([]);
    packetIn(1n, 1, arpFrom(H1, '10.0.0.1'));
    expect(tracker.byIp('10.0.0.1')?.location).toEqual({ dpid: 1n, port: 1 });
    expect(tracker.byMac(H1)?.ipv4).toEqual(['10.0.0.1']);
    expect(tracker.at(1n)).toHaveLength(1);
    expect(seen).toEqual(['added 1:1']);
  });

  it('reports a move to another edge port, and forgets a host whose port goes down', () => {
    packetIn(1n, 1, arpFrom(H1, '10.0.0.1'));
    packetIn(2n, 4, arpFrom(H1, '10.0.0.1'));
    expect(seen).toEqual(['added 1:1', 'moved 1:1>2:4']);
    events.emit('datapath.port-status', { dpid: 2n, reason: 'delete', port: { portNo: 4 } as never });
    expect(tracker.list()).toEqual([]);
    expect(seen.at(-1)).toBe('removed port-down');
  });

  it('ages hosts out, and drops hosts learned on a port that turns out to be a switch link', () => {
    packetIn(1n, 1, arpFrom(H1, '10.0.0.1'));
    clock.advance(30_000);
    tracker.expireNow();
    expect(tracker.list()).toHaveLength(1);
    clock.advance(30_001);
    tracker.expireNow();
    expect(seen.at(-1)).toBe('removed aged');
    packetIn(1n, 1, arpFrom(H1, '10.0.0.1'));
    events.emit('topology.link-added', { link: { src: { dpid: 1n, port: 1 }, dst: { dpid: 2n, port: 1 }, discoveredAt: 0 } });
    expect(seen.at(-1)).toBe('removed switch-link');
  });
});
