import { describe, expect, it } from 'vitest';
import { formatDpid, parseDpid } from '../../controller/northbound/dpid-text.js';

describe('dpid text', () => {
  const cases: { input: string; dpid?: bigint; error?: RegExp }[] = [
    { input: '0000000000000001', dpid: 1n },
    { input: 'FEDCBA9876543210', dpid: 0xfedcba9876543210n },
    { input: '00:00:00:00:00:00:00:2a', dpid: 42n },
    { input: '0x2a', dpid: 42n },
    { input: '0xffffffffffffffff', dpid: (1n << 64n) - 1n },
    { input: '42', dpid: 42n },
    { input: ' 7 ', dpid: 7n },
    // 16 digits is the OVS hex form even when every digit is decimal.
    { input: '0000000000000010', dpid: 16n },
    { input: '0x', error: /is not a datapath id/ },
    { input: '0x1ffffffffffffffff', error: /is not a datapath id/ },
    { input: '00:00:00:00:00:00:2a', error: /is not a datapath id/ },
    { input: 's1', error: /"s1" is not a datapath id/ },
    { input: '', error: /is not a datapath id/ },
    { input: '-1', error: /is not a datapath id/ },
  ];
  for (const c of cases) {
    it(`parses ${JSON.stringify(c.input)}`, () => {
      const r = parseDpid(c.input);
      if (c.error) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(c.error);
      } else {
        expect(r).toEqual({ ok: true, dpid: c.dpid });
      }
    });
  }

  it('formats as 16 lower-case hex digits and parses its own output back', () => {
    for (const dpid of [0n, 1n, 0xabcn, 0xfedcba9876543210n, (1n << 64n) - 1n]) {
      const text = formatDpid(dpid);
      expect(text).toMatch(/^[0-9a-f]{16}$/);
      expect(parseDpid(text)).toEqual({ ok: true, dpid });
    }
  });
});
