import { describe, expect, it } from 'vitest';
import { FLOW_KEY_LENGTH } from '../../core/packet/flow-key-layout.js';
import { FlowKey } from '../../core/packet/flow-key.js';
import { ExactMatchCache } from '../../switch/pipeline/exact-match-cache.js';

/** A deterministic pseudo-random key: a few set bytes anywhere, including the last (tail) byte. */
function keyOf(n: number, into = new FlowKey()): Uint8Array {
  const k = into.bytes;
  k.fill(0);
  let x = (n * 0x9e3779b1) >>> 0;
  for (let i = 0; i < 4; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    k[x % FLOW_KEY_LENGTH] = (x >>> 8) & 0xff;
  }
  k[0] = n & 0xff;
  k[FLOW_KEY_LENGTH - 1] = (n >>> 8) & 0xff;
  return k;
}

describe('ExactMatchCache', () => {
  it('returns what was stored for the same bytes, undefined otherwise, and counts hits and misses', () => {
    const c = new ExactMatchCache<string | null>();
    const a = new FlowKey();
    keyOf(1, a);
    expect(c.get(a.bytes, 0)).toBeUndefined();
    c.set(a.bytes, 0, 'one');
    c.set(keyOf(2, new FlowKey()), 0, null);
    expect(c.get(a.bytes, 0)).toBe('one');
    expect(c.get(keyOf(2, new FlowKey()), 0)).toBeNull();
    expect(c.get(keyOf(3, new FlowKey()), 0)).toBeUndefined();
    expect(c.hits).toBe(2);
    expect(c.misses).toBe(2);
    expect(c.size).toBe(2);
  });

  it('tells keys apart that differ only in the last byte or only in one high bit', () => {
    const c = new ExactMatchCache<number>();
    const k = new FlowKey();
    c.set(k.bytes, 0, 0);
    k.bytes[FLOW_KEY_LENGTH - 1] = 1;
    expect(c.get(k.bytes, 0)).toBeUndefined();
    c.set(k.bytes, 0, 1);
    k.bytes[FLOW_KEY_LENGTH - 1] = 0;
    k.bytes[7] = 0x80;
    expect(c.get(k.bytes, 0)).toBeUndefined();
    k.bytes[7] = 0;
    expect(c.get(k.bytes, 0)).toBe(0);
  });

  it('empties itself when the generation moves', () => {
    const c = new ExactMatchCache<number>();
    const k = keyOf(5);
    c.set(k, 1, 5);
    expect(c.get(k, 1)).toBe(5);
    expect(c.get(k, 2)).toBeUndefined();
    expect(c.size).toBe(0);
    expect(c.get(k, 2)).toBeUndefined();
    c.set(k, 3, 6);
    expect(c.get(k, 3)).toBe(6);
  });

  it('replaces the answer of a key stored twice', () => {
    const c = new ExactMatchCache<number>();
    const k = keyOf(9);
    c.set(k, 0, 1);
    c.set(k, 0, 2);
    expect(c.size).toBe(1);
    expect(c.get(k, 0)).toBe(2);
  });

  it('agrees with a Map over many keys, through growth, capacity resets and shrinking clears', () => {
    const cap = 3000;
    const c = new ExactMatchCache<number>(cap);
    const ref = new Map<string, number>();
    const k = new FlowKey();
    let gen = 0;
    for (let round = 0; round < 3; round++) {
      const n = round === 1 ? 10 : 5000;
      for (let i = 0; i < n; i++) {
        keyOf(i, k);
        const id = k.bytes.join(',');
        const got = c.get(k.bytes, gen);
        if (got !== undefined) expect(got).toBe(ref.get(id));
        if (got === undefined) { c.set(k.bytes, gen, i); ref.set(id, i); }
        expect(c.size).toBeLessThanOrEqual(cap);
      }
      for (let i = 0; i < n; i += 7) {
        keyOf(i, k);
        const got = c.get(k.bytes, gen);
        if (got !== undefined) expect(got).toBe(ref.get(k.bytes.join(',')));
      }
      gen++;
      ref.clear();
    }
  });

  it('refuses a key that is not 4-byte aligned', () => {
    const c = new ExactMatchCache<number>();
    const buf = new Uint8Array(FLOW_KEY_LENGTH + 4);
    c.set(buf.subarray(0, FLOW_KEY_LENGTH), 0, 1);
    expect(() => c.get(buf.subarray(1, 1 + FLOW_KEY_LENGTH), 0)).toThrow(RangeError);
  });
});
