import { describe, expect, it } from 'vitest';
import { Ipv4Address, Ipv6Address, MacAddress } from '../../core/net/index.js';
import {
  FLOW_KEY_FIELD, FLOW_KEY_FIELDS, FLOW_KEY_LENGTH, FlowKey, ICMPV6_TYPE, ND_OPT, OFPIEH, PRESENCE_BYTES,
  buildFrame, buildPbbFrame, extractFlowKey, flowKeyGet, flowKeyToObject, ipv6FragmentData, ndLinkLayerOption, vlanTag,
  type FrameSpec,
} from '../../core/packet/index.js';

const mac = MacAddress.parse;
const v4 = Ipv4Address.parse;
const v6 = Ipv6Address.parse;
const H1 = mac('12:11:11:11:11:11');
const H2 = mac('22:22:22:22:22:22');

function tcp4(extra: Partial<FrameSpec> = {}): Buffer {
  return buildFrame({
    dst: H2, src: H1, ...extra,
    network: {
      ipv4: { src: v4('192.168.10.10'), dst: v4('192.168.20.20'), dscp: 8, ecn: 0, ttl: 64 },
      transport: { tcp: { srcPort: 11111, dstPort: 2222 } },
      payload: Buffer.from('hello'),
    },
  });
}

function tcp6(extensions = [] as { type: number; nextHeader: number; data: Uint8Array }[]): Buffer {
  return buildFrame({
    dst: H2, src: H1,
    network: {
      ipv6: { src: v6('10::10'), dst: v6('20::20'), flowLabel: 100, hopLimit: 64, extensions },
      transport: { tcp: { srcPort: 11111, dstPort: 2222 } },
    },
  });
}

describe('flow key layout', () => {
  it('places the 40 OXM basic fields back to back after the presence bitmap', () => {
    expect(FLOW_KEY_FIELDS).toHaveLength(40);
    let off = PRESENCE_BYTES;
    FLOW_KEY_FIELDS.forEach((f, i) => {
      expect(f.oxmField).toBe(i);
      expect(f.offset).toBe(off);
      off += f.width;
    });
    expect(FLOW_KEY_LENGTH).toBe(off);
    expect(FLOW_KEY_FIELD.ipv6_src.width).toBe(16);
    expect(FLOW_KEY_FIELD.pbb_isid.width).toBe(3);
    expect(FLOW_KEY_FIELD.vlan_pcp.prerequisite).toEqual({ field: 'vlan_vid', tagged: true });
  });
});

describe('extractFlowKey', () => {
  it('extracts a TCP/IPv4 frame', () => {
    const k = extractFlowKey(tcp4(), 3);
    expect(flowKeyToObject(k)).toEqual({
      in_port: 3, in_phy_port: 3, metadata: 0n, eth_dst: '22:22:22:22:22:22', eth_src: '12:11:11:11:11:11',
      eth_type: 0x0800, vlan_vid: 0, ip_dscp: 8, ip_ecn: 0, ip_proto: 6, ipv4_src: '192.168.10.10',
      ipv4_dst: '192.168.20.20', tcp_src: 11111, tcp_dst: 2222, tunnel_id: 0n,
    });
    expect([k.ethTypeOffset, k.l3Offset, k.l4Offset]).toEqual([12, 14, 34]);
  });

  it('takes vlan_vid (with OFPVID_PRESENT) and vlan_pcp from the outer tag of a stack', () => {
    const k = extractFlowKey(tcp4({ vlans: [vlanTag(10, 0, 0x88a8), vlanTag(100, 3)] }), 1);
    const o = flowKeyToObject(k);
    expect(o.vlan_vid).toBe(0x1000 | 10);
    expect(o.vlan_pcp).toBe(0);
    expect(o.eth_type).toBe(0x0800);
    expect(o.tcp_dst).toBe(2222);
    expect([k.vlanCount, k.ethTypeOffset, k.l3Offset]).toEqual([2, 20, 22]);
    expect(flowKeyGet(extractFlowKey(tcp4({ vlans: [vlanTag(100, 5)] }), 1), 'vlan_pcp')).toBe(5);
  });

  it('reuses the key it is given and clears the previous packet', () => {
    const key = new FlowKey();
    extractFlowKey(tcp4({ vlans: [vlanTag(7)] }), 1, key);
    const arp = buildFrame({
      dst: MacAddress.BROADCAST, src: H1,
      network: { arp: { op: 1, sha: H1, spa: v4('10.0.0.1'), tha: MacAddress.ZERO, tpa: v4('10.0.0.2') } },
    });
    expect(extractFlowKey(arp, 2, key)).toBe(key);
    expect(flowKeyToObject(key)).toEqual({
      in_port: 2, in_phy_port: 2, metadata: 0n, eth_dst: 'ff:ff:ff:ff:ff:ff', eth_src: '12:11:11:11:11:11',
      eth_type: 0x0806, vlan_vid: 0, arp_op: 1, arp_spa: '10.0.0.1', arp_tpa: '10.0.0.2',
      arp_sha: '12:11:11:11:11:11', arp_tha: '00:00:00:00:00:00', tunnel_id: 0n,
    });
  });

  it('extracts UDP over IPv6 with the flow label and traffic class', () => {
    const f = buildFrame({
      dst: H2, src: H1,
      network: {
        ipv6: { src: v6('2001:db8::1'), dst: v6('2001:db8::2'), flowLabel: 0xabcde, dscp: 46, ecn: 1 },
        transport: { udp: { srcPort: 5353, dstPort: 53 } },
      },
    });
    const o = flowKeyToObject(extractFlowKey(f, 1));
    expect(o).toMatchObject({
      eth_type: 0x86dd, ip_dscp: 46, ip_ecn: 1, ip_proto: 17, ipv6_src: '2001:db8::1', ipv6_dst: '2001:db8::2',
      ipv6_flabel: 0xabcde, udp_src: 5353, udp_dst: 53, ipv6_exthdr: 0,
    });
    expect(o.tcp_src).toBeUndefined();
  });

  it('sets OFPIEH_HOP | OFPIEH_AUTH (68) for hop-by-hop then AH, and still finds TCP', () => {
    const k = extractFlowKey(tcp6([
      { type: 0, nextHeader: 51, data: new Uint8Array(6) },
      { type: 51, nextHeader: 6, data: new Uint8Array(10) },
    ]), 1);
    expect(flowKeyGet(k, 'ipv6_exthdr')).toBe(68);
    expect(flowKeyGet(k, 'ip_proto')).toBe(6);
    expect(flowKeyGet(k, 'tcp_dst')).toBe(2222);
  });

  it('flags repeated and out-of-order extension headers', () => {
    const opts = (next: number) => ({ type: 60, nextHeader: next, data: new Uint8Array(6) });
    const frag = (next: number, offset: number) => ({ type: 44, nextHeader: next, data: ipv6FragmentData({ fragmentOffset: offset, more: true, identification: 1 }) });
    // frag then hop-by-hop: HOP not first → UNSEQ.
    expect(flowKeyGet(extractFlowKey(tcp6([frag(0, 0), { type: 0, nextHeader: 6, data: new Uint8Array(6) }]), 1), 'ipv6_exthdr'))
      .toBe(OFPIEH.FRAG | OFPIEH.HOP | OFPIEH.UNSEQ);
    // Three destination-options headers → UNREP.
    expect(flowKeyGet(extractFlowKey(tcp6([opts(60), opts(60), opts(6)]), 1), 'ipv6_exthdr')).toBe(OFPIEH.DEST | OFPIEH.UNREP);
    // A non-first fragment: FRAG set, upper protocol known, no ports.
    const k = extractFlowKey(tcp6([frag(6, 100)]), 1);
    expect(flowKeyGet(k, 'ipv6_exthdr')).toBe(OFPIEH.FRAG);
    expect(flowKeyGet(k, 'ip_proto')).toBe(6);
    expect(flowKeyGet(k, 'tcp_src')).toBeUndefined();
    expect(k.l4Offset).toBe(-1);
    // No next header.
    const none = buildFrame({ dst: H2, src: H1, network: { ipv6: { src: v6('::1'), dst: v6('::2') } } });
    expect(flowKeyGet(extractFlowKey(none, 1), 'ipv6_exthdr')).toBe(OFPIEH.NONEXT);
  });

  it('extracts Neighbor Solicitation target and source link-layer address', () => {
    const f = buildFrame({
      dst: mac('33:33:ff:00:00:20'), src: H1,
      network: {
        ipv6: { src: v6('10::10'), dst: v6('ff02::1:ff00:20'), hopLimit: 255 },
        transport: {
          icmpv6: { type: ICMPV6_TYPE.NEIGHBOR_SOLICITATION },
          nd: { kind: 'ns', target: v6('20::20'), options: [ndLinkLayerOption(ND_OPT.SOURCE_LINK_LAYER_ADDRESS, H1)] },
        },
      },
    });
    expect(flowKeyToObject(extractFlowKey(f, 1))).toMatchObject({
      ip_proto: 58, icmpv6_type: 135, icmpv6_code: 0, ipv6_nd_target: '20::20', ipv6_nd_sll: '12:11:11:11:11:11',
    });
    expect(flowKeyGet(extractFlowKey(f, 1), 'ipv6_nd_tll')).toBeUndefined();
  });

  it('gives a Neighbor Advertisement without the option a zero ipv6_nd_tll', () => {
    const f = buildFrame({
      dst: H1, src: H2,
      network: {
        ipv6: { src: v6('20::20'), dst: v6('10::10'), hopLimit: 255 },
        transport: {
          icmpv6: { type: ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT },
          nd: { kind: 'na', router: false, solicited: true, override: true, target: v6('20::20'), options: [] },
        },
      },
    });
    expect(flowKeyToObject(extractFlowKey(f, 1))).toMatchObject({ icmpv6_type: 136, ipv6_nd_tll: '00:00:00:00:00:00', ipv6_nd_target: '20::20' });
  });

  it('extracts ICMPv4 type and code, and SCTP ports', () => {
    const icmp = buildFrame({ dst: H2, src: H1, network: { ipv4: { src: v4('1.1.1.1'), dst: v4('2.2.2.2') }, transport: { icmp: { type: 8, restOfHeader: 0x00010002 } } } });
    expect(flowKeyToObject(extractFlowKey(icmp, 1))).toMatchObject({ ip_proto: 1, icmpv4_type: 8, icmpv4_code: 0 });
    const sctp = buildFrame({ dst: H2, src: H1, network: { ipv4: { src: v4('1.1.1.1'), dst: v4('2.2.2.2') }, transport: { sctp: { srcPort: 11111, dstPort: 2222 } } } });
    expect(flowKeyToObject(extractFlowKey(sctp, 1))).toMatchObject({ ip_proto: 132, sctp_src: 11111, sctp_dst: 2222 });
  });

  it('does not give L4 fields to a later IPv4 fragment', () => {
    const f = buildFrame({ dst: H2, src: H1, network: { ipv4: { src: v4('1.1.1.1'), dst: v4('2.2.2.2'), fragmentOffset: 10, protocol: 6 }, payload: new Uint8Array(40) } });
    const o = flowKeyToObject(extractFlowKey(f, 1));
    expect(o.ip_proto).toBe(6);
    expect(o.tcp_src).toBeUndefined();
  });

  it('takes the top MPLS label and stops there', () => {
    const f = buildFrame({
      dst: H2, src: H1, mpls: [{ label: 100, tc: 3, bos: 0, ttl: 64 }, { label: 200, tc: 1, bos: 1, ttl: 63 }],
      network: { ipv4: { src: v4('1.1.1.1'), dst: v4('2.2.2.2') }, transport: { tcp: { srcPort: 1, dstPort: 2 } } },
    });
    const k = extractFlowKey(f, 1);
    const o = flowKeyToObject(k);
    expect(o).toMatchObject({ eth_type: 0x8847, mpls_label: 100, mpls_tc: 3, mpls_bos: 0 });
    expect(o.ipv4_src).toBeUndefined();
    expect([k.l2_5Offset, k.l3Offset]).toEqual([14, 22]);
  });

  it('takes pbb_isid from the I-TAG behind an S-tag (the Ryu 37_PBB_ISID frame)', () => {
    const customer = tcp4({ vlans: [vlanTag(10, 0, 0x88a8), vlanTag(100, 3)] });
    const f = buildPbbFrame({ dst: H2, src: H1, vlans: [vlanTag(10, 0, 0x88a8)] }, { pcp: 0, dei: 0, uca: 0, isid: 100 }, customer);
    const o = flowKeyToObject(extractFlowKey(f, 1));
    expect(o).toMatchObject({ eth_type: 0x88e7, vlan_vid: 0x1000 | 10, pbb_isid: 100 });
    expect(o.ipv4_src).toBeUndefined();
  });

  it('classifies 802.3 frames: the SNAP EtherType, else 0x05ff', () => {
    const llc = (body: string) => Buffer.concat([H2.toBytes(), H1.toBytes(), Buffer.from(body, 'hex')]);
    // An STP BPDU: LLC 42 42 03.
    expect(flowKeyGet(extractFlowKey(llc('0026424203000000'), 1), 'eth_type')).toBe(0x05ff);
    // SNAP-encapsulated ARP.
    const arpBody = Buffer.from('0001080006040001' + '121111111111' + '0a000001' + '000000000000' + '0a000002', 'hex').toString('hex');
    const k = extractFlowKey(llc('0024aaaa030000000806' + arpBody), 1);
    expect(flowKeyToObject(k)).toMatchObject({ eth_type: 0x0806, arp_op: 1, arp_spa: '10.0.0.1', arp_tpa: '10.0.0.2' });
    expect([k.ethTypeOffset, k.l3Offset]).toEqual([20, 22]);
  });

  it('carries tunnel_id and in_phy_port from the options', () => {
    const o = flowKeyToObject(extractFlowKey(tcp4(), 5, undefined, { inPhyPort: 1, tunnelId: 0x1234567890abcdefn }));
    expect(o).toMatchObject({ in_port: 5, in_phy_port: 1, tunnel_id: 0x1234567890abcdefn });
  });

  it('keeps the outer layers of a frame cut short at every length, and never throws', () => {
    const f = tcp4({ vlans: [vlanTag(5)] });
    const key = new FlowKey();
    for (let n = 0; n <= f.length; n++) {
      const o = flowKeyToObject(extractFlowKey(f.subarray(0, n), 1, key));
      expect(o.in_port).toBe(1);
      if (n >= 14) expect(o.eth_src).toBe('12:11:11:11:11:11');
      if (n < 14) expect(o.eth_src).toBeUndefined();
      // IPv4 fields need the whole datagram (total length checked), like Open vSwitch.
      expect(o.ipv4_src !== undefined).toBe(n === f.length);
    }
  });
});
