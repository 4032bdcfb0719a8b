/**
 * Tuple-space search classifier (the design of Open vSwitch's lib/classifier.c, written anew).
 *
 * What: a set of rules, each a (value, mask) pair in the flow-key layout with a priority, and a
 * lookup that returns the highest-priority rule whose `key & mask == value`.
 *
 * How: rules with the same mask share a subtable. A subtable looks only at the 32-bit words of
 * the key its mask touches; it is a flat open-addressed hash table (linear probing, typed
 * arrays, no per-rule objects) from the masked words to a "group": the rules with exactly those
 * masked words, best first. A lookup first gathers the key words any subtable needs into one
 * scratch array (byte loads, so keys need no alignment), then per subtable hashes its masked
 * words, probes, and compares the group's stored words. Its cost grows with the number of
 * distinct masks, not with the number of rules, and touches about three cache lines per
 * subtable (slot, group words, group priority). Subtables are kept sorted by the highest
 * priority they hold; the search stops as soon as no remaining subtable could beat the best
 * rule found.
 *
 * Ties: equal priorities that overlap are undefined behaviour in OpenFlow (§6.4); to make results
 * reproducible (and testable against a linear scan) the earlier-inserted rule (lower `seq`) wins.
 *
 * Cost: insert/remove O(mask words + subtables log subtables) amortized; lookup
 * O(subtables × mask words) with no allocation. Memory per rule in the classifier: about
 * 4 × (2 × 2 slots + mask words + 1) bytes plus one array element; a group of several rules
 * with the same masked value keeps an extra list.
 */
import { KEY_WORDS, wordAt, type CompiledMatch } from './compiled-match.js';
import { mixWord, finishHash, HASH_SEED } from './key-hash.js';

export interface ClassifierRule {
  readonly priority: number;
  /** Insertion order, for deterministic ties. */
  readonly seq: number;
  readonly cm: CompiledMatch;
}

const MIN_SLOTS = 8;

class Subtable<R extends ClassifierRule> {
  /** Indices of the key words the mask touches, and the mask of each. */
  readonly words: Int32Array;
  readonly wmask: Int32Array;
  private readonly nw: number;

  /**
   * Open-addressed slots, interleaved so a probe touches one cache line: `[2i]` the group's full
   * hash, `[2i + 1]` group index + 1 (0 = empty).
   */
  private slots = new Int32Array(2 * MIN_SLOTS);
  private used = 0;

  /** Groups: masked words (nw per group), best priority (-1 = free) and best rule. */
  private gvals: Int32Array;
  gpri: Int32Array;
  gtop: (R | undefined)[] = [];
  /** Groups of more than one rule: the whole list, priority descending then seq ascending. */
  private readonly gmore = new Map<number, R[]>();
  private gcount = 0;
  private readonly gfree: number[] = [];

  /** priority → number of rules with it, so maxPriority survives removals cheaply. */
  private readonly prioCount = new Map<number, number>();
  size = 0;
  maxPriority = -1;

  constructor(cm: CompiledMatch) {
    const t = cm.words;
    const nw = t.length / 3;
    this.words = new Int32Array(nw);
    this.wmask = new Int32Array(nw);
    for (let i = 0; i < nw; i++) { this.words[i] = t[3 * i]!; this.wmask[i] = t[3 * i + 2]!; }
    this.nw = nw;
    this.gvals = new Int32Array(4 * this.nw);
    this.gpri = new Int32Array(4).fill(-1);
  }

  /** Hash of the masked words of gathered key words `kw` (indexed by key word number). */
  hashKey(kw: Int32Array): number {
    const words = this.words, wmask = this.wmask;
    let h = HASH_SEED;
    for (let i = 0; i < words.length; i++) h = mixWord(h, kw[words[i]!]! & wmask[i]!);
    return finishHash(h, words.length);
  }

  /** Group index whose words equal the masked `kw`, or -1. */
  find(kw: Int32Array): number {
    const words = this.words, wmask = this.wmask, nw = this.nw;
    const h = this.hashKey(kw);
    const slots = this.slots, gvals = this.gvals;
    const m = (slots.length >> 1) - 1;
    for (let i = h & m; ; i = (i + 1) & m) {
      const s = slots[2 * i + 1]!;
      if (s === 0) return -1;
      if (slots[2 * i] !== h) continue;
      const g = s - 1;
      const base = g * nw;
      let j = 0;
      while (j < nw && gvals[base + j] === (kw[words[j]!]! & wmask[j]!)) j++;
      if (j === nw) return g;
    }
  }

  /** Slot index holding the group whose words equal `kw` (already masked), or -1. */
  private slotOf(kw: Int32Array, h: number): number {
    const words = this.words, nw = this.nw;
    const m = (this.slots.length >> 1) - 1;
    for (let i = h & m; ; i = (i + 1) & m) {
      const s = this.slots[2 * i + 1]!;
      if (s === 0) return -1;
      if (this.slots[2 * i] !== h) continue;
      const base = (s - 1) * nw;
      let j = 0;
      while (j < nw && this.gvals[base + j] === kw[words[j]!]) j++;
      if (j === nw) return i;
    }
  }

  private allocGroup(kw: Int32Array): number {
    let g = this.gfree.pop();
    if (g === undefined) {
      g = this.gcount++;
      if (g >= this.gpri.length) {
        const cap = this.gpri.length * 2;
        const pri = new Int32Array(cap).fill(-1);
        pri.set(this.gpri);
        this.gpri = pri;
        const vals = new Int32Array(cap * this.nw);
        vals.set(this.gvals);
        this.gvals = vals;
      }
    }
    const base = g * this.nw;
    for (let j = 0; j < this.nw; j++) this.gvals[base + j] = kw[this.words[j]!]!;
    return g;
  }

  private placeSlot(g: number, h: number): void {
    const m = (this.slots.length >> 1) - 1;
    let i = h & m;
    while (this.slots[2 * i + 1] !== 0) i = (i + 1) & m;
    this.slots[2 * i] = h;
    this.slots[2 * i + 1] = g + 1;
    this.used++;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.used = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.placeSlot(old[i + 1]! - 1, old[i]!);
  }

  /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
  private clearSlot(i: number): void {
    const slots = this.slots;
    const m = (slots.length >> 1) - 1;
    slots[2 * i + 1] = 0;
    this.used--;
    let j = i;
    for (;;) {
      j = (j + 1) & m;
      if (slots[2 * j + 1] === 0) return;
      const home = slots[2 * j]! & m;
      // Move j into the hole at i when its home is not in the cyclic range (i, j].
      const inRange = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!inRange) {
        slots[2 * i] = slots[2 * j]!;
        slots[2 * i + 1] = slots[2 * j + 1]!;
        slots[2 * j + 1] = 0;
        i = j;
      }
    }
  }

  insert(rule: R, kw: Int32Array): void {
    const h = this.hashKey(kw);
    const si = this.slotOf(kw, h);
    if (si < 0) {
      const g = this.allocGroup(kw);
      this.gpri[g] = rule.priority;
      this.gtop[g] = rule;
      if ((this.used + 1) * 4 > this.slots.length) this.grow();
      this.placeSlot(g, h);
    } else {
      const g = this.slots[2 * si + 1]! - 1;
      let list = this.gmore.get(g);
      if (list === undefined) { list = [this.gtop[g]!]; this.gmore.set(g, list); }
      let i = 0;
      while (i < list.length && (list[i]!.priority > rule.priority
        || (list[i]!.priority === rule.priority && list[i]!.seq < rule.seq))) i++;
      list.splice(i, 0, rule);
      this.gtop[g] = list[0]!;
      this.gpri[g] = list[0]!.priority;
    }
    this.size++;
    this.prioCount.set(rule.priority, (this.prioCount.get(rule.priority) ?? 0) + 1);
    if (rule.priority > this.maxPriority) this.maxPriority = rule.priority;
  }

  remove(rule: R, kw: Int32Array): boolean {
    const si = this.slotOf(kw, this.hashKey(kw));
    if (si < 0) return false;
    const g = this.slots[2 * si + 1]! - 1;
    const list = this.gmore.get(g);
    if (list !== undefined) {
      const i = list.indexOf(rule);
      if (i < 0) return false;
      list.splice(i, 1);
      this.gtop[g] = list[0]!;
      this.gpri[g] = list[0]!.priority;
      if (list.length === 1) this.gmore.delete(g);
    } else {
      if (this.gtop[g] !== rule) return false;
      this.gtop[g] = undefined;
      this.gpri[g] = -1;
      this.gfree.push(g);
      this.clearSlot(si);
    }
    this.size--;
    const n = this.prioCount.get(rule.priority)! - 1;
    if (n > 0) {
      this.prioCount.set(rule.priority, n);
    } else {
      this.prioCount.delete(rule.priority);
      if (rule.priority === this.maxPriority) {
        let max = -1;
        for (const p of this.prioCount.keys()) if (p > max) max = p;
        this.maxPriority = max;
      }
    }
    return true;
  }

  /** Whether `cm`'s mask is this subtable's (same words, same word masks). */
  hasMask(cm: CompiledMatch): boolean {
    const t = cm.words, words = this.words, wmask = this.wmask;
    if (t.length !== 3 * words.length) return false;
    for (let i = 0; i < words.length; i++) if (t[3 * i] !== words[i] || t[3 * i + 2] !== wmask[i]) return false;
    return true;
  }
}

export class Classifier<R extends ClassifierRule> {
  /** Subtables by the hash of their mask (CompiledMatch.maskHash); equal hashes are told apart by `hasMask`. */
  private readonly byMask = new Map<number, Subtable<R> | Subtable<R>[]>();
  /** Sorted by maxPriority descending. */
  private ordered: Subtable<R>[] = [];
  private count = 0;
  /** Key words gathered per lookup: number of subtables using each, and the list of those in use. */
  private readonly wordUse = new Int32Array(KEY_WORDS);
  private gather = new Int32Array(0);
  /** Scratch: key words by word number (only gathered ones are meaningful). */
  private readonly kw = new Int32Array(KEY_WORDS);

  get size(): number {
    return this.count;
  }

  /** Number of distinct masks (subtables). */
  get maskCount(): number {
    return this.ordered.length;
  }

  /** A rule's value as words in the scratch array (values are already masked, §7.2.3). */
  private loadValue(rule: R): Int32Array {
    const kw = this.kw, t = rule.cm.words;
    for (let i = 0; i < t.length; i += 3) kw[t[i]!] = t[i + 1]!;
    return kw;
  }

  private subtableOf(cm: CompiledMatch): Subtable<R> | undefined {
    const cur = this.byMask.get(cm.maskHash);
    if (cur === undefined) return undefined;
    if (!Array.isArray(cur)) return cur.hasMask(cm) ? cur : undefined;
    return cur.find((st) => st.hasMask(cm));
  }

  insert(rule: R): void {
    let st = this.subtableOf(rule.cm);
    if (!st) {
      st = new Subtable<R>(rule.cm);
      const cur = this.byMask.get(rule.cm.maskHash);
      if (cur === undefined) this.byMask.set(rule.cm.maskHash, st);
      else if (Array.isArray(cur)) cur.push(st);
      else this.byMask.set(rule.cm.maskHash, [cur, st]);
      this.ordered.push(st);
      this.useWords(st, 1);
    }
    const before = st.maxPriority;
    st.insert(rule, this.loadValue(rule));
    this.count++;
    if (st.maxPriority !== before) this.sort();
  }

  remove(rule: R): boolean {
    const st = this.subtableOf(rule.cm);
    if (!st) return false;
    const before = st.maxPriority;
    if (!st.remove(rule, this.loadValue(rule))) return false;
    this.count--;
    if (st.size === 0) {
      const h = rule.cm.maskHash;
      const cur = this.byMask.get(h)!;
      if (!Array.isArray(cur)) {
        this.byMask.delete(h);
      } else {
        cur.splice(cur.indexOf(st), 1);
        if (cur.length === 1) this.byMask.set(h, cur[0]!);
      }
      this.ordered = this.ordered.filter((s) => s !== st);
      this.useWords(st, -1);
    } else if (st.maxPriority !== before) {
      this.sort();
    }
    return true;
  }

  lookup(key: Uint8Array): R | undefined {
    const kw = this.kw, gather = this.gather;
    for (let i = 0; i < gather.length; i++) kw[gather[i]!] = wordAt(key, gather[i]!);
    let best: R | undefined;
    let bestPri = -1;
    const subtables = this.ordered;
    for (let i = 0; i < subtables.length; i++) {
      const st = subtables[i]!;
      if (st.maxPriority < bestPri) break;
      const g = st.find(kw);
      if (g < 0) continue;
      const p = st.gpri[g]!;
      if (p > bestPri) {
        best = st.gtop[g];
        bestPri = p;
      } else if (p === bestPri) {
        const r = st.gtop[g]!;
        if (r.seq < best!.seq) best = r;
      }
    }
    return best;
  }

  private useWords(st: Subtable<R>, delta: number): void {
    for (const w of st.words) this.wordUse[w]! += delta;
    const list: number[] = [];
    for (let w = 0; w < KEY_WORDS; w++) if (this.wordUse[w]! > 0) list.push(w);
    this.gather = Int32Array.from(list);
  }

  private sort(): void {
    this.ordered.sort((a, b) => b.maxPriority - a.maxPriority);
  }
}
