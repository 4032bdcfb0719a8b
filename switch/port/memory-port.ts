/**
 * In-process ports joined by a patch cable: what one end sends, the other receives — a copy,
 * in bursts, on a later turn of the event loop (setImmediate), as a NIC would deliver it. Used
 * by the embedded demo and by tests that need ports without root or a kernel.
 *
 * The cable also plays the kernel's part for link events: `setLinkUp(false)` takes the carrier
 * away from both ends, `unplug()` removes both ports (PORT_STATUS delete).
 */
import { FrameArena } from './frame-arena.js';
import { zeroCounters, type FrameBurst, type PortCounters, type PortLink } from './port.js';
import { PortBase } from './port-base.js';

export interface MemoryPortOptions {
  name: string;
  portNo: number;
  /** Default: a locally administered address derived from portNo. */
  hwAddr?: Uint8Array;
  mtu?: number;
  speedKbps?: number;
  /** Frames delivered per burst. Default 64. */
  maxBurst?: number;
  /** Frames queued towards this port before tail drop (the receiver's rxDropped). Default 1024. */
  queueFrames?: number;
}

const ETH_HEADER_LEN = 14;
/** Room for two VLAN tags on top of the MTU, like a real port's maximum frame. */
const ETH_OVERHEAD = ETH_HEADER_LEN + 8;

let nextAutoMac = 1;

function autoMac(): Uint8Array {
  const n = nextAutoMac++;
  return Uint8Array.of(0x02, 0x00, 0x5e, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

export class MemoryPort extends PortBase {
  readonly name: string;
  readonly portNo: number;
  private peer: MemoryPort | undefined;
  /**
   * Frames waiting for delivery, one arena per future burst; emptied arenas go back to `spare`.
   * A burst being delivered is out of this list, so frames sent from inside the callback queue up.
   */
  private readonly queue: FrameArena[] = [];
  private readonly spare: FrameArena[] = [];
  private queuedFrames = 0;
  private readonly maxBurst: number;
  private readonly queueFrames: number;
  private readonly burstBytes: number;
  /** @internal carrier on the cable, set by PatchCable */
  cableUp = true;
  private deliveryScheduled: ReturnType<typeof setImmediate> | undefined;
  private readonly stats = zeroCounters();
  private readonly pendingSend: Uint8Array[] = [];

  constructor(options: MemoryPortOptions) {
    const mtu = options.mtu ?? 1500;
    super({
      adminUp: true,
      linkUp: false,  // no carrier until a cable connects it
      mtu,
      hwAddr: new Uint8Array(options.hwAddr ?? autoMac()),
      speedKbps: options.speedKbps ?? 10_000_000,
    });
    this.name = options.name;
    this.portNo = options.portNo;
    this.maxBurst = options.maxBurst ?? 64;
    this.queueFrames = options.queueFrames ?? 1024;
    this.burstBytes = this.maxBurst * (mtu + ETH_OVERHEAD);
  }

  protected enqueue(frame: Uint8Array): boolean {
    // Copy now: the caller may reuse its buffer (e.g. a receive burst) as soon as we return.
    // Uint8Array.prototype.slice copies; Buffer#slice would return a view the caller could still mutate.
    this.pendingSend.push(Uint8Array.prototype.slice.call(frame));
    return true;
  }

  sendBurst(frames: FrameBurst | readonly Uint8Array[]): number {
    if (this.state !== 'open') return 0;
    this.flush();
    let sent = 0;
    if (Array.isArray(frames)) {
      for (const frame of frames as readonly Uint8Array[]) if (this.transmit(frame)) sent++;
    } else {
      const burst = frames as FrameBurst;
      for (let i = 0; i < burst.count; i++) if (this.transmit(burst.frame(i))) sent++;
    }
    return sent;
  }

  flush(): void {
    const frames = this.pendingSend.splice(0);
    for (const frame of frames) this.transmit(frame);
  }

  counters(): PortCounters {
    return { ...this.stats };
  }

  /** Administratively up/down (OFPPC_PORT_DOWN); the peer loses carrier while this end is down. */
  setAdminUp(up: boolean): void {
    if (this.state !== 'open') return;
    this.update({ adminUp: up });
    this.peer?.refreshCarrier();
    this.refreshCarrier();
  }

  override close(): void {
    const peer = this.state === 'closed' ? undefined : this.peer;
    super.close();
    peer?.refreshCarrier();  // a closed far end is a pulled cable
  }

  /** @internal used by PatchCable */
  connect(peer: MemoryPort): void {
    this.peer = peer;
  }

  /** @internal carrier follows both ends being open and administratively up. */
  refreshCarrier(): void {
    if (this.state !== 'open') return;
    const peer = this.peer;
    const up = this.currentLink.adminUp && peer !== undefined && peer.state === 'open' && peer.currentLink.adminUp
      && this.cableUp;
    this.update({ linkUp: up });
  }

  /** @internal the cable was pulled out of the switch: the port is gone for good. */
  remove(): void {
    this.markRemoved();
  }

  private transmit(frame: Uint8Array): boolean {
    if (frame.length < ETH_HEADER_LEN || frame.length > this.currentLink.mtu + ETH_OVERHEAD) {
      this.stats.txErrors++;
      return false;
    }
    const peer = this.peer;
    if (!this.currentLink.linkUp || !peer) {
      this.stats.txDropped++;
      return false;
    }
    this.stats.txPackets++;
    this.stats.txBytes += frame.length;
    peer.receive(frame);
    return true;
  }

  private receive(frame: Uint8Array): void {
    if (this.state !== 'open' || this.queuedFrames >= this.queueFrames) {
      this.stats.rxDropped++;
      return;
    }
    let tail = this.queue[this.queue.length - 1];
    if (!tail || !tail.fits(frame.length)) {
      tail = this.spare.pop() ?? new FrameArena(this.burstBytes, this.maxBurst);
      this.queue.push(tail);
    }
    tail.push(frame);
    this.queuedFrames++;
    this.deliveryScheduled ??= setImmediate(() => this.deliver());
  }

  /** One burst per event-loop turn, so a busy cable can't starve timers and sockets. */
  private deliver(): void {
    this.deliveryScheduled = undefined;
    const burst = this.queue.shift();
    if (!burst) return;
    this.queuedFrames -= burst.count;
    if (this.queue.length > 0) this.deliveryScheduled = setImmediate(() => this.deliver());
    this.stats.rxPackets += burst.count;
    this.stats.rxBytes += burst.usedBytes;
    const handler = this.frameHandler;
    try {
      if (handler) handler(burst);
      else this.stats.rxDropped += burst.count;
    } finally {
      burst.clear();
      this.spare.push(burst);
    }
  }

  /** Off the cable: nothing more is sent or delivered. */
  protected release(): void {
    this.peer = undefined;
    this.pendingSend.length = 0;
    for (const arena of this.queue.splice(0)) {
      arena.clear();
      this.spare.push(arena);
    }
    this.queuedFrames = 0;
    if (this.deliveryScheduled) clearImmediate(this.deliveryScheduled);
    this.deliveryScheduled = undefined;
  }

  private update(change: Partial<PortLink>): void {
    this.changeLink({ ...this.currentLink, ...change });
  }
}

/** Two memory ports joined back to back. */
export class PatchCable {
  readonly a: MemoryPort;
  readonly b: MemoryPort;

  constructor(a: MemoryPortOptions, b: MemoryPortOptions) {
    this.a = new MemoryPort(a);
    this.b = new MemoryPort(b);
    this.a.connect(this.b);
    this.b.connect(this.a);
    this.a.refreshCarrier();
    this.b.refreshCarrier();
  }

  /** Carrier on the wire (both ends see it). */
  setLinkUp(up: boolean): void {
    this.a.cableUp = up;
    this.b.cableUp = up;
    this.a.refreshCarrier();
    this.b.refreshCarrier();
  }

  /** Hot-unplug: both ports are removed. */
  unplug(): void {
    this.a.remove();
    this.b.remove();
  }
}
