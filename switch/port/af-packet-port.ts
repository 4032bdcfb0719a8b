/**
 * A switch port on a Linux interface: raw frames through an AF_PACKET socket of the native
 * addon, in bursts of up to `BURST` frames per kernel call and one JS↔C++ crossing per burst.
 *
 * Received frames are what the wire carried: the addon re-inserts 802.1Q tags the kernel
 * stripped, completes partial checksums and segments GSO super-frames (veth with offloads on),
 * and never hands back frames this port sent. Link changes and removal come from RTNETLINK;
 * after removal the socket is closed and `send` returns false — nothing is left to crash on.
 */
import { FrameArena } from './frame-arena.js';
import { LinkMonitor, type LinkEvent } from './link-monitor.js';
import {
  ERRNO,
  errnoName,
  errnoOf,
  IFF_RUNNING,
  IFF_UP,
  loadNativeBinding,
  NATIVE_COUNTER_COUNT,
  NativeCounter,
  type NativeInterfaceInfo,
  type NativePacketSocket,
  type NativeSocketFeatures,
} from './native-binding.js';
import type { FrameBurst, PortCounters, PortLink } from './port.js';
import { PortBase } from './port-base.js';

export interface AfPacketPortOptions {
  portNo: number;
  /**
   * Receive arena. It must hold one segmented GSO super-frame (64 KiB of payload plus a header
   * copy per segment, about 70 KiB), so the default is 256 KiB and 512 frames.
   */
  rxArenaBytes?: number;
  rxMaxFrames?: number;
  /** Transmit queue; `send` flushes early when it fills. Default 128 KiB, 256 frames. */
  txArenaBytes?: number;
  txMaxFrames?: number;
  /** Bursts handled per readiness wake before yielding so one busy port can't starve others. */
  maxBurstsPerWake?: number;
  /** Shared monitor (one per switch); without it the port makes and owns one. */
  linkMonitor?: LinkMonitor;
  promiscuous?: boolean;
  rcvbuf?: number;
  sndbuf?: number;
}

/** Opening failed; `code` is the errno name (ENODEV: no such interface, EPERM: not root). */
export class PortOpenError extends Error {
  override readonly name = 'PortOpenError';
  constructor(readonly ifname: string, readonly code: string, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

const MIN_RX_ARENA = 72 * 1024;

function linkFromInfo(info: NativeInterfaceInfo): PortLink {
  const adminUp = (info.flags & IFF_UP) !== 0;
  return {
    adminUp,
    linkUp: adminUp && (info.flags & IFF_RUNNING) !== 0 && info.carrier !== false,
    mtu: info.mtu,
    hwAddr: info.hwAddr ? new Uint8Array(info.hwAddr) : new Uint8Array(6),
    speedKbps: info.speedMbps === null ? 0 : info.speedMbps * 1000,
  };
}

export class AfPacketPort extends PortBase {
  /** Opens `name` as a port. Throws PortOpenError. */
  static open(name: string, options: AfPacketPortOptions): AfPacketPort {
    const native = loadNativeBinding();
    let info: NativeInterfaceInfo;
    let socket: NativePacketSocket;
    try {
      info = native.getInterfaceInfo(name);
      socket = new native.PacketSocket(name, {
        promiscuous: options.promiscuous ?? true,
        ...(options.rcvbuf === undefined ? {} : { rcvbuf: options.rcvbuf }),
        ...(options.sndbuf === undefined ? {} : { sndbuf: options.sndbuf }),
      });
    } catch (cause) {
      const errno = errnoOf(cause);
      const code = errno === undefined ? 'EUNKNOWN' : errnoName(errno);
      throw new PortOpenError(name, code, `cannot open port ${name}: ${(cause as Error).message}`, { cause });
    }
    return new AfPacketPort(name, options, info, socket);
  }

  readonly portNo: number;
  readonly ifindex: number;
  readonly features: NativeSocketFeatures;
  private kernelName: string;
  private socket: NativePacketSocket | undefined;
  private readonly rx: FrameArena;
  private readonly tx: FrameArena;
  private readonly maxBurstsPerWake: number;
  private readonly monitor: LinkMonitor;
  private readonly ownsMonitor: boolean;
  private unsubscribeLink: (() => void) | undefined;
  private readonly nativeCounters = new Float64Array(NATIVE_COUNTER_COUNT);
  /** Counted here, not in C++: frames nobody was listening for, frames too big for the queue. */
  private rxDroppedNoHandler = 0;
  private txErrorsOversize = 0;

  private constructor(
    readonly name: string,
    options: AfPacketPortOptions,
    info: NativeInterfaceInfo,
    socket: NativePacketSocket,
  ) {
    super(linkFromInfo(info));
    this.portNo = options.portNo;
    this.kernelName = name;
    this.ifindex = info.ifindex;
    this.socket = socket;
    this.features = socket.features;
    this.maxBurstsPerWake = options.maxBurstsPerWake ?? 8;
    this.rx = new FrameArena(Math.max(options.rxArenaBytes ?? 256 * 1024, MIN_RX_ARENA), options.rxMaxFrames ?? 512);
    this.tx = new FrameArena(options.txArenaBytes ?? 128 * 1024, options.txMaxFrames ?? 256);
    socket.setRxBuffers(this.rx.data, this.rx.table);
    socket.setTxBuffers(this.tx.data, this.tx.table);
    this.ownsMonitor = options.linkMonitor === undefined;
    this.monitor = options.linkMonitor ?? new LinkMonitor();
    this.unsubscribeLink = this.monitor.subscribe(this.ifindex, (e) => this.onLinkEvent(e));
    socket.startPolling((status) => this.onReadable(status));
  }

  protected enqueue(frame: Uint8Array): boolean {
    if (!this.tx.fits(frame.length)) {
      this.flush();
      if (!this.tx.fits(frame.length)) {
        this.txErrorsOversize++;
        return false;
      }
    }
    this.tx.push(frame);
    return true;
  }

  sendBurst(frames: FrameBurst | readonly Uint8Array[]): number {
    if (this.state !== 'open') return 0;
    this.flush();
    let sent = 0;
    if (Array.isArray(frames)) {
      for (const frame of frames as readonly Uint8Array[]) {
        if (this.tx.push(frame)) continue;
        sent += this.flushNow();
        if (!this.tx.push(frame)) this.txErrorsOversize++;
      }
    } else {
      const burst = frames as FrameBurst;
      for (let i = 0; i < burst.count; i++) {
        if (this.tx.pushFrom(burst, i)) continue;
        sent += this.flushNow();
        if (!this.tx.pushFrom(burst, i)) this.txErrorsOversize++;
      }
    }
    return sent + this.flushNow();
  }

  flush(): void {
    this.flushNow();
  }

  counters(): PortCounters {
    this.socket?.readCounters(this.nativeCounters);
    const c = this.nativeCounters;
    return {
      rxPackets: c[NativeCounter.rxPackets]!,
      txPackets: c[NativeCounter.txPackets]!,
      rxBytes: c[NativeCounter.rxBytes]!,
      txBytes: c[NativeCounter.txBytes]!,
      rxDropped: c[NativeCounter.rxDropped]! + this.rxDroppedNoHandler,
      txDropped: c[NativeCounter.txDropped]!,
      rxErrors: c[NativeCounter.rxErrors]!,
      txErrors: c[NativeCounter.txErrors]! + this.txErrorsOversize,
      rxFrameErr: c[NativeCounter.rxFrameErr]!,
      rxOverErr: c[NativeCounter.rxOverErr]!,
      rxCrcErr: 0,
      collisions: 0,
    };
  }

  /** What the addon did to received frames (not part of ofp_port_stats). */
  offloadCounters(): { checksumCompleted: number; segmentedFrames: number; segments: number } {
    this.socket?.readCounters(this.nativeCounters);
    return {
      checksumCompleted: this.nativeCounters[NativeCounter.rxChecksumCompleted]!,
      segmentedFrames: this.nativeCounters[NativeCounter.rxSegmented]!,
      segments: this.nativeCounters[NativeCounter.rxSegments]!,
    };
  }

  private flushNow(): number {
    const count = this.tx.count;
    if (count === 0 || !this.socket) {
      this.tx.clear();
      return 0;
    }
    const sent = this.socket.sendBurst(count);
    this.tx.clear();
    return Math.max(sent, 0);
  }

  private onReadable(status: number): void {
    if (status < 0) this.onSocketError(-status);
    for (let i = 0; i < this.maxBurstsPerWake && this.socket; i++) {
      const n = this.socket.recvBurst();
      if (n <= 0) {
        if (n < 0) this.onSocketError(-n);
        break;
      }
      this.rx.setFilled(n);
      const handler = this.frameHandler;
      if (handler) handler(this.rx);
      else this.rxDroppedNoHandler += n;
    }
    this.rx.clear();
  }

  private onSocketError(errno: number): void {
    // ENETDOWN: the interface went down or away; the link monitor reports it too, and
    // refreshLink() only emits on an actual change, so seeing it twice is harmless.
    if (errno === ERRNO.ENETDOWN || errno === ERRNO.ENODEV || errno === ERRNO.ENXIO) this.refreshLink();
  }

  private onLinkEvent(event: LinkEvent): void {
    if (this.state !== 'open') return;
    if (event.type === 'dellink') {
      this.markRemoved();
      return;
    }
    if (event.type === 'newlink' && event.ifname) this.kernelName = event.ifname;
    this.refreshLink();
  }

  /** Re-reads the interface and reports a change; the interface being gone means removal. */
  private refreshLink(): void {
    if (this.state !== 'open') return;
    let info: NativeInterfaceInfo;
    try {
      info = loadNativeBinding().getInterfaceInfo(this.kernelName);
    } catch (err) {
      if (errnoOf(err) === ERRNO.ENODEV) this.markRemoved();
      return;
    }
    if (info.ifindex !== this.ifindex) {
      this.markRemoved();  // the name now belongs to a different interface
      return;
    }
    this.changeLink(linkFromInfo(info));
  }

  /** Stops I/O and frees kernel resources, keeping the final counters readable. */
  protected release(): void {
    const socket = this.socket;
    if (socket) {
      socket.readCounters(this.nativeCounters);
      socket.stopPolling();
      socket.close();
      this.socket = undefined;
    }
    this.tx.clear();
    this.unsubscribeLink?.();
    this.unsubscribeLink = undefined;
    if (this.ownsMonitor) this.monitor.close();
  }
}
