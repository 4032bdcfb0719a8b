/**
 * An in-memory controller behind the northbound interfaces, for the northbound tests.
 *
 * Three switches in a line (1 — 2 — 3, plus a second 1 — 3 link for multi-path tests), one host
 * on switch 1 and one on switch 3, a flow table per switch, three plugins and an event source.
 * It behaves like a controller where the tests look (unknown ids throw NotFoundError, a
 * disconnected switch throws UnavailableError, flows get the owner's cookie prefix) and records
 * what was sent so tests can assert on it.
 */
import {
  FailedPreconditionError,
  FieldViolationError,
  NotFoundError,
  UnavailableError,
} from '../../controller/northbound/backend-errors.js';
import type {
  ComputedPath,
  ControllerEvent,
  DatapathInfo,
  Dpid,
  FlowAddition,
  FlowDeletion,
  FlowFilter,
  FlowRecord,
  HostInfo,
  NorthboundBackends,
  PathEndpointRef,
  PathQuery,
  PluginStatus,
  PortInfo,
  PortStatsInfo,
  SendRawResult,
  SwitchNode,
  TopologyChange,
  TopologyLink,
} from '../../controller/northbound/backend.js';
import { formatDpid } from '../../controller/northbound/dpid-text.js';

export const T0 = new Date('2024-05-01T12:00:00.000Z');

/** Cookie prefixes by owner: the top byte, as the controller's pipeline map would assign. */
export const OWNER_PREFIX: Record<string, bigint> = {
  l2: 0x01n << 56n,
  firewall: 0x02n << 56n,
  northbound: 0x7fn << 56n,
};
const PREFIX_MASK = 0xffn << 56n;

function port(portNo: number, name: string, linkDown = false): PortInfo {
  return {
    portNo,
    name,
    hwAddr: `02:00:00:00:00:${portNo.toString(16).padStart(2, '0')}`,
    config: 0,
    state: linkDown ? 1 : 4, // OFPPS_LINK_DOWN : OFPPS_LIVE
    curr: 0x800, // OFPPF_10GB_FD
    advertised: 0,
    supported: 0,
    peer: 0,
    currSpeed: 10_000_000,
    maxSpeed: 10_000_000,
  };
}

export class FakeController {
  readonly datapaths = new Map<Dpid, DatapathInfo & { ports: PortInfo[] }>();
  links: TopologyLink[] = [];
  hosts: HostInfo[] = [];
  flows: FlowRecord[] = [];
  plugins: PluginStatus[] = [];
  readonly sentRaw: { dpid: Dpid; message: Buffer; barrier: boolean }[] = [];
  /** When set, sendRaw answers with this OFPT_ERROR. */
  nextSwitchError: SendRawResult['error'];
  private topologyListeners = new Set<(c: TopologyChange) => void>();
  private eventListeners = new Set<(e: ControllerEvent) => void>();
  private seq = 0n;
  private xid = 100;

  constructor() {
    for (const [dpid, n] of [[1n, 3], [2n, 2], [3n, 3]] as const) {
      const ports = Array.from({ length: n }, (_, i) => port(i + 1, `s${dpid}-eth${i + 1}`));
      this.datapaths.set(dpid, {
        dpid,
        connected: true,
        remoteAddress: `127.0.0.1:${40000 + Number(dpid)}`,
        connectedSince: T0,
        nBuffers: 256,
        nTables: 254,
        capabilities: 0x4f,
        manufacturer: 'sluice',
        hardware: 'fake',
        software: '0.1.0',
        serialNumber: `SN${dpid}`,
        description: `switch ${dpid}`,
        portCount: n,
        ports,
      });
    }
    // A big dpid to prove 64-bit ids survive the round trip.
    this.datapaths.set(0xfedcba9876543210n, {
      ...this.datapaths.get(2n)!,
      dpid: 0xfedcba9876543210n,
      connected: false,
      description: 'disconnected switch',
      ports: [port(1, 'big-eth1', true)],
      portCount: 1,
    });
    const link = (a: Dpid, ap: number, b: Dpid, bp: number, bps = 10_000_000_000n): TopologyLink => ({
      src: { dpid: a, portNo: ap },
      dst: { dpid: b, portNo: bp },
      bandwidthBps: bps,
      discoveredAt: T0,
    });
    this.links = [
      link(1n, 2, 2n, 1), link(2n, 1, 1n, 2),
      link(2n, 2, 3n, 1), link(3n, 1, 2n, 2),
      link(1n, 3, 3n, 3, 1_000_000_000n), link(3n, 3, 1n, 3, 1_000_000_000n),
    ];
    this.hosts = [
      { mac: '00:00:00:00:00:01', ips: ['10.0.0.1'], vlanVid: 0, location: { dpid: 1n, portNo: 1 }, lastSeen: T0 },
      { mac: '00:00:00:00:00:03', ips: ['10.0.0.3', 'fd00::3'], vlanVid: 0, location: { dpid: 3n, portNo: 2 }, lastSeen: T0 },
    ];
    this.plugins = [
      { name: 'l2', version: '0.1.0', description: 'L2 learning', state: 'running', reason: '', config: { floodUnknown: true }, dependsOn: [], required: true },
      { name: 'firewall', version: '0.1.0', description: 'ACLs', state: 'running', reason: '', config: { rules: [] }, dependsOn: ['l2'], required: false },
      { name: 'ids', version: '0.2.0', description: 'Intrusion detection', state: 'disabled', reason: 'not enabled in config', config: {}, dependsOn: ['l2'], required: false },
    ];
    this.flows = [
      this.record({ dpid: 1n, tableId: 4, priority: 100, cookie: 1n, owner: 'l2', match: [{ field: 'eth_dst', value: '00:00:00:00:00:01' }] }),
      this.record({ dpid: 1n, tableId: 0, priority: 10, cookie: 2n, owner: 'firewall', match: [] }),
      this.record({ dpid: 3n, tableId: 4, priority: 100, cookie: 1n, owner: 'l2', match: [{ field: 'eth_dst', value: '00:00:00:00:00:03' }] }),
    ];
  }

  private record(f: Pick<FlowRecord, 'dpid' | 'tableId' | 'priority' | 'cookie' | 'owner' | 'match'> & Partial<FlowRecord>): FlowRecord {
    return {
      idleTimeout: 0,
      hardTimeout: 0,
      flags: 0,
      instructions: Buffer.alloc(0),
      instructionsText: 'drop',
      packetCount: 0n,
      byteCount: 0n,
      durationSec: 0,
      ...f,
      cookie: (OWNER_PREFIX[f.owner] ?? 0n) | f.cookie,
    };
  }

  // --- test controls -------------------------------------------------------------------------

  emitTopology(change: TopologyChange): void {
    for (const l of this.topologyListeners) l(change);
  }

  emitEvent(e: Omit<ControllerEvent, 'seq' | 'time'>): void {
    const event: ControllerEvent = { ...e, seq: ++this.seq, time: T0 };
    for (const l of this.eventListeners) l(event);
  }

  get topologySubscribers(): number {
    return this.topologyListeners.size;
  }

  get eventSubscribers(): number {
    return this.eventListeners.size;
  }

  // --- the backends ------------------------------------------------------------------------

  backends(): NorthboundBackends {
    const self = this;
    const dp = (dpid: Dpid) => {
      const d = self.datapaths.get(dpid);
      if (!d) throw new NotFoundError('datapath', formatDpid(dpid));
      return d;
    };
    return {
      datapaths: {
        list: () => [...self.datapaths.values()],
        get: (dpid) => self.datapaths.get(dpid),
        ports: (dpid) => self.datapaths.get(dpid)?.ports,
        async portStats(dpid, portNo): Promise<PortStatsInfo[]> {
          const d = dp(dpid);
          if (!d.connected) throw new UnavailableError('disconnected');
          return d.ports
            .filter((p) => portNo === undefined || p.portNo === portNo)
            .map((p) => ({
              portNo: p.portNo,
              rxPackets: 10n * BigInt(p.portNo),
              txPackets: 20n * BigInt(p.portNo),
              // Beyond 2^53, so a lossy long mapping would show.
              rxBytes: 9_007_199_254_740_993n,
              txBytes: 1500n,
              rxDropped: 0n, txDropped: 0n, rxErrors: 0n, txErrors: 0n,
              rxFrameErr: 0n, rxOverErr: 0n, rxCrcErr: 0n, collisions: 0n,
              durationSec: 42, durationNsec: 500,
            }));
        },
        async sendRaw(dpid, message, { barrier }) {
          self.sentRaw.push({ dpid, message: Buffer.from(message), barrier });
          const error = self.nextSwitchError;
          self.nextSwitchError = undefined;
          return error ? { xid: ++self.xid, error } : { xid: ++self.xid };
        },
      },
      topology: {
        snapshot: () => ({
          switches: [...self.datapaths.values()]
            .filter((d) => d.connected)
            .map((d): SwitchNode => ({ dpid: d.dpid, portNos: d.ports.map((p) => p.portNo) })),
          links: self.links,
          hosts: self.hosts,
        }),
        subscribe(listener) {
          self.topologyListeners.add(listener);
          return () => self.topologyListeners.delete(listener);
        },
      },
      paths: { compute: (q) => self.computePaths(q) },
      flows: {
        list: (f) => self.flows.filter((r) => flowSelected(r, f)),
        async add(a: FlowAddition) {
          dp(a.dpid);
          if (!(a.owner in OWNER_PREFIX)) throw new NotFoundError('owner', a.owner);
          if (!self.datapaths.get(a.dpid)!.connected) throw new UnavailableError(`datapath ${formatDpid(a.dpid)} is disconnected`);
          const bad = a.match.findIndex((m) => m.field === 'eth_dst' && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(m.value));
          if (bad >= 0) throw new FieldViolationError([{ field: `match[${bad}].value`, description: 'not a MAC address' }]);
          const rec = self.record({ ...a, instructionsText: a.instructions.length ? 'goto_table:1' : 'drop' });
          self.flows.push(rec);
          return rec;
        },
        async delete(d: FlowDeletion) {
          const before = self.flows.length;
          self.flows = self.flows.filter((r) => !(flowSelected(r, d) && (!d.strict || r.priority === d.priority)));
          return before - self.flows.length;
        },
      },
      plugins: {
        list: () => self.plugins,
        async enable(name) {
          const p = self.plugins.find((x) => x.name === name)!;
          p.state = 'running';
          p.reason = '';
          return p;
        },
        async disable(name) {
          const p = self.plugins.find((x) => x.name === name)!;
          if (p.required) throw new FailedPreconditionError(`plugin ${name} is required`);
          p.state = 'disabled';
          p.reason = 'disabled through the API';
          return p;
        },
        async reload(name, config) {
          const p = self.plugins.find((x) => x.name === name)!;
          if (config !== undefined) {
            const rules = (config as { rules?: unknown }).rules;
            if (name === 'firewall' && !Array.isArray(rules)) {
              throw new FieldViolationError([{ field: 'rules', description: 'must be a list' }]);
            }
            p.config = config;
          }
          return p;
        },
      },
      events: {
        subscribe(listener) {
          self.eventListeners.add(listener);
          return () => self.eventListeners.delete(listener);
        },
      },
    };
  }

  /** Breadth-first over the links: enough to prove the API passes queries and results through. */
  private computePaths(q: PathQuery): ComputedPath[] {
    const src = this.resolve(q.src);
    const dst = this.resolve(q.dst);
    const excluded = (l: TopologyLink) =>
      l.bandwidthBps < q.minBandwidthBps ||
      q.excludeLinks.some((x) => x.src.dpid === l.src.dpid && x.src.portNo === l.src.portNo && x.dst.dpid === l.dst.dpid && x.dst.portNo === l.dst.portNo);
    const usable = this.links.filter((l) => !excluded(l));
    // Enumerate simple paths (the graph is tiny), cheapest first.
    const found: TopologyLink[][] = [];
    const walk = (at: Dpid, seen: Set<Dpid>, acc: TopologyLink[]) => {
      if (at === dst.dpid) {
        found.push([...acc]);
        return;
      }
      for (const l of usable.filter((x) => x.src.dpid === at && !seen.has(x.dst.dpid))) {
        walk(l.dst.dpid, new Set([...seen, l.dst.dpid]), [...acc, l]);
      }
    };
    walk(src.dpid, new Set([src.dpid]), []);
    found.sort((a, b) => a.length - b.length);
    const best = found[0]?.length;
    const chosen = q.mode === 'ecmp' ? found.filter((p) => p.length === best) : found;
    return chosen.slice(0, q.k ?? chosen.length).map((links) => {
      const hops = [src.dpid, ...links.map((l) => l.dst.dpid)].map((dpid, i) => ({
        dpid,
        inPort: i === 0 ? src.portNo : links[i - 1]!.dst.portNo,
        outPort: i === links.length ? dst.portNo : links[i]!.src.portNo,
      }));
      return { hops, cost: links.length };
    });
  }

  private resolve(e: PathEndpointRef): { dpid: Dpid; portNo: number } {
    if (e.kind === 'switch') {
      if (!this.datapaths.has(e.dpid)) throw new NotFoundError('datapath', formatDpid(e.dpid));
      return { dpid: e.dpid, portNo: 0 };
    }
    const host = this.hosts.find((h) => (e.kind === 'mac' ? h.mac === e.mac : h.ips.includes(e.ip)));
    if (!host) throw new NotFoundError('host', e.kind === 'mac' ? e.mac : e.ip);
    return host.location;
  }
}

function flowSelected(r: FlowRecord, f: FlowFilter): boolean {
  return (
    (f.dpid === undefined || r.dpid === f.dpid) &&
    (f.tableId === undefined || r.tableId === f.tableId) &&
    (r.cookie & f.cookieMask) === (f.cookie & f.cookieMask) &&
    (f.owner === undefined || r.owner === f.owner)
  );
}

export { PREFIX_MASK };
