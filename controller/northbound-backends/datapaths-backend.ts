/**
 * The northbound's Datapaths face over the controller's Datapaths service.
 *
 * Two things the service does not keep and the API promises, so this adapter keeps them:
 * - switches that went away stay listed (connected = false) with their last known facts, so an
 *   operator sees "s3 disconnected" instead of s3 silently vanishing;
 * - the ofp_desc strings, asked for once per connection (OFPMP_DESC) and cached.
 */
import type { EventBus } from '../../core/kernel/event-bus.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { decodeMessage } from '../../core/openflow/codec.js';
import type { MultipartReply } from '../../core/openflow/messages/multipart.js';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import { OFPP, type PortDesc } from '../../core/openflow/port-desc.js';
import type { Logger } from '../../core/telemetry/logger.js';
import { FieldViolationError, NotFoundError, UnavailableError } from '../northbound/backend-errors.js';
import type {
  DatapathInfo, DatapathsBackend, Dpid, PortInfo, PortStatsInfo, SendRawResult,
} from '../northbound/backend.js';
import { formatDpid } from '../northbound/dpid-text.js';
import type { DatapathHandle, Datapaths } from '../services/datapaths.js';

const REQUEST_TIMEOUT_MS = 5000;

interface Description {
  manufacturer: string;
  hardware: string;
  software: string;
  serialNumber: string;
  description: string;
}

const NO_DESCRIPTION: Description = { manufacturer: '', hardware: '', software: '', serialNumber: '', description: '' };

interface Remembered {
  info: DatapathInfo;
  ports: PortInfo[];
}

export function portInfoOf(p: PortDesc): PortInfo {
  return {
    portNo: p.portNo, name: p.name, hwAddr: p.hwAddr, config: p.config, state: p.state, curr: p.curr,
    advertised: p.advertised, supported: p.supported, peer: p.peer, currSpeed: p.currSpeed, maxSpeed: p.maxSpeed,
  };
}

export class DatapathsAdapter implements DatapathsBackend {
  private readonly descriptions = new Map<Dpid, Description>();
  /** Last view of switches that disconnected, until they come back. */
  private readonly gone = new Map<Dpid, Remembered>();
  /** Each connected switch as last listed, so a disconnect can be remembered. */
  private readonly lastSeen = new Map<Dpid, Remembered>();
  private readonly disposers: Array<() => void> = [];

  constructor(
    private readonly datapaths: Datapaths,
    private readonly events: EventBus<SluiceEvents>,
    private readonly log: Logger,
  ) {
    const connected = events.on('datapath.connected', ({ dpid }) => {
      this.gone.delete(dpid);
      this.fetchDescription(dpid);
    });
    const disconnected = events.on('datapath.disconnected', ({ dpid }) => {
      // The handle is already out of the registry; remember what we last showed for it.
      const last = this.lastSeen.get(dpid);
      if (last) this.gone.set(dpid, { info: { ...last.info, connected: false }, ports: last.ports });
    });
    this.disposers.push(() => connected.dispose(), () => disconnected.dispose());
    for (const dp of datapaths.list()) this.fetchDescription(dp.dpid);
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
  }

  list(): readonly DatapathInfo[] {
    const out = new Map<Dpid, DatapathInfo>();
    for (const [dpid, r] of this.gone) out.set(dpid, r.info);
    for (const dp of this.datapaths.list()) out.set(dp.dpid, this.remember(dp).info);
    return [...out.values()].sort((a, b) => (a.dpid < b.dpid ? -1 : a.dpid > b.dpid ? 1 : 0));
  }

  get(dpid: Dpid): DatapathInfo | undefined {
    const dp = this.datapaths.get(dpid);
    if (dp) return this.remember(dp).info;
    return this.gone.get(dpid)?.info;
  }

  ports(dpid: Dpid): readonly PortInfo[] | undefined {
    const dp = this.datapaths.get(dpid);
    if (dp) return this.remember(dp).ports;
    return this.gone.get(dpid)?.ports;
  }

  async portStats(dpid: Dpid, portNo: number | undefined): Promise<readonly PortStatsInfo[]> {
    const dp = this.connected(dpid);
    let replies: OfpMessage[];
    try {
      replies = await dp.request(
        { type: 'MULTIPART_REQUEST', xid: 0, flags: 0, body: { mpType: 'PORT_STATS', portNo: portNo ?? OFPP.ANY } },
        { timeoutMs: REQUEST_TIMEOUT_MS },
      );
    } catch (err) {
      throw new UnavailableError(`${formatDpid(dpid)}: port stats request failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const out: PortStatsInfo[] = [];
    for (const r of replies) {
      if (r.type === 'MULTIPART_REPLY' && r.body.mpType === 'PORT_STATS') out.push(...r.body.stats);
    }
    return out.sort((a, b) => a.portNo - b.portNo);
  }

  async sendRaw(dpid: Dpid, message: Buffer, options: { barrier: boolean }): Promise<SendRawResult> {
    const dp = this.connected(dpid);
    // The northbound already checked version and length; decoding gives the handle a message
    // it can frame and track, and anything the codec cannot read is refused before the wire.
    let decoded: OfpMessage;
    try {
      decoded = decodeMessage(message);
    } catch (err) {
      throw new FieldViolationError([{ field: 'message', description: err instanceof Error ? err.message : String(err) }]);
    }
    const xid = dp.send(decoded);
    if (!options.barrier) return { xid };
    let error: SendRawResult['error'];
    const watch = this.events.on('datapath.error', (e) => {
      if (e.dpid === dpid && e.error.xid === xid && error === undefined) {
        error = { type: e.error.errorType, code: 'code' in e.error ? e.error.code : 0, data: Buffer.from(e.error.data) };
      }
    });
    try {
      await dp.barrier({ timeoutMs: REQUEST_TIMEOUT_MS });
    } catch (err) {
      throw new UnavailableError(`${formatDpid(dpid)}: no barrier reply: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      watch.dispose();
    }
    return error === undefined ? { xid } : { xid, error };
  }

  private connected(dpid: Dpid): DatapathHandle {
    const dp = this.datapaths.get(dpid);
    if (dp?.connected) return dp;
    if (dp || this.gone.has(dpid)) throw new UnavailableError(`datapath ${formatDpid(dpid)} is not connected`);
    throw new NotFoundError('datapath', formatDpid(dpid));
  }

  private remember(dp: DatapathHandle): Remembered {
    const i = dp.info;
    const ports = [...i.ports.values()].map(portInfoOf).sort((a, b) => a.portNo - b.portNo);
    const info: DatapathInfo = {
      dpid: dp.dpid,
      connected: dp.connected,
      remoteAddress: i.address,
      connectedSince: new Date(i.connectedAt),
      nBuffers: i.nBuffers,
      nTables: i.nTables,
      capabilities: i.capabilities,
      ...(this.descriptions.get(dp.dpid) ?? NO_DESCRIPTION),
      portCount: ports.length,
    };
    const r = { info, ports };
    this.lastSeen.set(dp.dpid, r);
    return r;
  }

  private fetchDescription(dpid: Dpid): void {
    const dp = this.datapaths.get(dpid);
    if (!dp) return;
    dp.request({ type: 'MULTIPART_REQUEST', xid: 0, flags: 0, body: { mpType: 'DESC' } }, { timeoutMs: REQUEST_TIMEOUT_MS }).then(
      (replies) => {
        const reply = replies.find((r): r is MultipartReply => r.type === 'MULTIPART_REPLY' && r.body.mpType === 'DESC');
        if (reply?.body.mpType !== 'DESC') return;
        const d = reply.body;
        this.descriptions.set(dpid, {
          manufacturer: d.mfrDesc, hardware: d.hwDesc, software: d.swDesc, serialNumber: d.serialNum, description: d.dpDesc,
        });
      },
      (err: unknown) => {
        this.log.debug('switch description request failed', { dpid: formatDpid(dpid), reason: err instanceof Error ? err.message : String(err) });
      },
    );
  }
}
