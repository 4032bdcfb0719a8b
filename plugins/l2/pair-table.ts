/**
 * The host pairs L2 has installed, indexed for the two questions it asks: "is (src, dst, vlan)
 * installed?" on every packet-in, and "which pairs name this host?" when a host moves or
 * leaves. Keys are the MACs' numbers (no strings on the packet-in path); each pair sits in
 * two maps, under its source and under its destination, so forgetting a host touches only
 * that host's pairs, not every pair.
 */
import type { MacAddress } from '../../core/net/mac-address.js';
import type { PairKey } from './l2-flows.js';

/** A host's key: its MAC's number when untagged, a string only for tagged hosts (2^53 limit). */
type HostKey = number | string;
const hostKey = (mac: MacAddress, vlan: number): HostKey => (vlan === 0 ? mac.value : `${vlan}/${mac.value}`);

export class PairTable<P extends { readonly key: PairKey }> {
  /** (src, vlan) → dst MAC number → pair. */
  private readonly bySrc = new Map<HostKey, Map<number, P>>();
  /** (dst, vlan) → src MAC number → pair. */
  private readonly byDst = new Map<HostKey, Map<number, P>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(src: MacAddress, dst: MacAddress, vlan: number): P | undefined {
    return this.bySrc.get(hostKey(src, vlan))?.get(dst.value);
  }

  /** Adds or replaces the pair under its key. */
  set(pair: P): void {
    const { src, dst, vlan } = pair.key;
    const s = hostKey(src, vlan);
    let out = this.bySrc.get(s);
    if (out === undefined) this.bySrc.set(s, (out = new Map()));
    if (!out.has(dst.value)) this.count++;
    out.set(dst.value, pair);
    const d = hostKey(dst, vlan);
    let into = this.byDst.get(d);
    if (into === undefined) this.byDst.set(d, (into = new Map()));
    into.set(src.value, pair);
  }

  delete(key: PairKey): boolean {
    const s = hostKey(key.src, key.vlan);
    const out = this.bySrc.get(s);
    if (out === undefined || !out.delete(key.dst.value)) return false;
    if (out.size === 0) this.bySrc.delete(s);
    const d = hostKey(key.dst, key.vlan);
    const into = this.byDst.get(d);
    if (into !== undefined) {
      into.delete(key.src.value);
      if (into.size === 0) this.byDst.delete(d);
    }
    this.count--;
    return true;
  }

  /** Pairs with this host at either end. */
  naming(mac: MacAddress, vlan: number): P[] {
    const k = hostKey(mac, vlan);
    // A Set: a host paired with itself (src = dst) is under both.
    return [...new Set([...(this.bySrc.get(k)?.values() ?? []), ...(this.byDst.get(k)?.values() ?? [])])];
  }

  /** Every pair, as a snapshot (callers may change the table while going through it). */
  all(): P[] {
    const out: P[] = [];
    for (const m of this.bySrc.values()) for (const p of m.values()) out.push(p);
    return out;
  }

  clear(): void {
    this.bySrc.clear();
    this.byDst.clear();
    this.count = 0;
  }
}
