/**
 * Datapaths: the connected switches, as the rest of the controller and the plugins see them.
 *
 * Contract between the OpenFlow server (which implements it) and everything above it. A
 * handle is valid while its switch is connected; after a reconnect of the same DPID a new
 * handle replaces it (the `datapath.connected` event fires again), so holders look handles
 * up by DPID instead of keeping them.
 */
import { Datapaths as DatapathsToken } from '../../core/kernel/tokens.js';
import type { FlowRemoved, OfpMessage } from '../../core/openflow/messages/index.js';
import type { PortDesc } from '../../core/openflow/port-desc.js';
import type { ErrorMsg, ExperimenterErrorMsg } from '../../core/openflow/messages/symmetric.js';

/** An OFPT_ERROR as a switch sends it: standard, or experimenter-defined. */
export type SwitchError = ErrorMsg | ExperimenterErrorMsg;

export type Dpid = bigint;

/** Canonical text form of a DPID, as OVS prints it: 16 lower-case hex digits. */
export function dpidToString(dpid: Dpid): string {
  return dpid.toString(16).padStart(16, '0');
}

export type ControllerRole = 'equal' | 'master' | 'slave';

export interface DatapathInfo {
  dpid: Dpid;
  /** Remote address as "ip:port". */
  address: string;
  nTables: number;
  nBuffers: number;
  capabilities: number;
  /** Ports by port_no, kept current from PORT_STATUS. */
  ports: ReadonlyMap<number, PortDesc>;
  role: ControllerRole;
  connectedAt: number;
}

/** A request the switch answered with OFPT_ERROR, or that timed out, or whose connection closed. */
export class DatapathRequestError extends Error {
  override readonly name = 'DatapathRequestError';
  constructor(
    readonly dpid: Dpid,
    /** The request that failed (the error names it). */
    readonly request: OfpMessage,
    readonly kind: 'error' | 'timeout' | 'disconnected',
    /** The switch's OFPT_ERROR when kind is 'error'. */
    readonly error?: SwitchError,
  ) {
    super(`${dpidToString(dpid)}: ${request.type} xid=${request.xid} failed: ${kind}` +
      (error ? ` (type ${error.errorType} code ${'code' in error ? error.code : `exp ${error.expType}`})` : ''));
  }
}

export interface DatapathHandle {
  readonly dpid: Dpid;
  readonly info: DatapathInfo;
  /** Sends without waiting; the xid is assigned when the message's xid is 0. Returns the xid. */
  send(msg: OfpMessage): number;
  /**
   * Sends a request and resolves with its reply (all parts of a multipart reply, in order).
   * Rejects with DatapathRequestError on OFPT_ERROR for this xid, timeout or disconnect.
   */
  request(msg: OfpMessage, opts?: { timeoutMs?: number }): Promise<OfpMessage[]>;
  /** Resolves when every message sent before it has been processed (BARRIER_REQUEST/REPLY). */
  barrier(opts?: { timeoutMs?: number }): Promise<void>;
  /**
   * OFPT_ROLE_REQUEST (OF1.3.5 §6.3.5): asks to become equal, master or slave. For master and
   * slave the generation id orders competing controllers; by default a fresh, increasing one
   * is used. Resolves with the role the switch confirmed.
   */
  requestRole(role: ControllerRole, generationId?: bigint): Promise<{ role: ControllerRole; generationId: bigint }>;
  readonly connected: boolean;
}

export interface Datapaths {
  list(): DatapathHandle[];
  get(dpid: Dpid): DatapathHandle | undefined;
}
export const Datapaths = DatapathsToken;

/** Events the OpenFlow server puts on the bus (see SluiceEvents augmentation below). */
export interface DatapathEvent { dpid: Dpid }
export interface PortStatusEvent extends DatapathEvent { reason: 'add' | 'delete' | 'modify'; port: PortDesc }
export interface SwitchErrorEvent extends DatapathEvent {
  error: SwitchError;
  /** The request that caused it, when the xid matched one we sent. */
  request?: OfpMessage;
}

export interface FlowRemovedEvent extends DatapathEvent { message: FlowRemoved }

declare module '../../core/kernel/sluice-events.js' {
  interface SluiceEvents {
    'datapath.connected': DatapathEvent;
    'datapath.disconnected': DatapathEvent;
    'datapath.port-status': PortStatusEvent;
    'datapath.error': SwitchErrorEvent;
    'datapath.flow-removed': FlowRemovedEvent;
  }
}
