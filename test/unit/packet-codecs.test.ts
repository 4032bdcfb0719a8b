import { describe, expect, it } from 'vitest';
import { Ipv4Address, Ipv6Address, MacAddress } from '../../core/net/index.js';
import {
  ETH_TYPE, ICMPV6_TYPE, IPV4_OPT, ND_OPT, PacketDecodeError, TCP_FLAG,
  buildFrame, decodeArp, decodeEthernet, decodeIcmp, decodeIcmpv6, decodeIpv4, decodeIpv4Options, decodeIpv6,
  decodeMplsStack, decodePacket, decodePbbItag, decodeTcp, decodeUdp, encodeArp, encodeEthernet, encodeIcmp,
  encodeIcmpv6, encodeIpv4, encodeIpv4Options, encodeIpv6, encodeMplsStack, encodeNdBody, encodePbbItag, encodeTcp,
  encodeUdp, icmpEcho, icmpEchoRest, icmpv6ChecksumValid, ipv6FragmentData, ndLinkLayerAddress, ndLinkLayerOption,
  transportChecksumValid, vlanTag, type NdMessage, type TcpHeader,
} from '../../core/packet/index.js';

const H1 = MacAddress.parse('02:00:00:00:00:01');
const H2 = MacAddress.parse('02:00:00:00:00:02');
const A4 = Ipv4Address.parse('10.0.0.1'), B4 = Ipv4Address.parse('10.0.0.2');
const A6 = Ipv6Address.parse('fd00::1'), B6 = Ipv6Address.parse('fd00::2');

function decodeError(fn: () => unknown): PacketDecodeError {
  try { fn(); } catch (e) { if (e instanceof PacketDecodeError) return e; throw e; }
  throw new Error('expected a PacketDecodeError');
}

describe('Ethernet and 802.1Q/802.1ad', () => {
  it('round-trips an untagged and a double-tagged frame', () => {
    for (const vlans of [[], [vlanTag(100, 0, ETH_TYPE.QINQ), { tpid: ETH_TYPE.VLAN, pcp: 5, dei: 1, vid: 4094 }]]) {
      const bytes = encodeEthernet({ dst: H2, src: H1, vlans, etherType: ETH_TYPE.IPV6 }, Buffer.from('xyz'));
      const f = decodeEthernet(bytes);
      expect(f).toMatchObject({ vlans, etherType: ETH_TYPE.IPV6, headerLength: 14 + 4 * vlans.length });
      expect(f.dst.equals(H2) && f.src.equals(H1)).toBe(true);
      expect(Buffer.from(f.payload).toString()).toBe('xyz');
      expect(encodeEthernet(f, f.payload)).toEqual(bytes);
    }
  });
  it('reports a frame cut inside its tag', () => {
    const bytes = encodeEthernet({ dst: H2, src: H1, vlans: [vlanTag(1)], etherType: 0x800 });
    expect(decodeError(() => decodeEthernet(bytes.subarray(0, 16)))).toMatchObject({ layer: 'ethernet.vlan[0]', offset: 14, truncated: true });
  });
});

describe('ARP', () => {
  it('round-trips a request', () => {
    const arp = { op: 1, sha: H1, spa: A4, tha: MacAddress.ZERO, tpa: B4 };
    const b = encodeArp(arp);
    expect(b.toString('hex')).toBe('0001080006040001020000000001' + '0a000001' + '000000000000' + '0a000002');
    expect(encodeArp(decodeArp(b))).toEqual(b);
  });
  it('rejects non-Ethernet/IPv4 ARP with a reason', () => {
    const b = encodeArp({ op: 1, sha: H1, spa: A4, tha: H2, tpa: B4 });
    b[5] = 16;
    expect(decodeError(() => decodeArp(b)).reason).toMatch(/not Ethernet\/IPv4 ARP .*plen 16/);
  });
});

describe('IPv4', () => {
  it('round-trips a header with options and fragment fields, computing the checksum', () => {
    const options = encodeIpv4Options([{ type: IPV4_OPT.RA, data: Uint8Array.of(0, 0) }, { type: IPV4_OPT.NOP, data: new Uint8Array(0) }]);
    const b = encodeIpv4({
      dscp: 46, ecn: 2, identification: 0xbeef, df: false, mf: true, fragmentOffset: 185, ttl: 1, protocol: 17,
      src: A4, dst: B4, options,
    }, Buffer.from('payload!'));
    const p = decodeIpv4(b);
    expect(p).toMatchObject({ dscp: 46, ecn: 2, identification: 0xbeef, df: false, mf: true, fragmentOffset: 185, ttl: 1,
      protocol: 17, headerLength: 28, totalLength: 36, checksumValid: true });
    expect(decodeIpv4Options(p.options)).toEqual([
      { type: IPV4_OPT.RA, data: Uint8Array.of(0, 0) }, { type: IPV4_OPT.NOP, data: new Uint8Array(0) },
      { type: IPV4_OPT.EOOL, data: new Uint8Array(0) },
    ]);
    expect(encodeIpv4(p, p.payload)).toEqual(b);
  });
  it('excludes Ethernet padding from the payload and flags a bad checksum', () => {
    const b = Buffer.concat([encodeIpv4({ dscp: 0, ecn: 0, identification: 1, df: true, mf: false, fragmentOffset: 0, ttl: 64, protocol: 1, src: A4, dst: B4, options: new Uint8Array(0) }, Buffer.alloc(4)), Buffer.alloc(10)]);
    expect(decodeIpv4(b).payload.length).toBe(4);
    b[8] = 63;
    expect(decodeIpv4(b).checksumValid).toBe(false);
  });
  it.each([
    [(b: Buffer) => { b[0] = 0x65; }, 'ipv4', 0, /version is 6/],
    [(b: Buffer) => { b[0] = 0x44; }, 'ipv4', 0, /IHL 4 is below 5/],
    [(b: Buffer) => { b.writeUInt16BE(19, 2); }, 'ipv4', 2, /total length 19 is shorter/],
    [(b: Buffer) => { b.writeUInt16BE(200, 2); }, 'ipv4', 2, /exceeds the 24 bytes/],
    [(b: Buffer) => { b[0] = 0x4f; }, 'ipv4.options', 20, /needs 40 bytes/],
  ])('rejects malformed header %#', (mutate, layer, offset, reason) => {
    const b = encodeIpv4({ dscp: 0, ecn: 0, identification: 1, df: true, mf: false, fragmentOffset: 0, ttl: 64, protocol: 1, src: A4, dst: B4, options: new Uint8Array(0) }, Buffer.alloc(4));
    mutate(b);
    const e = decodeError(() => decodeIpv4(b));
    expect(e.layer).toBe(layer);
    expect(e.offset).toBe(offset);
    expect(e.reason).toMatch(reason);
  });
  it('rejects a malformed option', () => {
    expect(decodeError(() => decodeIpv4Options(Uint8Array.of(7, 1, 0, 0))).reason).toBe('option 7 has length 1');
  });
});

describe('IPv6', () => {
  it('walks hop-by-hop, routing, fragment, destination options and AH, and round-trips', () => {
    const exts = [
      { type: 0, nextHeader: 43, data: Uint8Array.of(5, 2, 0, 0, 1, 0) },          // router alert
      { type: 43, nextHeader: 44, data: Uint8Array.of(0, 0, 0, 0, 0, 0) },         // type 0, segments left 0
      { type: 44, nextHeader: 60, data: ipv6FragmentData({ fragmentOffset: 0, more: true, identification: 0xdeadbeef }) },
      { type: 60, nextHeader: 51, data: new Uint8Array(14) },
      { type: 51, nextHeader: 17, data: new Uint8Array(14) },
    ];
    const b = encodeIpv6({ dscp: 10, ecn: 1, flowLabel: 0x12345, hopLimit: 9, src: A6, dst: B6, extensions: exts, upperProtocol: 17 }, Buffer.from('udp?'));
    const p = decodeIpv6(b);
    expect(p).toMatchObject({ dscp: 10, ecn: 1, flowLabel: 0x12345, hopLimit: 9, nextHeader: 0, upperProtocol: 17,
      headerLength: 40 + 8 + 8 + 8 + 16 + 16, opaque: false,
      fragment: { fragmentOffset: 0, more: true, identification: 0xdeadbeef } });
    expect(p.extensions.map((e) => e.type)).toEqual([0, 43, 44, 60, 51]);
    expect(p.src.toString()).toBe('fd00::1');
    expect(Buffer.from(p.payload).toString()).toBe('udp?');
    expect(encodeIpv6(p, p.payload)).toEqual(b);
  });
  it('stops at ESP and at a non-first fragment', () => {
    const esp = decodeIpv6(encodeIpv6({ dscp: 0, ecn: 0, flowLabel: 0, hopLimit: 1, src: A6, dst: B6, extensions: [], upperProtocol: 50 }, new Uint8Array(16)));
    expect(esp).toMatchObject({ upperProtocol: 50, opaque: true, headerLength: 40 });
    const frag = decodeIpv6(encodeIpv6({ dscp: 0, ecn: 0, flowLabel: 0, hopLimit: 1, src: A6, dst: B6, upperProtocol: 6,
      extensions: [{ type: 44, nextHeader: 6, data: ipv6FragmentData({ fragmentOffset: 3, more: false, identification: 7 }) }] }, new Uint8Array(8)));
    expect(frag).toMatchObject({ upperProtocol: 6, opaque: true, fragment: { fragmentOffset: 3, more: false } });
  });
  it('reports an extension header that overruns the payload length', () => {
    const b = encodeIpv6({ dscp: 0, ecn: 0, flowLabel: 0, hopLimit: 1, src: A6, dst: B6, upperProtocol: 59,
      extensions: [{ type: 60, nextHeader: 59, data: new Uint8Array(6) }] });
    b[41] = 3; // claims 32 bytes
    expect(decodeError(() => decodeIpv6(b))).toMatchObject({ layer: 'ipv6.ext[0]', offset: 40, truncated: true });
  });
});

describe('ICMP', () => {
  it('round-trips an echo request and verifies its checksum', () => {
    const b = encodeIcmp({ type: 8, code: 0, restOfHeader: icmpEchoRest(0x1234, 7) }, Buffer.from('ping'));
    const m = decodeIcmp(b);
    expect(m.checksumValid).toBe(true);
    expect(icmpEcho(m)).toEqual({ identifier: 0x1234, sequence: 7 });
    expect(encodeIcmp(m, m.body)).toEqual(b);
  });
});

describe('ICMPv6 and Neighbor Discovery', () => {
  const ip = { src: A6, dst: B6 };
  it.each([
    { kind: 'ns', target: B6, options: [ndLinkLayerOption(ND_OPT.SOURCE_LINK_LAYER_ADDRESS, H1)] },
    { kind: 'na', router: true, solicited: true, override: false, target: B6, options: [ndLinkLayerOption(ND_OPT.TARGET_LINK_LAYER_ADDRESS, H2)] },
    { kind: 'rs', options: [ndLinkLayerOption(ND_OPT.SOURCE_LINK_LAYER_ADDRESS, H1)] },
    { kind: 'ra', curHopLimit: 64, managed: true, other: false, routerLifetime: 1800, reachableTime: 0, retransTimer: 0,
      options: [ndLinkLayerOption(ND_OPT.SOURCE_LINK_LAYER_ADDRESS, H2), { type: ND_OPT.MTU, data: Uint8Array.of(0, 0, 0, 0, 0x05, 0xdc) }] },
  ] satisfies NdMessage[])('round-trips $kind', (nd: NdMessage) => {
    const type = { ns: ICMPV6_TYPE.NEIGHBOR_SOLICITATION, na: ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT, rs: ICMPV6_TYPE.ROUTER_SOLICITATION, ra: ICMPV6_TYPE.ROUTER_ADVERTISEMENT }[nd.kind];
    const b = encodeIcmpv6({ type, code: 0 }, encodeNdBody(nd), ip);
    expect(icmpv6ChecksumValid(b, ip)).toBe(true);
    const m = decodeIcmpv6(b);
    expect(m.type).toBe(type);
    expect(m.nd?.kind).toBe(nd.kind);
    expect(encodeIcmpv6(m, m.body, ip)).toEqual(b);
    const opts = m.nd!.options;
    const ll = ndLinkLayerAddress(opts, ND_OPT.SOURCE_LINK_LAYER_ADDRESS) ?? ndLinkLayerAddress(opts, ND_OPT.TARGET_LINK_LAYER_ADDRESS);
    expect(ll?.toString()).toMatch(/^02:00:00:00:00:0[12]$/);
    if (m.nd?.kind === 'ra') expect(m.nd).toMatchObject({ curHopLimit: 64, managed: true, routerLifetime: 1800 });
    if (m.nd?.kind === 'na') expect(m.nd).toMatchObject({ router: true, solicited: true, override: false });
  });
  it('rejects a zero-length ND option (RFC 4861 §4.6)', () => {
    const b = encodeIcmpv6({ type: 135, code: 0 }, encodeNdBody({ kind: 'ns', target: B6, options: [ndLinkLayerOption(1, H1)] }), ip);
    b[25] = 0;
    expect(decodeError(() => decodeIcmpv6(b))).toMatchObject({ layer: 'icmpv6.nd_option', offset: 25, reason: 'option length is zero' });
  });
});

describe('TCP', () => {
  const ip = { src: A4, dst: B4 };
  it('round-trips a SYN with MSS, SACK-permitted, timestamps and window scale', () => {
    const h: TcpHeader = {
      srcPort: 40000, dstPort: 80, seq: 0xfffffff0, ack: 0, flags: TCP_FLAG.SYN | TCP_FLAG.CWR | TCP_FLAG.ECE, window: 64240, urgentPointer: 0,
      options: [{ kind: 'mss', mss: 1460 }, { kind: 'sack-permitted' }, { kind: 'timestamps', tsval: 123456789, tsecr: 0 }, { kind: 'nop' }, { kind: 'ws', shift: 7 }],
    };
    const b = encodeTcp(h, new Uint8Array(0), ip);
    expect(b.length).toBe(40);
    expect(transportChecksumValid(ip, 6, b)).toBe(true);
    const s = decodeTcp(b);
    expect(s).toMatchObject({ ...h, headerLength: 40 });
    expect(encodeTcp(s, s.payload, ip)).toEqual(b);
  });
  it('decodes SACK blocks and pads with EOL', () => {
    const b = encodeTcp({ srcPort: 1, dstPort: 2, seq: 1, ack: 2, flags: TCP_FLAG.ACK, window: 1, urgentPointer: 0,
      options: [{ kind: 'sack', blocks: [[1, 2], [3, 4]] }, { kind: 'other', type: 30, data: Uint8Array.of(9) }] }, Buffer.from('d'), ip);
    const s = decodeTcp(b);
    expect(s.options).toEqual([{ kind: 'sack', blocks: [[1, 2], [3, 4]] }, { kind: 'other', type: 30, data: Uint8Array.of(9) }, { kind: 'eol' }]);
    expect(Buffer.from(s.payload).toString()).toBe('d');
  });
  it.each([
    [Uint8Array.of(2, 3, 5, 0), /option 2 needs length 4, got 3/],
    [Uint8Array.of(8, 10, 0, 0), /needs 10 bytes/],
    [Uint8Array.of(1, 1, 1, 9), /needs 1 bytes/],
    [Uint8Array.of(30, 0, 0, 0), /option 30 has length 0/],
  ])('rejects bad options %#', (opts, reason) => {
    const b = encodeTcp({ srcPort: 1, dstPort: 2, seq: 1, ack: 2, flags: 0, window: 1, urgentPointer: 0, options: [] }, new Uint8Array(0), ip);
    const withOpts = Buffer.concat([b, opts]);
    withOpts[12] = 0x60;
    expect(decodeError(() => decodeTcp(withOpts)).reason).toMatch(reason);
  });
});

describe('UDP', () => {
  it('round-trips over IPv4 and IPv6, never sending a zero checksum', () => {
    for (const ip of [{ src: A4, dst: B4 }, { src: A6, dst: B6 }]) {
      const b = encodeUdp({ srcPort: 5353, dstPort: 53 }, Buffer.from('query'), ip);
      expect(transportChecksumValid(ip, 17, b)).toBe(true);
      const d = decodeUdp(b);
      expect(d).toMatchObject({ srcPort: 5353, dstPort: 53, length: 13 });
      expect(encodeUdp(d, d.payload, ip)).toEqual(b);
    }
  });
  it('rejects a length below the header', () => {
    const b = encodeUdp({ srcPort: 1, dstPort: 2, length: 7 }, new Uint8Array(0), { src: A4, dst: B4 });
    expect(decodeError(() => decodeUdp(b))).toMatchObject({ layer: 'udp', offset: 4, reason: 'length 7 is below 8' });
  });
});

describe('MPLS and PBB', () => {
  it('round-trips a two-label stack ending at bottom of stack', () => {
    const labels = [{ label: 0xfffff, tc: 7, bos: 0, ttl: 255 }, { label: 16, tc: 0, bos: 1, ttl: 1 }];
    const b = Buffer.concat([encodeMplsStack(labels), Buffer.from('rest')]);
    expect(decodeMplsStack(b)).toEqual({ labels, headerLength: 8 });
    expect(decodeError(() => decodeMplsStack(b.subarray(0, 6)))).toMatchObject({ layer: 'mpls[1]', truncated: true });
  });
  it('round-trips an I-TAG', () => {
    const t = { pcp: 5, dei: 1, uca: 1, isid: 0xabcdef };
    expect(decodePbbItag(encodePbbItag(t))).toEqual(t);
  });
});

describe('decodePacket', () => {
  it('decodes every layer of a VLAN-tagged TCP frame', () => {
    const f = buildFrame({ dst: H2, src: H1, vlans: [vlanTag(42)], network: { ipv4: { src: A4, dst: B4 }, transport: { tcp: { srcPort: 1000, dstPort: 22 } }, payload: Buffer.from('ssh') } });
    const p = decodePacket(f);
    expect(p.error).toBeUndefined();
    expect(p.eth.vlans[0]!.vid).toBe(42);
    expect(p.ipv4?.checksumValid).toBe(true);
    expect(p.tcp).toMatchObject({ srcPort: 1000, dstPort: 22 });
    expect(transportChecksumValid({ src: A4, dst: B4 }, 6, f.subarray(18 + 20))).toBe(true);
  });
  it('keeps the outer layers and reports the broken one', () => {
    const f = buildFrame({ dst: H2, src: H1, network: { ipv4: { src: A4, dst: B4 }, transport: { tcp: { srcPort: 1000, dstPort: 22 } } } });
    f[14 + 20 + 12] = 0x20; // data offset 2
    const p = decodePacket(f);
    expect(p.ipv4?.dst.toString()).toBe('10.0.0.2');
    expect(p.tcp).toBeUndefined();
    expect(p.error).toMatchObject({ layer: 'tcp', offset: 46 });
  });
});
