// Emulated hosts talking to each other over a patch cable, no switch in between: ARP resolves,
// ping gets replies, a TCP connection carries data and closes; the frames on the wire decode
// with core/packet and their checksums verify.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmulatedHost } from '../../cli/demo/emulated-host.js';
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { decodePacket } from '../../core/packet/packet.js';
import { TCP_FLAG } from '../../core/packet/tcp.js';
import { transportChecksumValid } from '../../core/packet/transport-checksum.js';
import { MemoryPort, PatchCable } from '../../switch/port/memory-port.js';

const A_IP = Ipv4Address.parse('10.0.0.1');
const B_IP = Ipv4Address.parse('10.0.0.2');

interface Pair { a: EmulatedHost; b: EmulatedHost; cable: PatchCable; wire: Buffer[] }

const pairs: Pair[] = [];
afterEach(() => {
  for (const p of pairs.splice(0)) {
    p.a.stop();
    p.b.stop();
    p.cable.a.close();
    p.cable.b.close();
  }
});

/** Two hosts on one cable; every frame b receives is also recorded (a tap on b's port). */
function pair(opts: { dropFromA?: (frame: Buffer, index: number) => boolean } = {}): Pair {
  const cable = new PatchCable({ name: 'a-eth0', portNo: 1 }, { name: 'b-eth0', portNo: 1 });
  const wire: Buffer[] = [];
  const a = new EmulatedHost({ name: 'a', mac: MacAddress.parse('02:00:00:00:00:01'), ip: A_IP, port: lossyPort(cable.a, opts.dropFromA), tcpRtoMs: 50, arpRetryMs: 50 });
  const b = new EmulatedHost({ name: 'b', mac: MacAddress.parse('02:00:00:00:00:02'), ip: B_IP, port: tappedPort(cable.b, wire), tcpRtoMs: 50, arpRetryMs: 50 });
  const p = { a, b, cable, wire };
  pairs.push(p);
  return p;
}

/** Wraps a port so selected outgoing frames vanish, as on a lossy path. */
function lossyPort(port: MemoryPort, drop: ((frame: Buffer, index: number) => boolean) | undefined): MemoryPort {
  if (!drop) return port;
  let index = 0;
  const send = port.send.bind(port);
  port.send = (frame: Uint8Array) => (drop(Buffer.from(frame), index++) ? true : send(frame));
  return port;
}

function tappedPort(port: MemoryPort, wire: Buffer[]): MemoryPort {
  const onFrames = port.onFrames.bind(port);
  port.onFrames = (handler) => onFrames(handler && ((burst) => {
    for (let i = 0; i < burst.count; i++) wire.push(Buffer.from(burst.frame(i)));
    handler(burst);
  }));
  return port;
}

describe('EmulatedHost over a patch cable', () => {
  it('resolves a neighbour with ARP and caches it in both directions', async () => {
    const { a, b } = pair();
    const mac = await a.resolve(B_IP);
    expect(mac.toString()).toBe('02:00:00:00:00:02');
    expect(a.arp.requestsSent).toBe(1);
    expect(b.arp.repliesSent).toBe(1);
    // b learned a from the request aimed at it, as RFC 826 says.
    expect(b.arp.lookup(A_IP)?.toString()).toBe('02:00:00:00:00:01');
    // A second resolution is answered from the cache.
    await a.resolve(B_IP);
    expect(a.arp.requestsSent).toBe(1);
  });

  it('fails a resolution nobody answers', async () => {
    const { a } = pair();
    await expect(a.resolve(Ipv4Address.parse('10.0.0.99'))).rejects.toThrow(/no ARP reply for 10.0.0.99 after 4 requests/);
  });

  it('pings and reports round-trip times; the echo data comes back unchanged', async () => {
    const { a, b, wire } = pair();
    const result = await a.ping(B_IP, { count: 3, intervalMs: 5 });
    expect(result).toMatchObject({ target: '10.0.0.2', sent: 3, received: 3 });
    for (const r of result.replies) expect(r.rttMs).toBeGreaterThan(0);
    expect(b.counters.echoRequestsAnswered).toBe(3);
    const requests = wire.map((f) => decodePacket(f)).filter((p) => p.icmp);
    expect(requests).toHaveLength(3);
    for (const p of requests) {
      expect(p.ipv4!.checksumValid).toBe(true);
      expect(p.icmp!.checksumValid).toBe(true);
      expect(p.icmp!.body).toHaveLength(56);
    }
  });

  it('reports a lost echo as a missing reply, not an error', async () => {
    // Drop a's first ICMP frame (index 0 is the ARP request, 1 the first echo request).
    const { a } = pair({ dropFromA: (_f, i) => i === 1 });
    const result = await a.ping(B_IP, { count: 2, intervalMs: 5, timeoutMs: 200 });
    expect(result.received).toBe(1);
    expect(result.replies[0]!.rttMs).toBeUndefined();
    expect(result.replies[1]!.rttMs).toBeGreaterThan(0);
  });

  it('completes a TCP exchange: handshake, data, FIN both ways, with valid checksums', async () => {
    const { a, b, wire } = pair();
    b.listen(5001);
    const chunks = [Buffer.from('hello '), Buffer.alloc(3000, 0x61), Buffer.from('bye')];
    const result = await a.tcpExchange(B_IP, 5001, chunks);
    expect(result.bytesSent).toBe(3009);
    expect(result.bytesAcked).toBe(3009);
    expect(result.finalState).toBe('TIME_WAIT');
    await vi.waitFor(() => expect(b.accepted).toHaveLength(1));
    expect(b.accepted[0]!.bytesReceived).toBe(3009);
    expect(b.accepted[0]!.data.equals(Buffer.concat(chunks))).toBe(true);

    // What b saw from a: SYN first (with MSS), then ACK, data in ≤ MSS segments, FIN, final ACK.
    const segs = wire.map((f) => ({ f, p: decodePacket(f) })).filter(({ p }) => p.tcp);
    const first = segs[0]!.p.tcp!;
    expect(first.flags).toBe(TCP_FLAG.SYN);
    expect(first.options).toContainEqual({ kind: 'mss', mss: 1460 });
    expect(segs.some(({ p }) => p.tcp!.flags & TCP_FLAG.FIN)).toBe(true);
    const last = segs[segs.length - 1]!.p.tcp!;
    expect(last.flags).toBe(TCP_FLAG.ACK);
    const dataSegs = segs.filter(({ p }) => p.tcp!.payload.length > 0);
    expect(dataSegs.map(({ p }) => p.tcp!.payload.length)).toEqual([6, 1460, 1460, 80, 3]);
    for (const { f, p } of segs) {
      const ip = p.ipv4!;
      expect(ip.checksumValid).toBe(true);
      const l4 = p.eth.headerLength + ip.headerLength;
      expect(transportChecksumValid({ src: ip.src, dst: ip.dst }, 6, f.subarray(l4, p.eth.headerLength + ip.totalLength))).toBe(true);
    }
    // Sequence numbers of consecutive data segments advance by their lengths.
    for (let i = 1; i < dataSegs.length; i++) {
      const prev = dataSegs[i - 1]!.p.tcp!;
      expect(dataSegs[i]!.p.tcp!.seq).toBe((prev.seq + prev.payload.length) >>> 0);
    }
  });

  it('retransmits lost segments and still completes', async () => {
    // Lose a's SYN, its second data segment's first transmission and its FIN's first transmission.
    let synSeen = 0;
    let dataSeen = 0;
    let finSeen = 0;
    const { a, b } = pair({
      dropFromA: (f) => {
        const t = decodePacket(f).tcp;
        if (!t) return false;
        if (t.flags & TCP_FLAG.SYN && synSeen++ === 0) return true;
        if (t.payload.length > 0 && dataSeen++ === 1) return true;
        if (t.flags & TCP_FLAG.FIN && finSeen++ === 0) return true;
        return false;
      },
    });
    b.listen(80);
    const result = await a.tcpExchange(B_IP, 80, [Buffer.from('one'), Buffer.from('two'), Buffer.from('three')]);
    expect(result.retransmissions).toBe(3);
    await vi.waitFor(() => expect(b.accepted).toHaveLength(1));
    expect(b.accepted[0]!.data.toString()).toBe('onetwothree');
  });

  it('answers a SYN to a closed port with RST, and the connect fails as refused', async () => {
    const { a, b } = pair();
    await expect(a.tcpExchange(B_IP, 9, [Buffer.from('x')])).rejects.toThrow(/connection refused/);
    expect(b.counters.tcpResets).toBe(1);
  });

  it('stop() ends pending pings and resolutions at once instead of leaving them hanging', async () => {
    const { a, cable } = pair();
    await a.resolve(B_IP);
    cable.setLinkUp(false);  // nothing gets through any more
    const started = Date.now();
    const ping = a.ping(B_IP, { count: 5, intervalMs: 1000, timeoutMs: 10_000 });
    const arp = a.resolve(Ipv4Address.parse('10.0.0.77'));
    await new Promise((r) => setTimeout(r, 20));
    a.stop();
    const result = await ping;
    expect(result.received).toBe(0);
    expect(result.replies.length).toBeLessThan(5);
    await expect(arp).rejects.toThrow(/host stopped/);
    await expect(a.ping(B_IP)).rejects.toThrow(/a is stopped/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('ignores unicast frames addressed to another MAC', async () => {
    const { a, b } = pair();
    await a.resolve(B_IP);
    // Poison a's cache so its echo goes to a MAC that is not b's.
    (a.arp as unknown as { cache: Map<number, MacAddress> }).cache.set(B_IP.value, MacAddress.parse('02:00:00:00:00:99'));
    const result = await a.ping(B_IP, { timeoutMs: 100 });
    expect(result.received).toBe(0);
    expect(b.counters.notForUs).toBe(1);
    expect(b.counters.echoRequestsAnswered).toBe(0);
  });
});
