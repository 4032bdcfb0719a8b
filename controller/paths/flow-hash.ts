/**
 * A small, stable, non-cryptographic hash for ECMP path choice: 32-bit FNV-1a over the input
 * (bytes, or UTF-16 code units of a string), finished with MurmurHash3's fmix32 avalanche so
 * keys that differ in one bit spread over the whole range. Stable across processes and
 * versions, unlike anything derived from object identity or Map order.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export type FlowKey = string | Uint8Array;

export function fnv1a(data: FlowKey, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  if (typeof data === 'string') {
    for (let i = 0; i < data.length; i++) {
      h ^= data.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME) >>> 0;
    }
  } else {
    for (let i = 0; i < data.length; i++) {
      h ^= data[i]!;
      h = Math.imul(h, FNV_PRIME) >>> 0;
    }
  }
  return h;
}

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of `second` continued from the FNV state of `first`, then mixed. */
export function pairHash(first: FlowKey, second: string): number {
  return fmix32(fnv1a(second, fnv1a(first)));
}
