import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../controller/paths/min-heap.js';

describe('MinHeap', () => {
  it('pops in key order, including duplicates and re-pushed items', () => {
    const h = new MinHeap();
    let x = 12345;
    const keys: number[] = [];
    for (let i = 0; i < 500; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const k = x % 50; // many equal keys
      keys.push(k);
      h.push(i, k);
    }
    const popped: number[] = [];
    for (let item = h.pop(); item !== undefined; item = h.pop()) popped.push(keys[item]!);
    expect(popped).toEqual([...keys].sort((a, b) => a - b));
    expect(h.size).toBe(0);
    expect(h.pop()).toBeUndefined();
    expect(h.peekKey()).toBe(Infinity);
  });

  it('interleaves pushes and pops', () => {
    const h = new MinHeap();
    h.push(1, 5);
    h.push(2, 1);
    expect(h.pop()).toBe(2);
    h.push(3, 0.5);
    h.push(4, 7);
    expect(h.peekKey()).toBe(0.5);
    expect([h.pop(), h.pop(), h.pop(), h.pop()]).toEqual([3, 1, 4, undefined]);
  });
});
