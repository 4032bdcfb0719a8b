/**
 * Tuple-space search classifier (the design of Open vSwitch's lib/classifier.c, written anew).
 *
 * What: a set of rules, each a (value, mask) pair in the flow-key layout with a priority, and a
 * lookup that returns the highest-priority rule whose `key & mask == value`.
 *
 * How: rules with the same mask share a subtable, a hash map from the masked key bytes to the
 * rules with those bytes. A lookup hashes the key once per subtable (only the bytes that mask
 * looks at), so its cost grows with the number of distinct masks, not with the number of rules.
 * Subtables are kept sorted by the highest priority they hold; the search stops as soon as no
 * remaining subtable could beat the best rule found.
 *
 * Ties: equal priorities that overlap are undefined behaviour in OpenFlow (§6.4); to make results
 * reproducible (and testable against a linear scan) the earlier-inserted rule (lower `seq`) wins.
 *
 * Cost: insert/remove O(mask width + subtables log subtables); lookup O(subtables × mask bytes)
 * with no allocation.
 */
import type { CompiledMatch } from './compiled-match.js';
import { hashMaskedBytes, hashPacked } from './key-hash.js';

export interface ClassifierRule {
  readonly priority: number;
  /** Insertion order, for deterministic ties. */
  readonly seq: number;
  readonly cm: CompiledMatch;
}

interface Node<R> {
  readonly rule: R;
  /** The rule's value at the subtable's significant bytes. */
  readonly packed: Uint8Array;
}

class Subtable<R extends ClassifierRule> {
  readonly offsets: Int32Array;
  readonly masks: Uint8Array;
  /** hash → nodes, sorted by priority descending then seq ascending. */
  readonly buckets = new Map<number, Node<R>[]>();
  size = 0;
  maxPriority = -1;

  constructor(mask: Uint8Array) {
    const offs: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) offs.push(i);
    this.offsets = Int32Array.from(offs);
    this.masks = Uint8Array.from(offs.map((o) => mask[o]!));
  }

  pack(value: Uint8Array): Uint8Array {
    const p = new Uint8Array(this.offsets.length);
    for (let i = 0; i < p.length; i++) p[i] = value[this.offsets[i]!]!;
    return p;
  }

  insert(rule: R): void {
    const packed = this.pack(rule.cm.value);
    const h = hashPacked(packed);
    let list = this.buckets.get(h);
    if (!list) { list = []; this.buckets.set(h, list); }
    let i = 0;
    while (i < list.length && (list[i]!.rule.priority > rule.priority
      || (list[i]!.rule.priority === rule.priority && list[i]!.rule.seq < rule.seq))) i++;
    list.splice(i, 0, { rule, packed });
    this.size++;
    if (rule.priority > this.maxPriority) this.maxPriority = rule.priority;
  }

  remove(rule: R): boolean {
    const h = hashPacked(this.pack(rule.cm.value));
    const list = this.buckets.get(h);
    if (!list) return false;
    const i = list.findIndex((n) => n.rule === rule);
    if (i < 0) return false;
    list.splice(i, 1);
    if (list.length === 0) this.buckets.delete(h);
    this.size--;
    if (rule.priority === this.maxPriority) this.recomputeMax();
    return true;
  }

  private recomputeMax(): void {
    let max = -1;
    for (const list of this.buckets.values()) if (list[0]!.rule.priority > max) max = list[0]!.rule.priority;
    this.maxPriority = max;
  }

  /** Best rule of this subtable for `key`, or undefined. */
  lookup(key: Uint8Array): R | undefined {
    const offsets = this.offsets, masks = this.masks;
    const list = this.buckets.get(hashMaskedBytes(key, offsets, masks));
    if (list === undefined) return undefined;
    outer: for (let n = 0; n < list.length; n++) {
      const node = list[n]!;
      const packed = node.packed;
      for (let i = 0; i < packed.length; i++) {
        if ((key[offsets[i]!]! & masks[i]!) !== packed[i]) continue outer;
      }
      return node.rule;
    }
    return undefined;
  }
}

function maskId(mask: Uint8Array): string {
  return Buffer.from(mask.buffer, mask.byteOffset, mask.byteLength).toString('latin1');
}

export class Classifier<R extends ClassifierRule> {
  private readonly byMask = new Map<string, Subtable<R>>();
  /** Sorted by maxPriority descending. */
  private ordered: Subtable<R>[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Number of distinct masks (subtables). */
  get maskCount(): number {
    return this.ordered.length;
  }

  insert(rule: R): void {
    const id = maskId(rule.cm.mask);
    let st = this.byMask.get(id);
    if (!st) {
      st = new Subtable<R>(rule.cm.mask);
      this.byMask.set(id, st);
      this.ordered.push(st);
    }
    const before = st.maxPriority;
    st.insert(rule);
    this.count++;
    if (st.maxPriority !== before) this.sort();
  }

  remove(rule: R): boolean {
    const id = maskId(rule.cm.mask);
    const st = this.byMask.get(id);
    if (!st) return false;
    const before = st.maxPriority;
    if (!st.remove(rule)) return false;
    this.count--;
    if (st.size === 0) {
      this.byMask.delete(id);
      this.ordered = this.ordered.filter((s) => s !== st);
    } else if (st.maxPriority !== before) {
      this.sort();
    }
    return true;
  }

  lookup(key: Uint8Array): R | undefined {
    let best: R | undefined;
    const subtables = this.ordered;
    for (let i = 0; i < subtables.length; i++) {
      const st = subtables[i]!;
      if (best !== undefined && st.maxPriority < best.priority) break;
      const r = st.lookup(key);
      if (r !== undefined && (best === undefined || r.priority > best.priority
        || (r.priority === best.priority && r.seq < best.seq))) best = r;
    }
    return best;
  }

  private sort(): void {
    this.ordered.sort((a, b) => b.maxPriority - a.maxPriority);
  }
}
