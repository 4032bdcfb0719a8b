/**
 * Mutation fuzzing of the OpenFlow decoders. Every input must either decode or fail with an
 * OfpDecodeError (never another error, never a hang), and whatever decodes must re-encode, and
 * re-decode to the same message. Inputs are corpus messages mutated by a seeded PRNG, so a
 * failure reproduces: the assertion message carries the seed, iteration and input hex.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../core/openflow/codec.js';
import { OfpDecodeError } from '../../core/openflow/decode-error.js';
import { OfpFramer } from '../../core/openflow/framing.js';
import { decodeOf10Message, encodeOf10Message, type Of10Message } from '../../core/openflow/of10.js';
import { of10MatchAll } from '../../core/openflow/of10-match.js';
import { OfpWriter } from '../../core/openflow/ofp-writer.js';
import { seededRandom, type SeededRandom } from '../support/seeded-random.js';
import { RYU_OF13_DIR } from '../support/conformance-dir.js';

// The shared golden data sits next to the checkout (DESIGN.md: ../shared/conformance/).
const CORPUS = RYU_OF13_DIR;
const SEED = 0x5eed_0f13;
const MAX_ITERATIONS = 100_000;
const MAX_MS = 60_000;

const of13 = readdirSync(CORPUS).filter((f) => f.endsWith('.packet')).sort()
  .map((f) => readFileSync(join(CORPUS, f)));

const of10Samples: Of10Message[] = [
  { type: 'FEATURES_REPLY', xid: 1, datapathId: 1n, nBuffers: 0, nTables: 1, capabilities: 0, actions: 0xfff,
    ports: [{ portNo: 1, hwAddr: '02:00:00:00:00:01', name: 'p1', config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0 }] },
  { type: 'PACKET_IN', xid: 0, bufferId: 5, totalLen: 14, inPort: 1, reason: 0, data: Buffer.alloc(14, 7) },
  { type: 'FLOW_MOD', xid: 2, match: of10MatchAll(), cookie: 1n, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 1,
    bufferId: 0xffffffff, outPort: 0xffff, flags: 0,
    actions: [{ type: 'SET_DL_SRC', dlAddr: '02:00:00:00:00:09' }, { type: 'ENQUEUE', port: 1, queueId: 2 },
      { type: 'VENDOR', vendor: 0x2320, data: Buffer.alloc(8) }, { type: 'OUTPUT', port: 2, maxLen: 0 }] },
  { type: 'PACKET_OUT', xid: 3, bufferId: 0xffffffff, inPort: 0xfffd, actions: [{ type: 'OUTPUT', port: 0xfffb, maxLen: 0 }],
    data: Buffer.alloc(20, 1) },
];
const of10 = of10Samples.map((m) => encodeOf10Message(m));

/** Values that sit on boundaries length and count checks care about. */
const EDGE_U16 = [0, 1, 4, 7, 8, 9, 15, 16, 0x7fff, 0xfff8, 0xffff];
const EDGE_U32 = [0, 1, 0xffff, 0x80000000, 0xfffffff8, 0xffffffff];

/** One random mutation of `src`. Many keep ofp_header.length consistent so the body parsers run. */
function mutate(src: Buffer, rnd: SeededRandom): Buffer {
  let b = Buffer.from(src);
  const fixLength = (): void => { if (b.length >= 4 && b.length <= 0xffff) b.writeUInt16BE(b.length, 2); };
  const rounds = 1 + rnd.int(3);
  for (let i = 0; i < rounds; i++) {
    switch (rnd.int(7)) {
      case 0: { // bit flips
        for (let n = 1 + rnd.int(4); n > 0 && b.length > 0; n--) b[rnd.int(b.length)]! ^= 1 << rnd.int(8);
        break;
      }
      case 1: { // truncation, with or without the header agreeing
        b = b.subarray(0, rnd.int(b.length + 1));
        if (rnd.next() < 0.6) fixLength();
        break;
      }
      case 2: { // a u16 somewhere (often a length or count) set to an edge or random value
        if (b.length < 2) break;
        const at = rnd.next() < 0.3 && b.length >= 4 ? 2 : rnd.int(b.length - 1) & ~1;
        b.writeUInt16BE(rnd.next() < 0.7 ? rnd.pick(EDGE_U16) : rnd.int(0x10000), at);
        break;
      }
      case 3: { // a u32 set to an edge value
        if (b.length < 4) break;
        b.writeUInt32BE(rnd.pick(EDGE_U32), rnd.int(b.length - 3) & ~3);
        break;
      }
      case 4: { // random bytes inserted
        const at = rnd.int(b.length + 1);
        const ins = Buffer.alloc(1 + rnd.int(24));
        for (let k = 0; k < ins.length; k++) ins[k] = rnd.int(256);
        b = Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]);
        if (rnd.next() < 0.7) fixLength();
        break;
      }
      case 5: { // bytes deleted
        if (b.length === 0) break;
        const at = rnd.int(b.length);
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + rnd.int(16))]);
        if (rnd.next() < 0.7) fixLength();
        break;
      }
      case 6: { // a byte set to an edge value (types, counts, flags)
        if (b.length > 0) b[rnd.int(b.length)] = rnd.pick([0, 1, 0x7f, 0x80, 0xff]);
        break;
      }
    }
  }
  return b;
}

describe('OpenFlow decoder fuzzing', () => {
  it(`survives up to ${MAX_ITERATIONS} mutated messages (seed ${SEED}) with only OfpDecodeError`, () => {
    const rnd = seededRandom(SEED);
    const writer = new OfpWriter();
    const started = Date.now();
    let iterations = 0;
    let decoded = 0;
    const codes = new Map<string, number>();
    const failure = (what: string, input: Buffer, e?: unknown): Error =>
      new Error(`iteration ${iterations} (seed ${SEED}): ${what}\ninput ${input.toString('hex')}\n${String(e)}`);
    while (iterations < MAX_ITERATIONS && Date.now() - started < MAX_MS) {
      iterations++;
      const useOf10 = rnd.int(10) === 0;
      const input = mutate(useOf10 ? rnd.pick(of10) : rnd.pick(of13), rnd);
      let msg;
      try {
        msg = useOf10 ? decodeOf10Message(input) : decodeMessage(input);
      } catch (e) {
        if (!(e instanceof OfpDecodeError)) throw failure('decoder threw a non-OfpDecodeError', input, e);
        const key = `${e.ofpError.type}/${e.ofpError.code}${e.truncated ? ' truncated' : ''}`;
        codes.set(key, (codes.get(key) ?? 0) + 1);
        continue;
      }
      decoded++;
      let again: unknown;
      try {
        if (useOf10) {
          again = decodeOf10Message(encodeOf10Message(msg as Of10Message));
        } else {
          writer.reset();
          again = decodeMessage(encodeMessage(msg as ReturnType<typeof decodeMessage>, writer));
        }
      } catch (e) {
        throw failure('a decoded message did not re-encode and re-decode', input, e);
      }
      if (!isDeepStrictEqual(again, msg)) throw failure('re-decoding the re-encoding gave a different message', input);
    }
    const elapsed = Date.now() - started;
    const top = [...codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k}:${n}`).join(' ');
    console.log(`openflow fuzz: ${iterations} iterations in ${elapsed} ms, ${decoded} decoded, ${iterations - decoded} rejected [type/code ${top}]`);
    expect(iterations).toBeGreaterThan(1000);
    expect(decoded).toBeGreaterThan(0);
  }, 120_000);

  it('frames mutated streams with only typed errors', () => {
    const rnd = seededRandom(SEED + 1);
    for (let round = 0; round < 2000; round++) {
      const stream = Buffer.concat(Array.from({ length: 4 }, () => mutate(rnd.pick(of13), rnd)));
      const framer = new OfpFramer();
      try {
        for (let at = 0; at < stream.length;) {
          const n = 1 + rnd.int(64);
          for (const m of framer.push(stream.subarray(at, at + n))) expect(m.readUInt16BE(2)).toBe(m.length);
          at += n;
        }
      } catch (e) {
        expect(e).toBeInstanceOf(OfpDecodeError);
      }
    }
  });
});
