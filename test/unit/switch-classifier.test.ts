import { describe, expect, it } from 'vitest';
import type { Match, OxmTlv } from '../../core/openflow/match.js';
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { vlanTag } from '../../core/packet/ethernet.js';
import { extractFlowKey, FlowKey } from '../../core/packet/flow-key.js';
import { buildFrame } from '../../core/packet/frame-builder.js';
import { Classifier, type ClassifierRule } from '../../switch/pipeline/classifier.js';
import { compileMatch, keyMatches } from '../../switch/pipeline/compiled-match.js';
import { FlowEntry } from '../../switch/pipeline/flow-entry.js';
import { FlowTable } from '../../switch/pipeline/flow-table.js';

/** mulberry32: a small seeded PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Small value domains so random rules and packets collide often.
const PORTS = [1, 2, 3];
const MACS = ['02:00:00:00:00:01', '02:00:00:00:00:02', '02:00:00:00:00:03'];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.1.1', '10.1.0.1'];
const TCP = [22, 80, 443];
const VIDS = [0, 10, 20];

type Pick = <T>(xs: readonly T[]) => T;

/** Field groups a rule may constrain; each mask template is a subset of them. */
const MASKS = ['255.255.255.255', '255.255.255.0', '255.255.0.0'];
const masked = (ip: string, mask: string): string => Ipv4Address.fromNumber((Ipv4Address.parse(ip).value & Ipv4Address.parse(mask).value) >>> 0).toString();
const GROUPS: ((p: Pick) => OxmTlv[])[] = [
  (p) => [{ field: 'in_port', value: p(PORTS) }],
  (p) => [{ field: 'eth_dst', value: p(MACS) }],
  (p) => [{ field: 'vlan_vid', value: p(VIDS) === 0 ? 0 : 0x1000 | p(VIDS.slice(1)) }],
  (p) => { const mask = p(MASKS); return [{ field: 'eth_type', value: 0x0800 }, { field: 'ipv4_src', value: masked(p(IPS), mask), mask }]; },
  (p) => [{ field: 'eth_type', value: 0x0800 }, { field: 'ip_proto', value: 6 }, { field: 'tcp_dst', value: p(TCP) }],
];

function randomMatch(r: () => number, template: number): Match {
  const pick: Pick = (xs) => xs[Math.floor(r() * xs.length)]!;
  const fields = new Map<string, OxmTlv>();
  GROUPS.forEach((g, i) => { if (template & (1 << i)) for (const f of g(pick)) fields.set(f.field as string, f); });
  return { fields: [...fields.values()] };
}

function randomKey(r: () => number): FlowKey {
  const pick: Pick = (xs) => xs[Math.floor(r() * xs.length)]!;
  const vid = pick(VIDS);
  const frame = buildFrame({
    dst: MacAddress.parse(pick(MACS)), src: MacAddress.parse('02:00:00:00:00:09'),
    ...(vid ? { vlans: [vlanTag(vid)] } : {}),
    network: r() < 0.15
      ? { etherType: 0x86dd, payload: new Uint8Array(40) }
      : { ipv4: { src: Ipv4Address.parse(pick(IPS)), dst: Ipv4Address.parse('10.9.9.9') }, transport: r() < 0.7 ? { tcp: { srcPort: 5000, dstPort: pick(TCP) } } : { udp: { srcPort: 1, dstPort: pick(TCP) } } },
  });
  return extractFlowKey(frame, pick(PORTS));
}

interface Rule extends ClassifierRule { readonly id: number }

function linear(rules: readonly Rule[], key: Uint8Array): Rule | undefined {
  let best: Rule | undefined;
  for (const r of rules) {
    if (!keyMatches(r.cm, key)) continue;
    if (!best || r.priority > best.priority || (r.priority === best.priority && r.seq < best.seq)) best = r;
  }
  return best;
}

describe('tuple-space classifier', () => {
  for (const [seed, nRules, nTemplates] of [[1, 50, 3], [2, 400, 8], [3, 1500, 31]] as const) {
    it(`agrees with a linear scan (seed ${seed}, ${nRules} rules, ≤${nTemplates} masks), through inserts and removals`, () => {
      const r = rng(seed);
      const templates = Array.from({ length: nTemplates }, (_, i) => (i * 7 + 1) % 32);
      const rules: Rule[] = [];
      const cls = new Classifier<Rule>();
      for (let i = 0; i < nRules; i++) {
        const rule: Rule = { id: i, seq: i, priority: Math.floor(r() * 20), cm: compileMatch(randomMatch(r, templates[i % templates.length]!)) };
        rules.push(rule);
        cls.insert(rule);
      }
      expect(cls.size).toBe(nRules);
      expect(cls.maskCount).toBeLessThanOrEqual(nTemplates * 3 + 3);
      const keys = Array.from({ length: 600 }, () => randomKey(r).bytes.slice());
      let matched = 0;
      for (const k of keys) {
        const want = linear(rules, k);
        if (want) matched++;
        expect(cls.lookup(k)?.id).toBe(want?.id);
      }
      expect(matched).toBeGreaterThan(50); // the domains really do collide
      // Remove every third rule and compare again.
      const kept = rules.filter((rule, i) => (i % 3 === 0 ? (cls.remove(rule), false) : true));
      expect(cls.size).toBe(kept.length);
      for (const k of keys) expect(cls.lookup(k)?.id).toBe(linear(kept, k)?.id);
    });
  }

  it('FlowTable with its exact-match cache gives the classifier\'s answers, and forgets them on change', () => {
    const r = rng(7);
    const table = new FlowTable(0);
    const entries: FlowEntry[] = [];
    const program = { meterId: undefined, apply: undefined, clearActions: false, write: undefined, metadataValue: undefined, metadataMask: undefined, gotoTable: undefined };
    for (let i = 0; i < 300; i++) {
      const e = new FlowEntry(0, Math.floor(r() * 10), i, compileMatch(randomMatch(r, 1 + (i % 31))), 0n, 0, 0, 0, [], program, 0);
      entries.push(e);
      table.insert(e);
    }
    const keys = Array.from({ length: 200 }, () => randomKey(r).bytes.slice());
    const check = (live: FlowEntry[]): void => {
      for (let pass = 0; pass < 2; pass++) {
        for (const k of keys) expect(table.lookup(k)?.seq).toBe(linear(live as unknown as Rule[], k)?.seq);
      }
    };
    check(entries);
    expect(table.cacheStats().hits).toBeGreaterThanOrEqual(200);
    const removed = entries.filter((_, i) => i % 2 === 0);
    for (const e of removed) table.remove(e);
    check(entries.filter((_, i) => i % 2 === 1));
    expect(table.lookupCount).toBe(800);
  });
});
