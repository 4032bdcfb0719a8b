/**
 * L2Forwarder's decisions through its one sending method, with in-test fakes of Flows,
 * Datapaths, Hosts and Topology over a model triangle (s1:2–s2:2, s2:3–s3:3, s3:2–s1:3; hosts
 * on ports 1 and 4).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/kernel/clock.js';
import { EventBus } from '../../core/kernel/event-bus.js';
import { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { matchValue } from '../../core/openflow/match.js';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import { encodeEthernet } from '../../core/packet/ethernet.js';
import { decodePacket } from '../../core/packet/packet.js';
import { silentLogger } from '../../core/telemetry/logger.js';
import type { Host, Hosts } from '../../controller/hosts/hosts.js';
import { PathComputer } from '../../controller/paths/path-computer.js';
import { TopologyGraph } from '../../controller/paths/topology-graph.js';
import type { DatapathHandle, Datapaths, Dpid } from '../../controller/services/datapaths.js';
import type { Flows, FlowSpec } from '../../controller/services/flows.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import type { Topology } from '../../controller/topology/topology.js';
import { L2Forwarder } from '../../plugins/l2/l2-forwarder.js';

const A = MacAddress.parse('02:00:00:00:01:01');
const B = MacAddress.parse('02:00:00:00:02:04');
const host = (mac: MacAddress, dpid: Dpid, port: number): Host => ({ mac, vlan: 0, ipv4: [], ipv6: [], location: { dpid, port }, firstSeen: 0, lastSeen: 0 });

describe('L2Forwarder', () => {
  let graph: TopologyGraph;
  let events: EventBus<SluiceEvents>;
  let chain: PacketInChain<PacketInContext>;
  let hosts: Map<number, Host>;
  let installs: Array<{ dpid: Dpid; spec: FlowSpec }>;
  let removes: Array<{ dpid: Dpid; eth_dst: string | undefined }>;
  let packetOuts: Array<{ dpid: Dpid; ports: number[] }>;
  let handles: Map<Dpid, DatapathHandle>;
  let l2: L2Forwarder;

  beforeEach(() => {
    graph = new TopologyGraph();
    graph.addBidirectionalLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 });
    graph.addBidirectionalLink({ dpid: 2n, port: 3 }, { dpid: 3n, port: 3 });
    graph.addBidirectionalLink({ dpid: 3n, port: 2 }, { dpid: 1n, port: 3 });
    const paths = new PathComputer(graph);
    const topology: Topology = {
      snapshot: () => ({ version: 0, switches: graph.switches(), links: [] }),
      linkFrom: () => undefined,
      isEdgePort: (_d, p) => p === 1 || p === 4,
      edgePorts: () => [1, 4],
      switchPorts: () => [2, 3],
      graph,
      paths,
    };
    hosts = new Map();
    const hostsService: Hosts = {
      list: () => [...hosts.values()],
      byMac: (mac) => hosts.get(mac.value),
      byIp: () => undefined,
      at: () => [],
    };
    installs = [];
    removes = [];
    packetOuts = [];
    const flows: Flows = {
      install: (_o, dpid, specs) => { for (const spec of specs) installs.push({ dpid, spec }); return Promise.resolve(); },
      remove: (_o, dpid, filter) => { removes.push({ dpid, eth_dst: filter?.match ? matchValue(filter.match, 'eth_dst') : undefined }); return Promise.resolve(); },
      removeAll: () => Promise.resolve(),
      list: () => [],
    };
    handles = new Map();
    for (const dpid of [1n, 2n, 3n]) {
      handles.set(dpid, {
        dpid, connected: true, info: {} as DatapathHandle['info'],
        send: (m: OfpMessage) => {
          if (m.type === 'PACKET_OUT') packetOuts.push({ dpid, ports: m.actions.map((a) => (a.type === 'OUTPUT' ? a.port : -1)) });
          return 1;
        },
        request: () => Promise.resolve([]), barrier: () => Promise.resolve(), requestRole: () => Promise.reject(new Error('no')),
      });
    }
    const datapaths: Datapaths = { list: () => [...handles.values()], get: (d) => handles.get(d) };
    events = new EventBus<SluiceEvents>(silentLogger());
    chain = new PacketInChain<PacketInContext>(silentLogger());
    l2 = new L2Forwarder({ flows, datapaths, hosts: hostsService, topology, events, packetIns: chain, clock: new ManualClock(), logger: silentLogger() }, { floodDedupMs: 200 });
    l2.start();
  });

  const packetIn = (dpid: Dpid, inPort: number, src: MacAddress, dst: MacAddress) => {
    const data = encodeEthernet({ dst, src, vlans: [], etherType: 0x0800 }, Buffer.alloc(46));
    return chain.dispatch({
      datapath: handles.get(dpid)!, inPort, packet: decodePacket(data), now: 0,
      message: { type: 'PACKET_IN', xid: 0, bufferId: 0xffffffff, totalLen: data.length, reason: 0, tableId: 5, cookie: 0n, match: { fields: [] }, data },
    });
  };

  it('floods an unknown destination on edge and tree ports, not back out of in_port, and only once', () => {
    expect(packetIn(1n, 1, A, B)).toBe('l2.forward');
    expect(installs).toEqual([]);
    const tree = new PathComputer(graph).floodTree();
    const treePorts = tree.ok ? tree.value.treePorts(1n) : [];
    expect(treePorts.length).toBeGreaterThan(0);
    expect(packetOuts).toEqual([{ dpid: 1n, ports: [4, ...treePorts].sort((a, b) => a - b) }]);
    packetIn(1n, 1, A, B); // the same frame again within the dedup window: a loop's copy
    expect(packetOuts).toHaveLength(1);
    expect(l2.counters.floodsSuppressed).toBe(1);
  });

  it('installs the pair on every switch of the path at once and sends the packet to the next hop', async () => {
    hosts.set(A.value, host(A, 1n, 1));
    hosts.set(B.value, host(B, 2n, 4));
    packetIn(1n, 1, A, B);
    await Promise.resolve();
    expect(installs.map((i) => [i.dpid, matchValue(i.spec.match, 'eth_src'), matchValue(i.spec.match, 'eth_dst'), i.spec.stage])).toEqual([
      [1n, A.toString(), B.toString(), 'l2'],
      [2n, A.toString(), B.toString(), 'l2'],
    ]);
    expect(packetOuts).toEqual([{ dpid: 1n, ports: [2] }]);
    // A second packet of the pair that reaches s2 before its flow does is sent on, not reinstalled.
    packetIn(2n, 2, A, B);
    expect(installs).toHaveLength(2);
    expect(packetOuts.at(-1)).toEqual({ dpid: 2n, ports: [4] });
  });

  it('reroutes a pair when a link of its path goes, rewriting only what changed', async () => {
    hosts.set(A.value, host(A, 1n, 1));
    hosts.set(B.value, host(B, 2n, 4));
    packetIn(1n, 1, A, B);
    installs.length = 0;
    graph.removeLink('0000000000000001:2-0000000000000002:2');
    events.emit('topology.link-removed', { link: { src: { dpid: 1n, port: 2 }, dst: { dpid: 2n, port: 2 }, discoveredAt: 0 }, reason: 'port-down' });
    await new Promise((r) => setTimeout(r, 0));
    expect(installs.map((i) => [i.dpid, i.spec.instructions])).toEqual([
      [1n, [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: 3, maxLen: 0 }] }]],
      [3n, [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: 3, maxLen: 0 }] }]],
    ]);
    expect(removes).toEqual([]);
    expect(l2.counters.reroutes).toBe(1);
    expect(l2.counters.lastRerouteMs).toBeDefined();
  });

  it('removes every pair naming a host that moved, on every switch they passed', async () => {
    hosts.set(A.value, host(A, 1n, 1));
    hosts.set(B.value, host(B, 2n, 4));
    packetIn(1n, 1, A, B);
    packetIn(2n, 4, B, A);
    expect(l2.installedPairs()).toHaveLength(2);
    events.emit('hosts.moved', { host: host(B, 3n, 4), previous: host(B, 2n, 4) });
    expect(removes.map((r) => `${r.dpid}`).sort()).toEqual(['1', '1', '2', '2']);
    expect(l2.installedPairs()).toEqual([]);
  });
});
