import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OfpDecodeError } from '../../core/openflow/decode-error.js';
import { OfpFramer, OfpFramingError } from '../../core/openflow/framing.js';
import { seededRandom } from '../support/seeded-random.js';
import { RYU_OF13_DIR } from '../support/conformance-dir.js';

// The shared golden data sits next to the checkout (DESIGN.md: ../shared/conformance/).
const CORPUS = RYU_OF13_DIR;
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.packet')).sort();
const packets = files.map((f) => readFileSync(join(CORPUS, f)));

function feed(framer: OfpFramer, chunks: Buffer[]): Buffer[] {
  const out: Buffer[] = [];
  for (const c of chunks) out.push(...framer.push(c));
  return out;
}

describe('OfpFramer', () => {
  it('has the corpus to work on', () => {
    expect(packets.length).toBe(104);
  });

  it('frames every corpus file split at every byte offset into two chunks', () => {
    let splits = 0;
    for (const [i, p] of packets.entries()) {
      for (let cut = 0; cut <= p.length; cut++) {
        const framer = new OfpFramer();
        const out = feed(framer, [p.subarray(0, cut), p.subarray(cut)]);
        if (out.length !== 1 || !out[0]!.equals(p)) throw new Error(`${files[i]} split at ${cut}: ${out.length} messages`);
        expect(framer.buffered).toBe(0);
        splits++;
      }
    }
    expect(splits).toBeGreaterThan(20_000);
  });

  it('frames all files coalesced into one chunk, as views without copying', () => {
    const all = Buffer.concat(packets);
    const out = new OfpFramer().push(all);
    expect(out.length).toBe(packets.length);
    out.forEach((m, i) => expect(m.equals(packets[i]!)).toBe(true));
    // A message inside one chunk is a view of that chunk, not a copy.
    expect(out[1]!.buffer).toBe(all.buffer);
  });

  it('frames all files cut into random chunk sizes (seeded)', () => {
    const all = Buffer.concat(packets);
    for (const seed of [1, 2, 3, 42, 1234]) {
      const rand = seededRandom(seed).next;
      const chunks: Buffer[] = [];
      for (let at = 0; at < all.length;) {
        // Mostly small chunks (header splits), sometimes large ones (coalesced messages).
        const size = rand() < 0.8 ? 1 + Math.floor(rand() * 16) : 1 + Math.floor(rand() * 4000);
        chunks.push(all.subarray(at, at + size));
        at += size;
      }
      const out = feed(new OfpFramer(), chunks);
      expect(out.length).toBe(packets.length);
      out.forEach((m, i) => expect(m.equals(packets[i]!)).toBe(true));
    }
  });

  it('frames a message delivered one byte at a time and keeps the remainder', () => {
    const p = packets.reduce((a, b) => (b.length > a.length ? b : a));
    const framer = new OfpFramer();
    const out: Buffer[] = [];
    for (let i = 0; i < p.length; i++) out.push(...framer.push(p.subarray(i, i + 1)));
    expect(out.length).toBe(1);
    expect(out[0]!.equals(p)).toBe(true);
    expect(framer.push(Buffer.alloc(0))).toEqual([]);
    expect(framer.push(p.subarray(0, 5))).toEqual([]);
    expect(framer.buffered).toBe(5);
  });

  it('rejects a header length below 8 with a typed error and stays failed', () => {
    const framer = new OfpFramer();
    const bad = Buffer.from([4, 0, 0, 4, 0, 0, 0, 9]);
    const good = packets[0]!;
    let err: unknown;
    try { framer.push(Buffer.concat([good, bad])); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(OfpFramingError);
    expect(err).toBeInstanceOf(OfpDecodeError);
    expect(err).toMatchObject({ field: 'ofp_header.length', ofpError: { type: 1, code: 6 } });
    expect((err as OfpFramingError).offending.equals(bad)).toBe(true);
    expect(() => framer.push(good)).toThrow(OfpFramingError);
  });

  it('rejects a bad length found when the header arrives split across chunks', () => {
    const framer = new OfpFramer();
    expect(framer.push(Buffer.from([4, 0, 0]))).toEqual([]);
    expect(() => framer.push(Buffer.from([0, 0, 0, 0, 1]))).toThrow(/shorter than the 8-byte header/);
  });

  it('rejects a length over the configured maximum at the header, before buffering the body', () => {
    const framer = new OfpFramer({ maxMessageLength: 1024 });
    const header = Buffer.from([4, 13, 0xff, 0xff, 0, 0, 0, 1]);
    expect(() => framer.push(header)).toThrow(/exceeds the limit of 1024/);
  });
});
