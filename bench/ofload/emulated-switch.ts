/**
 * EmulatedSwitch: the switch side of one OpenFlow 1.3 connection, for load generation (what
 * cbench does in C). It answers the handshake any controller runs (FEATURES, PORT_DESC, flow
 * stats, barriers, echoes, roles) and then fires PACKET_INs as fast as a window allows.
 *
 * Each PACKET_IN carries a unique buffer_id, as cbench's do, so the controller's answer (a
 * FLOW_MOD or PACKET_OUT naming that buffer) pairs with it exactly: that gives per-packet
 * latency, and a window of outstanding packet-ins that a slow controller cannot overrun. An
 * answer without a buffer id (OFP_NO_BUFFER) completes the oldest outstanding one.
 */
import { connect, type Socket } from 'node:net';
import { decodeMessage, encodeMessage } from '../../core/openflow/codec.js';
import { OFP_NO_BUFFER } from '../../core/openflow/constants.js';
import { OfpFramer } from '../../core/openflow/framing.js';
import { versionBitmapElement } from '../../core/openflow/hello-elements.js';
import type { OfpMessage, PacketIn } from '../../core/openflow/messages/index.js';
import { OfpWriter } from '../../core/openflow/ofp-writer.js';
import type { PortDesc } from '../../core/openflow/port-desc.js';

export const EMULATED_PORTS = 4;

const OFPP_CONTROLLER = 0xfffffffd;
const OFPP_FLOOD = 0xfffffffb;
const OFPP_ALL = 0xfffffffc;

/** True when a PACKET_OUT's actions output to FLOOD/ALL or to more than one port. */
function floods(raw: Buffer): boolean {
  const end = Math.min(raw.length, 24 + raw.readUInt16BE(16));
  let outputs = 0;
  for (let at = 24; at + 8 <= end;) {
    const type = raw.readUInt16BE(at);
    const len = raw.readUInt16BE(at + 2);
    if (len < 8) break;
    if (type === 0 && at + 8 <= end) {
      const port = raw.readUInt32BE(at + 4);
      if (port === OFPP_FLOOD || port === OFPP_ALL) return true;
      outputs++;
    }
    at += len;
  }
  return outputs > 1;
}

function portDesc(portNo: number): PortDesc {
  return {
    portNo, hwAddr: `0a:00:00:00:00:${portNo.toString(16).padStart(2, '0')}`, name: `eth${portNo}`, config: 0, state: 4,
    curr: 0, advertised: 0, supported: 0, peer: 0, currSpeed: 10_000_000, maxSpeed: 10_000_000,
  };
}

/**
 * 60-byte IPv4/UDP frame from host `src` to host `dst` of switch `sw`, well formed at every
 * layer (a UDP length of 0 made every packet-in a decode error, which a controller that parses
 * the frame pays for and a C learning switch never notices).
 */
export function frameFor(sw: number, src: number, dst: number): Buffer {
  const f = Buffer.alloc(60);
  const mac = (host: number, at: number) => {
    f[at] = 0x02; f[at + 1] = 0; f[at + 2] = sw & 0xff; f[at + 3] = (host >> 16) & 0xff; f[at + 4] = (host >> 8) & 0xff; f[at + 5] = host & 0xff;
  };
  mac(dst, 0);
  mac(src, 6);
  f.writeUInt16BE(0x0800, 12);
  f[14] = 0x45; f.writeUInt16BE(46, 16); f[22] = 64; f[23] = 17;
  f.writeUInt32BE(0x0a000000 | src, 26);
  f.writeUInt32BE(0x0a000000 | dst, 30);
  // UDP 9/discard both ways, length = the 26 bytes the IPv4 total length leaves, no checksum.
  f.writeUInt16BE(9, 34); f.writeUInt16BE(9, 36); f.writeUInt16BE(26, 38);
  return f;
}

export interface LoadCounters {
  packetIns: number;
  flowMods: number;
  packetOuts: number;
  /** PACKET_OUTs that flood: OUTPUT to FLOOD/ALL, or to more than one port. */
  floodOuts: number;
  /** Packet-ins answered (each counts once, however many messages answered it). */
  answered: number;
  latencyNs: number[];
}

export class EmulatedSwitch {
  readonly counters: LoadCounters = { packetIns: 0, flowMods: 0, packetOuts: 0, floodOuts: 0, answered: 0, latencyNs: [] };
  /** buffer_id → send time (ns), in send order. */
  private readonly outstanding = new Map<number, bigint>();
  private readonly framer = new OfpFramer();
  private readonly out = new OfpWriter(64 * 1024);
  private nextBuffer = 1;
  private seq = 0;
  private running = false;
  private measuring = false;
  private readyResolve!: () => void;
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  private readonly frames: Buffer[];
  /** Packet-ins answered since start(), warm-up included (never reset). */
  answeredTotal = 0;

  private constructor(
    private readonly socket: Socket,
    readonly index: number,
    readonly dpid: bigint,
    private readonly macs: number,
    private readonly window: number,
  ) {
    // Host k sends to host k+1; after one round every destination is learned.
    this.frames = Array.from({ length: macs }, (_, k) => frameFor(index, k, (k + 1) % macs));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const raw of this.framer.push(chunk)) this.receive(raw);
      this.flush();
    });
    socket.on('error', () => {});
    this.push({ type: 'HELLO', xid: 1, version: 4, elements: [versionBitmapElement([4])] });
    this.flush();
  }

  static async connect(host: string, port: number, index: number, macs: number, window: number): Promise<EmulatedSwitch> {
    const socket = connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new EmulatedSwitch(socket, index, BigInt(0x0f00 + index), macs, window);
  }

  /** Starts sending (warm-up: answers are not counted yet). */
  start(): void {
    this.running = true;
    this.fill();
    this.flush();
  }

  /** Starts counting from zero. */
  measure(): void {
    Object.assign(this.counters, { packetIns: 0, flowMods: 0, packetOuts: 0, floodOuts: 0, answered: 0, latencyNs: [] });
    this.measuring = true;
  }

  /**
   * Stops sending; answers still in flight are no longer counted. Returns how many outstanding
   * packet-ins are older than `staleMs`: ones the controller dropped (each holds a window slot
   * for good, so a controller that drops packet-ins runs on a smaller window).
   */
  stop(staleMs = 1000): number {
    this.running = false;
    this.measuring = false;
    const before = process.hrtime.bigint() - BigInt(staleMs) * 1_000_000n;
    let stale = 0;
    for (const sentAt of this.outstanding.values()) if (sentAt < before) stale++;
    return stale;
  }

  close(): void {
    this.socket.destroy();
  }

  private push(msg: OfpMessage): void {
    encodeMessage(msg, this.out);
  }

  private flush(): void {
    if (this.out.pos === 0) return;
    this.socket.write(this.out.toBuffer());
    this.out.reset();
  }

  private fill(): void {
    while (this.running && this.outstanding.size < this.window) this.sendPacketIn();
  }

  private sendPacketIn(): void {
    const k = this.seq++ % this.macs;
    const bufferId = this.nextBuffer;
    this.nextBuffer = this.nextBuffer >= 0x7fffffff ? 1 : this.nextBuffer + 1;
    const data = this.frames[k]!;
    const msg: PacketIn = {
      type: 'PACKET_IN', xid: 0, bufferId, totalLen: data.length, reason: 0, tableId: 0, cookie: 0n,
      match: { fields: [{ field: 'in_port', value: 1 + (k % EMULATED_PORTS) }] }, data,
    };
    this.push(msg);
    this.outstanding.set(bufferId, process.hrtime.bigint());
    this.counters.packetIns++;
  }

  private answer(bufferId: number): void {
    let sentAt: bigint | undefined;
    if (bufferId !== OFP_NO_BUFFER) {
      sentAt = this.outstanding.get(bufferId);
      if (sentAt !== undefined) this.outstanding.delete(bufferId);
    } else {
      const oldest = this.outstanding.entries().next();
      if (!oldest.done) {
        sentAt = oldest.value[1];
        this.outstanding.delete(oldest.value[0]);
      }
    }
    if (sentAt === undefined) return;
    this.answeredTotal++;
    if (this.measuring) {
      this.counters.answered++;
      if ((this.counters.answered & 15) === 0) this.counters.latencyNs.push(Number(process.hrtime.bigint() - sentAt));
    }
    this.fill();
  }

  private receive(raw: Buffer): void {
    // Fast path: classify FLOW_MOD / PACKET_OUT by header and read buffer_id at its fixed offset
    // (ofp_flow_mod: 8+8+8+1+1+2+2+2 = 32; ofp_packet_out: 8), as a switch's agent would.
    const type = raw[1];
    if (type === 14) {
      if (this.measuring) this.counters.flowMods++;
      const bufferId = raw.readUInt32BE(32);
      // Table-miss and other unsolicited flow-mods carry no buffer: they answer nothing.
      if (bufferId !== OFP_NO_BUFFER) this.answer(bufferId);
      return;
    }
    if (type === 13) {
      // ofp_packet_out: buffer_id at 8, in_port at 12, actions_len at 16, actions from 24.
      // A packet-out from the controller's own port (an LLDP probe) answers no packet-in.
      if (raw.readUInt32BE(12) === OFPP_CONTROLLER) return;
      if (this.measuring) {
        this.counters.packetOuts++;
        if (floods(raw)) this.counters.floodOuts++;
      }
      this.answer(raw.readUInt32BE(8));
      return;
    }
    let msg: OfpMessage;
    try {
      msg = decodeMessage(raw);
    } catch {
      return;
    }
    switch (msg.type) {
      case 'FEATURES_REQUEST':
        this.readyResolve();
        this.push({ type: 'FEATURES_REPLY', xid: msg.xid, datapathId: this.dpid, nBuffers: 256, nTables: 254, auxiliaryId: 0, capabilities: 0x47, reserved: 0 });
        return;
      case 'MULTIPART_REQUEST':
        if (msg.body.mpType === 'PORT_DESC') {
          this.push({ type: 'MULTIPART_REPLY', xid: msg.xid, flags: 0, body: { mpType: 'PORT_DESC', ports: Array.from({ length: EMULATED_PORTS }, (_, i) => portDesc(i + 1)) } });
        } else if (msg.body.mpType === 'FLOW') {
          this.push({ type: 'MULTIPART_REPLY', xid: msg.xid, flags: 0, body: { mpType: 'FLOW', stats: [] } });
        } else if (msg.body.mpType === 'DESC') {
          this.push({ type: 'MULTIPART_REPLY', xid: msg.xid, flags: 0, body: { mpType: 'DESC', mfrDesc: 'sluice', hwDesc: 'ofload', swDesc: 'ofload', serialNum: String(this.index), dpDesc: 'emulated' } });
        }
        return;
      case 'BARRIER_REQUEST':
        this.push({ type: 'BARRIER_REPLY', xid: msg.xid });
        return;
      case 'ECHO_REQUEST':
        this.push({ type: 'ECHO_REPLY', xid: msg.xid, data: msg.data });
        return;
      case 'ROLE_REQUEST':
        this.push({ type: 'ROLE_REPLY', xid: msg.xid, role: msg.role, generationId: msg.generationId });
        return;
      case 'GET_CONFIG_REQUEST':
        this.push({ type: 'GET_CONFIG_REPLY', xid: msg.xid, flags: 0, missSendLen: 128 });
        return;
      default:
        return;
    }
  }
}
