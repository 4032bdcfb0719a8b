import { describe, expect, it } from 'vitest';
import { Ipv4Address, Ipv6Address, MacAddress } from '../../core/net/index.js';
import {
  PacketDecodeError, decodeArp, decodeDns, decodeEthernet, decodeIcmp, decodeIcmpv6, decodeIpv4, decodeIpv6, decodeLldp,
  decodeMplsStack, decodePbbItag, decodeTcp, decodeUdp, dnsFlags, encodeArp, encodeDns, encodeEthernet, encodeIcmp,
  encodeIcmpv6, encodeIpv4, encodeIpv6, encodeLldp, encodeMplsStack, encodeNdBody, encodePbbItag, encodeTcp, encodeUdp,
  ipv6FragmentData, ndLinkLayerOption, readPcap, vlanTag, writePcap,
} from '../../core/packet/index.js';

const H1 = MacAddress.parse('02:00:00:00:00:01');
const A4 = Ipv4Address.parse('10.0.0.1'), B4 = Ipv4Address.parse('10.0.0.2');
const A6 = Ipv6Address.parse('fd00::1'), B6 = Ipv6Address.parse('fd00::2');

interface Codec {
  name: string;
  bytes: Uint8Array;
  decode: (b: Uint8Array) => unknown;
  /** Shortest input that can decode: every shorter cut must be a truncation error. */
  minLength: number;
}

const CODECS: Codec[] = [
  { name: 'ethernet', bytes: encodeEthernet({ dst: H1, src: H1, vlans: [vlanTag(1), vlanTag(2)], etherType: 0x800 }), decode: decodeEthernet, minLength: 22 },
  { name: 'arp', bytes: encodeArp({ op: 2, sha: H1, spa: A4, tha: H1, tpa: B4 }), decode: decodeArp, minLength: 28 },
  { name: 'ipv4', bytes: encodeIpv4({ dscp: 0, ecn: 0, identification: 1, df: false, mf: false, fragmentOffset: 0, ttl: 1, protocol: 6, src: A4, dst: B4, options: Uint8Array.of(1, 1, 1, 0) }, Buffer.alloc(12)), decode: decodeIpv4, minLength: 36 },
  { name: 'ipv6', bytes: encodeIpv6({ dscp: 0, ecn: 0, flowLabel: 1, hopLimit: 1, src: A6, dst: B6, upperProtocol: 17, extensions: [
    { type: 0, nextHeader: 44, data: new Uint8Array(6) }, { type: 44, nextHeader: 17, data: ipv6FragmentData({ fragmentOffset: 0, more: false, identification: 5 }) }] }, Buffer.alloc(8)), decode: decodeIpv6, minLength: 64 },
  { name: 'icmp', bytes: encodeIcmp({ type: 8, code: 0, restOfHeader: 1 }, Buffer.alloc(4)), decode: decodeIcmp, minLength: 8 },
  { name: 'icmpv6', bytes: encodeIcmpv6({ type: 136, code: 0 }, encodeNdBody({ kind: 'na', router: false, solicited: true, override: true, target: B6, options: [ndLinkLayerOption(2, H1)] }), { src: A6, dst: B6 }), decode: decodeIcmpv6, minLength: 24 },
  { name: 'tcp', bytes: encodeTcp({ srcPort: 1, dstPort: 2, seq: 3, ack: 4, flags: 2, window: 5, urgentPointer: 0, options: [{ kind: 'mss', mss: 1460 }, { kind: 'timestamps', tsval: 1, tsecr: 2 }] }, Buffer.alloc(3), { src: A4, dst: B4 }), decode: decodeTcp, minLength: 36 },
  { name: 'udp', bytes: encodeUdp({ srcPort: 1, dstPort: 2 }, Buffer.alloc(5), { src: A4, dst: B4 }), decode: decodeUdp, minLength: 13 },
  { name: 'mpls', bytes: encodeMplsStack([{ label: 1, tc: 0, bos: 0, ttl: 1 }, { label: 2, tc: 0, bos: 1, ttl: 1 }]), decode: decodeMplsStack, minLength: 8 },
  { name: 'pbb', bytes: encodePbbItag({ pcp: 0, dei: 0, uca: 0, isid: 7 }), decode: decodePbbItag, minLength: 4 },
  { name: 'lldp', bytes: encodeLldp({ chassisId: { subtype: 4, value: H1.toBytes() }, portId: { subtype: 7, value: Buffer.from('1') }, ttl: 120, optional: [{ kind: 'org', tlv: { oui: 0x0080c2, subtype: 1, info: Uint8Array.of(0, 1) } }] }), decode: decodeLldp, minLength: 34 },
  { name: 'dns', bytes: encodeDns({ id: 1, flags: dnsFlags({ qr: true }), questions: [{ name: 'a.example', type: 1, class: 1 }],
    answers: [{ name: 'a.example', type: 15, class: 1, ttl: 1, data: { kind: 'MX', preference: 1, exchange: 'mx.a.example' } }], authority: [], additional: [],
    edns: { udpPayloadSize: 1232, extendedRcode: 0, version: 0, dnssecOk: false, options: [{ code: 8, data: Uint8Array.of(0, 1, 24, 0, 10, 0, 0) }] } }), decode: decodeDns, minLength: 0 },
  { name: 'pcap', bytes: writePcap([{ tsSec: 1, tsFrac: 2, originalLength: 3, data: Uint8Array.of(1, 2, 3) }]), decode: readPcap, minLength: 24 }, // 24 bytes is a valid empty capture
];
// A DNS message has no length of its own: every cut must fail.
CODECS.find((c) => c.name === 'dns')!.minLength = CODECS.find((c) => c.name === 'dns')!.bytes.length;

function outcome(fn: () => unknown): 'ok' | PacketDecodeError {
  try { fn(); return 'ok'; } catch (e) {
    if (e instanceof PacketDecodeError) return e;
    throw e;
  }
}

describe('malformed input', () => {
  it.each(CODECS)('$name: decodes whole, and every cut short of the header is a typed truncation', ({ bytes, decode, minLength }) => {
    expect(outcome(() => decode(bytes))).toBe('ok');
    for (let n = 0; n < bytes.length; n++) {
      const r = outcome(() => decode(bytes.subarray(0, n)));
      if (n < minLength) {
        expect(r, `cut at ${n}`).toBeInstanceOf(PacketDecodeError);
        expect((r as PacketDecodeError).truncated, `cut at ${n}: ${String(r)}`).toBe(true);
      }
    }
  });

  it.each(CODECS)('$name: random byte changes give a value or a PacketDecodeError, nothing else', ({ bytes, decode }) => {
    let s = 0x9e3779b9 ^ bytes.length;
    const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
    for (let round = 0; round < 400; round++) {
      const b = new Uint8Array(bytes);
      for (let i = 0, n = 1 + (rnd() % 3); i < n; i++) b[rnd() % b.length] = rnd() & 0xff;
      const r = outcome(() => decode(b));
      if (r !== 'ok') expect(r.offset).toBeGreaterThanOrEqual(0);
    }
  });
});
