/**
 * The ARP half of an emulated host's IPv4 stack: a neighbour cache plus the callers waiting
 * for an address to resolve.
 *
 * It behaves like a Linux host in the ways a switch and a controller can observe: requests are
 * broadcast and retried a few times, a reply or a request aimed at us fills the cache, and a
 * resolution that never gets an answer fails instead of waiting forever. Frames go out through
 * `send`, so the resolver knows nothing about ports.
 */
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { ARP_OP, type ArpPacket } from '../../core/packet/arp.js';
import { buildFrame } from '../../core/packet/frame-builder.js';

export interface ArpResolverOptions {
  mac: MacAddress;
  ip: Ipv4Address;
  send: (frame: Buffer) => void;
  /** Time between request retransmissions. Default 250 ms. */
  retryMs?: number;
  /** Requests sent before giving up. Default 4. */
  attempts?: number;
}

export class ArpTimeoutError extends Error {
  override readonly name = 'ArpTimeoutError';
}

interface Pending {
  waiters: { resolve: (mac: MacAddress) => void; reject: (err: Error) => void }[];
  timer: ReturnType<typeof setTimeout>;
  sent: number;
}

export class ArpResolver {
  /** IPv4 (as a number) → MAC. Entries never age: demo hosts do not move. */
  private readonly cache = new Map<number, MacAddress>();
  private readonly pending = new Map<number, Pending>();
  private readonly retryMs: number;
  private readonly attempts: number;
  requestsSent = 0;
  repliesSent = 0;

  constructor(private readonly opts: ArpResolverOptions) {
    this.retryMs = opts.retryMs ?? 250;
    this.attempts = opts.attempts ?? 4;
  }

  lookup(ip: Ipv4Address): MacAddress | undefined {
    return this.cache.get(ip.value);
  }

  /** The neighbour cache as text pairs, for printing. */
  entries(): { ip: string; mac: string }[] {
    return [...this.cache].map(([ip, mac]) => ({ ip: Ipv4Address.fromNumber(ip).toString(), mac: mac.toString() }));
  }

  resolve(ip: Ipv4Address): Promise<MacAddress> {
    const known = this.cache.get(ip.value);
    if (known) return Promise.resolve(known);
    return new Promise<MacAddress>((resolve, reject) => {
      const existing = this.pending.get(ip.value);
      if (existing) {
        existing.waiters.push({ resolve, reject });
        return;
      }
      const entry: Pending = { waiters: [{ resolve, reject }], sent: 0, timer: undefined as unknown as ReturnType<typeof setTimeout> };
      this.pending.set(ip.value, entry);
      this.sendRequest(ip, entry);
    });
  }

  /** Gratuitous ARP (a request for our own address): how a booting host announces itself. */
  announce(): void {
    this.opts.send(buildFrame({
      dst: MacAddress.BROADCAST, src: this.opts.mac,
      network: { arp: { op: ARP_OP.REQUEST, sha: this.opts.mac, spa: this.opts.ip, tha: MacAddress.ZERO, tpa: this.opts.ip } },
    }));
  }

  /** Handles a received ARP packet; answers requests for our address. */
  receive(arp: ArpPacket): void {
    const forUs = arp.tpa.equals(this.opts.ip);
    // RFC 826: update an existing entry from any packet; add one only when we are the target.
    if (forUs || this.cache.has(arp.spa.value)) this.learn(arp.spa, arp.sha);
    if (arp.op === ARP_OP.REQUEST && forUs && !arp.spa.equals(this.opts.ip)) {
      this.repliesSent++;
      this.opts.send(buildFrame({
        dst: arp.sha, src: this.opts.mac,
        network: { arp: { op: ARP_OP.REPLY, sha: this.opts.mac, spa: this.opts.ip, tha: arp.sha, tpa: arp.spa } },
      }));
    }
  }

  /** Fails every pending resolution (host shutdown). */
  close(): void {
    for (const [ip, entry] of this.pending) {
      clearTimeout(entry.timer);
      for (const w of entry.waiters) w.reject(new ArpTimeoutError(`${Ipv4Address.fromNumber(ip)}: host stopped`));
    }
    this.pending.clear();
  }

  private learn(ip: Ipv4Address, mac: MacAddress): void {
    if (ip.value === 0 || mac.isMulticast) return;
    this.cache.set(ip.value, mac);
    const entry = this.pending.get(ip.value);
    if (!entry) return;
    this.pending.delete(ip.value);
    clearTimeout(entry.timer);
    for (const w of entry.waiters) w.resolve(mac);
  }

  private sendRequest(ip: Ipv4Address, entry: Pending): void {
    if (entry.sent >= this.attempts) {
      this.pending.delete(ip.value);
      const err = new ArpTimeoutError(`no ARP reply for ${ip} after ${entry.sent} requests`);
      for (const w of entry.waiters) w.reject(err);
      return;
    }
    entry.sent++;
    this.requestsSent++;
    this.opts.send(buildFrame({
      dst: MacAddress.BROADCAST, src: this.opts.mac,
      network: { arp: { op: ARP_OP.REQUEST, sha: this.opts.mac, spa: this.opts.ip, tha: MacAddress.ZERO, tpa: ip } },
    }));
    entry.timer = setTimeout(() => this.sendRequest(ip, entry), this.retryMs);
  }
}
