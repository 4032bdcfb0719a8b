/**
 * One OpenFlow flow table: its entries in a tuple-space classifier, an exact-match cache in
 * front of it, and the per-table counters of ofp_table_stats.
 *
 * Every change bumps `generation`, which is what invalidates the cache.
 */
import { Classifier } from './classifier.js';
import { sameMatch, type CompiledMatch } from './compiled-match.js';
import { ExactMatchCache } from './exact-match-cache.js';
import type { FlowEntry } from './flow-entry.js';
import { finishHash, mixWord } from './key-hash.js';

/**
 * Key of the strict index: the match's hash (computed once, when it was compiled) folded with
 * the priority. A number rather than a string of the bytes (~370 bytes per flow); collisions are
 * resolved with `sameMatch`.
 */
function strictHash(cm: CompiledMatch, priority: number): number {
  return finishHash(mixWord(cm.hash, priority), 1) & 0x3fffffff;
}

const isStrictMatch = (e: FlowEntry, cm: CompiledMatch, priority: number): boolean => e.priority === priority && sameMatch(e.cm, cm);

export class FlowTable {
  private readonly classifier = new Classifier<FlowEntry>();
  private readonly cache = new ExactMatchCache<FlowEntry | null>();
  readonly entries = new Set<FlowEntry>();
  /**
   * hash of priority + match bytes → entry (or the few entries sharing a hash), so ADD and the
   * strict commands find "the same flow" in O(1).
   */
  private readonly strict = new Map<number, FlowEntry | FlowEntry[]>();
  generation = 0;
  lookupCount = 0;
  matchedCount = 0;
  /** ofp_table_mod config (OF1.3 keeps only deprecated bits; stored and reported). */
  config = 0;
  /** Off only for measuring the classifier alone. */
  useCache = true;

  constructor(readonly tableId: number) {}

  get size(): number {
    return this.entries.size;
  }

  get maskCount(): number {
    return this.classifier.maskCount;
  }

  /** The highest-priority entry matching `key`, counting the lookup (§7.3.5.4). */
  lookup(key: Uint8Array): FlowEntry | undefined {
    this.lookupCount++;
    let hit: FlowEntry | null | undefined;
    if (this.useCache) {
      hit = this.cache.get(key, this.generation);
      if (hit === undefined) {
        hit = this.classifier.lookup(key) ?? null;
        this.cache.set(key, this.generation, hit);
      }
    } else {
      hit = this.classifier.lookup(key) ?? null;
    }
    if (hit === null) return undefined;
    this.matchedCount++;
    return hit;
  }

  insert(e: FlowEntry): void {
    this.entries.add(e);
    this.strictRemove(e);
    const h = strictHash(e.cm, e.priority);
    const cur = this.strict.get(h);
    if (cur === undefined) this.strict.set(h, e);
    else if (Array.isArray(cur)) cur.push(e);
    else this.strict.set(h, [cur, e]);
    this.classifier.insert(e);
    this.generation++;
  }

  remove(e: FlowEntry): void {
    if (!this.entries.delete(e)) return;
    this.strictRemove(e);
    this.classifier.remove(e);
    this.generation++;
  }

  /** The entry with exactly this match and priority (ADD replacement, *_STRICT commands). */
  findStrict(cm: CompiledMatch, priority: number): FlowEntry | undefined {
    const cur = this.strict.get(strictHash(cm, priority));
    if (cur === undefined) return undefined;
    if (!Array.isArray(cur)) return isStrictMatch(cur, cm, priority) ? cur : undefined;
    return cur.find((x) => isStrictMatch(x, cm, priority));
  }

  /**
   * Drops the strict-index entry for `e`'s priority + match, whichever entry holds it (the old
   * map kept one entry per key, the last inserted; this keeps that behaviour).
   */
  private strictRemove(e: FlowEntry): void {
    const h = strictHash(e.cm, e.priority);
    const cur = this.strict.get(h);
    if (cur === undefined) return;
    if (!Array.isArray(cur)) {
      if (isStrictMatch(cur, e.cm, e.priority)) this.strict.delete(h);
      return;
    }
    const i = cur.findIndex((x) => isStrictMatch(x, e.cm, e.priority));
    if (i < 0) return;
    cur.splice(i, 1);
    if (cur.length === 1) this.strict.set(h, cur[0]!);
  }

  cacheStats(): { hits: number; misses: number; size: number } {
    return { hits: this.cache.hits, misses: this.cache.misses, size: this.cache.size };
  }
}
