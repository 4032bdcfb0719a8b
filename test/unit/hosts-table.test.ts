import { describe, expect, it } from 'vitest';
import { HostTable } from '../../controller/hosts/host-table.js';
import { sightingOf } from '../../controller/hosts/host-sighting.js';
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { Ipv6Address } from '../../core/net/ipv6-address.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { ARP_OP } from '../../core/packet/arp.js';
import type { DecodedPacket } from '../../core/packet/packet.js';

const h1 = MacAddress.parse('02:00:00:00:00:01');
const at = (dpid: bigint, port: number) => ({ dpid, port });

describe('HostTable', () => {
  it('adds, refreshes silently, records new addresses, and reports a move with the old place', () => {
    const t = new HostTable();
    expect(t.seen({ mac: h1, vlan: 0, ipv4: '10.0.0.1', location: at(1n, 1) }, 0)?.type).toBe('added');
    expect(t.seen({ mac: h1, vlan: 0, ipv4: '10.0.0.1', location: at(1n, 1) }, 10)).toBeUndefined();
    expect(t.seen({ mac: h1, vlan: 0, ipv6: 'fe80::1', location: at(1n, 1) }, 20)?.type).toBe('updated');
    const moved = t.seen({ mac: h1, vlan: 0, location: at(2n, 4) }, 30);
    expect(moved).toMatchObject({ type: 'moved', host: { location: at(2n, 4) }, previous: { location: at(1n, 1) } });
    expect(t.byIp('10.0.0.1')?.location).toEqual(at(2n, 4));
    expect(t.byIp('fe80::1')?.mac.equals(h1)).toBe(true);
    expect(t.get(h1)?.ipv4).toEqual(['10.0.0.1']);
  });

  it('ages out silent hosts and forgets their addresses', () => {
    const t = new HostTable();
    t.seen({ mac: h1, vlan: 0, ipv4: '10.0.0.1', location: at(1n, 1) }, 0);
    expect(t.expire(299_000, 300_000)).toEqual([]);
    expect(t.expire(300_001, 300_000).map((c) => c.type === 'removed' && c.reason)).toEqual(['aged']);
    expect(t.byIp('10.0.0.1')).toBeUndefined();
    expect(t.list()).toEqual([]);
  });

  it('keeps VLANs apart and removes by port', () => {
    const t = new HostTable();
    t.seen({ mac: h1, vlan: 0, location: at(1n, 1) }, 0);
    t.seen({ mac: h1, vlan: 10, location: at(1n, 2) }, 0);
    expect(t.list()).toHaveLength(2);
    expect(t.removeAt(1n, 2, 'port-down')).toHaveLength(1);
    expect(t.get(h1, 0)?.location).toEqual(at(1n, 1));
  });
});

describe('sightingOf', () => {
  const eth = (src: MacAddress) => ({ dst: MacAddress.BROADCAST, src, vlans: [], etherType: 0x0806, headerLength: 14, payload: new Uint8Array() });
  it('takes the ARP sender only when it is the frame sender', () => {
    const arp = { op: ARP_OP.REPLY, sha: h1, spa: Ipv4Address.parse('10.0.0.1'), tha: MacAddress.ZERO, tpa: Ipv4Address.parse('10.0.0.2') };
    expect(sightingOf({ eth: eth(h1), arp } as DecodedPacket, at(1n, 1))?.ipv4).toBe('10.0.0.1');
    const proxy = MacAddress.parse('02:00:00:00:00:99');
    expect(sightingOf({ eth: eth(proxy), arp } as DecodedPacket, at(1n, 1))).toEqual({ mac: proxy, vlan: 0, location: at(1n, 1) });
  });
  it('ignores group source MACs and the unspecified IPv6 source of DAD', () => {
    expect(sightingOf({ eth: eth(MacAddress.parse('01:00:5e:00:00:01')) } as DecodedPacket, at(1n, 1))).toBeUndefined();
    const dad = { eth: { ...eth(h1), etherType: 0x86dd }, ipv6: { src: Ipv6Address.ANY } } as unknown as DecodedPacket;
    expect(sightingOf(dad, at(1n, 1))?.ipv6).toBeUndefined();
  });
});
