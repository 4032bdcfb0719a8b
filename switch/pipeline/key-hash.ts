/**
 * 30-bit hashes of flow-key bytes for the classifier's subtables and the exact-match cache.
 * Collisions are resolved by the callers with a byte comparison, so only spread matters.
 * Results fit a V8 small integer: Map keys that are heap numbers cost an allocation and a
 * pointer chase per lookup, which showed up as the classifier's main cost.
 */

/** Hash of `key[offsets[i]] & masks[i]` over a subtable's significant bytes. */
export function hashMaskedBytes(key: Uint8Array, offsets: Int32Array, masks: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < offsets.length; i++) {
    h = Math.imul(h ^ (key[offsets[i]!]! & masks[i]!), 0x01000193);
  }
  return (h ^ (h >>> 30)) & 0x3fffffff;
}

/** Hash of already-masked packed bytes (what a rule stores); equals hashMaskedBytes of a matching key. */
export function hashPacked(packed: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < packed.length; i++) h = Math.imul(h ^ packed[i]!, 0x01000193);
  return (h ^ (h >>> 30)) & 0x3fffffff;
}

/** Hash of a whole key, four bytes at a time (murmur3-style mixing) for the exact-match cache. */
export function hashWords(words: Int32Array, tail: Uint8Array, tailStart: number): number {
  let h = 0x9747b28c;
  for (let i = 0; i < words.length; i++) {
    let k = Math.imul(words[i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  for (let i = tailStart; i < tail.length; i++) h = Math.imul(h ^ tail[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & 0x3fffffff;
}

/** Seed of the word-at-a-time hash the classifier's subtables use (murmur3 body and finalizer). */
export const HASH_SEED = 0x9747b28c | 0;

/** Folds one 32-bit word into `h`. */
export function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Final avalanche of a `mixWord` chain of `n` words; an int32 (so it fits an Int32Array slot). */
export function finishHash(h: number, n: number): number {
  h ^= n << 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
