import { describe, expect, it } from 'vitest';
import { Ipv4Address, Ipv4Prefix, Ipv6Address, Ipv6Prefix, LpmTable } from '../../core/net/index.js';

/** A deterministic PRNG so a failing case can be replayed. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s;
  };
}

describe('LpmTable', () => {
  it('returns the most specific IPv4 route and falls back as routes go', () => {
    const t = LpmTable.ipv4<string>();
    t.insert(Ipv4Prefix.parse('0.0.0.0/0'), 'default');
    t.insert(Ipv4Prefix.parse('10.0.0.0/8'), 'ten');
    t.insert(Ipv4Prefix.parse('10.1.0.0/16'), 'ten-one');
    t.insert(Ipv4Prefix.parse('10.1.2.3/32'), 'host');
    const at = (s: string) => t.lookup(Ipv4Address.parse(s))?.value;
    expect(at('10.1.2.3')).toBe('host');
    expect(at('10.1.2.4')).toBe('ten-one');
    expect(at('10.2.0.0')).toBe('ten');
    expect(at('192.0.2.1')).toBe('default');
    expect(t.lookup(Ipv4Address.parse('10.1.9.9'))?.prefix.toString()).toBe('10.1.0.0/16');
    expect(t.matches(Ipv4Address.parse('10.1.2.3')).map((m) => m.value)).toEqual(['default', 'ten', 'ten-one', 'host']);
    expect(t.delete(Ipv4Prefix.parse('10.1.0.0/16'))).toBe(true);
    expect(t.delete(Ipv4Prefix.parse('10.1.0.0/16'))).toBe(false);
    expect(at('10.1.2.4')).toBe('ten');
    t.delete(Ipv4Prefix.parse('0.0.0.0/0'));
    expect(at('192.0.2.1')).toBeUndefined();
    expect(t.size).toBe(2);
  });

  it('replaces on re-insert and iterates in address order, shorter first', () => {
    const t = LpmTable.ipv4<number>();
    for (const [p, v] of [['10.1.0.0/16', 1], ['10.0.0.0/8', 2], ['9.0.0.0/8', 3], ['10.0.0.0/16', 4]] as const) {
      t.insert(Ipv4Prefix.parse(p), v);
    }
    expect(t.insert(Ipv4Prefix.parse('10.0.0.0/8'), 5)).toBe(2);
    expect(t.get(Ipv4Prefix.parse('10.0.0.0/8'))).toBe(5);
    expect([...t].map((e) => `${e.prefix}=${e.value}`))
      .toEqual(['9.0.0.0/8=3', '10.0.0.0/8=5', '10.0.0.0/16=4', '10.1.0.0/16=1']);
  });

  it('handles IPv6 host routes and the default route', () => {
    const t = LpmTable.ipv6<string>();
    t.insert(Ipv6Prefix.parse('::/0'), 'default');
    t.insert(Ipv6Prefix.parse('2001:db8::/32'), 'doc');
    t.insert(Ipv6Prefix.parse('2001:db8::1/128'), 'host');
    expect(t.lookup(Ipv6Address.parse('2001:db8::1'))?.value).toBe('host');
    expect(t.lookup(Ipv6Address.parse('2001:db8::2'))?.value).toBe('doc');
    expect(t.lookup(Ipv6Address.parse('fe80::1'))?.value).toBe('default');
  });

  it('agrees with a linear scan on random IPv4 routes and deletions', () => {
    const rnd = xorshift(0x5eed);
    const t = LpmTable.ipv4<number>();
    const linear = new Map<string, { p: Ipv4Prefix; v: number }>();
    for (let i = 0; i < 400; i++) {
      // Draw addresses from a small space so prefixes overlap a lot.
      const p = Ipv4Prefix.of(Ipv4Address.fromNumber((rnd() & 0xff0f0000) >>> 0), rnd() % 33);
      t.insert(p, i);
      linear.set(p.toString(), { p, v: i });
    }
    for (let i = 0; i < 100; i++) {
      const victim = [...linear.values()][rnd() % linear.size]!;
      expect(t.delete(victim.p)).toBe(true);
      linear.delete(victim.p.toString());
    }
    expect(t.size).toBe(linear.size);
    for (let i = 0; i < 2000; i++) {
      const a = Ipv4Address.fromNumber((rnd() & 0xff0fffff) >>> 0);
      let best: { p: Ipv4Prefix; v: number } | undefined;
      for (const e of linear.values()) if (e.p.contains(a) && (!best || e.p.length > best.p.length)) best = e;
      expect(t.lookup(a)?.value).toBe(best?.v);
    }
  });
});
