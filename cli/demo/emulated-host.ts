/**
 * A host made of TypeScript: one network interface (a `Port`, in the demo the far end of a
 * `PatchCable` whose near end is a switch port), a MAC and an IPv4 address, and the slice of a
 * host's stack a switch and a controller can see — ARP, ICMP echo, and TCP connections.
 *
 * What it answers without being asked: ARP requests for its address, ICMP echo requests, and
 * TCP SYNs on ports it listens on (anything else gets a RST, as a Linux host would do).
 * What it does when asked: resolve a neighbour (`resolve`), ping (`ping`), open a TCP
 * connection, send data and close it (`tcpExchange`).
 *
 * Frames not addressed to it (unknown-unicast flooding reaches every host) are counted and
 * ignored, and so are IPv4/ICMP/TCP packets whose checksum does not verify: a switch that
 * corrupted a header would show up as `badChecksums`, not as a successful ping.
 */
import type { Ipv4Address } from '../../core/net/ipv4-address.js';
import type { MacAddress } from '../../core/net/mac-address.js';
import { buildFrame } from '../../core/packet/frame-builder.js';
import { ICMP_TYPE, icmpEcho, icmpEchoRest } from '../../core/packet/icmp.js';
import { decodePacket, type DecodedPacket } from '../../core/packet/packet.js';
import { IP_PROTO } from '../../core/packet/protocol-numbers.js';
import { TCP_FLAG, type TcpSegment } from '../../core/packet/tcp.js';
import { transportChecksumValid } from '../../core/packet/transport-checksum.js';
import type { FrameBurst, Port } from '../../switch/port/port.js';
import { ArpResolver } from './arp-resolver.js';
import { TcpConnection, type TcpSegmentOut } from './tcp-connection.js';

export interface EmulatedHostOptions {
  name: string;
  mac: MacAddress;
  ip: Ipv4Address;
  /** The host's interface; the host becomes its only frame receiver. */
  port: Port;
  /** ARP retry interval and TCP retransmission timeout, ms. Defaults 250 and 200. */
  arpRetryMs?: number;
  tcpRtoMs?: number;
}

export interface PingReply {
  seq: number;
  /** Round-trip time in ms, or undefined when no reply arrived in time. */
  rttMs: number | undefined;
}

export interface PingResult {
  target: string;
  sent: number;
  received: number;
  replies: PingReply[];
}

export interface TcpExchangeResult {
  /** "ip:port > ip:port". */
  flow: string;
  bytesSent: number;
  bytesAcked: number;
  segmentsSent: number;
  segmentsReceived: number;
  retransmissions: number;
  /** Time from SYN to the final ACK, ms. */
  durationMs: number;
  finalState: string;
}

export interface HostCounters {
  framesIn: number;
  framesOut: number;
  notForUs: number;
  badChecksums: number;
  echoRequestsAnswered: number;
  tcpResets: number;
}

export class HostStoppedError extends Error {
  override readonly name = 'HostStoppedError';
}

const EPHEMERAL_FIRST = 49152;
/** Connections linger this long in TIME_WAIT so a lost final ACK can still be repeated. */
const TIME_WAIT_MS = 2000;

let nextIdentifier = 1;

export class EmulatedHost {
  readonly name: string;
  readonly mac: MacAddress;
  readonly ip: Ipv4Address;
  readonly arp: ArpResolver;
  readonly counters: HostCounters = { framesIn: 0, framesOut: 0, notForUs: 0, badChecksums: 0, echoRequestsAnswered: 0, tcpResets: 0 };
  private readonly port: Port;
  private readonly tcpRtoMs: number;
  /** ICMP echo identifier of this host's pings, like a ping process's pid. */
  private readonly echoId = nextIdentifier++ & 0xffff;
  private echoSeq = 0;
  /** Pending echo requests by sequence: called with the reply's arrival time, or undefined when given up. */
  private readonly echoWaiters = new Map<number, (at: number | undefined) => void>();
  private readonly sleepers = new Set<() => void>();
  private readonly listening = new Set<number>();
  private readonly connections = new Map<string, TcpConnection>();
  /** Connections the host accepted and that completed; what a server log would show. */
  readonly accepted: { peer: string; bytesReceived: number; data: Buffer }[] = [];
  private nextEphemeral = EPHEMERAL_FIRST;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(opts: EmulatedHostOptions) {
    this.name = opts.name;
    this.mac = opts.mac;
    this.ip = opts.ip;
    this.port = opts.port;
    this.tcpRtoMs = opts.tcpRtoMs ?? 200;
    this.arp = new ArpResolver({
      mac: opts.mac, ip: opts.ip, send: (f) => this.send(f),
      ...(opts.arpRetryMs === undefined ? {} : { retryMs: opts.arpRetryMs }),
    });
    this.port.onFrames((burst) => this.receiveBurst(burst));
  }

  /** Gratuitous ARP, so switches and the controller learn where the host is. */
  announce(): void {
    this.arp.announce();
  }

  resolve(ip: Ipv4Address): Promise<MacAddress> {
    return this.arp.resolve(ip);
  }

  /** Accept TCP connections on `port` (the peer's data is kept in `accepted`). */
  listen(port: number): void {
    this.listening.add(port);
  }

  /** `count` echo requests, `intervalMs` apart; each waits up to `timeoutMs` for its reply. */
  async ping(target: Ipv4Address, opts: { count?: number; intervalMs?: number; timeoutMs?: number } = {}): Promise<PingResult> {
    this.ensureRunning();
    const count = opts.count ?? 1;
    const timeoutMs = opts.timeoutMs ?? 2000;
    const dstMac = await this.arp.resolve(target);
    const replies: Promise<PingReply>[] = [];
    for (let i = 0; i < count; i++) {
      if (i > 0) await this.sleep(opts.intervalMs ?? 100);
      if (this.stopped) break;
      replies.push(this.echoOnce(target, dstMac, timeoutMs));
    }
    const done = await Promise.all(replies);
    return { target: target.toString(), sent: count, received: done.filter((r) => r.rttMs !== undefined).length, replies: done };
  }

  /**
   * Opens a TCP connection to `target:dstPort`, sends each chunk of `data` (acknowledged before
   * the next goes), then closes with FIN in both directions.
   */
  async tcpExchange(target: Ipv4Address, dstPort: number, data: readonly Uint8Array[]): Promise<TcpExchangeResult> {
    this.ensureRunning();
    const dstMac = await this.arp.resolve(target);
    const srcPort = this.allocatePort();
    const key = connectionKey(srcPort, target, dstPort);
    const started = performance.now();
    const conn = TcpConnection.connect({
      rtoMs: this.tcpRtoMs,
      send: (seg) => this.sendTcp(dstMac, target, srcPort, dstPort, seg),
    });
    this.connections.set(key, conn);
    try {
      await conn.established;
      for (const chunk of data) await conn.write(chunk);
      await conn.close();
    } catch (err) {
      this.connections.delete(key);
      throw err;
    }
    this.linger(key, conn);
    return {
      flow: `${this.ip}:${srcPort} > ${target}:${dstPort}`,
      bytesSent: conn.bytesSent,
      bytesAcked: conn.bytesAcked,
      segmentsSent: conn.segmentsSent,
      segmentsReceived: conn.segmentsReceived,
      retransmissions: conn.retransmissions,
      durationMs: performance.now() - started,
      finalState: conn.state,
    };
  }

  /** Detaches from the port and fails everything pending. Does not close the port (the owner does). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.port.onFrames(undefined);
    this.arp.close();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.connections.values()) c.abort('host stopped');
    this.connections.clear();
    // Whoever awaits a ping or a pause must not hang on a stopped host.
    for (const w of [...this.echoWaiters.values()]) w(undefined);
    this.echoWaiters.clear();
    for (const wake of [...this.sleepers]) wake();
  }

  private echoOnce(target: Ipv4Address, dstMac: MacAddress, timeoutMs: number): Promise<PingReply> {
    const seq = (this.echoSeq = (this.echoSeq + 1) & 0xffff);
    const sentAt = performance.now();
    return new Promise<PingReply>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.echoWaiters.delete(seq);
        resolve({ seq, rttMs: undefined });
      }, timeoutMs);
      this.timers.add(timer);
      this.echoWaiters.set(seq, (at) => {
        clearTimeout(timer);
        this.timers.delete(timer);
        resolve({ seq, rttMs: at === undefined ? undefined : at - sentAt });
      });
      // 56 bytes of data, like ping(8): an 8-byte send time then a counting pattern.
      const data = Buffer.alloc(56);
      data.writeDoubleBE(sentAt, 0);
      for (let i = 8; i < data.length; i++) data[i] = i;
      this.send(buildFrame({
        dst: dstMac, src: this.mac,
        network: {
          ipv4: { src: this.ip, dst: target, identification: seq },
          transport: { icmp: { type: ICMP_TYPE.ECHO_REQUEST, restOfHeader: icmpEchoRest(this.echoId, seq) } },
          payload: data,
        },
      }));
    });
  }

  private receiveBurst(burst: FrameBurst): void {
    for (let i = 0; i < burst.count; i++) {
      // Copy: burst memory is reused after the callback, and TCP keeps payloads.
      this.receiveFrame(Buffer.from(burst.frame(i)));
    }
  }

  private receiveFrame(frame: Buffer): void {
    this.counters.framesIn++;
    let p: DecodedPacket;
    try {
      p = decodePacket(frame);
    } catch {
      return;
    }
    if (!p.eth.dst.equals(this.mac) && !p.eth.dst.isBroadcast) {
      this.counters.notForUs++;
      return;
    }
    if (p.arp) {
      this.arp.receive(p.arp);
      return;
    }
    const ip = p.ipv4;
    if (!ip || !ip.dst.equals(this.ip)) return;
    if (!ip.checksumValid) {
      this.counters.badChecksums++;
      return;
    }
    if (p.icmp) {
      if (!p.icmp.checksumValid) {
        this.counters.badChecksums++;
        return;
      }
      this.receiveIcmp(p, ip.src);
      return;
    }
    if (p.tcp && ip.protocol === IP_PROTO.TCP) {
      const l4 = p.eth.headerLength + ip.headerLength;
      const segmentBytes = frame.subarray(l4, p.eth.headerLength + ip.totalLength);
      if (!transportChecksumValid({ src: ip.src, dst: ip.dst }, IP_PROTO.TCP, segmentBytes)) {
        this.counters.badChecksums++;
        return;
      }
      this.receiveTcp(p.eth.src, ip.src, p.tcp);
    }
  }

  private receiveIcmp(p: DecodedPacket, from: Ipv4Address): void {
    const icmp = p.icmp!;
    if (icmp.type === ICMP_TYPE.ECHO_REQUEST) {
      this.counters.echoRequestsAnswered++;
      this.send(buildFrame({
        dst: p.eth.src, src: this.mac,
        network: {
          ipv4: { src: this.ip, dst: from, identification: icmpEcho(icmp).sequence },
          transport: { icmp: { type: ICMP_TYPE.ECHO_REPLY, restOfHeader: icmp.restOfHeader } },
          payload: icmp.body,
        },
      }));
      return;
    }
    if (icmp.type === ICMP_TYPE.ECHO_REPLY) {
      const { identifier, sequence } = icmpEcho(icmp);
      if (identifier !== this.echoId) return;
      const waiter = this.echoWaiters.get(sequence);
      if (!waiter) return;  // a duplicate, or the reply came after the timeout
      this.echoWaiters.delete(sequence);
      waiter(performance.now());
    }
  }

  private receiveTcp(srcMac: MacAddress, from: Ipv4Address, seg: TcpSegment): void {
    const key = connectionKey(seg.dstPort, from, seg.srcPort);
    const existing = this.connections.get(key);
    if (existing) {
      existing.receive(seg);
      return;
    }
    const syn = (seg.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN;
    if (syn && this.listening.has(seg.dstPort)) {
      const conn = TcpConnection.accept({
        rtoMs: this.tcpRtoMs,
        send: (out) => this.sendTcp(srcMac, from, seg.dstPort, seg.srcPort, out),
      }, seg);
      this.connections.set(key, conn);
      conn.closed.then(
        () => {
          this.accepted.push({ peer: `${from}:${seg.srcPort}`, bytesReceived: conn.bytesReceived, data: conn.receivedData() });
          this.connections.delete(key);
        },
        () => this.connections.delete(key),
      );
      return;
    }
    if (seg.flags & TCP_FLAG.RST) return;
    // RFC 9293 §3.10.7.1: a segment for no connection is answered with a reset.
    this.counters.tcpResets++;
    const ackFlag = (seg.flags & TCP_FLAG.ACK) !== 0;
    const consumed = seg.payload.length + (seg.flags & TCP_FLAG.SYN ? 1 : 0) + (seg.flags & TCP_FLAG.FIN ? 1 : 0);
    this.sendTcp(srcMac, from, seg.dstPort, seg.srcPort, ackFlag
      ? { flags: TCP_FLAG.RST, seq: seg.ack, ack: 0, window: 0, options: [], payload: new Uint8Array(0) }
      : { flags: TCP_FLAG.RST | TCP_FLAG.ACK, seq: 0, ack: (seg.seq + consumed) >>> 0, window: 0, options: [], payload: new Uint8Array(0) });
  }

  private sendTcp(dstMac: MacAddress, dst: Ipv4Address, srcPort: number, dstPort: number, seg: TcpSegmentOut): void {
    this.send(buildFrame({
      dst: dstMac, src: this.mac,
      network: {
        ipv4: { src: this.ip, dst },
        transport: { tcp: { srcPort, dstPort, seq: seg.seq, ack: seg.ack, flags: seg.flags, window: seg.window, options: seg.options } },
        payload: seg.payload,
      },
    }));
  }

  private send(frame: Buffer): void {
    if (this.stopped) return;
    if (this.port.send(frame)) this.counters.framesOut++;
  }

  private allocatePort(): number {
    for (;;) {
      const port = this.nextEphemeral;
      this.nextEphemeral = port >= 65535 ? EPHEMERAL_FIRST : port + 1;
      if (![...this.connections.keys()].some((k) => k.startsWith(`${port}|`))) return port;
    }
  }

  private linger(key: string, conn: TcpConnection): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.connections.get(key) === conn) this.connections.delete(key);
    }, TIME_WAIT_MS);
    timer.unref();
    this.timers.add(timer);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.timers.add(timer);
      this.sleepers.add(wake);
    });
  }

  private ensureRunning(): void {
    if (this.stopped) throw new HostStoppedError(`${this.name} is stopped`);
  }
}

function connectionKey(localPort: number, remote: Ipv4Address, remotePort: number): string {
  return `${localPort}|${remote}|${remotePort}`;
}
