/**
 * DatapathRegistry: the Datapaths service. One current Datapath per DPID.
 *
 * A switch that reconnects (same DPID, new connection) replaces its old entry: the old
 * connection is closed, its pending requests fail with `disconnected`, `datapath.disconnected`
 * is emitted for it, then `datapath.connected` for the new one. The old connection closing
 * later does not touch the new entry (identity, not DPID, decides).
 *
 * PACKET_IN is the hot path: the frame is decoded once with decodePacket into a
 * PacketInContext and dispatched through the PacketIns chain synchronously.
 */
import type { Clock } from '../../core/kernel/clock.js';
import type { EventBus } from '../../core/kernel/event-bus.js';
import type { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import type { FlowRemoved, OfpMessage, PacketIn } from '../../core/openflow/messages/index.js';
import type { PortDesc } from '../../core/openflow/port-desc.js';
import { decodePacket } from '../../core/packet/packet.js';
import type { Logger } from '../../core/telemetry/logger.js';
import type { Metrics } from '../../core/telemetry/metrics.js';
import { dpidToString, type Datapaths, type Dpid, type PortStatusEvent, type SwitchError } from '../services/datapaths.js';
import type { PacketInContext } from '../services/packet-in-context.js';
import type { Datapath, DatapathListener } from './datapath.js';
import { ERROR_TYPE_NAMES } from './error-names.js';

export interface DatapathRegistryDeps {
  events: EventBus<SluiceEvents>;
  packetIns: PacketInChain<PacketInContext>;
  log: Logger;
  clock: Clock;
  metrics: Metrics;
}

export class DatapathRegistry implements Datapaths, DatapathListener {
  private readonly current = new Map<Dpid, Datapath>();
  private readonly packetInCount;
  private readonly packetInUnparsed;
  private readonly switchErrors;
  private readonly connectedGauge;

  constructor(private readonly deps: DatapathRegistryDeps) {
    const m = deps.metrics;
    this.packetInCount = m.counter({ name: 'sluice_controller_packet_in_total', help: 'PACKET_IN messages received' });
    this.packetInUnparsed = m.counter({ name: 'sluice_controller_packet_in_unparsed_total', help: 'PACKET_INs whose frame had no readable Ethernet header' });
    this.switchErrors = m.counter({ name: 'sluice_controller_switch_errors_total', help: 'OFPT_ERROR messages from switches', labelNames: ['type'] });
    this.connectedGauge = m.gauge({ name: 'sluice_controller_datapaths', help: 'connected datapaths' });
  }

  list(): Datapath[] {
    return [...this.current.values()];
  }

  get(dpid: Dpid): Datapath | undefined {
    return this.current.get(dpid);
  }

  /** Makes a handshaken datapath current for its DPID, replacing any previous connection. */
  register(dp: Datapath): void {
    const dpid = dp.dpid;
    const old = this.current.get(dpid);
    if (old !== undefined && old !== dp) {
      this.deps.log.info('datapath reconnected; replacing the old connection', { dpid: dpidToString(dpid), old: old.channel.address, new: dp.channel.address });
      this.unregister(old, 'replaced by a new connection');
      old.close('replaced by a new connection of the same DPID');
    }
    this.current.set(dpid, dp);
    dp.listener = this;
    dp.channel.onClose((reason) => this.unregister(dp, reason));
    this.connectedGauge.set(this.current.size);
    this.deps.log.info('datapath connected', { dpid: dpidToString(dpid), address: dp.channel.address, ports: dp.info.ports.size, nTables: dp.info.nTables });
    this.deps.events.emit('datapath.connected', { dpid });
  }

  /** Closes every connection (controller shutdown). */
  closeAll(reason: string): void {
    for (const dp of [...this.current.values()]) dp.close(reason);
  }

  private unregister(dp: Datapath, reason: string): void {
    const dpid = dp.dpid;
    if (this.current.get(dpid) !== dp) return;
    this.current.delete(dpid);
    dp.listener = undefined;
    this.connectedGauge.set(this.current.size);
    this.deps.log.info('datapath disconnected', { dpid: dpidToString(dpid), reason });
    this.deps.events.emit('datapath.disconnected', { dpid });
  }

  // --- DatapathListener ---------------------------------------------------------------

  packetIn(dp: Datapath, message: PacketIn): void {
    this.packetInCount.inc();
    let packet;
    try {
      packet = decodePacket(message.data);
    } catch {
      // Not even an Ethernet header: nothing a processor could use.
      this.packetInUnparsed.inc();
      return;
    }
    let inPort = 0;
    for (const f of message.match.fields) if (f.field === 'in_port') inPort = f.value;
    const context: PacketInContext = { datapath: dp, inPort, message, packet, now: this.deps.clock.now() };
    this.deps.packetIns.dispatch(context);
  }

  portStatus(dp: Datapath, reason: PortStatusEvent['reason'], port: PortDesc): void {
    this.deps.log.debug('port status', { dpid: dpidToString(dp.dpid), reason, port: port.portNo, name: port.name, state: port.state });
    this.deps.events.emit('datapath.port-status', { dpid: dp.dpid, reason, port });
  }

  switchError(dp: Datapath, error: SwitchError, request: OfpMessage | undefined): void {
    const typeName = ERROR_TYPE_NAMES[error.errorType] ?? String(error.errorType);
    this.switchErrors.inc({ type: typeName });
    this.deps.log.warn('switch reported an error', {
      dpid: dpidToString(dp.dpid),
      errorType: typeName,
      code: 'code' in error ? error.code : undefined,
      xid: error.xid,
      request: request?.type ?? '(unknown xid)',
    });
    this.deps.events.emit('datapath.error', { dpid: dp.dpid, error, ...(request === undefined ? {} : { request }) });
  }

  flowRemoved(dp: Datapath, message: FlowRemoved): void {
    this.deps.events.emit('datapath.flow-removed', { dpid: dp.dpid, message });
  }
}
