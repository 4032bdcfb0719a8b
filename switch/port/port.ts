/**
 * The switch's view of a port: a place frames come from in bursts and go to, with the link
 * facts and counters an OpenFlow switch reports (ofp_port, ofp_port_status, ofp_port_stats).
 *
 * Implementations: `AfPacketPort` (a Linux interface through the native addon) and
 * `MemoryPort` (an in-process patch cable for the embedded demo and tests). Both deliver
 * received frames on the Node event loop, never synchronously from `send`.
 *
 * Ownership of bytes: a `FrameBurst` handed to `onFrames` is a view over a buffer the port
 * reuses; it and every `frame(i)` view are valid only until the callback returns. Copy what
 * must outlive it. Frames passed to `send`/`sendBurst` are copied before the call returns.
 */

/** Frames packed in one buffer; frame i is `data[offset(i), offset(i) + length(i))`. */
export interface FrameBurst {
  readonly count: number;
  readonly data: Uint8Array;
  offset(i: number): number;
  length(i: number): number;
  /** A view (no copy) of frame i. */
  frame(i: number): Uint8Array;
}

/** ofp_port_stats counters (OpenFlow 1.3.5 §7.3.5.6), camelCased. */
export interface PortCounters {
  rxPackets: number;
  txPackets: number;
  rxBytes: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
  rxErrors: number;
  txErrors: number;
  rxFrameErr: number;
  rxOverErr: number;
  rxCrcErr: number;
  collisions: number;
}

export function zeroCounters(): PortCounters {
  return {
    rxPackets: 0, txPackets: 0, rxBytes: 0, txBytes: 0, rxDropped: 0, txDropped: 0,
    rxErrors: 0, txErrors: 0, rxFrameErr: 0, rxOverErr: 0, rxCrcErr: 0, collisions: 0,
  };
}

/** The link facts behind ofp_port's config, state and speed fields. */
export interface PortLink {
  /** Administratively up (IFF_UP); false maps to OFPPC_PORT_DOWN. */
  readonly adminUp: boolean;
  /** Carrier present and operationally up; false maps to OFPPS_LINK_DOWN. */
  readonly linkUp: boolean;
  readonly mtu: number;
  /** 6 bytes. */
  readonly hwAddr: Uint8Array;
  /** Current bit rate in kbps (ofp_port.curr_speed); 0 when unknown. */
  readonly speedKbps: number;
}

/**
 * `open`: frames flow. `removed`: the interface went away underneath us (deleted, moved to
 * another namespace, cable unplugged from a memory port); the port never comes back.
 * `closed`: the owner called close().
 */
export type PortLifecycle = 'open' | 'removed' | 'closed';

/** Mirrors OFPPR_MODIFY / OFPPR_DELETE; OFPPR_ADD is the switch's business when it opens a port. */
export type PortStatusEvent =
  | { readonly reason: 'modify'; readonly link: PortLink; readonly previous: PortLink }
  | { readonly reason: 'delete'; readonly link: PortLink };

export type FrameHandler = (burst: FrameBurst) => void;
export type StatusHandler = (event: PortStatusEvent) => void;

export interface Port {
  /** Interface name (ofp_port.name). */
  readonly name: string;
  /** OpenFlow port number given by the switch that owns the port. */
  readonly portNo: number;
  readonly hwAddr: Uint8Array;
  readonly mtu: number;
  readonly link: PortLink;
  readonly lifecycle: PortLifecycle;

  /**
   * Sets the one receiver of this port's frames (the switch pipeline); `undefined` detaches.
   * Frames that arrive with no receiver are counted in rxDropped.
   */
  onFrames(handler: FrameHandler | undefined): void;
  /** Adds a listener for link changes and removal; returns a function that removes it. */
  onStatus(handler: StatusHandler): () => void;

  /**
   * Queues one frame; queued frames leave together when the current task ends (or when the
   * queue fills), so a pipeline emitting frame by frame still sends in bursts. Returns false,
   * counting nothing, when the port is not open.
   */
  send(frame: Uint8Array): boolean;
  /** Sends everything queued plus these frames now; returns how many the port accepted. */
  sendBurst(frames: FrameBurst | readonly Uint8Array[]): number;
  /** Sends whatever `send` has queued. */
  flush(): void;

  counters(): PortCounters;
  /** Stops I/O and releases the interface; safe to call more than once. */
  close(): void;
}
