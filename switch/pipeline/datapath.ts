/**
 * The software switch's datapath: ports, flow tables, groups, meters and the pipeline behind one
 * facade that the OpenFlow agent drives (switch/agent calls `handle` for every controller request
 * it does not answer itself, and forwards the async events to controllers by role).
 *
 * Everything here is synchronous: when `handle` returns, the request has taken effect, so a
 * BARRIER_REPLY only has to follow the replies already returned. Time comes from the injected
 * clock; timeouts are checked by `tick()`, called every second by an internal unref'd timer
 * (turn it off with `autoTick: false` and call `tick()` yourself for deterministic tests).
 *
 * Bad requests never throw: they come back as OFPT_ERROR messages with the spec's type/code and
 * the first 64 bytes of the offending message.
 */
import { OFPC, OFPC_FRAG, OFPFC, OFP_DEFAULT_MISS_SEND_LEN, OFP_NO_BUFFER, OFPPR, OFPRR, OFPTC_DEPRECATED_MASK, OFPTT_ALL } from '../../core/openflow/constants.js';
import { OFPBRC, OFPET, OFPPMFC, OFPQOFC, OFPSCFC, OFPTMFC } from '../../core/openflow/error-codes.js';
import type { FlowRemoved } from '../../core/openflow/messages/flow.js';
import type { OfpMessage } from '../../core/openflow/messages/message.js';
import type { PacketIn, PacketOut } from '../../core/openflow/messages/packet.js';
import type { PortMod, PortStatus } from '../../core/openflow/messages/port.js';
import type { ErrorMsg } from '../../core/openflow/messages/symmetric.js';
import { OFPP, OFPPC } from '../../core/openflow/port-desc.js';
import type { TableFeatures } from '../../core/openflow/table-features.js';
import { FLOW_KEY_FIELD } from '../../core/packet/flow-key-layout.js';
import type { FrameBurst, Port, PortStatusEvent } from '../port/port.js';
import { compileActions, usesGroup } from './exec-action.js';
import type { FlowEntry } from './flow-entry.js';
import { FlowTables } from './flow-tables.js';
import { GroupTable } from './group-table.js';
import { MeterTable } from './meter-table.js';
import { multipartReplies } from './multipart-replies.js';
import { ofpError, OfpRequestError } from './ofp-request-error.js';
import { PacketContext } from './packet-context.js';
import { Pipeline } from './pipeline.js';
import { SwitchPort } from './switch-port.js';
import { tableFeatures } from './table-features-reply.js';

export interface DatapathOptions {
  dpid: bigint;
  /** Number of flow tables, 64..254; default 254. */
  nTables?: number;
  /** Packet buffering is not offered: every PACKET_IN carries the whole frame (OFP_NO_BUFFER). */
  nBuffers?: 0;
  /** Milliseconds; default Date.now. */
  clock?: () => number;
  /** Run `tick()` every second on a timer; default true. */
  autoTick?: boolean;
  /** ofp_desc.dp_desc; default "sluice datapath <dpid>". */
  description?: string;
}

const PORT_CONFIG_BITS = OFPPC.PORT_DOWN | OFPPC.NO_RECV | OFPPC.NO_FWD | OFPPC.NO_PACKET_IN;
const CAPABILITIES = OFPC.FLOW_STATS | OFPC.TABLE_STATS | OFPC.PORT_STATS | OFPC.GROUP_STATS | OFPC.QUEUE_STATS;
const O_ETH_TYPE = FLOW_KEY_FIELD.eth_type.offset;

export class Datapath {
  readonly dpid: bigint;
  readonly nTables: number;
  readonly flows: FlowTables;
  readonly groups: GroupTable;
  readonly meters: MeterTable;
  readonly ports = new Map<number, SwitchPort>();
  private readonly pipeline: Pipeline;
  private readonly clock: () => number;
  private readonly rxContext = new PacketContext(new Uint8Array(0), 0);
  private configFlags: number = OFPC_FRAG.NORMAL;
  private missSendLen: number = OFP_DEFAULT_MISS_SEND_LEN;
  private readonly packetInListeners: ((pi: PacketIn) => void)[] = [];
  private readonly flowRemovedListeners: ((fr: FlowRemoved) => void)[] = [];
  private readonly portStatusListeners: ((ps: PortStatus) => void)[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private features: TableFeatures[] | undefined;
  private readonly desc: { mfrDesc: string; hwDesc: string; swDesc: string; serialNum: string; dpDesc: string };
  /** Packets whose processing threw (a bug); counted instead of crashing the switch. */
  internalErrors = 0;

  constructor(opts: DatapathOptions) {
    const nTables = opts.nTables ?? 254;
    if (!Number.isInteger(nTables) || nTables < 64 || nTables > 254) throw new RangeError(`nTables ${nTables} is not within 64..254`);
    this.dpid = opts.dpid;
    this.nTables = nTables;
    this.clock = opts.clock ?? Date.now;
    const groupExists = (id: number): boolean => this.groups.has(id);
    this.flows = new FlowTables({
      nTables,
      clock: this.clock,
      allowTable: false,
      groupExists,
      meterExists: (id) => this.meters.has(id),
      onFlowRemoved: (fr) => { for (const l of this.flowRemovedListeners) l(fr); },
    });
    this.groups = new GroupTable({
      clock: this.clock,
      allowTable: false,
      groupExists,
      portLive: (p) => this.ports.get(p)?.live ?? false,
      flowRefs: (id) => this.countFlows((e) => e.actionLists().some((l) => usesGroup(l, id))),
      onDeleted: (id) => this.flows.removeWhere((e) => e.actionLists().some((l) => usesGroup(l, id)), OFPRR.GROUP_DELETE),
    });
    this.meters = new MeterTable(
      this.clock,
      (id) => this.countFlows((e) => e.program.meterId === id),
      (id) => this.flows.removeWhere((e) => e.program.meterId === id, OFPRR.DELETE),
    );
    this.pipeline = new Pipeline({
      flows: this.flows, groups: this.groups, meters: this.meters, ports: this.ports,
      missSendLen: () => this.missSendLen,
      emitPacketIn: (pi) => { for (const l of this.packetInListeners) l(pi); },
    });
    this.desc = {
      mfrDesc: 'sluice', hwDesc: 'sluice software switch', swDesc: 'sluice 0.1.0', serialNum: '',
      dpDesc: opts.description ?? `sluice datapath ${opts.dpid.toString(16).padStart(16, '0')}`,
    };
    if (opts.autoTick !== false) {
      this.timer = setInterval(() => this.tick(), 1000);
      this.timer.unref();
    }
  }

  private countFlows(pred: (e: FlowEntry) => boolean): number {
    let n = 0;
    for (const t of this.flows.tables) for (const e of t.entries) if (pred(e)) n++;
    return n;
  }

  // -------------------------------------------------------------------------------------------
  // Ports

  /** Adds a port (number: `portNo`, else the port's own, else the next free) and starts receiving. */
  addPort(port: Port, portNo?: number): number {
    let no = portNo ?? port.portNo;
    if (!(no >= 1 && no <= OFPP.MAX) || this.ports.has(no)) {
      if (portNo !== undefined) throw new RangeError(`port number ${portNo} is invalid or taken`);
      no = 1;
      while (this.ports.has(no)) no++;
    }
    const sp = new SwitchPort(port, no, this.clock());
    this.ports.set(no, sp);
    port.onFrames((burst) => this.receiveBurst(sp, burst));
    sp.unsubscribe = port.onStatus((e) => this.onPortEvent(sp, e));
    this.emitPortStatus(OFPPR.ADD, sp);
    return no;
  }

  removePort(portNo: number): void {
    const sp = this.ports.get(portNo);
    if (!sp) return;
    this.ports.delete(portNo);
    sp.unsubscribe?.();
    if (sp.port.lifecycle === 'open') sp.port.onFrames(undefined);
    this.emitPortStatus(OFPPR.DELETE, sp);
  }

  private onPortEvent(sp: SwitchPort, e: PortStatusEvent): void {
    if (e.reason === 'delete') this.removePort(sp.portNo);
    else this.emitPortStatus(OFPPR.MODIFY, sp);
  }

  private emitPortStatus(reason: number, sp: SwitchPort): void {
    const ps: PortStatus = { type: 'PORT_STATUS', xid: 0, reason, desc: sp.desc() };
    for (const l of this.portStatusListeners) l(ps);
  }

  // -------------------------------------------------------------------------------------------
  // Events

  onPacketIn(cb: (pi: PacketIn) => void): void { this.packetInListeners.push(cb); }
  onFlowRemoved(cb: (fr: FlowRemoved) => void): void { this.flowRemovedListeners.push(cb); }
  onPortStatus(cb: (ps: PortStatus) => void): void { this.portStatusListeners.push(cb); }

  // -------------------------------------------------------------------------------------------
  // Packets

  private receiveBurst(sp: SwitchPort, burst: FrameBurst): void {
    if ((sp.config & (OFPPC.NO_RECV | OFPPC.PORT_DOWN)) !== 0) {
      sp.rxDropped += burst.count;
      return;
    }
    this.pipeline.now = this.clock();
    for (let i = 0; i < burst.count; i++) this.process(sp.portNo, burst.frame(i));
  }

  /**
   * Injects a frame as if received on `inPort` (tests, demo); honours the port's config. The frame
   * is copied: actions rewrite headers in place and the caller keeps its bytes.
   */
  receive(inPort: number, frame: Uint8Array): void {
    const sp = this.ports.get(inPort);
    if (sp && (sp.config & (OFPPC.NO_RECV | OFPPC.PORT_DOWN)) !== 0) {
      sp.rxDropped++;
      return;
    }
    this.pipeline.now = this.clock();
    this.process(inPort, new Uint8Array(frame));
  }

  private process(inPort: number, frame: Uint8Array): void {
    const ctx = this.rxContext;
    try {
      ctx.reset(frame, inPort);
      if (this.configFlags === OFPC_FRAG.DROP && isIpv4Fragment(ctx, frame)) return;
      this.pipeline.run(ctx);
    } catch {
      this.internalErrors++;
    }
  }

  /** Ends flows whose timeouts passed; called every second (or by the owner with autoTick off). */
  tick(now = this.clock()): void {
    this.flows.expire(now);
  }

  // -------------------------------------------------------------------------------------------
  // Controller requests

  handle(msg: OfpMessage, raw: Buffer): OfpMessage[] {
    try {
      return this.dispatch(msg);
    } catch (err) {
      const e = err instanceof OfpRequestError ? err : ofpError(OFPET.BAD_REQUEST, OFPBRC.EPERM, String(err));
      if (!(err instanceof OfpRequestError)) this.internalErrors++;
      const reply: ErrorMsg = { type: 'ERROR', xid: msg.xid, errorType: e.type, code: e.code, data: Buffer.from(raw.subarray(0, 64)) };
      return [reply];
    }
  }

  private dispatch(msg: OfpMessage): OfpMessage[] {
    switch (msg.type) {
      case 'FLOW_MOD':
        this.flows.flowMod(msg);
        if (msg.bufferId !== OFP_NO_BUFFER && msg.command !== OFPFC.DELETE && msg.command !== OFPFC.DELETE_STRICT) {
          throw ofpError(OFPET.BAD_REQUEST, OFPBRC.BUFFER_UNKNOWN, `buffer ${msg.bufferId} (this switch buffers nothing)`);
        }
        return [];
      case 'GROUP_MOD': this.groups.groupMod(msg); return [];
      case 'METER_MOD': this.meters.meterMod(msg); return [];
      case 'PORT_MOD': this.portMod(msg); return [];
      case 'TABLE_MOD':
        if (msg.tableId >= this.nTables && msg.tableId !== OFPTT_ALL) throw ofpError(OFPET.TABLE_MOD_FAILED, OFPTMFC.BAD_TABLE, `table ${msg.tableId}`);
        if ((msg.config & ~OFPTC_DEPRECATED_MASK) !== 0) throw ofpError(OFPET.TABLE_MOD_FAILED, OFPTMFC.BAD_CONFIG, `config 0x${msg.config.toString(16)}`);
        for (const t of msg.tableId === OFPTT_ALL ? this.flows.tables : [this.flows.tables[msg.tableId]!]) t.config = msg.config;
        return [];
      case 'PACKET_OUT': this.packetOut(msg); return [];
      case 'MULTIPART_REQUEST':
        return multipartReplies(msg, {
          desc: this.desc, flows: this.flows, groups: this.groups, meters: this.meters, ports: this.ports,
          tableFeatures: () => (this.features ??= tableFeatures(this.nTables)), now: this.clock,
        });
      case 'FEATURES_REQUEST':
        return [{ type: 'FEATURES_REPLY', xid: msg.xid, datapathId: this.dpid, nBuffers: 0, nTables: this.nTables, auxiliaryId: 0, capabilities: CAPABILITIES, reserved: 0 }];
      case 'GET_CONFIG_REQUEST':
        return [{ type: 'GET_CONFIG_REPLY', xid: msg.xid, flags: this.configFlags, missSendLen: this.missSendLen }];
      case 'SET_CONFIG':
        if (msg.flags !== OFPC_FRAG.NORMAL && msg.flags !== OFPC_FRAG.DROP) throw ofpError(OFPET.SWITCH_CONFIG_FAILED, OFPSCFC.BAD_FLAGS, `flags 0x${msg.flags.toString(16)}`);
        this.configFlags = msg.flags;
        this.missSendLen = msg.missSendLen;
        return [];
      case 'QUEUE_GET_CONFIG_REQUEST': {
        const ports = msg.port === OFPP.ANY ? [...this.ports.keys()].sort((a, b) => a - b) : [msg.port];
        if (msg.port !== OFPP.ANY && !this.ports.has(msg.port)) throw ofpError(OFPET.QUEUE_OP_FAILED, OFPQOFC.BAD_PORT, `port ${msg.port}`);
        return [{ type: 'QUEUE_GET_CONFIG_REPLY', xid: msg.xid, port: msg.port, queues: ports.map((p) => ({ queueId: 0, port: p, properties: [] })) }];
      }
      case 'BARRIER_REQUEST':
        return [{ type: 'BARRIER_REPLY', xid: msg.xid }];
      case 'EXPERIMENTER':
        throw ofpError(OFPET.BAD_REQUEST, OFPBRC.BAD_EXPERIMENTER, `experimenter 0x${msg.experimenter.toString(16)}`);
      default:
        throw ofpError(OFPET.BAD_REQUEST, OFPBRC.BAD_TYPE, `the datapath does not handle ${msg.type}`);
    }
  }

  private packetOut(m: PacketOut): void {
    if (m.bufferId !== OFP_NO_BUFFER) throw ofpError(OFPET.BAD_REQUEST, OFPBRC.BUFFER_UNKNOWN, `buffer ${m.bufferId} (this switch buffers nothing)`);
    const inPortOk = (m.inPort >= 1 && m.inPort <= OFPP.MAX) || m.inPort === OFPP.CONTROLLER || m.inPort === OFPP.LOCAL || m.inPort === OFPP.ANY;
    if (!inPortOk) throw ofpError(OFPET.BAD_REQUEST, OFPBRC.BAD_PORT, `in_port 0x${m.inPort.toString(16)}`);
    const actions = compileActions(m.actions, { allowTable: true, groupExists: (id) => this.groups.has(id) });
    if (m.data.length < 14) throw ofpError(OFPET.BAD_REQUEST, OFPBRC.BAD_PACKET, `${m.data.length}-byte frame`);
    const ctx = new PacketContext(new Uint8Array(m.data), m.inPort);
    ctx.tableId = OFPTT_ALL;
    this.pipeline.now = this.clock();
    this.pipeline.applyList(ctx, actions);
  }

  private portMod(m: PortMod): void {
    const sp = this.ports.get(m.portNo);
    if (!sp) throw ofpError(OFPET.PORT_MOD_FAILED, OFPPMFC.BAD_PORT, `port ${m.portNo} does not exist`);
    if (sp.desc().hwAddr !== m.hwAddr.toLowerCase()) throw ofpError(OFPET.PORT_MOD_FAILED, OFPPMFC.BAD_HW_ADDR, `port ${m.portNo} is not ${m.hwAddr}`);
    if (((m.config | m.mask) & ~PORT_CONFIG_BITS) !== 0) throw ofpError(OFPET.PORT_MOD_FAILED, OFPPMFC.BAD_CONFIG, `config 0x${m.config.toString(16)} mask 0x${m.mask.toString(16)}`);
    const before = sp.config;
    sp.config = (sp.config & ~m.mask) | (m.config & m.mask);
    if (m.advertise !== 0) sp.advertised = m.advertise;
    if (sp.config !== before) this.emitPortStatus(OFPPR.MODIFY, sp);
  }

  /** Stops the timer and detaches from the ports (which stay open: their owner closes them). */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const sp of this.ports.values()) {
      sp.unsubscribe?.();
      if (sp.port.lifecycle === 'open') sp.port.onFrames(undefined);
    }
    this.ports.clear();
  }
}

function isIpv4Fragment(ctx: PacketContext, frame: Uint8Array): boolean {
  const k = ctx.key;
  if (k.l3Offset < 0 || ((k.bytes[O_ETH_TYPE]! << 8) | k.bytes[O_ETH_TYPE + 1]!) !== 0x0800) return false;
  return (((frame[k.l3Offset + 6]! << 8) | frame[k.l3Offset + 7]!) & 0x3fff) !== 0;
}
