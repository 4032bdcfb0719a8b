import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MacAddress } from '../../core/net/index.js';
import {
  ETH_TYPE, FlowKey, LLDP_MULTICAST, PacketDecodeError, decodePacket, encodeEthernet, encodeLldp, extractFlowKey, flowKeyToObject,
  readPcap, writePcap,
} from '../../core/packet/index.js';

// Captured by test/system/pcap-capture.test.ts (SLUICE_WRITE_FIXTURES=1) on this project's own veth pair.
const FIXTURE = readFileSync(new URL('../fixtures/pcap/veth-traffic.pcap', import.meta.url));

function decodeError(fn: () => unknown): PacketDecodeError {
  try { fn(); } catch (e) { if (e instanceof PacketDecodeError) return e; throw e; }
  throw new Error('expected a PacketDecodeError');
}

describe('pcap files', () => {
  it('reads the committed tcpdump capture', () => {
    const { header, records } = readPcap(FIXTURE);
    expect(header).toMatchObject({ versionMajor: 2, versionMinor: 4, linkType: 1, nanosecond: false, littleEndian: true });
    expect(records.length).toBeGreaterThan(20);
    for (const r of records) expect(r.originalLength).toBe(r.data.length);
  });

  it('writes what it reads, in both byte orders and timestamp resolutions', () => {
    const { records } = readPcap(FIXTURE);
    expect(writePcap(records)).toEqual(FIXTURE);
    for (const opts of [{ littleEndian: false }, { littleEndian: false, nanosecond: true }, { nanosecond: true }]) {
      const again = readPcap(writePcap(records, opts));
      expect(again.header).toMatchObject({ littleEndian: opts.littleEndian ?? true, nanosecond: opts.nanosecond ?? false });
      expect(again.records).toEqual(records);
    }
  });

  it('rejects pcapng, a bad magic and a cut record with typed errors', () => {
    expect(decodeError(() => readPcap(Buffer.from('0a0d0d0a' + '00'.repeat(28), 'hex'))).reason).toMatch(/pcapng/);
    expect(decodeError(() => readPcap(Buffer.alloc(24))).reason).toBe('bad magic 0x0');
    expect(decodeError(() => readPcap(FIXTURE.subarray(0, 24 + 16 + 10)))).toMatchObject({ layer: 'pcap.record[0]', truncated: true });
    expect(decodeError(() => readPcap(FIXTURE.subarray(0, 10)))).toMatchObject({ layer: 'pcap.header', truncated: true });
  });
});

describe('the committed capture, decoded', () => {
  const frames = readPcap(FIXTURE).records.map((r) => r.data);
  const key = new FlowKey();
  const keys = frames.map((f) => flowKeyToObject(extractFlowKey(f, 7, key)));
  const packets = frames.map((f) => decodePacket(f));

  it('decodes every frame without error', () => {
    for (const p of packets) expect(p.error).toBeUndefined();
  });

  it('finds the traffic the system test sent', () => {
    expect(keys).toContainEqual(expect.objectContaining({ arp_op: 1, arp_spa: '10.77.0.1', arp_tpa: '10.77.0.2', arp_sha: '02:5c:00:00:00:0a' }));
    expect(keys).toContainEqual(expect.objectContaining({ icmpv4_type: 8, ipv4_src: '10.77.0.1', ipv4_dst: '10.77.0.2', in_port: 7 }));
    expect(keys).toContainEqual(expect.objectContaining({ icmpv6_type: 135, ipv6_nd_target: 'fd77::2', ipv6_nd_sll: '02:5c:00:00:00:0a' }));
    expect(keys).toContainEqual(expect.objectContaining({ icmpv6_type: 136, ipv6_nd_target: 'fd77::2', ipv6_nd_tll: '02:5c:00:00:00:0b' }));
    expect(keys).toContainEqual(expect.objectContaining({ tcp_dst: 5555, ipv4_dst: '10.77.0.2' }));
    expect(keys).toContainEqual(expect.objectContaining({ udp_src: 40000, udp_dst: 5556 }));
    expect(keys).toContainEqual(expect.objectContaining({ vlan_vid: 0x1000 | 100, icmpv4_type: 8, ipv4_dst: '10.78.0.2' }));
    expect(keys).toContainEqual(expect.objectContaining({ vlan_vid: 0x1000 | 200, vlan_pcp: 1, ipv4_dst: '10.78.0.2' }));
    // The kernel's own MLDv2 reports carry a hop-by-hop header (router alert).
    expect(keys).toContainEqual(expect.objectContaining({ icmpv6_type: 143, ipv6_exthdr: 0x40 }));
    const dns = packets.find((p) => p.dns?.flags.qr)!.dns!;
    expect(dns.answers[0]).toMatchObject({ name: 'sluice.test', data: { kind: 'A' } });
    expect(packets.find((p) => p.dns && !p.dns.flags.qr)!.dns!.edns).toBeDefined();
  });
});

/** A deterministic PRNG so a failing mutation can be replayed from its seed. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s;
  };
}

describe('random mutation of real and built frames', () => {
  const corpus: Uint8Array[] = [
    ...readPcap(FIXTURE).records.map((r) => r.data),
    encodeEthernet({ dst: MacAddress.parse(LLDP_MULTICAST), src: MacAddress.parse('02:00:00:00:00:01'), vlans: [], etherType: ETH_TYPE.LLDP },
      encodeLldp({ chassisId: { subtype: 7, value: Buffer.from('dp1') }, portId: { subtype: 7, value: Buffer.from('3') }, ttl: 120, optional: [{ kind: 'system-name', text: 'sw' }] })),
  ];

  it('never throws anything but PacketDecodeError, and flow-key extraction never throws', () => {
    const rnd = xorshift(0xc0ffee);
    const key = new FlowKey();
    let typed = 0;
    for (let round = 0; round < 3000; round++) {
      const base = corpus[rnd() % corpus.length]!;
      const f = new Uint8Array(base);
      const flips = 1 + (rnd() % 4);
      for (let i = 0; i < flips; i++) f[rnd() % f.length] = rnd() & 0xff;
      const cut = rnd() % 4 === 0 ? f.subarray(0, rnd() % (f.length + 1)) : f;
      expect(() => extractFlowKey(cut, 1, key)).not.toThrow();
      try {
        decodePacket(cut);
      } catch (e) {
        if (!(e instanceof PacketDecodeError)) throw new Error(`round ${round}: ${String(e)}`);
        typed++;
      }
    }
    // Only frames shorter than an Ethernet header make decodePacket itself throw.
    expect(typed).toBeGreaterThan(0);
  });
});
