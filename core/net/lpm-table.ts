import { Ipv4Address } from './ipv4-address.js';
import { Ipv6Address } from './ipv6-address.js';
import { Ipv4Prefix, Ipv6Prefix } from './ip-prefix.js';

/**
 * Longest-prefix-match table: a binary trie, one level per address bit.
 *
 * Why a plain bit trie: inserts and deletes are O(prefix length) with no rebuild, lookups are at
 * most 32 / 128 steps with no allocation, and an in-order walk gives prefixes sorted by address
 * then length for free. Routing tables in a controller hold thousands of routes, not millions, so
 * a path-compressed or multibit trie would buy little for its complexity.
 *
 * One table holds one family (fixed by the constructor), so an IPv4 key can never match an IPv6
 * route by accident.
 */
interface TrieNode<P, V> {
  zero?: TrieNode<P, V>;
  one?: TrieNode<P, V>;
  /** Set when a route ends at this node. */
  entry?: { prefix: P; value: V };
}

interface BitKey {
  bit(i: number): number;
}

interface PrefixLike<A extends BitKey> {
  readonly address: A;
  readonly length: number;
  toString(): string;
}

export interface LpmMatch<P, V> {
  prefix: P;
  value: V;
}

export class LpmTable<P extends PrefixLike<A>, A extends BitKey, V> {
  private root: TrieNode<P, V> = {};
  private count = 0;

  protected constructor(readonly family: 4 | 6) {}

  static ipv4<V>(): LpmTable<Ipv4Prefix, Ipv4Address, V> {
    return new LpmTable<Ipv4Prefix, Ipv4Address, V>(4);
  }

  static ipv6<V>(): LpmTable<Ipv6Prefix, Ipv6Address, V> {
    return new LpmTable<Ipv6Prefix, Ipv6Address, V>(6);
  }

  get size(): number {
    return this.count;
  }

  /** Adds or replaces the route for exactly `prefix`; returns the value it replaced. */
  insert(prefix: P, value: V): V | undefined {
    let node = this.root;
    for (let i = 0; i < prefix.length; i++) {
      if (prefix.address.bit(i)) node = node.one ??= {};
      else node = node.zero ??= {};
    }
    const old = node.entry;
    if (!old) this.count++;
    node.entry = { prefix, value };
    return old?.value;
  }

  /** The value stored for exactly `prefix` (no longest-match). */
  get(prefix: P): V | undefined {
    return this.find(prefix)?.entry?.value;
  }

  has(prefix: P): boolean {
    return this.find(prefix)?.entry !== undefined;
  }

  /** Removes exactly `prefix`; prunes branches left empty. Returns whether it was present. */
  delete(prefix: P): boolean {
    const path: TrieNode<P, V>[] = [this.root];
    let node: TrieNode<P, V> | undefined = this.root;
    for (let i = 0; i < prefix.length && node; i++) {
      node = prefix.address.bit(i) ? node.one : node.zero;
      if (node) path.push(node);
    }
    if (!node?.entry) return false;
    node.entry = undefined;
    this.count--;
    for (let i = path.length - 1; i > 0; i--) {
      const n = path[i]!;
      if (n.entry || n.zero || n.one) break;
      const parent = path[i - 1]!;
      if (prefix.address.bit(i - 1)) parent.one = undefined;
      else parent.zero = undefined;
    }
    return true;
  }

  /** The most specific route containing `address`, or undefined. Allocates nothing. */
  lookup(address: A): LpmMatch<P, V> | undefined {
    let node: TrieNode<P, V> | undefined = this.root;
    let best = node.entry;
    const bits = this.family === 4 ? 32 : 128;
    for (let i = 0; i < bits; i++) {
      node = address.bit(i) ? node.one : node.zero;
      if (!node) break;
      if (node.entry) best = node.entry;
    }
    return best;
  }

  /** Every route whose prefix contains `address`, least specific first. */
  matches(address: A): LpmMatch<P, V>[] {
    const out: LpmMatch<P, V>[] = [];
    let node: TrieNode<P, V> | undefined = this.root;
    const bits = this.family === 4 ? 32 : 128;
    for (let i = 0; node; i++) {
      if (node.entry) out.push(node.entry);
      if (i === bits) break;
      node = address.bit(i) ? node.one : node.zero;
    }
    return out;
  }

  clear(): void {
    this.root = {};
    this.count = 0;
  }

  /** All routes in address order, shorter prefixes before the longer ones they contain. */
  *entries(): IterableIterator<LpmMatch<P, V>> {
    const stack: TrieNode<P, V>[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.entry) yield n.entry;
      if (n.one) stack.push(n.one);
      if (n.zero) stack.push(n.zero);
    }
  }

  [Symbol.iterator](): IterableIterator<LpmMatch<P, V>> {
    return this.entries();
  }

  private find(prefix: P): TrieNode<P, V> | undefined {
    let node: TrieNode<P, V> | undefined = this.root;
    for (let i = 0; i < prefix.length && node; i++) node = prefix.address.bit(i) ? node.one : node.zero;
    return node;
  }
}

export type Ipv4LpmTable<V> = LpmTable<Ipv4Prefix, Ipv4Address, V>;
export type Ipv6LpmTable<V> = LpmTable<Ipv6Prefix, Ipv6Address, V>;
