import { describe, expect, it } from 'vitest';
import {
  AddressParseError, Ipv4Address, Ipv4Prefix, Ipv6Address, Ipv6Prefix, MacAddress, parseIpAddress, parseIpPrefix,
} from '../../core/net/index.js';

function parseError(fn: () => unknown): AddressParseError {
  try { fn(); } catch (e) { if (e instanceof AddressParseError) return e; throw e; }
  throw new Error('expected an AddressParseError');
}

describe('MacAddress', () => {
  it('parses colon, hyphen and dotted forms to the same canonical text', () => {
    for (const t of ['00:1B:21:3a:4f:5e', '00-1b-21-3a-4f-5e', '001b.213a.4f5e', '0:1b:21:3a:4f:5e']) {
      expect(MacAddress.parse(t).toString()).toBe('00:1b:21:3a:4f:5e');
    }
  });
  it('round-trips bytes and keeps all 48 bits', () => {
    const m = MacAddress.parse('ff:fe:fd:fc:fb:fa');
    expect([...m.toBytes()]).toEqual([0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa]);
    expect(MacAddress.fromBytes(m.toBytes()).equals(m)).toBe(true);
    expect(m.value).toBe(0xfffefdfcfbfa);
  });
  it('classifies group and local addresses', () => {
    expect(MacAddress.BROADCAST.isBroadcast && MacAddress.BROADCAST.isMulticast).toBe(true);
    expect(MacAddress.parse('01:80:c2:00:00:0e').isMulticast).toBe(true);
    expect(MacAddress.parse('02:00:00:00:00:01').isLocal).toBe(true);
    expect(MacAddress.parse('00:00:00:00:00:01').isMulticast).toBe(false);
  });
  it('orders by value', () => {
    expect(MacAddress.parse('00:00:00:00:00:02').compare(MacAddress.parse('00:00:00:00:01:00'))).toBeLessThan(0);
  });
  it.each(['', '00:11:22:33:44', '00:11:22:33:44:55:66', '00:11:22:33:44:gg', '001:11:22:33:44:55'])(
    'rejects %j with a typed error', (t) => {
      expect(parseError(() => MacAddress.parse(t))).toMatchObject({ expected: 'MAC address', text: t });
    });
});

describe('Ipv4Address', () => {
  it('round-trips text, number and bytes', () => {
    const a = Ipv4Address.parse('192.0.2.235');
    expect(a.value).toBe(0xc00002eb);
    expect(a.toString()).toBe('192.0.2.235');
    expect([...a.toBytes()]).toEqual([192, 0, 2, 235]);
    expect(Ipv4Address.fromBytes(Uint8Array.of(0, 255, 1, 2, 3), 1).toString()).toBe('255.1.2.3');
  });
  it.each([
    ['1.2.3', 'expected 4 dotted octets, got 3'],
    ['1.2.3.256', 'octet 4 is out of range'],
    ['01.2.3.4', 'octet 1 has a leading zero'],
    ['1.2.3.x', 'octet 4 is not a decimal number'],
    [' 1.2.3.4', 'octet 1 is not a decimal number'],
  ])('rejects %j: %s', (t, reason) => {
    expect(parseError(() => Ipv4Address.parse(t))).toMatchObject({ expected: 'IPv4 address', reason });
  });
});

describe('Ipv6Address (RFC 4291 text in, RFC 5952 text out)', () => {
  it.each([
    // RFC 5952 §4.1: leading zeros suppressed; §4.3: lower case.
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
    ['2001:DB8:0:0:0:0:2:1', '2001:db8::2:1'],
    // §4.2.2: a single 16-bit zero group is not compressed.
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    // §4.2.3: the longest run is compressed; on a tie the first.
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['fe80:0:0:0:0:0:0:0', 'fe80::'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    // §5: IPv4-mapped addresses keep the dotted quad.
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['0:0:0:0:0:ffff:c000:0201', '::ffff:192.0.2.1'],
    ['::192.0.2.1', '::c000:201'],
    ['20::20', '20::20'],
  ])('%s → %s', (input, canonical) => {
    const a = Ipv6Address.parse(input);
    expect(a.toString()).toBe(canonical);
    expect(Ipv6Address.parse(canonical).equals(a)).toBe(true);
    expect(Ipv6Address.fromBytes(a.toBytes()).toString()).toBe(canonical);
  });
  it.each([
    ['1::2::3', '"::" appears more than once'],
    ['1:2:3:4:5:6:7', 'expected 8 groups, got 7'],
    ['1:2:3:4:5:6:7:8:9', 'expected 8 groups, got 9'],
    ['1:2:3:4::5:6:7:8', '"::" stands for no groups'],
    ['12345::', 'group "12345" is not 1-4 hex digits'],
    ['fe80::1%eth0', 'zone index is not part of an address'],
    [':1:2:3:4:5:6:7', 'empty group'],
    ['::ffff:1.2.3.300', 'embedded IPv4 part: octet 4 is out of range'],
    ['', 'expected 8 groups, got 0'],
  ])('rejects %j: %s', (t, reason) => {
    expect(parseError(() => Ipv6Address.parse(t))).toMatchObject({ expected: 'IPv6 address', reason });
  });
  it('orders bytewise and reads bits from the top', () => {
    const a = Ipv6Address.parse('8000::');
    expect(a.bit(0)).toBe(1);
    expect(a.bit(1)).toBe(0);
    expect(Ipv6Address.parse('::1').compare(Ipv6Address.parse('::2'))).toBeLessThan(0);
    expect(Ipv6Address.parse('fe80::1').isLinkLocal).toBe(true);
    expect(Ipv6Address.parse('ff02::1').isMulticast).toBe(true);
  });
});

describe('prefixes', () => {
  it('parses, formats and tests containment for IPv4', () => {
    const p = Ipv4Prefix.parse('10.1.0.0/16');
    expect(p.toString()).toBe('10.1.0.0/16');
    expect(p.mask).toBe(0xffff0000);
    expect(p.contains(Ipv4Address.parse('10.1.200.3'))).toBe(true);
    expect(p.contains(Ipv4Address.parse('10.2.0.0'))).toBe(false);
    expect(p.contains(Ipv4Prefix.parse('10.1.4.0/24'))).toBe(true);
    expect(p.contains(Ipv4Prefix.parse('10.0.0.0/8'))).toBe(false);
    expect(Ipv4Prefix.parse('0.0.0.0/0').contains(Ipv4Address.parse('255.255.255.255'))).toBe(true);
    expect(Ipv4Prefix.parse('10.0.0.1/24', { allowHostBits: true }).toString()).toBe('10.0.0.0/24');
  });
  it('parses, formats and tests containment for IPv6', () => {
    const p = Ipv6Prefix.parse('2001:db8::/33');
    expect(p.contains(Ipv6Address.parse('2001:db8:7fff::1'))).toBe(true);
    expect(p.contains(Ipv6Address.parse('2001:db8:8000::1'))).toBe(false);
    expect(p.contains(Ipv6Prefix.parse('2001:db8:100::/40'))).toBe(true);
    expect(Ipv6Prefix.parse('2001:db8::1/64', { allowHostBits: true }).toString()).toBe('2001:db8::/64');
    expect(Ipv6Prefix.parse('::/0').contains(Ipv6Address.parse('ffff::'))).toBe(true);
  });
  it.each([
    ['10.0.0.1/24', 'IPv4 prefix', 'host bits are set'],
    ['10.0.0.0', 'IPv4 prefix', 'missing "/length"'],
    ['10.0.0.0/33', 'IPv4 prefix', 'length 33 is longer than 32'],
    ['10.0.0.300/24', 'IPv4 prefix', 'octet 4 is out of range'],
    ['2001:db8::1/64', 'IPv6 prefix', 'host bits are set'],
    ['2001:db8::/129', 'IPv6 prefix', 'length 129 is longer than 128'],
    ['2001:db8::/x', 'IPv6 prefix', 'length is not a decimal number'],
  ])('rejects %j as %s: %s', (t, expected, reason) => {
    expect(parseError(() => parseIpPrefix(t))).toMatchObject({ expected, reason, text: t });
  });
  it('picks the family from the text', () => {
    expect(parseIpAddress('::1').family).toBe(6);
    expect(parseIpAddress('127.0.0.1').family).toBe(4);
  });
});
