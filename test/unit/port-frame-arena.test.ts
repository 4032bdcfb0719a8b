import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { FrameArena } from '../../switch/port/frame-arena.js';
import {
  errnoName,
  NativeAddonMissingError,
  nativeAddonPath,
  packageRoot,
} from '../../switch/port/native-binding.js';

describe('FrameArena', () => {
  it('packs frames back to back with an offset/length table', () => {
    const a = new FrameArena(100, 4);
    expect(a.push(Uint8Array.of(1, 2, 3))).toBe(true);
    expect(a.push(Uint8Array.of(4, 5))).toBe(true);
    expect(a.count).toBe(2);
    expect([...a.table.subarray(0, 4)]).toEqual([0, 3, 3, 2]);
    expect([...a.frame(1)]).toEqual([4, 5]);
    expect(a.usedBytes).toBe(5);
  });

  it('refuses a frame past its byte or frame capacity without writing', () => {
    const a = new FrameArena(8, 2);
    expect(a.push(new Uint8Array(6))).toBe(true);
    expect(a.push(new Uint8Array(3))).toBe(false);
    expect(a.push(new Uint8Array(2))).toBe(true);
    expect(a.push(new Uint8Array(0))).toBe(false);
    expect(a.count).toBe(2);
  });

  it('frame views alias the arena (no copy) and clear() makes it reusable', () => {
    const a = new FrameArena(16, 2);
    a.push(Uint8Array.of(9, 9));
    const view = a.frame(0);
    a.data[0] = 7;
    expect(view[0]).toBe(7);
    a.clear();
    expect(a.count).toBe(0);
    expect(() => a.frame(0)).toThrow(RangeError);
  });

  it('adopts frames written by someone else (the addon)', () => {
    const a = new FrameArena(64, 4);
    a.table.set([0, 10, 10, 20]);
    a.setFilled(2);
    expect(a.count).toBe(2);
    expect(a.usedBytes).toBe(30);
    expect(a.frame(1)).toHaveLength(20);
    expect(() => a.setFilled(5)).toThrow(RangeError);
  });

  it('rejects nonsense sizes', () => {
    expect(() => new FrameArena(0, 1)).toThrow(RangeError);
    expect(() => new FrameArena(10, 1.5)).toThrow(RangeError);
  });
});

describe('native binding location', () => {
  it('finds the package root from this source tree', () => {
    const root = packageRoot();
    expect(nativeAddonPath()).toBe(join(root, 'native', 'build', 'Release', 'sluice_native.node'));
  });

  it('walks past a package.json without native/ (as a dist/ copy might have)', () => {
    const top = mkdtempSync(join(tmpdir(), 'sluice-root-'));
    writeFileSync(join(top, 'package.json'), '{}');
    mkdirSync(join(top, 'native'));
    writeFileSync(join(top, 'native', 'binding.gyp'), '{}');
    const dist = join(top, 'dist', 'switch', 'port');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(top, 'dist', 'package.json'), '{}');
    try {
      expect(packageRoot(dist)).toBe(top);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });

  it('says how to build the addon when it is missing', () => {
    const err = new NativeAddonMissingError('/x/sluice_native.node', new Error('ENOENT'));
    expect(err.message).toMatch(/npm run build:native/);
    expect(err.message).toContain('/x/sluice_native.node');
  });

  it('names errno values', () => {
    expect(errnoName(19)).toBe('ENODEV');
    expect(errnoName(-100)).toBe('ENETDOWN');
  });
});

describe('FrameArena.pushFrom', () => {
  it('copies one frame of another burst, from an arena or any FrameBurst', () => {
    const src = new FrameArena(64, 4);
    src.push(Uint8Array.of(1, 2, 3));
    src.push(Uint8Array.of(4, 5, 6, 7));
    const dst = new FrameArena(6, 4);
    expect(dst.pushFrom(src, 1)).toBe(true);
    expect([...dst.frame(0)]).toEqual([4, 5, 6, 7]);
    expect(dst.pushFrom(src, 0)).toBe(false);  // 4 + 3 > 6 bytes
    const plain = { count: 1, data: Uint8Array.of(9, 8, 7), offset: () => 1, length: () => 2, frame: () => Uint8Array.of(8, 7) };
    expect(dst.pushFrom(plain, 0)).toBe(true);
    expect([...dst.frame(1)]).toEqual([8, 7]);
  });
});
