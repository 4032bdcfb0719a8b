// The northbound's text form of OXM match fields: parsed to the codec's values with every
// problem named by its path, and decoded fields rendered back to the same text.
import { describe, expect, it } from 'vitest';
import { matchFieldText, parseMatchFields } from '../../controller/northbound-backends/match-field-text.js';
import { FieldViolationError } from '../../controller/northbound/backend-errors.js';

function violations(fn: () => unknown): { field: string; description: string }[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof FieldViolationError) return [...err.violations];
    throw err;
  }
  throw new Error('expected a FieldViolationError');
}

describe('match field text', () => {
  it('parses integers, hex, addresses and masks into codec values', () => {
    const m = parseMatchFields([
      { field: 'in_port', value: '3' },
      { field: 'eth_type', value: '0x0800' },
      { field: 'eth_dst', value: '02-00-00-00-00-0A' },
      { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' },
      { field: 'metadata', value: '0xff', mask: '0xffff' },
      { field: 'ipv6_src', value: '2001:db8:0:0::1' },
    ]);
    expect(m.fields).toEqual([
      { field: 'in_port', value: 3 },
      { field: 'eth_type', value: 0x800 },
      { field: 'eth_dst', value: '02:00:00:00:00:0a' },
      { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' },
      { field: 'metadata', value: 0xffn, mask: 0xffffn },
      { field: 'ipv6_src', value: '2001:db8::1' },
    ]);
    // And back: what List shows is what Add accepts.
    expect(m.fields.map(matchFieldText)).toEqual([
      { field: 'in_port', value: '3' },
      { field: 'eth_type', value: '2048' },
      { field: 'eth_dst', value: '02:00:00:00:00:0a' },
      { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' },
      { field: 'metadata', value: '0xff', mask: '0xffff' },
      { field: 'ipv6_src', value: '2001:db8::1' },
    ]);
  });

  it('names every bad element by its path, all at once', () => {
    const v = violations(() => parseMatchFields([
      { field: 'in_port', value: '1' },
      { field: 'eth_kind', value: '1' },
      { field: 'vlan_pcp', value: '8' },
      { field: 'eth_type', value: '0x800', mask: '0xffff' },
      { field: 'ipv4_src', value: '10.0.0.256' },
      { field: 'in_port', value: '2' },
      { field: 'tcp_dst', value: 'http' },
    ]));
    expect(v.map((x) => x.field)).toEqual([
      'match[1].field', 'match[2].value', 'match[3].mask', 'match[4].value', 'match[5].field', 'match[6].value',
    ]);
    expect(v[0]!.description).toMatch(/unknown OXM field "eth_kind"/);
    expect(v[1]!.description).toMatch(/does not fit in 3 bits/);
    expect(v[2]!.description).toMatch(/eth_type cannot be masked/);
    expect(v[4]!.description).toMatch(/in_port appears more than once/);
    expect(v[5]!.description).toMatch(/decimal or 0x-hex/);
  });

  it('renders unknown TLVs opaquely', () => {
    expect(matchFieldText({ field: 'opaque', oxmClass: 0x8001, oxmField: 3, hasMask: false, payload: Buffer.from([1, 2]) }))
      .toEqual({ field: 'oxm(0x8001:3)', value: '0x0102' });
  });
});
