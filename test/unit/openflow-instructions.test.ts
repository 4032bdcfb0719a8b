import { describe, expect, it } from 'vitest';
import {
  OFPBAC, OFPBIC, OFPET, OFPIT, OfpDecodeError, OfpReader, OfpWriter, decodeInstructions, encodeInstructions, type Instruction,
} from '../../core/openflow/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function encode(list: readonly Instruction[]): Buffer {
  const w = new OfpWriter(8);
  encodeInstructions(w, list);
  return w.toBuffer();
}

function decode(buf: Buffer): Instruction[] {
  return decodeInstructions(new OfpReader(buf, 0, buf.length, 'OFPT_FLOW_MOD'), buf.length);
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

const ALL: [Instruction, string][] = [
  [{ type: 'GOTO_TABLE', tableId: 4 }, '0001 0008 04 000000'],
  [{ type: 'WRITE_METADATA', metadata: 0x8000000000000001n, metadataMask: 0xffffffffffffffffn },
    '0002 0018 00000000 8000000000000001 ffffffffffffffff'],
  [{ type: 'WRITE_ACTIONS', actions: [{ type: 'GROUP', groupId: 1 }] }, '0003 0010 00000000 0016 0008 00000001'],
  [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: 2, maxLen: 0 }, { type: 'POP_VLAN' }] },
    '0004 0020 00000000 0000 0010 00000002 0000 000000000000 0012 0008 00000000'],
  [{ type: 'APPLY_ACTIONS', actions: [] }, '0004 0008 00000000'],
  [{ type: 'CLEAR_ACTIONS' }, '0005 0008 00000000'],
  [{ type: 'METER', meterId: 0xffff0000 }, '0006 0008 ffff0000'],
  [{ type: 'EXPERIMENTER', experimenter: 0x4f4e4600, data: hex('01020304') }, 'ffff 0010 4f4e4600 01020304 00000000'],
];

describe('OF1.3 instructions', () => {
  it('encodes every instruction type to its spec layout and decodes it back', () => {
    for (const [ins, wire] of ALL.slice(0, -1)) {
      expect(encode([ins]).toString('hex'), ins.type).toBe(hex(wire).toString('hex'));
      expect(decode(hex(wire)), ins.type).toEqual([ins]);
    }
    // An experimenter body is padded to 8 on output; the padding is then part of the body.
    const [exp, wire] = ALL.at(-1)!;
    expect(encode([exp]).toString('hex')).toBe(hex(wire).toString('hex'));
    expect(decode(hex(wire))).toEqual([{ type: 'EXPERIMENTER', experimenter: 0x4f4e4600, data: hex('0102030400000000') }]);
    const list = ALL.map(([i]) => i);
    expect(new Set(list.map((i) => i.type))).toEqual(new Set(Object.keys(OFPIT)));
    expect(encode(decode(encode(list)))).toEqual(encode(list));
  });

  it('OFPBIC_BAD_LEN for short, unaligned, overlong or wrongly sized instructions', () => {
    const badLen = { type: OFPET.BAD_INSTRUCTION, code: OFPBIC.BAD_LEN };
    expect(decodeError(hex('0001 0004 00000000')).ofpError).toEqual(badLen);
    expect(decodeError(hex('0001 000a 00000000 0000')).ofpError).toEqual(badLen);
    expect(decodeError(hex('0004 0010 00000000')).ofpError).toEqual(badLen);
    expect(decodeError(hex('0002 0010 00000000 00000000 00000000')).ofpError).toEqual(badLen);
    expect(decodeError(hex('0006 0010 00000001 00000000 00000000')).ofpError).toEqual(badLen);
    expect(decodeError(hex('0001 0008 01000000 0005')).ofpError).toEqual(badLen);
    expect(decodeError(hex('0001 0008 01000000 0006 0010 00000001')))
      .toMatchObject({ offset: 8, field: 'ofp_instruction.len', msgType: 'OFPT_FLOW_MOD' });
  });

  it('OFPBIC_UNKNOWN_INST for an unknown type; action errors inside keep their OFPBAC code', () => {
    expect(decodeError(hex('0007 0008 00000000')).ofpError).toEqual({ type: OFPET.BAD_INSTRUCTION, code: OFPBIC.UNKNOWN_INST });
    expect(decodeError(hex('0004 0010 00000000 0063 0008 00000000')).ofpError).toEqual({ type: OFPET.BAD_ACTION, code: OFPBAC.BAD_TYPE });
  });

  it('never throws anything but OfpDecodeError on damaged input', () => {
    const good = encode(ALL.map(([i]) => i));
    let seed = 3;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let i = 0; i < 2000; i++) {
      const buf = Buffer.from(good.subarray(0, rnd(good.length + 1)));
      for (let k = rnd(4); k > 0; k--) if (buf.length > 0) buf[rnd(buf.length)] = rnd(256);
      try { decode(buf); } catch (e) { expect(e).toBeInstanceOf(OfpDecodeError); }
    }
  });
});
