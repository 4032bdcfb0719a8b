import { describe, expect, it } from 'vitest';
import {
  OFPAT, OFPBAC, OFPET, OfpDecodeError, OfpEncodeError, OfpReader, OfpWriter, decodeActions, encodeAction, encodeActions,
  nxmHeaderOf, type Action,
} from '../../core/openflow/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function encode(list: readonly Action[]): Buffer {
  const w = new OfpWriter(8);
  encodeActions(w, list);
  return w.toBuffer();
}

function decode(buf: Buffer): Action[] {
  const r = new OfpReader(buf, 0, buf.length, 'OFPT_PACKET_OUT');
  return decodeActions(r, buf.length);
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

const badAction = (code: number) => ({ type: OFPET.BAD_ACTION, code });

/** Every standard action with its exact wire form (OF1.3.5 §7.2.5). */
const STANDARD: [Action, string][] = [
  [{ type: 'OUTPUT', port: 0xfffffffd, maxLen: 0xffe5 }, '0000 0010 fffffffd ffe5 000000000000'],
  [{ type: 'COPY_TTL_OUT' }, '000b 0008 00000000'],
  [{ type: 'COPY_TTL_IN' }, '000c 0008 00000000'],
  [{ type: 'SET_MPLS_TTL', mplsTtl: 64 }, '000f 0008 40 000000'],
  [{ type: 'DEC_MPLS_TTL' }, '0010 0008 00000000'],
  [{ type: 'PUSH_VLAN', ethertype: 0x8100 }, '0011 0008 8100 0000'],
  [{ type: 'POP_VLAN' }, '0012 0008 00000000'],
  [{ type: 'PUSH_MPLS', ethertype: 0x8847 }, '0013 0008 8847 0000'],
  [{ type: 'POP_MPLS', ethertype: 0x0800 }, '0014 0008 0800 0000'],
  [{ type: 'SET_QUEUE', queueId: 7 }, '0015 0008 00000007'],
  [{ type: 'GROUP', groupId: 0x10 }, '0016 0008 00000010'],
  [{ type: 'SET_NW_TTL', nwTtl: 3 }, '0017 0008 03 000000'],
  [{ type: 'DEC_NW_TTL' }, '0018 0008 00000000'],
  [{ type: 'SET_FIELD', field: { field: 'eth_src', value: '02:00:00:00:00:01' } }, '0019 0010 80000806 020000000001 0000'],
  [{ type: 'SET_FIELD', field: { field: 'ipv6_dst', value: '2001:db8::1' } }, '0019 0018 80003610 20010db8000000000000000000000001'],
  [{ type: 'SET_FIELD', field: { field: 'reg1', value: 9 } }, '0019 0010 00010204 00000009 00000000'],
  [{ type: 'PUSH_PBB', ethertype: 0x88e7 }, '001a 0008 88e7 0000'],
  [{ type: 'POP_PBB' }, '001b 0008 00000000'],
  [{ type: 'EXPERIMENTER', experimenter: 0x00abcdef, data: hex('0102030405060708') }, 'ffff 0010 00abcdef 0102030405060708'],
];

describe('OF1.3 actions', () => {
  it('encodes every standard action to its spec layout and decodes it back', () => {
    for (const [action, wire] of STANDARD) {
      expect(encode([action]).toString('hex'), action.type).toBe(hex(wire).toString('hex'));
      expect(decode(hex(wire)), action.type).toEqual([action]);
    }
    const all = STANDARD.map(([a]) => a);
    expect(decode(encode(all))).toEqual(all);
    expect(new Set(all.map((a) => a.type))).toEqual(new Set(Object.keys(OFPAT)));
  });

  it('pads an opaque experimenter body to 8 and keeps it verbatim', () => {
    const a: Action = { type: 'EXPERIMENTER', experimenter: 101, data: hex('aabbcc') };
    const wire = encode([a]);
    expect(wire.toString('hex')).toBe('ffff001000000065aabbcc0000000000');
    expect(decode(wire)).toEqual([{ type: 'EXPERIMENTER', experimenter: 101, data: hex('aabbcc0000000000') }]);
  });

  describe('errors', () => {
    it('OFPBAC_BAD_LEN: zero, under 8, not a multiple of 8, past the list, wrong fixed size', () => {
      expect(decodeError(hex('0000 0000 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_LEN));
      expect(decodeError(hex('0012 0004 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_LEN));
      expect(decodeError(hex('0012 000c 00000000 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_LEN));
      expect(decodeError(hex('0012 0010 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_LEN));
      expect(decodeError(hex('0000 0008 00000001')).ofpError).toEqual(badAction(OFPBAC.BAD_LEN));
      expect(decodeError(hex('0012 0008 00000000 0012')).ofpError).toEqual(badAction(OFPBAC.BAD_LEN));
      const e = decodeError(hex('0012 0008 00000000 0011 0010 8100 0000 00000000'));
      expect(e).toMatchObject({ offset: 8, field: 'ofp_action.len', msgType: 'OFPT_PACKET_OUT' });
    });

    it('OFPBAC_BAD_TYPE for a type OF1.3 does not define', () => {
      expect(decodeError(hex('0001 0008 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_TYPE));
      expect(decodeError(hex('001c 0008 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_TYPE));
    });

    it('set-field problems are OFPBAC_BAD_SET_*', () => {
      // Unknown basic field 50.
      expect(decodeError(hex('0019 0010 80006404 00000001 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_SET_TYPE));
      // eth_src with a 4-byte value.
      expect(decodeError(hex('0019 0010 80000804 00000001 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_SET_LEN));
      // Correct OXM but 8 bytes of extra padding.
      expect(decodeError(hex('0019 0018 80000604 00000001 00000000 00000000 00000000')).ofpError).toEqual(badAction(OFPBAC.BAD_SET_LEN));
    });

    it('never throws anything but OfpDecodeError on damaged input', () => {
      const good = encode([...STANDARD.map(([a]) => a), ...NICIRA]);
      let seed = 11;
      const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
      for (let i = 0; i < 3000; i++) {
        const buf = Buffer.from(good.subarray(0, rnd(good.length + 1)));
        for (let k = rnd(4); k > 0; k--) if (buf.length > 0) buf[rnd(buf.length)] = rnd(256);
        try { decode(buf); } catch (e) { expect(e).toBeInstanceOf(OfpDecodeError); }
      }
    });

    it('refuses to encode an unknown action type', () => {
      expect(() => encode([{ type: 'FLY' } as unknown as Action])).toThrow(OfpEncodeError);
    });
  });
});

/** One of every typed Nicira action. */
const NICIRA: Action[] = [
  { type: 'NX_RESUBMIT', inPort: 0xfff8 },
  { type: 'NX_RESUBMIT_TABLE', inPort: 0xfff8, tableId: 3 },
  { type: 'NX_SET_TUNNEL', tunId: 0x1234 },
  { type: 'NX_SET_TUNNEL64', tunId: 0x1122334455667788n },
  { type: 'NX_SET_QUEUE', queueId: 4 },
  { type: 'NX_POP_QUEUE' },
  { type: 'NX_REG_MOVE', nBits: 16, srcOfs: 0, dstOfs: 8, src: 'reg0', dst: 'tun_ipv4_dst' },
  { type: 'NX_REG_LOAD', ofsNbits: (4 << 6) | 27, dst: 'reg0', value: 0xdeadbeefn },
  { type: 'NX_REG_LOAD2', field: { field: 'pkt_mark', value: 5, mask: 0xff } },
  { type: 'NX_NOTE', note: hex('68656c6c6f00') },
  { type: 'NX_OUTPUT_REG', ofsNbits: 15, src: 'reg2', maxLen: 128 },
  {
    type: 'NX_LEARN', idleTimeout: 10, hardTimeout: 300, priority: 5, cookie: 0xabn, flags: 1, tableId: 9,
    finIdleTimeout: 1, finHardTimeout: 2,
    specs: [
      { kind: 'match', nBits: 12, src: { field: 'vlan_vid', ofs: 0 }, dst: { field: 'vlan_vid', ofs: 0 } },
      { kind: 'match', nBits: 48, src: { field: 'eth_src_nxm', ofs: 0 }, dst: { field: 'eth_dst_nxm', ofs: 0 } },
      { kind: 'load', nBits: 20, src: 0x12345n, dst: { field: 'reg3', ofs: 4 } },
      { kind: 'output', nBits: 32, src: { field: 'in_port', ofs: 0 } },
    ],
  },
  { type: 'NX_EXIT' },
  { type: 'NX_DEC_TTL' },
  { type: 'NX_FIN_TIMEOUT', finIdleTimeout: 30, finHardTimeout: 60 },
  { type: 'NX_CONTROLLER', maxLen: 1024, controllerId: 1, reason: 5 },
  { type: 'NX_DEC_TTL_CNT_IDS', controllerIds: [1, 2, 3] },
  { type: 'NX_PUSH_MPLS', ethertype: 0x8847 },
  { type: 'NX_POP_MPLS', ethertype: 0x0800 },
  { type: 'NX_SET_MPLS_TTL', ttl: 9 },
  { type: 'NX_DEC_MPLS_TTL' },
  { type: 'NX_SET_MPLS_LABEL', label: 0xfffff },
  { type: 'NX_SET_MPLS_TC', tc: 7 },
  { type: 'NX_STACK_PUSH', field: 'reg2', ofs: 1, nBits: 5 },
  { type: 'NX_STACK_POP', field: 'reg2', ofs: 1, nBits: 5 },
  { type: 'NX_SAMPLE', probability: 3, collectorSetId: 1, obsDomainId: 2, obsPointId: 3 },
  { type: 'NX_SAMPLE2', probability: 3, collectorSetId: 1, obsDomainId: 2, obsPointId: 3, samplingPort: 8080, direction: 1 },
  { type: 'NX_CONJUNCTION', clause: 0, nClauses: 2, id: 77 },
  {
    type: 'NX_CT', flags: 1, zoneSrc: 'reg0', zoneOfsNbits: (0 << 6) | 15, recircTable: 255, alg: 21,
    actions: [
      { type: 'NX_NAT', flags: 1, ipv4Min: '10.0.0.1', ipv4Max: '10.0.0.9', protoMin: 1000 },
      { type: 'SET_FIELD', field: { field: 'ct_mark', value: 1 } },
    ],
  },
  { type: 'NX_CT', flags: 0, zoneOfsNbits: 7, recircTable: 4, alg: 0, actions: [] },
  { type: 'NX_NAT', flags: 2, ipv6Min: '2001:db8::1', ipv6Max: '2001:db8::ff', protoMin: 1, protoMax: 1023 },
  {
    type: 'NX_CONTROLLER2',
    props: [
      { type: 'MAX_LEN', maxLen: 128 }, { type: 'CONTROLLER_ID', controllerId: 3 }, { type: 'REASON', reason: 1 },
      { type: 'USERDATA', userdata: hex('0102030405') }, { type: 'PAUSE' }, { type: 'METER_ID', meterId: 9 },
      { type: 'UNKNOWN', propType: 99, data: hex('ab') },
    ],
  },
  { type: 'NX_OUTPUT_TRUNC', port: 2, maxLen: 100 },
  { type: 'NX_CT_CLEAR' },
  { type: 'NX_DEC_NSH_TTL' },
];

describe('Nicira actions', () => {
  it('round-trips every typed Nicira action, each a multiple of 8 bytes', () => {
    for (const a of NICIRA) {
      const wire = encode([a]);
      expect(wire.length % 8, a.type).toBe(0);
      expect(wire.readUInt16BE(2), a.type).toBe(wire.length);
      expect(wire.readUInt32BE(4), a.type).toBe(0x2320);
      expect(decode(wire), a.type).toEqual([a]);
      expect(encode(decode(wire)), a.type).toEqual(wire);
    }
  });

  it('uses the nx_action layouts OVS sends', () => {
    // ovs-ofctl: load:0xdeadbeef->NXM_NX_REG0[4..30]
    const load = encode([{ type: 'NX_REG_LOAD', ofsNbits: (4 << 6) | 26, dst: 'reg0', value: 0xdeadbeefn }]);
    expect(load.toString('hex')).toBe('ffff0018000023200007011a00010004' + '00000000deadbeef');
    expect(nxmHeaderOf('reg0')).toBe(0x00010004);
    expect(encode([{ type: 'NX_RESUBMIT_TABLE', inPort: 0xfff8, tableId: 3 }]).toString('hex'))
      .toBe('ffff00100000232000 0efff8 03 000000'.replace(/ /g, ''));
  });

  it('keeps unknown subtypes and odd encodings opaque, byte-exact', () => {
    const wires = [
      'ffff0010 00002320 6578 705f64617461', // unknown subtype 0x6578 (in the corpus)
      'ffff0010 00002320 0001 fff8 00000001', // resubmit with non-zero padding
      'ffff0018 00002320 0006 0010 0000 0008 0001ff04 00010004', // reg_move from a masked header
      'ffff0018 00002320 0015 0000 00000000 0000000000000000', // cnt_ids with 8 more zero bytes than needed
    ];
    const [unknown, badPad, oddRef, longPad] = wires.map((w) => decode(hex(w)));
    expect(longPad![0]!.type).toBe('EXPERIMENTER');
    expect(unknown).toEqual([{ type: 'EXPERIMENTER', experimenter: 0x2320, data: hex('6578705f64617461') }]);
    expect(badPad![0]!.type).toBe('EXPERIMENTER');
    // A header that is not a plain named-field header stays a raw number and round-trips.
    expect(oddRef).toEqual([{ type: 'NX_REG_MOVE', nBits: 16, srcOfs: 0, dstOfs: 8, src: 0x0001ff04, dst: 'reg0' }]);
    wires.forEach((w, i) => expect(encode([unknown, badPad, oddRef, longPad][i]!)).toEqual(hex(w)));
  });

  it('answers OFPBAC_BAD_LEN for a known fixed-size subtype with the wrong length', () => {
    expect(decodeError(hex('ffff0018 00002320 0022 0102 00000003 0000000000000000')).ofpError)
      .toEqual(badAction(OFPBAC.BAD_LEN));
  });

  it('reports errors inside a ct action as the nested action error', () => {
    const ct = encode([{ type: 'NX_CT', flags: 0, zoneOfsNbits: 0, recircTable: 255, alg: 0, actions: [{ type: 'POP_VLAN' }] }]);
    ct.writeUInt16BE(99, 24); // nested action type 99
    expect(decodeError(ct).ofpError).toEqual(badAction(OFPBAC.BAD_TYPE));
  });

  it('bounds ct nesting: 2700 nested ct actions are OFPBAC_BAD_ARGUMENT, not a stack overflow', () => {
    const depth = 2700;
    const buf = Buffer.alloc(depth * 24);
    for (let i = 0; i < depth; i++) {
      buf.writeUInt16BE(0xffff, i * 24);
      buf.writeUInt16BE((depth - i) * 24, i * 24 + 2);
      buf.writeUInt32BE(0x2320, i * 24 + 4);
      buf.writeUInt16BE(35, i * 24 + 8);
    }
    expect(decodeError(buf).ofpError).toEqual(badAction(OFPBAC.BAD_ARGUMENT));
    // Nesting within the bound still decodes.
    expect(decode(buf.subarray((depth - 3) * 24))[0]).toMatchObject({ type: 'NX_CT', actions: [{ type: 'NX_CT', actions: [{ type: 'NX_CT', actions: [] }] }] });
  });

  it('encodes a single action with encodeAction', () => {
    const w = new OfpWriter();
    encodeAction(w, { type: 'NX_CT_CLEAR' });
    expect(w.toBuffer().toString('hex')).toBe('ffff001000002320002b000000000000');
  });
});
