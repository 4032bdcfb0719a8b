/**
 * The one importer of the native addon (`native/`, built by `npm run build:native`). Everything
 * the addon exports is typed here; the rest of the codebase uses these types, never the `.node`.
 *
 * The addon is found from the package root (the nearest ancestor directory holding
 * package.json), so the same code works when run from sources (vitest) and from `dist/`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants as osConstants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NativeSocketFeatures {
  /** PACKET_IGNORE_OUTGOING accepted (Linux >= 4.20); else outgoing frames are filtered by pkttype. */
  readonly ignoreOutgoing: boolean;
  /** PACKET_VNET_HDR accepted: partial checksums and GSO super-frames are finished in C++. */
  readonly vnetHdr: boolean;
  /** Frames per recvmmsg/sendmmsg call. */
  readonly burst: number;
}

export interface NativePacketSocketOptions {
  rcvbuf?: number;
  sndbuf?: number;
  promiscuous?: boolean;
}

export interface NativePacketSocket {
  readonly ifindex: number;
  readonly features: NativeSocketFeatures;
  setRxBuffers(arena: Uint8Array, table: Uint32Array): void;
  setTxBuffers(arena: Uint8Array, table: Uint32Array): void;
  /** Frames written to the rx arena (0 when none), or a negative errno. */
  recvBurst(): number;
  /** Frames 0..count-1 of the tx table; returns how many were sent, or a negative errno. */
  sendBurst(count: number): number;
  /** cb(status): 0 when readable, a negative errno (ENETDOWN, ...) after a socket error. */
  startPolling(cb: (status: number) => void): void;
  stopPolling(): void;
  readCounters(out: Float64Array): void;
  close(): void;
}

export interface NativeLinkEvent {
  readonly type: 'newlink' | 'dellink' | 'overrun';
  readonly ifindex?: number;
  readonly ifname?: string;
  /** ifinfomsg.ifi_flags (IFF_UP, IFF_RUNNING, IFF_LOWER_UP ...). */
  readonly flags?: number;
  readonly mtu?: number;
  /** IF_OPER_* (RFC 2863 operStatus). */
  readonly operstate?: number;
  readonly carrier?: boolean;
  readonly hwAddr?: Uint8Array;
}

export interface NativeLinkMonitor {
  close(): void;
}

export interface NativeInterfaceInfo {
  readonly ifindex: number;
  readonly hwAddr: Uint8Array | null;
  readonly mtu: number;
  readonly flags: number;
  /** /sys/class/net/<if>/carrier; null when unreadable (interface administratively down). */
  readonly carrier: boolean | null;
  readonly speedMbps: number | null;
  readonly duplex: number | null;
}

export interface NativeBinding {
  PacketSocket: new (ifname: string, options?: NativePacketSocketOptions) => NativePacketSocket;
  LinkMonitor: new (callback: (events: NativeLinkEvent[]) => void) => NativeLinkMonitor;
  getInterfaceInfo(name: string): NativeInterfaceInfo;
  readonly BURST: number;
  readonly COUNTER_COUNT: number;
}

/** Slots of `readCounters` (enum Counter in native/src/packet_socket.h). */
export const NativeCounter = {
  rxPackets: 0, rxBytes: 1, rxDropped: 2, rxErrors: 3, rxFrameErr: 4, rxOverErr: 5,
  txPackets: 6, txBytes: 7, txDropped: 8, txErrors: 9,
  rxChecksumCompleted: 10, rxSegmented: 11, rxSegments: 12,
} as const;
export const NATIVE_COUNTER_COUNT = 13;

/** net/if.h flags used by ports. */
export const IFF_UP = 0x1;
export const IFF_RUNNING = 0x40;
export const IFF_LOWER_UP = 0x10000;

export class NativeAddonMissingError extends Error {
  override readonly name = 'NativeAddonMissingError';
  constructor(readonly path: string, cause: unknown) {
    super(`sluice native addon not loadable at ${path} (run "npm run build:native"): ${String(cause)}`, { cause });
  }
}

/** An error thrown by the addon carries the errno of the failing call. */
export function errnoOf(err: unknown): number | undefined {
  const n = (err as { errno?: unknown } | null)?.errno;
  return typeof n === 'number' ? n : undefined;
}

const errnoNames = new Map<number, string>(
  Object.entries(osConstants.errno).map(([name, value]) => [value, name]),
);

/** "ENODEV" for 19, and so on; `E<n>` for numbers the platform does not name. */
export function errnoName(errno: number): string {
  return errnoNames.get(Math.abs(errno)) ?? `E${Math.abs(errno)}`;
}

export const ERRNO = osConstants.errno;

/**
 * The nearest ancestor holding package.json and native/binding.gyp (so a package.json that a
 * build step might drop into dist/ is skipped), else the nearest holding package.json.
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let first: string | undefined;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      if (existsSync(join(dir, 'native', 'binding.gyp'))) return dir;
      first ??= dir;
    }
    if (dirname(dir) === dir) break;
  }
  if (first) return first;
  throw new Error(`no package.json above ${from}`);
}

export function nativeAddonPath(): string {
  return join(packageRoot(), 'native', 'build', 'Release', 'sluice_native.node');
}

let loaded: NativeBinding | undefined;

/** Loads the addon once per process; throws NativeAddonMissingError if it is not built. */
export function loadNativeBinding(): NativeBinding {
  if (loaded) return loaded;
  const path = nativeAddonPath();
  try {
    loaded = createRequire(import.meta.url)(path) as NativeBinding;
  } catch (cause) {
    throw new NativeAddonMissingError(path, cause);
  }
  return loaded;
}

/** True when the addon can be loaded (for tests and the demo to choose memory ports). */
export function isNativeBindingAvailable(): boolean {
  try {
    loadNativeBinding();
    return true;
  } catch {
    return false;
  }
}
