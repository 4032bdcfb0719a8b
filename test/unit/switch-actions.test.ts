import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../core/openflow/actions.js';
import { OFPR } from '../../core/openflow/constants.js';
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { Ipv6Address } from '../../core/net/ipv6-address.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { vlanTag } from '../../core/packet/ethernet.js';
import { buildFrame, buildPbbFrame, type FrameSpec, type TransportSpec } from '../../core/packet/frame-builder.js';
import { decodePacket } from '../../core/packet/packet.js';
import { Rig, apply, flowMod, ipv4Frame, output, setField } from './switch-harness.js';

let rig: Rig;
beforeAll(() => { rig = new Rig(2); });
afterAll(() => rig.close());

/** Installs `actions` + output:2 for everything from port 1, sends `frame`, returns what port 2 got. */
async function through(frame: Uint8Array, ...actions: Action[]): Promise<Uint8Array | undefined> {
  rig.ok(flowMod({ match: { in_port: 1 }, instructions: [apply(...actions, output(2))] }));
  const got = rig.host(2).frames;
  got.length = 0;
  await rig.send(1, frame);
  return got[0];
}

const hex = (b: Uint8Array | undefined): string => Buffer.from(b ?? []).toString('hex');

interface V4 { src?: string; dst?: string; ttl?: number; dscp?: number; ecn?: number; vlans?: number[]; mac?: [string, string]; transport?: TransportSpec; mpls?: FrameSpec['mpls'] }
function v4(o: V4 = {}): Buffer {
  return buildFrame({
    dst: MacAddress.parse(o.mac?.[0] ?? '02:00:00:00:00:02'), src: MacAddress.parse(o.mac?.[1] ?? '02:00:00:00:00:01'),
    vlans: (o.vlans ?? []).map((v) => vlanTag(v & 0xfff, v >> 13)),
    ...(o.mpls ? { mpls: o.mpls } : {}),
    network: {
      ipv4: { src: Ipv4Address.parse(o.src ?? '10.0.0.1'), dst: Ipv4Address.parse(o.dst ?? '10.0.0.2'), ttl: o.ttl ?? 64, dscp: o.dscp ?? 0, ecn: o.ecn ?? 0 },
      transport: o.transport ?? { tcp: { srcPort: 1234, dstPort: 80, seq: 7 } },
      payload: Buffer.from('hello, switch'),
    },
  });
}

interface V6 { src?: string; dst?: string; hop?: number; flabel?: number; transport?: TransportSpec; payload?: string }
function v6(o: V6 = {}): Buffer {
  return buildFrame({
    dst: MacAddress.parse('02:00:00:00:00:02'), src: MacAddress.parse('02:00:00:00:00:01'),
    network: {
      ipv6: { src: Ipv6Address.parse(o.src ?? '2001:db8::1'), dst: Ipv6Address.parse(o.dst ?? '2001:db8::2'), hopLimit: o.hop ?? 64, flowLabel: o.flabel ?? 0 },
      transport: o.transport ?? { udp: { srcPort: 5353, dstPort: 53 } },
      payload: Buffer.from(o.payload ?? 'v6 payload'),
    },
  });
}

describe('VLAN actions', () => {
  it('push_vlan inserts a zero tag after the addresses; set-field writes VID and PCP', async () => {
    const f = v4();
    const out = await through(f, { type: 'PUSH_VLAN', ethertype: 0x8100 });
    expect(hex(out)).toBe(hex(Buffer.concat([f.subarray(0, 12), Buffer.from('81000000', 'hex'), f.subarray(12)])));
    const tagged = await through(f, { type: 'PUSH_VLAN', ethertype: 0x88a8 }, setField('vlan_vid', 0x1000 | 100), setField('vlan_pcp', 5));
    expect(hex(tagged)).toBe(hex(Buffer.concat([f.subarray(0, 12), Buffer.from('88a8a064', 'hex'), f.subarray(12)])));
  });

  it('push onto a tagged frame copies the outer tag; pop removes the outer tag', async () => {
    const f = v4({ vlans: [(3 << 13) | 7] });
    const out = await through(f, { type: 'PUSH_VLAN', ethertype: 0x88a8 });
    expect(hex(out)).toBe(hex(Buffer.concat([f.subarray(0, 12), Buffer.from('88a86007', 'hex'), f.subarray(12)])));
    expect(hex(await through(f, { type: 'POP_VLAN' }))).toBe(hex(v4()));
    // Pop on an untagged frame changes nothing.
    expect(hex(await through(v4(), { type: 'POP_VLAN' }))).toBe(hex(v4()));
  });
});

describe('MPLS actions', () => {
  it('push_mpls adds a bottom label with the IP TTL; set label, dec TTL; pop restores the IP frame', async () => {
    const f = v4({ ttl: 33 });
    const pushed = await through(f, { type: 'PUSH_MPLS', ethertype: 0x8847 });
    expect(hex(pushed)).toBe(hex(Buffer.concat([f.subarray(0, 12), Buffer.from('8847', 'hex'), Buffer.from('00000121', 'hex'), f.subarray(14)])));
    const labelled = await through(f, { type: 'PUSH_MPLS', ethertype: 0x8847 }, setField('mpls_label', 0x12345), setField('mpls_tc', 5), { type: 'DEC_MPLS_TTL' });
    expect(hex(labelled)).toBe(hex(v4({ ttl: 33, mpls: [{ label: 0x12345, tc: 5, bos: 1, ttl: 32 }] })));
    const mplsFrame = v4({ ttl: 33, mpls: [{ label: 99, tc: 0, bos: 1, ttl: 9 }] });
    expect(hex(await through(mplsFrame, { type: 'POP_MPLS', ethertype: 0x0800 }))).toBe(hex(f));
  });

  it('copy_ttl_in / copy_ttl_out move TTLs between MPLS and IPv4 (fixing the IPv4 checksum)', async () => {
    const inner = (ttl: number): Buffer => v4({ ttl, mpls: [{ label: 5, tc: 0, bos: 1, ttl: 20 }] });
    const copiedIn = await through(inner(64), { type: 'COPY_TTL_IN' });
    expect(hex(copiedIn)).toBe(hex(inner(20)));
    const copiedOut = await through(inner(64), { type: 'COPY_TTL_OUT' });
    expect(hex(copiedOut)).toBe(hex(v4({ ttl: 64, mpls: [{ label: 5, tc: 0, bos: 1, ttl: 64 }] })));
    // Two labels: TTLs move between the labels.
    const two = v4({ mpls: [{ label: 1, tc: 0, bos: 0, ttl: 10 }, { label: 2, tc: 0, bos: 1, ttl: 30 }] });
    expect(hex(await through(two, { type: 'COPY_TTL_OUT' }))).toBe(hex(v4({ mpls: [{ label: 1, tc: 0, bos: 0, ttl: 30 }, { label: 2, tc: 0, bos: 1, ttl: 30 }] })));
    expect(hex(await through(two, { type: 'SET_MPLS_TTL', mplsTtl: 3 }))).toBe(hex(v4({ mpls: [{ label: 1, tc: 0, bos: 0, ttl: 3 }, { label: 2, tc: 0, bos: 1, ttl: 30 }] })));
  });

  it('an MPLS TTL that would reach zero goes to the controller as INVALID_TTL, not out', async () => {
    rig.packetIns.length = 0;
    const out = await through(v4({ mpls: [{ label: 5, tc: 0, bos: 1, ttl: 1 }] }), { type: 'DEC_MPLS_TTL' });
    expect(out).toBeUndefined();
    expect(rig.packetIns.map((p) => p.reason)).toEqual([OFPR.INVALID_TTL]);
  });
});

describe('PBB actions', () => {
  it('push_pbb wraps the customer frame in an I-TAG; pop_pbb unwraps it', async () => {
    const f = v4();
    const pushed = await through(f, { type: 'PUSH_PBB', ethertype: 0x88e7 }, setField('pbb_isid', 0xabcdef));
    const expected = buildPbbFrame({ dst: MacAddress.parse('02:00:00:00:00:02'), src: MacAddress.parse('02:00:00:00:00:01') },
      { pcp: 0, dei: 0, uca: 0, isid: 0xabcdef }, f);
    expect(hex(pushed)).toBe(hex(expected));
    expect(hex(await through(expected, { type: 'POP_PBB' }))).toBe(hex(f));
  });
});

describe('set-field with checksums', () => {
  it('IPv4 addresses fix the IP header and TCP checksums', async () => {
    const out = await through(v4(), setField('ipv4_src', '192.168.7.9'), setField('ipv4_dst', '172.16.0.200'));
    expect(hex(out)).toBe(hex(v4({ src: '192.168.7.9', dst: '172.16.0.200' })));
    const pkt = decodePacket(out!);
    expect(pkt.ipv4!.checksumValid).toBe(true);
  });

  it('TCP and UDP ports, DSCP, ECN, TTL and MACs', async () => {
    expect(hex(await through(v4(), setField('tcp_src', 4321), setField('tcp_dst', 8080))))
      .toBe(hex(v4({ transport: { tcp: { srcPort: 4321, dstPort: 8080, seq: 7 } } })));
    const udp = (s: number, d: number): TransportSpec => ({ udp: { srcPort: s, dstPort: d } });
    expect(hex(await through(v4({ transport: udp(1, 2) }), setField('udp_src', 999), setField('udp_dst', 53))))
      .toBe(hex(v4({ transport: udp(999, 53) })));
    expect(hex(await through(v4(), setField('ip_dscp', 46), setField('ip_ecn', 1)))).toBe(hex(v4({ dscp: 46, ecn: 1 })));
    expect(hex(await through(v4(), { type: 'DEC_NW_TTL' }))).toBe(hex(v4({ ttl: 63 })));
    expect(hex(await through(v4(), { type: 'SET_NW_TTL', nwTtl: 5 }))).toBe(hex(v4({ ttl: 5 })));
    expect(hex(await through(v4(), setField('eth_src', '0a:0b:0c:0d:0e:0f'), setField('eth_dst', 'ff:ff:ff:ff:ff:ff'))))
      .toBe(hex(v4({ mac: ['ff:ff:ff:ff:ff:ff', '0a:0b:0c:0d:0e:0f'] })));
  });

  it('ICMPv4 type and code fix the ICMP checksum', async () => {
    const icmp = (type: number, code: number): Buffer => v4({ transport: { icmp: { type, code, restOfHeader: 0x12340001 } } });
    expect(hex(await through(icmp(8, 0), setField('icmpv4_type', 0), setField('icmpv4_code', 3)))).toBe(hex(icmp(0, 3)));
  });

  it('IPv6 addresses fix UDP and ICMPv6 checksums; flow label and hop limit', async () => {
    expect(hex(await through(v6(), setField('ipv6_src', 'fe80::1:2:3'), setField('ipv6_dst', '2001:db8:ffff::9'))))
      .toBe(hex(v6({ src: 'fe80::1:2:3', dst: '2001:db8:ffff::9' })));
    const echo = (dst: string): Buffer => v6({ dst, transport: { icmpv6: { type: 128, code: 0 } } });
    expect(hex(await through(echo('2001:db8::2'), setField('ipv6_dst', '2001:db8::77')))).toBe(hex(echo('2001:db8::77')));
    expect(hex(await through(v6(), setField('ipv6_flabel', 0xbeef1)))).toBe(hex(v6({ flabel: 0xbeef1 })));
    expect(hex(await through(v6(), { type: 'DEC_NW_TTL' }))).toBe(hex(v6({ hop: 63 })));
  });

  it('ND target and link-layer option fix the ICMPv6 checksum', async () => {
    // No payload after the options: trailing bytes would read as a malformed option.
    const ns = (target: string, mac: string): Buffer => v6({
      dst: 'ff02::1:ff00:2', hop: 255, payload: '',
      transport: { icmpv6: { type: 135, code: 0 }, nd: { kind: 'ns', target: Ipv6Address.parse(target), options: [{ type: 1, data: MacAddress.parse(mac).toBytes() }] } },
    });
    const out = await through(ns('2001:db8::2', '02:00:00:00:00:01'), setField('ipv6_nd_target', '2001:db8::99'), setField('ipv6_nd_sll', '0a:00:00:00:00:0a'));
    expect(hex(out)).toBe(hex(ns('2001:db8::99', '0a:00:00:00:00:0a')));
  });

  it('ARP fields', async () => {
    const arp = (op: number, spa: string, tpa: string, sha: string, tha: string): Buffer => buildFrame({
      dst: MacAddress.BROADCAST, src: MacAddress.parse('02:00:00:00:00:01'),
      network: { arp: { op, sha: MacAddress.parse(sha), spa: Ipv4Address.parse(spa), tha: MacAddress.parse(tha), tpa: Ipv4Address.parse(tpa) } },
    });
    const out = await through(arp(1, '10.0.0.1', '10.0.0.2', '02:00:00:00:00:01', '00:00:00:00:00:00'),
      setField('arp_op', 2), setField('arp_spa', '10.0.0.2'), setField('arp_tpa', '10.0.0.1'),
      setField('arp_sha', '02:00:00:00:00:02'), setField('arp_tha', '02:00:00:00:00:01'));
    expect(hex(out)).toBe(hex(arp(2, '10.0.0.2', '10.0.0.1', '02:00:00:00:00:02', '02:00:00:00:00:01')));
  });

  it('a set-field for a header the packet lacks leaves it unchanged', async () => {
    const f = v4({ transport: { udp: { srcPort: 1, dstPort: 2 } } });
    expect(hex(await through(f, setField('tcp_dst', 99), setField('vlan_vid', 0x1005)))).toBe(hex(f));
  });

  it('a NW TTL that would reach zero is INVALID_TTL with miss_send_len bytes', async () => {
    rig.packetIns.length = 0;
    rig.ok({ type: 'SET_CONFIG', xid: 1, flags: 0, missSendLen: 40 });
    expect(await through(ipv4Frame({ ttl: 1 }), { type: 'DEC_NW_TTL' })).toBeUndefined();
    expect(rig.packetIns[0]!.reason).toBe(OFPR.INVALID_TTL);
    expect(rig.packetIns[0]!.data.length).toBe(40);
  });
});
