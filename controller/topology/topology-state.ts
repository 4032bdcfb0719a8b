/**
 * The topology as state: switches with their ports, verified links with their liveness, and
 * the path graph kept in step. No I/O and no clock: every method takes `now` (monotonic ms)
 * and returns the changes it made, in the order they happened, for the service to announce.
 *
 * Liveness: a link is refreshed by each verified probe; `expire(now)` drops links not seen for
 * `deadAfterMs` (the service uses 3 probe intervals + slack). A port that goes down or is
 * deleted drops its links at once. A probe whose sequence number is not above the last one
 * accepted from the same source port is a replay and changes nothing.
 *
 * Edge ports: a live port with no link that has been probed and then waited `edgeHoldMs`
 * (long enough for a probe to come back) — until then it is neither edge nor inter-switch,
 * so nobody learns hosts or floods there on a guess.
 */
import { linkId, type LinkId, type PortRef, portKey } from '../paths/link.js';
import { PathComputer } from '../paths/path-computer.js';
import { TopologyGraph, compareDpid } from '../paths/topology-graph.js';
import type { Dpid } from '../services/datapaths.js';
import type { LinkRemovedReason, SwitchLink, TopologySnapshot } from './topology.js';

export type TopologyChange =
  | { type: 'switch-added' | 'switch-removed'; dpid: Dpid }
  | { type: 'link-added'; link: SwitchLink }
  | { type: 'link-removed'; link: SwitchLink; reason: LinkRemovedReason };

interface PortState {
  live: boolean;
  /** Monotonic ms of the first probe sent out of this port while live. */
  probedAt: number | undefined;
}

interface LinkState {
  link: SwitchLink;
  lastSeen: number;
}

export interface TopologyStateOptions {
  edgeHoldMs: number;
}

export type ObserveResult = { kind: 'added' | 'refreshed'; changes: TopologyChange[] } | { kind: 'replay' | 'unknown-port' | 'self-loop' };

export class TopologyState {
  readonly graph = new TopologyGraph();
  readonly paths = new PathComputer(this.graph);
  private readonly switches = new Map<Dpid, Map<number, PortState>>();
  private readonly links = new Map<LinkId, LinkState>();
  /** portKey of a probe's source port → highest sequence number accepted from it. */
  private readonly lastSeqFrom = new Map<string, bigint>();
  private version = 0;
  private snapshotCache: TopologySnapshot | undefined;

  constructor(private readonly opts: TopologyStateOptions) {}

  hasSwitch(dpid: Dpid): boolean {
    return this.switches.has(dpid);
  }

  /** Adds a switch (or refreshes its port list after a reconnect). */
  addSwitch(dpid: Dpid, ports: ReadonlyArray<{ portNo: number; live: boolean }>): TopologyChange[] {
    const changes: TopologyChange[] = [];
    if (!this.switches.has(dpid)) {
      this.switches.set(dpid, new Map());
      this.graph.addSwitch(dpid);
      changes.push({ type: 'switch-added', dpid });
    }
    for (const p of ports) changes.push(...this.setPort(dpid, p.portNo, p.live ? 'up' : 'down'));
    this.touch();
    return changes;
  }

  removeSwitch(dpid: Dpid): TopologyChange[] {
    if (!this.switches.has(dpid)) return [];
    const changes: TopologyChange[] = [];
    for (const s of [...this.links.values()]) {
      if (s.link.src.dpid === dpid || s.link.dst.dpid === dpid) changes.push(this.dropLink(s, 'switch-removed'));
    }
    this.switches.delete(dpid);
    this.graph.removeSwitch(dpid);
    changes.push({ type: 'switch-removed', dpid });
    this.touch();
    return changes;
  }

  /** A port appeared, changed state, or was deleted (PORT_STATUS or port list). */
  setPort(dpid: Dpid, portNo: number, status: 'up' | 'down' | 'deleted'): TopologyChange[] {
    const ports = this.switches.get(dpid);
    if (ports === undefined) return [];
    const changes: TopologyChange[] = [];
    if (status !== 'up') {
      for (const s of [...this.links.values()]) {
        const touches = (s.link.src.dpid === dpid && s.link.src.port === portNo) || (s.link.dst.dpid === dpid && s.link.dst.port === portNo);
        if (touches) changes.push(this.dropLink(s, status === 'deleted' ? 'port-deleted' : 'port-down'));
      }
    }
    if (status === 'deleted') ports.delete(portNo);
    else {
      const prev = ports.get(portNo);
      const live = status === 'up';
      // A port that comes back must be probed again before it counts as an edge port.
      if (prev === undefined || prev.live !== live) ports.set(portNo, { live, probedAt: undefined });
    }
    this.touch();
    return changes;
  }

  /** Live ports of a switch, ascending. */
  livePorts(dpid: Dpid): number[] {
    const ports = this.switches.get(dpid);
    if (ports === undefined) return [];
    return [...ports].filter(([, s]) => s.live).map(([n]) => n).sort((a, b) => a - b);
  }

  probeSent(dpid: Dpid, portNo: number, now: number): void {
    const p = this.switches.get(dpid)?.get(portNo);
    if (p !== undefined && p.live && p.probedAt === undefined) p.probedAt = now;
  }

  /** A verified probe that left `src` arrived at `dst`. */
  observe(src: PortRef, dst: PortRef, seq: bigint, now: number, wallNow: number): ObserveResult {
    if (src.dpid === dst.dpid && src.port === dst.port) return { kind: 'self-loop' };
    const srcPort = this.switches.get(src.dpid)?.get(src.port);
    const dstPort = this.switches.get(dst.dpid)?.get(dst.port);
    // A probe naming a port we do not know as live is old news (the port went down since).
    if (srcPort?.live !== true || dstPort?.live !== true) return { kind: 'unknown-port' };
    // Links are point to point, so one probe arrives at one port only: a sequence number at
    // or below the last one accepted from the same source port is a copy, wherever it shows up.
    const srcKey = portKey(src);
    const lastSeq = this.lastSeqFrom.get(srcKey);
    if (lastSeq !== undefined && seq <= lastSeq) return { kind: 'replay' };
    this.lastSeqFrom.set(srcKey, seq);
    const id = linkId(src, dst);
    const existing = this.links.get(id);
    if (existing !== undefined) {
      existing.lastSeen = now;
      return { kind: 'refreshed', changes: [] };
    }
    const changes: TopologyChange[] = [];
    // A port sends on one link and receives on one link: a probe that shows otherwise means
    // the cable moved, and the old pairing is gone.
    for (const s of [...this.links.values()]) {
      const l = s.link;
      if ((l.src.dpid === src.dpid && l.src.port === src.port) || (l.dst.dpid === dst.dpid && l.dst.port === dst.port)) {
        changes.push(this.dropLink(s, 'replaced'));
      }
    }
    const link: SwitchLink = { src: { dpid: src.dpid, port: src.port }, dst: { dpid: dst.dpid, port: dst.port }, discoveredAt: wallNow };
    this.links.set(id, { link, lastSeen: now });
    this.graph.addLink(link.src, link.dst);
    changes.push({ type: 'link-added', link });
    this.touch();
    return { kind: 'added', changes };
  }

  /** Drops links not refreshed within `deadAfterMs`. */
  expire(now: number, deadAfterMs: number): TopologyChange[] {
    const changes: TopologyChange[] = [];
    for (const s of [...this.links.values()]) {
      if (now - s.lastSeen > deadAfterMs) changes.push(this.dropLink(s, 'timeout'));
    }
    return changes;
  }

  linkFrom(p: PortRef): SwitchLink | undefined {
    for (const s of this.links.values()) if (s.link.src.dpid === p.dpid && s.link.src.port === p.port) return s.link;
    return undefined;
  }

  hasLinkAt(dpid: Dpid, portNo: number): boolean {
    for (const s of this.links.values()) {
      const l = s.link;
      if ((l.src.dpid === dpid && l.src.port === portNo) || (l.dst.dpid === dpid && l.dst.port === portNo)) return true;
    }
    return false;
  }

  isEdgePort(dpid: Dpid, portNo: number, now: number): boolean {
    const p = this.switches.get(dpid)?.get(portNo);
    if (p === undefined || !p.live || p.probedAt === undefined || now - p.probedAt < this.opts.edgeHoldMs) return false;
    return !this.hasLinkAt(dpid, portNo);
  }

  snapshot(): TopologySnapshot {
    if (this.snapshotCache === undefined) {
      const links = [...this.links.values()].map((s) => s.link).sort(
        (a, b) => compareDpid(a.src.dpid, b.src.dpid) || a.src.port - b.src.port || compareDpid(a.dst.dpid, b.dst.dpid) || a.dst.port - b.dst.port,
      );
      this.snapshotCache = Object.freeze({ version: this.version, switches: Object.freeze([...this.switches.keys()].sort(compareDpid)), links: Object.freeze(links) });
    }
    return this.snapshotCache;
  }

  private dropLink(s: LinkState, reason: LinkRemovedReason): TopologyChange {
    const id = linkId(s.link.src, s.link.dst);
    this.links.delete(id);
    this.graph.removeLink(id);
    this.touch();
    return { type: 'link-removed', link: s.link, reason };
  }

  private touch(): void {
    this.version++;
    this.snapshotCache = undefined;
  }
}
