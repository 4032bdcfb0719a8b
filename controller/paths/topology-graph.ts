/**
 * The switch graph path computation runs on.
 *
 * What: switches (nodes keyed by dpid), directed links between switch ports (a graphlib
 * multigraph, so parallel links between two switches stay distinct), and hosts as leaf nodes
 * attached at one (dpid, port). Hosts are endpoints only: no algorithm ever routes *through* one.
 *
 * Invariants:
 * - A switch port sends on at most one link: adding a link from a port that already has one
 *   replaces it (LLDP saw the cable move).
 * - Adding a link adds missing switches; removing a switch removes its links and its hosts.
 *
 * Cost: algorithms read a `SwitchIndex` (dense arrays, links pre-sorted), rebuilt lazily in
 * O(V + E log E) only after a structural change. Attribute updates (`setLinkAttrs`) change the
 * link objects the index already references, so weight changes never force a rebuild.
 *
 * Callers: the topology service mutates it from LLDP/port-status events; queries run on the
 * same thread. Not safe to mutate during an iteration of `links()`.
 */
import { Graph, alg } from '@dagrejs/graphlib';
import { type Dpid, dpidToHex } from './dpid.js';
import { type Link, type LinkAttrs, type LinkId, type PortRef, linkId, portKey } from './link.js';

/** Hosts are named by the caller (a MAC, an IP, any stable id). */
export type HostId = string;

type NodeLabel = { readonly kind: 'switch'; readonly dpid: Dpid } | { readonly kind: 'host'; readonly id: HostId };

/** Graph edges are links between switches, or the two halves of a host attachment. */
type EdgeLabel = LinkRecord | { readonly kind: 'attachment'; readonly host: HostId };

class LinkRecord implements Link {
  readonly kind = 'link';
  constructor(
    readonly id: LinkId,
    readonly src: PortRef,
    readonly dst: PortRef,
    public attrs: LinkAttrs,
  ) {}
}

/** One directed link as seen from the index: positions of its ends in `SwitchIndex.dpids`. */
export interface IndexedLink {
  readonly link: Link;
  readonly from: number;
  readonly to: number;
}

/**
 * Dense view of the switch graph for the algorithms. `dpids` ascend; `out[i]` lists the links
 * leaving `dpids[i]` ordered by source port, so every traversal (and every tie-break that
 * follows traversal order) is deterministic.
 */
export interface SwitchIndex {
  readonly dpids: readonly Dpid[];
  readonly position: ReadonlyMap<Dpid, number>;
  readonly out: readonly (readonly IndexedLink[])[];
}

const switchNode = (dpid: Dpid): string => `s:${dpidToHex(dpid)}`;
const hostNode = (id: HostId): string => `h:${id}`;

export class TopologyGraph {
  private readonly g = new Graph<undefined, NodeLabel, EdgeLabel>({ directed: true, multigraph: true });
  private readonly linkById = new Map<LinkId, LinkRecord>();
  /** portKey(src) → the link leaving that port. */
  private readonly linkFromPort = new Map<string, LinkRecord>();
  private readonly hostAt = new Map<HostId, PortRef>();
  private revision = 0;
  private indexCache: { revision: number; index: SwitchIndex } | undefined;
  private structureRevision = 0;

  /** Increments on every change, attribute updates included (for callers' own caches). */
  get version(): number {
    return this.revision;
  }

  // ---- switches -------------------------------------------------------------------------

  addSwitch(dpid: Dpid): void {
    const key = switchNode(dpid);
    if (this.g.hasNode(key)) return;
    this.g.setNode(key, { kind: 'switch', dpid });
    this.changed(true);
  }

  hasSwitch(dpid: Dpid): boolean {
    return this.g.hasNode(switchNode(dpid));
  }

  /** All switches, ascending by dpid. */
  switches(): Dpid[] {
    return [...this.index().dpids];
  }

  /** Removes the switch, every link to or from it, and the hosts attached to it. */
  removeSwitch(dpid: Dpid): boolean {
    const key = switchNode(dpid);
    if (!this.g.hasNode(key)) return false;
    for (const l of [...this.linkById.values()]) {
      if (l.src.dpid === dpid || l.dst.dpid === dpid) this.dropLink(l);
    }
    for (const [host, at] of [...this.hostAt]) {
      if (at.dpid === dpid) this.removeHost(host);
    }
    this.g.removeNode(key);
    this.changed(true);
    return true;
  }

  // ---- links ----------------------------------------------------------------------------

  /** Adds (or replaces) the directed link src → dst; returns it. */
  addLink(src: PortRef, dst: PortRef, attrs: LinkAttrs = {}): Link {
    const id = linkId(src, dst);
    const existing = this.linkById.get(id);
    if (existing) {
      existing.attrs = { ...attrs };
      this.changed(false);
      return existing;
    }
    const previous = this.linkFromPort.get(portKey(src));
    if (previous) this.dropLink(previous);
    this.addSwitch(src.dpid);
    this.addSwitch(dst.dpid);
    const rec = new LinkRecord(id, { dpid: src.dpid, port: src.port }, { dpid: dst.dpid, port: dst.port }, { ...attrs });
    this.g.setEdge(switchNode(src.dpid), switchNode(dst.dpid), rec, id);
    this.linkById.set(id, rec);
    this.linkFromPort.set(portKey(src), rec);
    this.changed(true);
    return rec;
  }

  /** A physical link: both directions with the same attributes. */
  addBidirectionalLink(a: PortRef, b: PortRef, attrs: LinkAttrs = {}): [Link, Link] {
    return [this.addLink(a, b, attrs), this.addLink(b, a, attrs)];
  }

  removeLink(id: LinkId): boolean {
    const rec = this.linkById.get(id);
    if (!rec) return false;
    this.dropLink(rec);
    return true;
  }

  /** A port went down: removes the links leaving and entering it; returns them. */
  removePort(p: PortRef): Link[] {
    const gone: Link[] = [];
    for (const l of [...this.linkById.values()]) {
      if ((l.src.dpid === p.dpid && l.src.port === p.port) || (l.dst.dpid === p.dpid && l.dst.port === p.port)) {
        this.dropLink(l);
        gone.push(l);
      }
    }
    return gone;
  }

  /**
   * Updates a link's metrics (merged into the current ones unless `replace`). Returns false for
   * an unknown link. Queries after this see the new values.
   */
  setLinkAttrs(id: LinkId, attrs: LinkAttrs, opts: { replace?: boolean } = {}): boolean {
    const rec = this.linkById.get(id);
    if (!rec) return false;
    rec.attrs = opts.replace ? { ...attrs } : { ...rec.attrs, ...attrs };
    this.changed(false);
    return true;
  }

  link(id: LinkId): Link | undefined {
    return this.linkById.get(id);
  }

  /** The link leaving this port, if any. */
  linkFrom(p: PortRef): Link | undefined {
    return this.linkFromPort.get(portKey(p));
  }

  links(): Link[] {
    return [...this.linkById.values()];
  }

  /** Links leaving `dpid`, by source port. */
  outLinks(dpid: Dpid): Link[] {
    const i = this.index().position.get(dpid);
    return i === undefined ? [] : this.index().out[i]!.map((x) => x.link);
  }

  // ---- hosts ----------------------------------------------------------------------------

  /** Attaches (or moves) a host to a switch port. The switch must exist. */
  addHost(id: HostId, at: PortRef): boolean {
    if (!this.hasSwitch(at.dpid)) return false;
    if (this.hostAt.has(id)) this.removeHost(id);
    const h = hostNode(id);
    const s = switchNode(at.dpid);
    this.g.setNode(h, { kind: 'host', id });
    this.g.setEdge(h, s, { kind: 'attachment', host: id }, `${h}>`);
    this.g.setEdge(s, h, { kind: 'attachment', host: id }, `${h}<`);
    this.hostAt.set(id, { dpid: at.dpid, port: at.port });
    this.changed(false);
    return true;
  }

  removeHost(id: HostId): boolean {
    if (!this.hostAt.delete(id)) return false;
    this.g.removeNode(hostNode(id));
    this.changed(false);
    return true;
  }

  /** Where the host is attached, or undefined. */
  host(id: HostId): PortRef | undefined {
    return this.hostAt.get(id);
  }

  hosts(): Array<{ id: HostId; at: PortRef }> {
    return [...this.hostAt].map(([id, at]) => ({ id, at }));
  }

  // ---- whole-graph views ----------------------------------------------------------------

  /**
   * Weakly connected groups of switches (a one-way link joins its ends), each ascending by
   * dpid, groups ordered by their lowest dpid. Hosts are not listed.
   */
  components(): Dpid[][] {
    // graphlib's algorithms are typed for the default label types; labels are not read there.
    const groups = alg.components(this.g as unknown as Graph).map((nodes) =>
      nodes
        .map((n) => this.g.node(n))
        .filter((l): l is Extract<NodeLabel, { kind: 'switch' }> => l.kind === 'switch')
        .map((l) => l.dpid)
        .sort(compareDpid),
    );
    return groups.filter((g) => g.length > 0).sort((a, b) => compareDpid(a[0]!, b[0]!));
  }

  /** The dense view the algorithms use; cached until the structure changes. */
  index(): SwitchIndex {
    const cached = this.indexCache;
    if (cached && cached.revision === this.structureRevision) return cached.index;
    const dpids: Dpid[] = [];
    for (const n of this.g.nodes()) {
      const label = this.g.node(n);
      if (label.kind === 'switch') dpids.push(label.dpid);
    }
    dpids.sort(compareDpid);
    const position = new Map<Dpid, number>(dpids.map((d, i) => [d, i]));
    const out = dpids.map((d, from) => {
      const edges = this.g.outEdges(switchNode(d)) ?? [];
      const links: IndexedLink[] = [];
      for (const e of edges) {
        const label = this.g.edge(e);
        if (label.kind !== 'link') continue;
        links.push({ link: label, from, to: position.get(label.dst.dpid)! });
      }
      return links.sort((a, b) => a.link.src.port - b.link.src.port || (a.link.id < b.link.id ? -1 : 1));
    });
    const index: SwitchIndex = { dpids, position, out };
    this.indexCache = { revision: this.structureRevision, index };
    return index;
  }

  private dropLink(rec: Link): void {
    this.g.removeEdge(switchNode(rec.src.dpid), switchNode(rec.dst.dpid), rec.id);
    this.linkById.delete(rec.id);
    if (this.linkFromPort.get(portKey(rec.src)) === rec) this.linkFromPort.delete(portKey(rec.src));
    this.changed(true);
  }

  private changed(structural: boolean): void {
    this.revision++;
    if (structural) this.structureRevision++;
  }
}

export function compareDpid(a: Dpid, b: Dpid): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
