/**
 * Helpers for the switch pipeline tests: a datapath on a fake clock, hosts on memory-port patch
 * cables, and short builders for matches, flow-mods and frames.
 */
import { encodeMessage } from '../../core/openflow/codec.js';
import { OFP_NO_BUFFER, OFPFC, OFPG } from '../../core/openflow/constants.js';
import type { Action } from '../../core/openflow/actions.js';
import type { Instruction } from '../../core/openflow/instructions.js';
import type { Match, OxmTlv } from '../../core/openflow/match.js';
import type { FlowMod } from '../../core/openflow/messages/flow.js';
import type { OfpMessage } from '../../core/openflow/messages/message.js';
import type { PacketIn } from '../../core/openflow/messages/packet.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import type { FlowRemoved } from '../../core/openflow/messages/flow.js';
import type { PortStatus } from '../../core/openflow/messages/port.js';
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { buildFrame, type TransportSpec } from '../../core/packet/frame-builder.js';
import { vlanTag } from '../../core/packet/ethernet.js';
import { PatchCable, type MemoryPort } from '../../switch/port/memory-port.js';
import { Datapath } from '../../switch/pipeline/datapath.js';

export class FakeClock {
  ms = 1_000_000;
  readonly now = (): number => this.ms;
  advance(ms: number): void { this.ms += ms; }
}

export interface Host {
  readonly portNo: number;
  /** The host's end of the cable. */
  readonly nic: MemoryPort;
  /** The switch's end. */
  readonly switchPort: MemoryPort;
  readonly cable: PatchCable;
  /** Frames the host received, copied. */
  readonly frames: Uint8Array[];
}

export class Rig {
  readonly clock = new FakeClock();
  readonly dp: Datapath;
  readonly hosts: Host[] = [];
  readonly packetIns: PacketIn[] = [];
  readonly flowRemoved: FlowRemoved[] = [];
  readonly portStatus: PortStatus[] = [];

  constructor(nHosts: number, nTables?: number) {
    this.dp = new Datapath({ dpid: 0xabcn, clock: this.clock.now, autoTick: false, ...(nTables ? { nTables } : {}) });
    this.dp.onPacketIn((pi) => this.packetIns.push(pi));
    this.dp.onFlowRemoved((fr) => this.flowRemoved.push(fr));
    this.dp.onPortStatus((ps) => this.portStatus.push(ps));
    for (let i = 1; i <= nHosts; i++) this.addHost(i);
  }

  addHost(portNo: number): Host {
    const cable = new PatchCable({ name: `s1-eth${portNo}`, portNo }, { name: `h${portNo}-eth0`, portNo: 1 });
    const frames: Uint8Array[] = [];
    cable.b.onFrames((burst) => { for (let i = 0; i < burst.count; i++) frames.push(burst.frame(i).slice()); });
    this.dp.addPort(cable.a, portNo);
    const h: Host = { portNo, nic: cable.b, switchPort: cable.a, cable, frames };
    this.hosts[portNo] = h;
    return h;
  }

  host(portNo: number): Host {
    return this.hosts[portNo]!;
  }

  /** Sends `frame` from host `portNo` into the switch and waits until every cable is idle. */
  async send(portNo: number, frame: Uint8Array): Promise<void> {
    this.host(portNo).nic.send(frame);
    await settle();
  }

  /** Handles a request as the agent would: the raw bytes are its encoding. */
  handle(msg: OfpMessage): OfpMessage[] {
    return this.dp.handle(msg, encodeMessage(msg));
  }

  /** Handles requests that must succeed. */
  ok(...msgs: OfpMessage[]): void {
    for (const m of msgs) {
      const replies = this.handle(m);
      const errors = replies.filter((r) => r.type === 'ERROR');
      if (errors.length > 0) throw new Error(`${m.type} failed: ${JSON.stringify(errors[0], (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    }
  }

  /** The (type, code) of the one error a request produced. */
  error(msg: OfpMessage): { type: number; code: number } | undefined {
    const e = this.handle(msg).find((r) => r.type === 'ERROR');
    return e && e.type === 'ERROR' ? { type: e.errorType, code: 'code' in e ? e.code : -1 } : undefined;
  }

  close(): void {
    this.dp.close();
    for (const h of this.hosts) if (h) { h.nic.close(); h.switchPort.close(); }
  }
}

/** Waits for memory ports to deliver (they use microtasks and setImmediate). */
export async function settle(turns = 4): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}

type MatchSpec = Record<string, number | bigint | string | [number | bigint | string, number | bigint | string]>;

export function match(spec: MatchSpec = {}): Match {
  const fields = Object.entries(spec).map(([field, v]) => (Array.isArray(v) ? { field, value: v[0], mask: v[1] } : { field, value: v }));
  return { fields: fields as unknown as OxmTlv[] };
}

export function flowMod(o: Partial<Omit<FlowMod, 'match'>> & { match?: MatchSpec | Match } = {}): FlowMod {
  const m = o.match === undefined ? match() : 'fields' in o.match ? (o.match as Match) : match(o.match as MatchSpec);
  return {
    type: 'FLOW_MOD', xid: o.xid ?? 1, cookie: o.cookie ?? 0n, cookieMask: o.cookieMask ?? 0n, tableId: o.tableId ?? 0,
    command: o.command ?? OFPFC.ADD, idleTimeout: o.idleTimeout ?? 0, hardTimeout: o.hardTimeout ?? 0,
    priority: o.priority ?? 100, bufferId: o.bufferId ?? OFP_NO_BUFFER, outPort: o.outPort ?? OFPP.ANY,
    outGroup: o.outGroup ?? OFPG.ANY, flags: o.flags ?? 0, match: m, instructions: o.instructions ?? [],
  };
}

export const apply = (...actions: Action[]): Instruction => ({ type: 'APPLY_ACTIONS', actions });
export const write = (...actions: Action[]): Instruction => ({ type: 'WRITE_ACTIONS', actions });
export const output = (port: number, maxLen = 0xffff): Action => ({ type: 'OUTPUT', port, maxLen });
export const gotoTable = (tableId: number): Instruction => ({ type: 'GOTO_TABLE', tableId });
export const setField = (field: string, value: number | bigint | string): Action =>
  ({ type: 'SET_FIELD', field: { field, value } as unknown as OxmTlv });

export const MAC = (n: number): string => `02:00:00:00:00:${n.toString(16).padStart(2, '0')}`;

export interface FrameOpts {
  src?: number;
  dst?: number;
  vlan?: number;
  ipSrc?: string;
  ipDst?: string;
  ttl?: number;
  transport?: TransportSpec;
  payload?: number;
}

/** An IPv4 frame from host `src` to host `dst` (MACs 02:00:00:00:00:0N), UDP 1000→2000 by default. */
export function ipv4Frame(o: FrameOpts = {}): Buffer {
  return buildFrame({
    dst: MacAddress.parse(MAC(o.dst ?? 2)),
    src: MacAddress.parse(MAC(o.src ?? 1)),
    ...(o.vlan !== undefined ? { vlans: [vlanTag(o.vlan)] } : {}),
    network: {
      ipv4: { src: Ipv4Address.parse(o.ipSrc ?? '10.0.0.1'), dst: Ipv4Address.parse(o.ipDst ?? '10.0.0.2'), ttl: o.ttl ?? 64 },
      transport: o.transport ?? { udp: { srcPort: 1000, dstPort: 2000 } },
      payload: new Uint8Array(o.payload ?? 18).fill(0xab),
    },
  });
}
