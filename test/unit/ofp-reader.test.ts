import { describe, expect, it } from 'vitest';
import { OfpDecodeError, OfpReader, OfpWriter } from '../../core/openflow/index.js';

describe('OfpReader / OfpWriter', () => {
  it('round-trips fixed-width fields big-endian', () => {
    const w = new OfpWriter(4);
    w.u8(4); w.u16(0x1234); w.u32(0xdeadbeef); w.u64(0x0102030405060708n); w.fixedString('eth0', 16);
    const r = new OfpReader(w.toBuffer());
    expect([r.u8('a'), r.u16('b'), r.u32('c'), r.u64('d'), r.fixedString(16, 'e')])
      .toEqual([4, 0x1234, 0xdeadbeef, 0x0102030405060708n, 'eth0']);
    expect(r.remaining).toBe(0);
  });

  it('reports a short read as a typed truncation error naming the field and offset', () => {
    const r = new OfpReader(Buffer.from([1, 2, 3]), 0, 3, 'OFPT_HELLO');
    r.u16('ofp_header.type');
    const err = (() => { try { r.u32('ofp_header.xid'); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(OfpDecodeError);
    expect(err).toMatchObject({ msgType: 'OFPT_HELLO', offset: 2, field: 'ofp_header.xid', truncated: true });
  });
});
