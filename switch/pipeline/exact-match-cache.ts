/**
 * Exact-match cache in front of a flow table's classifier: full flow-key bytes (in_port and
 * metadata included, they are part of the key) → the classifier's answer, a rule or a miss.
 *
 * Invalidation: the table bumps a generation counter on every change; the cache compares it on
 * each lookup and empties itself when it moved, so a stale answer can never be returned. The
 * cache is bounded; when full it starts over (cheap, and a busy table refills it at once).
 *
 * Layout (flat, no per-entry objects): entries are numbered in insertion order; entry e keeps its
 * key as STRIDE int32 words at `keys[e * STRIDE]` (the key's whole words, then its last bytes
 * packed into one word) and its answer at `values[e]`. An open-addressed, linearly probed slot
 * table maps a key hash to entries: `slots[2i]` the full hash, `slots[2i + 1]` entry + 1 (0 =
 * empty), so a probe touches one cache line. The slot table starts small and doubles to stay at
 * most half full; emptying it is one `fill` (or a smaller fresh table when it had grown far past
 * what the last generation used), and drops the answers so removed rules are not kept alive.
 *
 * A hit costs one pass over the key words to hash, one probe and one word-by-word comparison,
 * with no allocation; a miss inserts without allocating until the arrays double.
 */
import { FLOW_KEY_LENGTH } from '../../core/packet/flow-key-layout.js';

const WORDS = FLOW_KEY_LENGTH >> 2;
const TAIL = WORDS * 4;
/** Stored words per entry: the key's whole words plus one holding its last (FLOW_KEY_LENGTH % 4) bytes. */
const STRIDE = WORDS + 1;
const MIN_SLOTS = 16;
const MIN_ENTRIES = 8;

/** The key's last bytes (past its whole words), little-endian in one int32; 0 when there are none. */
function tailWord(key: Uint8Array): number {
  let t = 0;
  for (let i = TAIL; i < FLOW_KEY_LENGTH; i++) t |= key[i]! << (8 * (i - TAIL));
  return t;
}

/**
 * Hash of the key words plus tail word, in four interleaved lanes of FNV-style xor-multiply
 * (independent chains, so the multiplies overlap instead of waiting on each other). Each lane is
 * a bijection of its state for each word, so one differing word always changes its lane and the
 * combined result; the murmur3 finalizer then makes the low bits (the slot index) depend on
 * every bit.
 */
function hashKey(w: Int32Array, tail: number): number {
  let a = 0x811c9dc5 | 0, b = 0x050c5d1f | 0, c = 0x1b873593 | 0, d = 0x2c1b3c6d ^ tail;
  let i = 0;
  for (; i + 3 < WORDS; i += 4) {
    a = Math.imul(a ^ w[i]!, 0x01000193);
    b = Math.imul(b ^ w[i + 1]!, 0x01000193);
    c = Math.imul(c ^ w[i + 2]!, 0x01000193);
    d = Math.imul(d ^ w[i + 3]!, 0x01000193);
  }
  for (; i < WORDS; i++) a = Math.imul(a ^ w[i]!, 0x01000193);
  let h = a ^ ((b << 8) | (b >>> 24)) ^ ((c << 16) | (c >>> 16)) ^ ((d << 24) | (d >>> 8));
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export class ExactMatchCache<V> {
  /** `[2i]` hash, `[2i + 1]` entry index + 1 (0 = empty). Allocated on first insert. */
  private slots = new Int32Array(0);
  private slotMask = -1;
  private keys = new Int32Array(0);
  private values: V[] = [];
  private entries = 0;
  private generation = -1;
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 65_536) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity ${capacity}`);
  }

  /** Scratch view over the caller's key, rebuilt only when the key buffer changes. */
  private viewOf: Uint8Array | undefined;
  private wordsView: Int32Array = new Int32Array(0);

  private words(key: Uint8Array): Int32Array {
    if (this.viewOf !== key) {
      if (key.byteOffset % 4 !== 0) throw new RangeError('flow key must be 4-byte aligned');
      if (key.length < FLOW_KEY_LENGTH) throw new RangeError(`flow key of ${key.length} bytes`);
      this.viewOf = key;
      this.wordsView = new Int32Array(key.buffer, key.byteOffset, WORDS);
    }
    return this.wordsView;
  }

  /** Entry index holding `w` + `tail` under hash `h`, or -1. */
  private find(w: Int32Array, tail: number, h: number): number {
    const slots = this.slots, keys = this.keys, m = this.slotMask;
    if (m < 0) return -1;
    for (let i = h & m; ; i = (i + 1) & m) {
      const s = slots[2 * i + 1]!;
      if (s === 0) return -1;
      if (slots[2 * i] !== h) continue;
      const e = s - 1;
      const base = e * STRIDE;
      if (keys[base + WORDS] !== tail) continue;
      let j = 0;
      while (j < WORDS && keys[base + j] === w[j]) j++;
      if (j === WORDS) return e;
    }
  }

  /** The cached answer, or `undefined` when not cached (store `null` as V to cache misses). */
  get(key: Uint8Array, generation: number): V | undefined {
    if (generation !== this.generation) {
      this.clear();
      this.generation = generation;
      this.misses++;
      return undefined;
    }
    if (this.entries === 0) {
      this.misses++;
      return undefined;
    }
    const w = this.words(key);
    const tail = tailWord(key);
    const e = this.find(w, tail, hashKey(w, tail));
    if (e < 0) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return this.values[e];
  }

  set(key: Uint8Array, generation: number, value: V): void {
    if (generation !== this.generation) {
      this.clear();
      this.generation = generation;
    }
    const w = this.words(key);
    const tail = tailWord(key);
    const h = hashKey(w, tail);
    const found = this.find(w, tail, h);
    if (found >= 0) {
      this.values[found] = value;
      return;
    }
    if (this.entries >= this.capacity) this.clear();
    if (2 * (this.entries + 1) > this.slotMask + 1) this.growSlots();
    const e = this.entries++;
    if ((e + 1) * STRIDE > this.keys.length) {
      const keys = new Int32Array(Math.max(MIN_ENTRIES, 2 * (this.keys.length / STRIDE)) * STRIDE);
      keys.set(this.keys);
      this.keys = keys;
    }
    const base = e * STRIDE;
    this.keys.set(w, base);
    this.keys[base + WORDS] = tail;
    this.values[e] = value;
    this.place(h, e);
  }

  private place(h: number, e: number): void {
    const slots = this.slots, m = this.slotMask;
    let i = h & m;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & m;
    slots[2 * i] = h;
    slots[2 * i + 1] = e + 1;
  }

  private growSlots(): void {
    const n = Math.max(MIN_SLOTS, 2 * (this.slotMask + 1));
    const old = this.slots;
    this.slots = new Int32Array(2 * n);
    this.slotMask = n - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i]!, old[i + 1]! - 1);
  }

  clear(): void {
    const n = this.entries;
    if (n === 0) return;
    this.entries = 0;
    this.values = [];
    // A table that had grown far past what this generation used starts small again, so a
    // flow-mod storm under traffic does not pay for zeroing a large table per change.
    if (8 * n < this.slotMask + 1 && this.slotMask + 1 > MIN_SLOTS) {
      const size = Math.max(MIN_SLOTS, 1 << (32 - Math.clz32(4 * n - 1)));
      this.slots = new Int32Array(2 * size);
      this.slotMask = size - 1;
      if (this.keys.length > 4 * size * STRIDE) this.keys = new Int32Array(size * STRIDE);
    } else {
      this.slots.fill(0);
    }
  }

  get size(): number {
    return this.entries;
  }
}
