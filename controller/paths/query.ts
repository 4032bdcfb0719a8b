/**
 * The part every path query shares: resolving endpoints (switch, switch port, or host),
 * compiling constraints, and turning a list of links into hops with in/out ports.
 */
import { type CompiledConstraints, type PathConstraints, compileConstraints } from './constraints.js';
import type { SearchSpace } from './dijkstra.js';
import { type Dpid, dpidToHex } from './dpid.js';
import type { Link, PortRef } from './link.js';
import { type Hop, type Path, type PathResult, fail, ok } from './path.js';
import type { HostId, SwitchIndex, TopologyGraph } from './topology-graph.js';
import { type WeightFn, hopCount } from './weight.js';

/**
 * Where a path starts or ends: a bare switch, a switch port (traffic enters/leaves there), or a
 * host, which stands for the port it is attached at.
 */
export type Endpoint = Dpid | PortRef | { readonly host: HostId };

export interface PathQuery {
  /** Defaults to hop count. */
  readonly weight?: WeightFn;
  readonly constraints?: PathConstraints;
}

interface ResolvedEndpoint {
  readonly dpid: Dpid;
  readonly pos: number;
  readonly port?: number;
}

export interface PreparedQuery {
  readonly space: SearchSpace;
  readonly src: ResolvedEndpoint;
  readonly dst: ResolvedEndpoint;
}

function resolve(graph: TopologyGraph, index: SwitchIndex, e: Endpoint): PathResult<ResolvedEndpoint> {
  let dpid: Dpid;
  let port: number | undefined;
  if (typeof e === 'bigint') {
    dpid = e;
  } else if ('host' in e) {
    const at = graph.host(e.host);
    if (!at) return fail({ kind: 'unknown-host', host: e.host });
    dpid = at.dpid;
    port = at.port;
  } else {
    dpid = e.dpid;
    port = e.port;
  }
  const pos = index.position.get(dpid);
  if (pos === undefined) return fail({ kind: 'unknown-switch', dpid });
  return ok(port === undefined ? { dpid, pos } : { dpid, pos, port });
}

export function prepareQuery(graph: TopologyGraph, src: Endpoint, dst: Endpoint, q: PathQuery = {}): PathResult<PreparedQuery> {
  const index = graph.index();
  const s = resolve(graph, index, src);
  if (!s.ok) return s;
  const d = resolve(graph, index, dst);
  if (!d.ok) return d;
  const constraints: CompiledConstraints = compileConstraints(index, q.constraints);
  for (const end of [s.value, d.value]) {
    if (constraints.blockedSwitch[end.pos]) return fail({ kind: 'endpoint-excluded', dpid: end.dpid });
  }
  return ok({ space: { index, weight: q.weight ?? hopCount, constraints }, src: s.value, dst: d.value });
}

/**
 * Builds a `Path` from inter-switch links (forward order). The first hop enters on the source
 * endpoint's port (if it has one); every later hop enters where the previous link arrives and
 * leaves where the next link departs.
 */
export function assemblePath(q: PreparedQuery, links: readonly Link[], cost: number): Path {
  const hops: Hop[] = [];
  const switchesOnPath = links.length + 1;
  for (let i = 0; i < switchesOnPath; i++) {
    const dpid = i === 0 ? q.src.dpid : links[i - 1]!.dst.dpid;
    const inPort = i === 0 ? q.src.port : links[i - 1]!.dst.port;
    const outPort = i === links.length ? q.dst.port : links[i]!.src.port;
    hops.push({ dpid, ...(inPort === undefined ? {} : { inPort }), ...(outPort === undefined ? {} : { outPort }) });
  }
  const key = links.length === 0 ? dpidToHex(q.src.dpid) : links.map((l) => l.id).join(',');
  return { src: q.src.dpid, dst: q.dst.dpid, hops, links, cost, key };
}

/** Sum of weights along links, always in path order so equal paths give bit-identical sums. */
export function pathCost(weight: WeightFn, links: readonly Link[]): number {
  let c = 0;
  for (const l of links) c += weight(l);
  return c;
}
