/**
 * One OpenFlow flow table: its entries in a tuple-space classifier, an exact-match cache in
 * front of it, and the per-table counters of ofp_table_stats.
 *
 * Every change bumps `generation`, which is what invalidates the cache.
 */
import { Classifier } from './classifier.js';
import type { CompiledMatch } from './compiled-match.js';
import { ExactMatchCache } from './exact-match-cache.js';
import type { FlowEntry } from './flow-entry.js';

function strictKey(cm: CompiledMatch, priority: number): string {
  const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
  return `${priority}:${latin1(cm.value)}${latin1(cm.mask)}`;
}

export class FlowTable {
  private readonly classifier = new Classifier<FlowEntry>();
  private readonly cache = new ExactMatchCache<FlowEntry | null>();
  readonly entries = new Set<FlowEntry>();
  /** priority + match bytes → entry, so ADD and the strict commands find "the same flow" in O(1). */
  private readonly strict = new Map<string, FlowEntry>();
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
    this.strict.set(strictKey(e.cm, e.priority), e);
    this.classifier.insert(e);
    this.generation++;
  }

  remove(e: FlowEntry): void {
    if (!this.entries.delete(e)) return;
    this.strict.delete(strictKey(e.cm, e.priority));
    this.classifier.remove(e);
    this.generation++;
  }

  /** The entry with exactly this match and priority (ADD replacement, *_STRICT commands). */
  findStrict(cm: CompiledMatch, priority: number): FlowEntry | undefined {
    return this.strict.get(strictKey(cm, priority));
  }

  cacheStats(): { hits: number; misses: number; size: number } {
    return { hits: this.cache.hits, misses: this.cache.misses, size: this.cache.size };
  }
}
