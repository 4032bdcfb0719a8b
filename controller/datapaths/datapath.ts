/**
 * Datapath: one connected switch, the DatapathHandle the rest of the controller holds.
 *
 * It runs the controller side of the handshake over an open OfChannel (OF1.3.5 §6.3.1–§7.3):
 * FEATURES_REQUEST for the DPID and table count, an OFPMP_PORT_DESC multipart for the ports,
 * SET_CONFIG with miss_send_len = OFPCML_NO_BUFFER so packet-ins carry whole frames (the
 * packet-in chain parses them; buffered packets would tie flows to switch memory we cannot
 * see), and a barrier that confirms the switch took all of it. After that it keeps `ports`
 * current from PORT_STATUS and hands PACKET_INs, port changes and errors to its listener.
 */
import { OFPCR_ROLE, OFPPR } from '../../core/openflow/constants.js';
import { OFPCML_NO_BUFFER } from '../../core/openflow/actions.js';
import type { FlowRemoved, OfpMessage, PacketIn } from '../../core/openflow/messages/index.js';
import type { PortDesc } from '../../core/openflow/port-desc.js';
import type { OfChannel } from '../openflow/of-channel.js';
import type {
  ControllerRole, DatapathHandle, DatapathInfo, Dpid, PortStatusEvent, SwitchError,
} from '../services/datapaths.js';

export interface DatapathListener {
  packetIn(dp: Datapath, msg: PacketIn): void;
  portStatus(dp: Datapath, reason: PortStatusEvent['reason'], port: PortDesc): void;
  switchError(dp: Datapath, error: SwitchError, request: OfpMessage | undefined): void;
  flowRemoved(dp: Datapath, msg: FlowRemoved): void;
}

const ROLE_WIRE: Record<ControllerRole, number> = { equal: OFPCR_ROLE.EQUAL, master: OFPCR_ROLE.MASTER, slave: OFPCR_ROLE.SLAVE };
const ROLE_NAME = new Map<number, ControllerRole>(Object.entries(ROLE_WIRE).map(([k, v]) => [v, k as ControllerRole]));
const PORT_REASON: Record<number, PortStatusEvent['reason']> = { [OFPPR.ADD]: 'add', [OFPPR.DELETE]: 'delete', [OFPPR.MODIFY]: 'modify' };

/** Generation ids for role requests: increasing across restarts too, since they start from the wall clock. */
let lastGeneration = 0n;
function nextGenerationId(): bigint {
  const now = BigInt(Date.now()) << 16n;
  lastGeneration = now > lastGeneration ? now : lastGeneration + 1n;
  return lastGeneration;
}

export class Datapath implements DatapathHandle {
  private readonly ports = new Map<number, PortDesc>();
  private features: { dpid: Dpid; nTables: number; nBuffers: number; capabilities: number } | undefined;
  private role: ControllerRole = 'equal';
  private connectedAt = 0;
  /** Set by the registry once this datapath is the current one for its DPID. */
  listener: DatapathListener | undefined;

  constructor(readonly channel: OfChannel) {
    channel.onMessage = (msg) => this.receive(msg);
    channel.onSwitchError = (error, request) => this.listener?.switchError(this, error, request);
  }

  get dpid(): Dpid {
    if (this.features === undefined) throw new Error('datapath has no DPID before its handshake');
    return this.features.dpid;
  }

  get info(): DatapathInfo {
    const f = this.features;
    if (f === undefined) throw new Error('datapath has no features before its handshake');
    return {
      dpid: f.dpid, address: this.channel.address, nTables: f.nTables, nBuffers: f.nBuffers,
      capabilities: f.capabilities, ports: this.ports, role: this.role, connectedAt: this.connectedAt,
    };
  }

  get connected(): boolean {
    return !this.channel.closed;
  }

  /** The controller half of the handshake; resolves when the switch is ready for flows. */
  async handshake(now: number): Promise<void> {
    await this.channel.whenOpen();
    const [features] = await this.channel.request({ type: 'FEATURES_REQUEST', xid: 0 });
    if (features?.type !== 'FEATURES_REPLY') throw new Error(`expected FEATURES_REPLY, got ${features?.type}`);
    if (features.auxiliaryId !== 0) throw new Error(`auxiliary connection ${features.auxiliaryId} is not supported`);
    this.features = { dpid: features.datapathId, nTables: features.nTables, nBuffers: features.nBuffers, capabilities: features.capabilities };
    this.channel.dpid = features.datapathId;
    const parts = await this.channel.request({ type: 'MULTIPART_REQUEST', xid: 0, flags: 0, body: { mpType: 'PORT_DESC' } });
    for (const part of parts) {
      if (part.type === 'MULTIPART_REPLY' && part.body.mpType === 'PORT_DESC') {
        for (const p of part.body.ports) this.ports.set(p.portNo, p);
      }
    }
    this.channel.sendTracked({ type: 'SET_CONFIG', xid: 0, flags: 0, missSendLen: OFPCML_NO_BUFFER });
    await this.channel.barrier();
    this.connectedAt = now;
  }

  send(msg: OfpMessage): number {
    return this.channel.sendTracked(msg);
  }

  request(msg: OfpMessage, opts: { timeoutMs?: number } = {}): Promise<OfpMessage[]> {
    return this.channel.request(msg, opts.timeoutMs);
  }

  barrier(opts: { timeoutMs?: number } = {}): Promise<void> {
    return this.channel.barrier(opts.timeoutMs);
  }

  async requestRole(role: ControllerRole, generationId?: bigint): Promise<{ role: ControllerRole; generationId: bigint }> {
    const gen = generationId ?? nextGenerationId();
    const [reply] = await this.channel.request({ type: 'ROLE_REQUEST', xid: 0, role: ROLE_WIRE[role], generationId: gen });
    if (reply?.type !== 'ROLE_REPLY') throw new Error(`expected ROLE_REPLY, got ${reply?.type}`);
    const confirmed = ROLE_NAME.get(reply.role);
    if (confirmed === undefined) throw new Error(`switch answered with unknown role ${reply.role}`);
    this.role = confirmed;
    return { role: confirmed, generationId: reply.generationId };
  }

  close(reason: string): void {
    this.channel.close(reason);
  }

  private receive(msg: OfpMessage): void {
    const l = this.listener;
    switch (msg.type) {
      case 'PACKET_IN':
        l?.packetIn(this, msg);
        return;
      case 'PORT_STATUS': {
        const reason = PORT_REASON[msg.reason] ?? 'modify';
        if (reason === 'delete') this.ports.delete(msg.desc.portNo);
        else this.ports.set(msg.desc.portNo, msg.desc);
        l?.portStatus(this, reason, msg.desc);
        return;
      }
      case 'FLOW_REMOVED':
        l?.flowRemoved(this, msg);
        return;
      default:
        return; // replies that nobody waits for any more (timed out) end here
    }
  }
}
