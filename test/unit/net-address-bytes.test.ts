import { describe, expect, it } from 'vitest';
import * as net from '../../core/net/index.js';
import { ipv4Bytes, ipv4Text, ipv6Bytes, ipv6Text, macBytes, macText } from '../../core/net/index.js';

const v6 = (text: string): string | undefined => {
  const b = new Uint8Array(16);
  return ipv6Bytes(text, b, 0) ? ipv6Text(b, 0) : undefined;
};

describe('address text <-> wire bytes', () => {
  it('formats IPv6 the RFC 5952 way', () => {
    expect(v6('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(v6('0:0:0:0:0:0:0:0')).toBe('::');
    expect(v6('::1')).toBe('::1');
    expect(v6('1::')).toBe('1::');
    expect(v6('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // one zero group is not shortened
    expect(v6('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1'); // the longer run wins
    expect(v6('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // first of equal runs
    expect(v6('FE80::A60:6EFF:FE7F:74E7')).toBe('fe80::a60:6eff:fe7f:74e7');
  });

  it('parses embedded IPv4 and rejects malformed IPv6', () => {
    expect(v6('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1'); // RFC 5952 §5
    expect(v6('::ffff:c000:201')).toBe('::ffff:192.0.2.1');
    expect(v6('::192.0.2.1')).toBe('::c000:201');
    expect(v6('1:2:3:4:5:6:1.2.3.4')).toBe('1:2:3:4:5:6:102:304');
    expect(v6('::')).toBe('::');
    expect(v6('1::1.2.3.4')).toBe('1::102:304');
    for (const bad of ['1:2:3:4:5:1.2.3.4::', '1:2:3:4:5:6:7:1.2.3.4', '1:', ':1::', '1:2:3:4:5:6:7:8::', '::ffff:1.2.3.4.5', 'fe80::1%eth0', '']) {
      expect(v6(bad), bad).toBeUndefined();
    }
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', 'g::', ':::', '::1.2.3', '1:2:3:4:5:6:7::8']) {
      expect(v6(bad), bad).toBeUndefined();
    }
  });

  it('parses and prints MACs and IPv4', () => {
    const b = new Uint8Array(6);
    expect(macBytes('AA-bb-cc-dd-ee-0f', b, 0)).toBe(true);
    expect(macText(b, 0)).toBe('aa:bb:cc:dd:ee:0f');
    for (const bad of ['aa:bb:cc:dd:ee', 'aa:bb:cc:dd:ee:fg', 'aabb.ccdd.eeff', 'aa:bb:cc:dd:ee:ff:00', 'aa:bb-cc:dd:ee:ff']) expect(macBytes(bad, b, 0), bad).toBe(false);
    const v4 = new Uint8Array(4);
    expect(ipv4Bytes('10.0.0.255', v4, 0)).toBe(true);
    for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5', '1.2.3.-4']) expect(ipv4Bytes(bad, v4, 0), bad).toBe(false);
  });

  it('is core/net\'s byte-level code, which the address types parse and print through', () => {
    expect([macText, macBytes, ipv4Text, ipv4Bytes, ipv6Text, ipv6Bytes])
      .toEqual([net.macText, net.macBytes, net.ipv4Text, net.ipv4Bytes, net.ipv6Text, net.ipv6Bytes]);
    const b = new Uint8Array(16);
    expect(ipv6Bytes('2001:db8::1', b, 0)).toBe(true);
    expect(net.Ipv6Address.fromBytes(b).toString()).toBe(ipv6Text(b, 0));
    expect(net.MacAddress.parse('02:AB:00:00:00:09').toString()).toBe('02:ab:00:00:00:09');
  });
});
