/**
 * What L2 forwarding puts on switches, as pure functions: FlowSpecs and port lists out of a
 * path or a topology view, no I/O (Faucet's "managers compute, one place sends").
 *
 * Forwarding between two known hosts is a pair of (eth_src, eth_dst) flows per direction
 * along the path, one per switch, each outputting to the next hop. Matching the source too
 * costs a flow per pair per switch but means the first packet of every new conversation
 * reaches the controller, so the sender is learned where it is attached, and a reroute only
 * rewrites the pairs whose path used the failed link.
 *
 * Flooding (broadcast, multicast, unknown destination) is done by the controller, one switch
 * at a time: out of the switch's edge ports and spanning-tree ports, never back out of the
 * in_port, and not at all for a packet that arrived on a blocked (non-tree) switch port — a
 * copy travelling a loop. The tree is loop-free, so each flood reaches each switch once.
 */
import type { MacAddress } from '../../core/net/mac-address.js';
import { OFPVID_PRESENT, type Match } from '../../core/openflow/match.js';
import type { FlowSpec } from '../../controller/services/flows.js';
import type { Path } from '../../controller/paths/path.js';
import type { Dpid } from '../../controller/services/datapaths.js';

/** Priority of host-pair flows in the l2 stage. */
export const L2_PAIR_PRIORITY = 100;

export interface PairKey {
  src: MacAddress;
  dst: MacAddress;
  /** 0 when untagged. */
  vlan: number;
}

export function pairId(k: PairKey): string {
  return `${k.vlan}/${k.src.toString()}>${k.dst.toString()}`;
}

export function pairMatch(k: PairKey): Match {
  return {
    fields: [
      ...(k.vlan === 0 ? [] : [{ field: 'vlan_vid' as const, value: k.vlan | OFPVID_PRESENT }]),
      { field: 'eth_src', value: k.src.toString() },
      { field: 'eth_dst', value: k.dst.toString() },
    ],
  };
}

export interface HopFlow {
  dpid: Dpid;
  outPort: number;
  spec: FlowSpec;
}

/** One flow per switch of `path` (which must end at the destination's port). */
export function pairFlows(k: PairKey, path: Path): HopFlow[] {
  const out: HopFlow[] = [];
  const match = pairMatch(k);
  for (const hop of path.hops) {
    if (hop.outPort === undefined) continue;
    out.push({
      dpid: hop.dpid,
      outPort: hop.outPort,
      spec: {
        stage: 'l2',
        priority: L2_PAIR_PRIORITY,
        match,
        instructions: [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: hop.outPort, maxLen: 0 }] }],
      },
    });
  }
  return out;
}

/** Where each switch on the path sends the pair's packets: dpid → out port. */
export function hopPorts(flows: readonly HopFlow[]): Map<Dpid, number> {
  return new Map(flows.map((f) => [f.dpid, f.outPort]));
}

/** The part of the topology flooding reads. */
export interface FloodView {
  /** Host-facing ports. */
  edgePorts(dpid: Dpid): readonly number[];
  /** Switch ports on the spanning tree. */
  treePorts(dpid: Dpid): readonly number[];
  /** True for a switch port that has a link but is off the tree. */
  isBlocked(dpid: Dpid, port: number): boolean;
}

/** Ports a flood entering `dpid` at `inPort` leaves by, ascending. */
export function floodPorts(view: FloodView, dpid: Dpid, inPort: number): number[] {
  if (view.isBlocked(dpid, inPort)) return [];
  const ports = new Set<number>([...view.edgePorts(dpid), ...view.treePorts(dpid)]);
  ports.delete(inPort);
  return [...ports].sort((a, b) => a - b);
}

/**
 * The changes that take a pair from its old hops to its new ones: flows to (re)write where
 * the out port is new or changed, switches to clear where the path no longer passes.
 */
export function rerouteDiff(before: ReadonlyMap<Dpid, number>, after: readonly HopFlow[]): { install: HopFlow[]; clear: Dpid[] } {
  const install = after.filter((f) => before.get(f.dpid) !== f.outPort);
  const kept = new Set(after.map((f) => f.dpid));
  const clear = [...before.keys()].filter((d) => !kept.has(d));
  return { install, clear };
}
