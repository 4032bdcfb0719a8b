/**
 * L2's compute functions on a model triangle: where packets go, not what the flows look like.
 * The model applies pair FlowSpecs to per-switch tables and walks packets hop by hop over the
 * wiring; floods are walked the way the controller performs them (packet-in, flood from that
 * switch, next switch packet-in…).
 */
import { describe, expect, it } from 'vitest';
import { MacAddress } from '../../core/net/mac-address.js';
import { matchValue } from '../../core/openflow/match.js';
import { PathComputer } from '../../controller/paths/path-computer.js';
import { TopologyGraph } from '../../controller/paths/topology-graph.js';
import type { FlowSpec } from '../../controller/services/flows.js';
import { type FloodView, type HopFlow, floodPorts, hopPorts, pairFlows, rerouteDiff } from '../../plugins/l2/l2-flows.js';

type Port = { dpid: bigint; port: number };
// s1:2–s2:2, s2:3–s3:3, s3:2–s1:3; hosts on ports 1 and 4 of every switch.
const CABLES: Array<[Port, Port]> = [
  [{ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 }],
  [{ dpid: 2n, port: 3 }, { dpid: 3n, port: 3 }],
  [{ dpid: 3n, port: 2 }, { dpid: 1n, port: 3 }],
];
const HOST_PORTS = [1, 4];

function fabric(cables = CABLES) {
  const g = new TopologyGraph();
  for (const [a, b] of cables) g.addBidirectionalLink(a, b);
  const paths = new PathComputer(g);
  const peer = (p: Port): Port | undefined => {
    for (const [a, b] of cables) {
      if (a.dpid === p.dpid && a.port === p.port) return b;
      if (b.dpid === p.dpid && b.port === p.port) return a;
    }
    return undefined;
  };
  const tree = paths.floodTree();
  if (!tree.ok) throw new Error('no tree');
  const view: FloodView = {
    edgePorts: () => HOST_PORTS,
    treePorts: (d) => tree.value.treePorts(d),
    isBlocked: (d, p) => tree.value.isBlocked(d, p),
  };
  return { g, paths, peer, view };
}

/** Per-switch pair tables: (eth_src, eth_dst) → out port. */
class ModelFabric {
  readonly tables = new Map<bigint, Map<string, number>>();
  apply(dpid: bigint, spec: FlowSpec): void {
    const key = `${matchValue(spec.match, 'eth_src')}>${matchValue(spec.match, 'eth_dst')}`;
    const out = spec.instructions[0]?.type === 'APPLY_ACTIONS' ? spec.instructions[0].actions[0] : undefined;
    if (out?.type !== 'OUTPUT') throw new Error('expected an output');
    const t = this.tables.get(dpid) ?? new Map<string, number>();
    t.set(key, out.port);
    this.tables.set(dpid, t);
  }
  clear(dpid: bigint, src: MacAddress, dst: MacAddress): void {
    this.tables.get(dpid)?.delete(`${src}>${dst}`);
  }
  /** Walks a packet from a host port; returns where it left the fabric, or 'miss'/'loop'. */
  walk(from: Port, src: MacAddress, dst: MacAddress, peer: (p: Port) => Port | undefined): Port | 'miss' | 'loop' {
    let at = from;
    for (let hops = 0; hops < 10; hops++) {
      const out = this.tables.get(at.dpid)?.get(`${src}>${dst}`);
      if (out === undefined) return 'miss';
      const next = peer({ dpid: at.dpid, port: out });
      if (next === undefined) return { dpid: at.dpid, port: out };
      at = next;
    }
    return 'loop';
  }
}

const A = MacAddress.parse('02:00:00:00:01:01');
const B = MacAddress.parse('02:00:00:00:02:01');

describe('L2 flooding on the triangle', () => {
  it('a broadcast from any host port reaches every other host port exactly once, with three packet-ins', () => {
    const { peer, view } = fabric();
    for (const origin of [1n, 2n, 3n]) {
      const delivered: string[] = [];
      let packetIns = 0;
      const queue: Port[] = [{ dpid: origin, port: 1 }];
      while (queue.length > 0 && packetIns < 50) {
        const at = queue.shift()!;
        packetIns++;
        for (const out of floodPorts(view, at.dpid, at.port)) {
          const next = peer({ dpid: at.dpid, port: out });
          if (next === undefined) delivered.push(`${at.dpid}:${out}`);
          else queue.push(next);
        }
      }
      expect(packetIns).toBe(3);
      expect(delivered.sort()).toEqual(['1:1', '1:4', '2:1', '2:4', '3:1', '3:4'].filter((p) => p !== `${origin}:1`).sort());
    }
  });

  it('never floods a copy that arrived on a blocked port, nor back out of in_port', () => {
    const { view, paths } = fabric();
    const tree = paths.floodTree();
    if (!tree.ok) throw new Error();
    const blocked = [1n, 2n, 3n].flatMap((d) => [2, 3].filter((p) => tree.value.isBlocked(d, p)).map((p) => ({ d, p })));
    expect(blocked).toHaveLength(2); // one cable of the triangle is off the tree, both its ends
    for (const { d, p } of blocked) expect(floodPorts(view, d, p)).toEqual([]);
    expect(floodPorts(view, 1n, 4)).not.toContain(4);
  });
});

describe('L2 pair flows on the triangle', () => {
  it('installs one flow per switch of the path and delivers to the destination port', () => {
    const { paths, peer } = fabric();
    const path = paths.shortest({ dpid: 1n, port: 1 }, { dpid: 2n, port: 4 });
    if (!path.ok) throw new Error();
    const flows = pairFlows({ src: A, dst: B, vlan: 0 }, path.value);
    expect(flows.map((f) => f.dpid)).toEqual([1n, 2n]);
    const model = new ModelFabric();
    for (const f of flows) model.apply(f.dpid, f.spec);
    expect(model.walk({ dpid: 1n, port: 1 }, A, B, peer)).toEqual({ dpid: 2n, port: 4 });
  });

  it('after the direct link fails, the rerouted flows deliver over the other two links', () => {
    const before = fabric();
    const path = before.paths.shortest({ dpid: 1n, port: 1 }, { dpid: 2n, port: 4 });
    if (!path.ok) throw new Error();
    const key = { src: A, dst: B, vlan: 0 };
    const old: HopFlow[] = pairFlows(key, path.value);
    const model = new ModelFabric();
    for (const f of old) model.apply(f.dpid, f.spec);

    const after = fabric(CABLES.slice(1));
    const next = after.paths.shortest({ dpid: 1n, port: 1 }, { dpid: 2n, port: 4 });
    if (!next.ok) throw new Error();
    const diff = rerouteDiff(hopPorts(old), pairFlows(key, next.value));
    for (const f of diff.install) model.apply(f.dpid, f.spec);
    for (const d of diff.clear) model.clear(d, A, B);
    expect(diff.install.map((f) => f.dpid)).toEqual([1n, 3n]); // s2's last hop is unchanged
    expect(model.walk({ dpid: 1n, port: 1 }, A, B, after.peer)).toEqual({ dpid: 2n, port: 4 });
  });
});
