/**
 * Exact-match cache in front of a flow table's classifier: full flow-key bytes (in_port and
 * metadata included, they are part of the key) → the classifier's answer, a rule or a miss.
 *
 * Invalidation: the table bumps a generation counter on every change; the cache compares it on
 * each lookup and empties itself when it moved, so a stale answer can never be returned. The
 * cache is bounded; when full it starts over (cheap, and a busy table refills it at once).
 *
 * A hit costs one hash of the key and one word-by-word comparison, with no allocation.
 */
import { FLOW_KEY_LENGTH } from '../../core/packet/flow-key-layout.js';
import { hashWords } from './key-hash.js';

const WORDS = FLOW_KEY_LENGTH >> 2;
const TAIL = WORDS * 4;

interface Slot<V> {
  readonly words: Int32Array;
  readonly tail: Uint8Array;
  readonly value: V;
}

export class ExactMatchCache<V> {
  private readonly map = new Map<number, Slot<V>[]>();
  private entries = 0;
  private generation = -1;
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 65_536) {}

  /** Scratch views over the caller's key, rebuilt only when the key buffer changes. */
  private viewOf: Uint8Array | undefined;
  private wordsView: Int32Array = new Int32Array(0);

  private words(key: Uint8Array): Int32Array {
    if (this.viewOf !== key) {
      if (key.byteOffset % 4 !== 0) throw new RangeError('flow key must be 4-byte aligned');
      this.viewOf = key;
      this.wordsView = new Int32Array(key.buffer, key.byteOffset, WORDS);
    }
    return this.wordsView;
  }

  /** The cached answer, or `undefined` when not cached (store `null` as V to cache misses). */
  get(key: Uint8Array, generation: number): V | undefined {
    if (generation !== this.generation) {
      this.clear();
      this.generation = generation;
      this.misses++;
      return undefined;
    }
    const w = this.words(key);
    const list = this.map.get(hashWords(w, key, TAIL));
    if (list !== undefined) {
      outer: for (let n = 0; n < list.length; n++) {
        const s = list[n]!;
        const sw = s.words;
        for (let i = 0; i < WORDS; i++) if (sw[i] !== w[i]) continue outer;
        const st = s.tail;
        for (let i = 0; i < st.length; i++) if (st[i] !== key[TAIL + i]) continue outer;
        this.hits++;
        return s.value;
      }
    }
    this.misses++;
    return undefined;
  }

  set(key: Uint8Array, generation: number, value: V): void {
    if (generation !== this.generation) {
      this.clear();
      this.generation = generation;
    }
    if (this.entries >= this.capacity) this.clear();
    const w = this.words(key);
    const h = hashWords(w, key, TAIL);
    let list = this.map.get(h);
    if (!list) { list = []; this.map.set(h, list); }
    list.push({ words: Int32Array.from(w), tail: key.slice(TAIL), value });
    this.entries++;
  }

  clear(): void {
    this.map.clear();
    this.entries = 0;
  }

  get size(): number {
    return this.entries;
  }
}
