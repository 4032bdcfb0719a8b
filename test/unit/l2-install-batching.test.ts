/**
 * L2's pair installs under a burst of new pairs: the first goes to Flows at once; while it is
 * unacknowledged the next ones on that switch wait and go as one batch; a removal never
 * overtakes a waiting install; stop() sends what waits before removing everything.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/kernel/clock.js';
import { EventBus } from '../../core/kernel/event-bus.js';
import { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { matchValue } from '../../core/openflow/match.js';
import { encodeEthernet } from '../../core/packet/ethernet.js';
import { decodePacket } from '../../core/packet/packet.js';
import { silentLogger } from '../../core/telemetry/logger.js';
import type { Host, Hosts } from '../../controller/hosts/hosts.js';
import { PathComputer } from '../../controller/paths/path-computer.js';
import { TopologyGraph } from '../../controller/paths/topology-graph.js';
import type { DatapathHandle, Datapaths } from '../../controller/services/datapaths.js';
import type { Flows } from '../../controller/services/flows.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import type { Topology } from '../../controller/topology/topology.js';
import { L2Forwarder } from '../../plugins/l2/l2-forwarder.js';

const mac = (n: number) => MacAddress.fromNumber(0x020000000000 + n);
const host = (n: number): Host => ({ mac: mac(n), vlan: 0, ipv4: [], ipv6: [], location: { dpid: 1n, port: n }, firstSeen: 0, lastSeen: 0 });

describe('L2 pair installs', () => {
  let chain: PacketInChain<PacketInContext>;
  let events: EventBus<SluiceEvents>;
  let calls: Array<{ op: 'install' | 'remove' | 'removeAll'; flows: string[] }>;
  let acks: Array<() => void>;
  let l2: L2Forwarder;
  let handle: DatapathHandle;

  beforeEach(() => {
    const graph = new TopologyGraph();
    graph.addSwitch(1n);
    const topology: Topology = {
      snapshot: () => ({ version: 0, switches: graph.switches(), links: [] }),
      linkFrom: () => undefined, isEdgePort: () => true, edgePorts: () => [1, 2, 3, 4], switchPorts: () => [],
      graph, paths: new PathComputer(graph),
    };
    const hosts = new Map([1, 2, 3, 4].map((n) => [mac(n).value, host(n)]));
    const hostsService: Hosts = { list: () => [...hosts.values()], byMac: (m) => hosts.get(m.value), byIp: () => undefined, at: () => [] };
    calls = [];
    acks = [];
    const pending = () => new Promise<void>((r) => acks.push(r));
    const flows: Flows = {
      install: (_o, _d, specs) => {
        calls.push({ op: 'install', flows: specs.map((s) => `${matchValue(s.match, 'eth_src')?.slice(-1)}>${matchValue(s.match, 'eth_dst')?.slice(-1)}`) });
        return pending();
      },
      remove: (_o, _d, filter) => {
        calls.push({ op: 'remove', flows: [`${filter?.match ? matchValue(filter.match, 'eth_src')?.slice(-1) : '*'}>${filter?.match ? matchValue(filter.match, 'eth_dst')?.slice(-1) : '*'}`] });
        return Promise.resolve();
      },
      removeAll: () => {
        calls.push({ op: 'removeAll', flows: [] });
        return Promise.resolve();
      },
      list: () => [],
    };
    handle = {
      dpid: 1n, connected: true, info: {} as DatapathHandle['info'], send: () => 1,
      request: () => Promise.resolve([]), barrier: () => Promise.resolve(), requestRole: () => Promise.reject(new Error('no')),
    } as unknown as DatapathHandle;
    const datapaths: Datapaths = { list: () => [handle], get: () => handle };
    events = new EventBus<SluiceEvents>(silentLogger());
    chain = new PacketInChain<PacketInContext>(silentLogger());
    l2 = new L2Forwarder({ flows, datapaths, hosts: hostsService, topology, events, packetIns: chain, clock: new ManualClock(), logger: silentLogger() }, { floodDedupMs: 200 });
    l2.start();
  });

  const packetIn = (src: number, dst: number) => {
    const data = encodeEthernet({ dst: mac(dst), src: mac(src), vlans: [], etherType: 0x0800 }, Buffer.alloc(46));
    chain.dispatch({
      datapath: handle, inPort: src, packet: decodePacket(data), now: 0,
      message: { type: 'PACKET_IN', xid: 0, bufferId: 0xffffffff, totalLen: data.length, reason: 0, tableId: 5, cookie: 0n, match: { fields: [] }, data },
    });
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('sends the first at once and the rest as one batch once it is acknowledged', async () => {
    packetIn(1, 2);
    packetIn(2, 3);
    packetIn(3, 4);
    packetIn(1, 2); // installed already: nothing more
    expect(calls).toEqual([{ op: 'install', flows: ['1>2'] }]);
    acks.shift()!();
    await settle();
    expect(calls).toEqual([{ op: 'install', flows: ['1>2'] }, { op: 'install', flows: ['2>3', '3>4'] }]);
    acks.shift()!();
    await settle();
    packetIn(4, 1);
    expect(calls.at(-1)).toEqual({ op: 'install', flows: ['4>1'] });
  });

  it('a removal goes after the installs waiting on its switch', () => {
    packetIn(1, 2);
    packetIn(3, 4);
    events.emit('hosts.moved', { host: { ...host(4), location: { dpid: 1n, port: 1 } }, previous: host(4) });
    expect(calls).toEqual([
      { op: 'install', flows: ['1>2'] },
      { op: 'install', flows: ['3>4'] },
      { op: 'remove', flows: ['3>4'] },
    ]);
  });

  it('stop sends what waits, then removes all', async () => {
    packetIn(1, 2);
    packetIn(2, 3);
    await l2.stop();
    expect(calls.map((c) => c.op)).toEqual(['install', 'install', 'removeAll']);
  });
});
