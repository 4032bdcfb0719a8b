import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { loadRyuJson, parseRyuJson } from '../conformance/ryu-json.js';
import { RYU_OF13_DIR } from '../support/conformance-dir.js';

const CORPUS = `${RYU_OF13_DIR}/`;

describe('parseRyuJson', () => {
  it('keeps integers above 2^53 exact as bigint and small ones as number', () => {
    expect(parseRyuJson('{"cookie": 1311768467463790320, "n": 5, "neg": -9007199254740993, "f": 1.5e2}'))
      .toEqual({ cookie: 1311768467463790320n, n: 5, neg: -9007199254740993n, f: 150 });
  });

  it('parses nested structures, escapes and literals like JSON.parse', () => {
    const src = '{"a": [1, {"b": null}, true, false], "s": "x\\u00e9\\n\\"", "e": [], "o": {}}';
    expect(parseRyuJson(src)).toEqual(JSON.parse(src));
  });

  it('rejects malformed text with a SyntaxError naming the offset', () => {
    expect(() => parseRyuJson('{"a": 1,}')).toThrow(/offset/);
    expect(() => parseRyuJson('[1 2]')).toThrow(SyntaxError);
    expect(() => parseRyuJson('{"a": 1} x')).toThrow(/trailing/);
  });

  it('loads every corpus file and agrees with JSON.parse wherever JSON.parse is exact', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(105);
    for (const f of files) {
      const ours = loadRyuJson(CORPUS + f);
      const theirs: unknown = JSON.parse(readFileSync(CORPUS + f, 'utf8'));
      expect(JSON.stringify(ours, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))).toBe(JSON.stringify(theirs));
    }
    const fm = loadRyuJson(CORPUS + 'libofproto-OFP13-flow_mod.packet.json') as { OFPFlowMod: { cookie: unknown } };
    expect(typeof fm.OFPFlowMod.cookie).toBe('bigint');
  });
});
