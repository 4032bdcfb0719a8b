import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ipv4Address, Ipv6Address, MacAddress } from '../../core/net/index.js';
import {
  FLOW_KEY_FIELD, FLOW_KEY_LENGTH, FlowKey, extractFlowKey, flowKeyMaskedEquals, readPcap, setFlowKeyField, type FlowKeyFieldName,
} from '../../core/packet/index.js';

/**
 * The Ryu switch tester's match suite (independent golden data, ../shared/conformance), reduced
 * to the cases decided by one table-0 flow that only outputs: for each ingress frame (serialised
 * by os_ken, see test/fixtures/pcap/ryu-match-frames.py), does the flow's match hold on our
 * flow key? Ryu expects a hit for egress / PACKET_IN cases and a table miss for the others.
 * The comparison is the one a classifier makes: the match compiled to (value, mask) arrays in the
 * key layout, presence bits included, and (key & mask) == (value & mask).
 */
interface RyuCase {
  file: string;
  description: string;
  frame: number;
  match: Array<{ field: string; value: number | string; mask?: number | string | null }>;
  expect: 'match' | 'miss';
}

const dir = new URL('../fixtures/pcap/', import.meta.url);
const frames = readPcap(readFileSync(new URL('ryu-match.pcap', dir))).records.map((r) => r.data);
const cases = JSON.parse(readFileSync(new URL('ryu-match.json', dir), 'utf8')) as RyuCase[];

/** A Ryu JSON value as bytes of the field's OXM width. */
function toBytes(name: FlowKeyFieldName, v: number | string): Uint8Array {
  const width = FLOW_KEY_FIELD[name].width;
  if (typeof v === 'string') {
    if (width === 6) return MacAddress.parse(v).toBytes();
    if (width === 16) return Ipv6Address.parse(v).toBytes();
    return Ipv4Address.parse(v).toBytes();
  }
  const out = new Uint8Array(width);
  let x = BigInt(v);
  for (let i = width - 1; i >= 0; i--) { out[i] = Number(x & 0xffn); x >>= 8n; }
  return out;
}

/** The match as (value, mask) arrays in the key layout, as the switch's classifier will build them. */
function compile(c: RyuCase): { value: Uint8Array; mask: Uint8Array } {
  const value = new Uint8Array(FLOW_KEY_LENGTH);
  const mask = new Uint8Array(FLOW_KEY_LENGTH);
  for (const { field, value: v, mask: m } of c.match) {
    const f = FLOW_KEY_FIELD[field as FlowKeyFieldName];
    if (!f) throw new Error(`unknown field ${field}`);
    setFlowKeyField(value, f.name, toBytes(f.name, v));
    setFlowKeyField(mask, f.name, m === undefined || m === null ? new Uint8Array(f.width).fill(0xff) : toBytes(f.name, m));
  }
  return { value, mask };
}

function matches(key: FlowKey, c: RyuCase): boolean {
  const { value, mask } = compile(c);
  return flowKeyMaskedEquals(key.bytes, value, mask);
}

describe('flow key against the Ryu switch tester match suite', () => {
  it('has the suite (over 300 cases, hits and misses)', () => {
    expect(cases.length).toBeGreaterThan(300);
    expect(frames.length).toBe(cases.length);
  });

  it('agrees with every verdict', () => {
    const key = new FlowKey();
    const wrong: string[] = [];
    for (const c of cases) {
      // The tester sends into the target's port 1.
      extractFlowKey(frames[c.frame]!, 1, key);
      const got = matches(key, c) ? 'match' : 'miss';
      if (got !== c.expect) wrong.push(`${c.file}: ${c.description}: expected ${c.expect}, got ${got}`);
    }
    expect(wrong).toEqual([]);
  });
});
