import { describe, expect, it } from 'vitest';
import {
  OFPBMC, OFPET, OXM_FIELDS, OfpDecodeError, OfpEncodeError, OfpReader, OfpWriter, decodeMatch, decodeOxm, encodeMatch,
  encodeOxm, matchLength, matchValue, type Match, type OxmFieldName, type OxmKind, type OxmTlv,
} from '../../core/openflow/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function encode(m: Match): Buffer {
  const w = new OfpWriter(8);
  encodeMatch(w, m);
  return w.toBuffer();
}

function decode(buf: Buffer): Match {
  const r = new OfpReader(buf, 0, buf.length, 'OFPT_FLOW_MOD');
  const m = decodeMatch(r);
  expect(r.remaining).toBe(0);
  return m;
}

function decodeError(buf: Buffer): OfpDecodeError {
  try {
    decode(buf);
  } catch (e) {
    expect(e).toBeInstanceOf(OfpDecodeError);
    return e as OfpDecodeError;
  }
  throw new Error('expected a decode error');
}

/** A value and a mask of the right type for each kind (the value has no bits the mask wildcards). */
const SAMPLE: Record<OxmKind, [value: number | bigint | string, mask: number | bigint | string]> = {
  u8: [0x05, 0x0f],
  u16: [0x1200, 0xff00],
  u24: [0x123000, 0xfff000],
  u32: [0x89ab0000, 0xffff0000],
  u64: [0x0123456700000000n, 0xffffffff00000000n],
  u128: [0x0123456789abcdef0000000000000000n, 0xffffffffffffffff0000000000000000n],
  mac: ['02:00:5e:00:00:00', 'ff:ff:ff:00:00:00'],
  ipv4: ['192.0.2.0', '255.255.255.0'],
  ipv6: ['2001:db8::', 'ffff:ffff:ffff:ffff::'],
};

describe('ofp_match / OXM', () => {
  it('round-trips every named field, masked where the field allows it', () => {
    const names = Object.keys(OXM_FIELDS) as OxmFieldName[];
    expect(names.slice(0, 40)).toEqual([
      'in_port', 'in_phy_port', 'metadata', 'eth_dst', 'eth_src', 'eth_type', 'vlan_vid', 'vlan_pcp', 'ip_dscp', 'ip_ecn',
      'ip_proto', 'ipv4_src', 'ipv4_dst', 'tcp_src', 'tcp_dst', 'udp_src', 'udp_dst', 'sctp_src', 'sctp_dst', 'icmpv4_type',
      'icmpv4_code', 'arp_op', 'arp_spa', 'arp_tpa', 'arp_sha', 'arp_tha', 'ipv6_src', 'ipv6_dst', 'ipv6_flabel',
      'icmpv6_type', 'icmpv6_code', 'ipv6_nd_target', 'ipv6_nd_sll', 'ipv6_nd_tll', 'mpls_label', 'mpls_tc', 'mpls_bos',
      'pbb_isid', 'tunnel_id', 'ipv6_exthdr',
    ]);
    names.forEach((name, i) => {
      const spec = OXM_FIELDS[name];
      expect(spec.oxmClass !== 0x8000 || spec.field === i).toBe(true);
      const [value, mask] = SAMPLE[spec.kind];
      const plain = { fields: [{ field: name, value } as OxmTlv] };
      const bytes = encode(plain);
      expect(bytes.length % 8).toBe(0);
      expect(decode(bytes)).toEqual(plain);
      expect(encode(decode(bytes))).toEqual(bytes);
      if (spec.maskable) {
        const masked = { fields: [{ field: name, value, mask } as OxmTlv] };
        expect(decode(encode(masked))).toEqual(masked);
      }
    });
  });

  it('writes the spec headers and pads the match to 8 with zeros', () => {
    expect(encode({ fields: [] }).toString('hex')).toBe('0001000400000000');
    // in_port=1: header 0x80000004, ofp_match.length 12, 4 bytes of padding.
    expect(encode({ fields: [{ field: 'in_port', value: 1 }] }).toString('hex')).toBe('0001000c800000040000000100000000');
    const m: Match = {
      fields: [
        { field: 'eth_dst', value: '01:00:00:00:00:00', mask: '01:00:00:00:00:00' },
        { field: 'vlan_vid', value: 0x1000 | 10 },
        { field: 'metadata', value: 1n, mask: 0xffn },
      ],
    };
    expect(encode(m).toString('hex')).toBe(
      '0001' + '002e' + '8000070c' + '010000000000' + '010000000000' + '80000c02' + '100a'
      + '80000510' + '0000000000000001' + '00000000000000ff' + '0000',
    );
    expect(matchLength(m)).toBe(0x2e);
  });

  it('encodes Nicira and experimenter classes with their own headers', () => {
    const w = new OfpWriter();
    encodeOxm(w, { field: 'tun_ipv4_src', value: '192.168.2.3' });
    encodeOxm(w, { field: 'reg5', value: 0xabcd, mask: 0xffff });
    // ONF EXT-256 pbb_uca as OF1.3 sends it: class 0xffff, field 0, experimenter ONF, exp_type 2560.
    encodeOxm(w, { field: 'pbb_uca', value: 1 });
    encodeOxm(w, { field: 'tcp_flags', value: 0x12 });
    expect(w.toBuffer().toString('hex')).toBe(
      '00013e04c0a80203' + '00010b080000abcd0000ffff' + 'ffff00074f4e46000a0001' + 'ffff54064f4e46000012',
    );
    const r = new OfpReader(w.toBuffer());
    expect([decodeOxm(r), decodeOxm(r), decodeOxm(r), decodeOxm(r)].map((t) => t.field))
      .toEqual(['tun_ipv4_src', 'reg5', 'pbb_uca', 'tcp_flags']);
  });

  it('keeps unknown Nicira, experimenter and EXT-256 fields opaque and byte-exact', () => {
    const tlvs = [
      '0001f004deadbeef', // NXM_NX field 120, unnamed
      '0001f1080000000f000000ff', // the same, masked
      'ffff0309000012340102030405', // experimenter 0x1234 field 1, mask bit set
      'ffff00074f4e46000b0001', // ONF exp_type 2816: not a field we name
    ];
    for (const t of tlvs) {
      const body = hex(t);
      const buf = Buffer.concat([hex('0001'), Buffer.from([0, 4 + body.length]), body]);
      const padded = Buffer.concat([buf, Buffer.alloc((8 - (buf.length % 8)) % 8)]);
      const m = decode(padded);
      expect(m.fields[0]!.field).toBe('opaque');
      expect(encode(m)).toEqual(padded);
    }
    const r = new OfpReader(hex('ffff0309000012340102030405'));
    expect(decodeOxm(r)).toEqual({ field: 'opaque', oxmClass: 0xffff, oxmField: 1, hasMask: true, experimenter: 0x1234, payload: hex('0102030405') });
  });

  it('copies values out of the input buffer', () => {
    const buf = hex('0001000d ffff0105 00001234 aa 000000');
    const m = decode(buf);
    buf.fill(0);
    expect(m.fields[0]).toMatchObject({ field: 'opaque', payload: hex('aa') });
  });

  it('gives typed access to a field value', () => {
    const m: Match = { fields: [{ field: 'in_port', value: 7 }, { field: 'eth_src', value: '02:00:00:00:00:01' }] };
    const port: number | undefined = matchValue(m, 'in_port');
    const src: string | undefined = matchValue(m, 'eth_src');
    expect([port, src, matchValue(m, 'metadata')]).toEqual([7, '02:00:00:00:00:01', undefined]);
  });

  describe('errors carry the OFPET_BAD_MATCH code a switch must answer with', () => {
    const code = (c: number) => ({ type: OFPET.BAD_MATCH, code: c });

    it('OFPBMC_BAD_LEN: OXM longer than the match, wrong width, match length < 4 or past the message', () => {
      expect(decodeError(hex('0001000c 80000008 00000001 00000000')).ofpError).toEqual(code(OFPBMC.BAD_LEN));
      const wrongWidth = decodeError(hex('0001000a 80000002 0001 000000000000'));
      expect(wrongWidth).toMatchObject({ ofpError: code(OFPBMC.BAD_LEN), offset: 4, field: 'ofp_match.oxm[0].length' });
      expect(decodeError(hex('00010002 00000000')).ofpError).toEqual(code(OFPBMC.BAD_LEN));
      expect(decodeError(hex('00010018 80000004 00000001')).ofpError).toEqual(code(OFPBMC.BAD_LEN));
      // Three bytes of TLV left over: not even a header.
      expect(decodeError(hex('00010007 800000 00')).ofpError).toEqual(code(OFPBMC.BAD_LEN));
    });

    it('OFPBMC_BAD_FIELD for an OFPXMC_OPENFLOW_BASIC field OF1.3 does not define', () => {
      const e = decodeError(hex('00010008 80005000 00000000'));
      expect(e).toMatchObject({ ofpError: code(OFPBMC.BAD_FIELD), field: 'ofp_match.oxm[0].oxm_field' });
    });

    it('OFPBMC_DUP_FIELD for a field given twice, in any class', () => {
      expect(decodeError(hex('00010014 80000004 00000001 80000004 00000002 00000000')).ofpError).toEqual(code(OFPBMC.DUP_FIELD));
      const twice = decodeError(hex('00010014 00010004 00000001 00010004 00000002 00000000'));
      expect(twice).toMatchObject({ ofpError: code(OFPBMC.DUP_FIELD), offset: 12 });
      // Same field number in different classes is not a duplicate.
      expect(decode(hex('00010014 80000004 00000001 00010004 00000002 00000000')).fields).toHaveLength(2);
    });

    it('OFPBMC_BAD_MASK for a mask on a field the spec says is not maskable', () => {
      expect(decodeError(hex('00010010 80000108 00000001 ffffffff')).ofpError).toEqual(code(OFPBMC.BAD_MASK));
    });

    it('OFPBMC_BAD_WILDCARDS for a masked value with 1-bits the mask wildcards', () => {
      const e = decodeError(hex('00010018 80000510 00000000000000ff 000000000000ff00'));
      expect(e).toMatchObject({ ofpError: code(OFPBMC.BAD_WILDCARDS), offset: 4, field: 'ofp_match.oxm[0].metadata' });
    });

    it('OFPBMC_BAD_TYPE for the deprecated OFPMT_STANDARD match', () => {
      expect(decodeError(hex('00000058' + '00'.repeat(84))).ofpError).toEqual(code(OFPBMC.BAD_TYPE));
    });

    it('never throws anything but OfpDecodeError on random or truncated input', () => {
      const good = encode({
        fields: [
          { field: 'in_port', value: 1 }, { field: 'ipv6_src', value: 'fe80::', mask: 'ffff::' },
          { field: 'reg0', value: 3 }, { field: 'pbb_uca', value: 1 }, { field: 'tunnel_id', value: 5n },
        ],
      });
      let seed = 7;
      const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
      for (let i = 0; i < 3000; i++) {
        const buf = Buffer.from(good.subarray(0, rnd(good.length + 1)));
        for (let k = rnd(4); k > 0; k--) if (buf.length > 0) buf[rnd(buf.length)] = rnd(256);
        try { decodeMatch(new OfpReader(buf)); } catch (e) { expect(e).toBeInstanceOf(OfpDecodeError); }
      }
    });
  });

  describe('encoding rejects values that do not fit', () => {
    const bad: OxmTlv[] = [
      { field: 'eth_dst', value: '02:00:00:00:00' },
      { field: 'ipv4_src', value: '10.0.0.256' },
      { field: 'ipv6_dst', value: '1::2::3' },
      { field: 'vlan_pcp', value: 256 },
      { field: 'in_port', value: -1 },
      { field: 'metadata', value: 1n << 64n },
      { field: 'tcp_dst', value: 1.5 },
    ];
    for (const tlv of bad) {
      it(`${tlv.field} = ${'value' in tlv ? String(tlv.value) : ''}`, () => {
        expect(() => encode({ fields: [tlv] })).toThrow(OfpEncodeError);
      });
    }
    it('an unknown field name', () => {
      expect(() => encode({ fields: [{ field: 'nope', value: 1 } as unknown as OxmTlv] })).toThrow(OfpEncodeError);
    });
  });
});
