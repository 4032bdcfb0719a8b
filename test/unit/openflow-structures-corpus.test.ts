/**
 * The structure codecs against Ryu's corpus, without the message layer: each structure is located
 * by hand at its spec offset inside the message (e.g. a FLOW_MOD's match starts at byte 48), then
 * (1) bytes → ours → Ryu JSON must equal Ryu's expected JSON, and
 * (2) Ryu JSON with every len/length key removed → ours → bytes must equal the original bytes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  OfpReader, OfpWriter, decodeActions, decodeBuckets, decodeHelloElements, decodeInstructions, decodeMatch,
  decodeMeterBands, decodePacketQueue, decodePortDesc, decodeTableFeatures, encodeActions, encodeBuckets,
  encodeHelloElements, encodeInstructions, encodeMatch, encodeMeterBands, encodePacketQueue, encodePortDesc,
  encodeTableFeatures,
} from '../../core/openflow/index.js';
import { loadRyuJson } from '../conformance/ryu-json.js';
import * as ryu from '../conformance/ryu-structures.js';
import { RYU_OF13_DIR } from '../support/conformance-dir.js';

const CORPUS = `${RYU_OF13_DIR}/`;

type Json = Record<string, unknown>;

function body(file: string): Json {
  const j = loadRyuJson(`${CORPUS}${file}.json`) as Json;
  return Object.values(j)[0] as Json;
}

/** Ryu's test removes every len/length key to prove lengths are recomputed; so do we. */
function stripLengths(j: unknown): unknown {
  if (Array.isArray(j)) return j.map(stripLengths);
  if (typeof j === 'object' && j !== null) {
    const out: Json = {};
    for (const [k, v] of Object.entries(j)) if (k !== 'len' && k !== 'length') out[k] = stripLengths(v);
    return out;
  }
  return j;
}

/** A list of structures of one kind found at `at`, running for `len` bytes. */
interface Case<T> {
  file: string;
  at: number;
  len: (buf: Buffer) => number;
  expected: (b: Json) => unknown[];
  decode: (r: OfpReader, len: number) => T[];
  encode: (w: OfpWriter, list: T[]) => void;
  toRyu: (v: T) => unknown;
  fromRyu: (j: unknown) => T;
}

function check<T>(c: Case<T>): void {
  const buf = readFileSync(CORPUS + c.file);
  const len = c.len(buf);
  const r = new OfpReader(buf, 0, buf.length, c.file);
  r.pos = c.at;
  const decoded = c.decode(r, len);
  expect(r.pos - c.at).toBe(len);
  const expected = c.expected(body(c.file));
  expect(decoded.map(c.toRyu)).toEqual(expected);
  const w = new OfpWriter(64);
  c.encode(w, expected.map((j) => c.fromRyu(stripLengths(j))));
  expect(w.toBuffer().toString('hex')).toBe(buf.subarray(c.at, c.at + len).toString('hex'));
}

const toEnd = (at: number) => (buf: Buffer): number => buf.length - at;
const list = <T>(decodeOne: (r: OfpReader) => T) => (r: OfpReader, len: number): T[] => {
  const sub = r.sub(len, 'list');
  const out: T[] = [];
  while (sub.remaining > 0) out.push(decodeOne(sub));
  return out;
};
const each = <T>(encodeOne: (w: OfpWriter, v: T) => void) => (w: OfpWriter, l: T[]): void => l.forEach((v) => encodeOne(w, v));

/** ofp_match length rounded up to 8, read from the match header at `at`. */
const matchSpan = (at: number) => (buf: Buffer): number => (buf.readUInt16BE(at + 2) + 7) & ~7;

const matchCase = (file: string, at: number, pick: (b: Json) => unknown): Case<ReturnType<typeof decodeMatch>> => ({
  file, at, len: matchSpan(at), expected: (b) => [pick(b)],
  decode: (r) => [decodeMatch(r)], encode: each(encodeMatch), toRyu: ryu.matchToRyu, fromRyu: ryu.matchFromRyu,
});

const flowMods = readdirSync(CORPUS).filter((f) => f.endsWith('.packet') && readFileSync(CORPUS + f)[1] === 14);

describe('structures in the Ryu corpus', () => {
  it('finds the 30 FLOW_MODs', () => expect(flowMods).toHaveLength(30));

  for (const file of flowMods) {
    it(`${file}: match at 48 and instructions after it`, () => {
      check(matchCase(file, 48, (b) => b.match));
      const buf = readFileSync(CORPUS + file);
      const at = 48 + matchSpan(48)(buf);
      check({
        file, at, len: toEnd(at), expected: (b) => b.instructions as unknown[],
        decode: decodeInstructions, encode: encodeInstructions, toRyu: ryu.instructionToRyu, fromRyu: ryu.instructionFromRyu,
      });
    });
  }

  it('PACKET_IN and FLOW_REMOVED matches', () => {
    for (const f of ['4-4-ofp_packet_in.packet', '4-59-ofp_packet_in.packet', 'libofproto-OFP13-packet_in.packet']) {
      check(matchCase(f, 24, (b) => b.match));
    }
    for (const f of ['4-40-ofp_flow_removed.packet', 'libofproto-OFP13-flow_removed.packet']) check(matchCase(f, 48, (b) => b.match));
  });

  it('FLOW_STATS reply: match and instructions of the first entry', () => {
    const file = '4-12-ofp_flow_stats_reply.packet';
    const first = (b: Json): Json => Object.values((b.body as Json[])[0]!)[0] as Json;
    check(matchCase(file, 64, (b) => first(b).match));
    const buf = readFileSync(CORPUS + file);
    const at = 64 + matchSpan(64)(buf);
    check({
      file, at, len: (bb) => 16 + bb.readUInt16BE(16) - at, expected: (b) => first(b).instructions as unknown[],
      decode: decodeInstructions, encode: encodeInstructions, toRyu: ryu.instructionToRyu, fromRyu: ryu.instructionFromRyu,
    });
  });

  it('PACKET_OUT actions (actions_len at byte 16)', () => {
    for (const file of ['4-1-ofp_packet_out.packet', 'libofproto-OFP13-ofp_packet_out_packet_library.packet']) {
      check({
        file, at: 24, len: (buf) => buf.readUInt16BE(16), expected: (b) => b.actions as unknown[],
        decode: decodeActions, encode: encodeActions, toRyu: ryu.actionToRyu, fromRyu: ryu.actionFromRyu,
      });
    }
  });

  it('GROUP_MOD and GROUP_DESC buckets', () => {
    const bucketCase = { decode: decodeBuckets, encode: encodeBuckets, toRyu: ryu.bucketToRyu, fromRyu: ryu.bucketFromRyu };
    check({ file: '4-21-ofp_group_mod.packet', at: 16, len: toEnd(16), expected: (b) => b.buckets as unknown[], ...bucketCase });
    check({
      file: '4-34-ofp_group_desc_reply.packet', at: 24, len: toEnd(24),
      expected: (b) => (Object.values((b.body as Json[])[0]!)[0] as Json).buckets as unknown[], ...bucketCase,
    });
  });

  it('METER_MOD and METER_CONFIG bands', () => {
    const bandCase = { decode: decodeMeterBands, encode: encodeMeterBands, toRyu: ryu.meterBandToRyu, fromRyu: ryu.meterBandFromRyu };
    for (const file of ['4-45-ofp_meter_mod.packet', 'libofproto-OFP13-meter_mod.packet']) {
      check({ file, at: 16, len: toEnd(16), expected: (b) => b.bands as unknown[], ...bandCase });
    }
    check({
      file: '4-48-ofp_meter_config_reply.packet', at: 24, len: toEnd(24),
      expected: (b) => (Object.values((b.body as Json[])[0]!)[0] as Json).bands as unknown[], ...bandCase,
    });
  });

  it('HELLO elements', () => {
    for (const file of ['4-10-ofp_hello.packet', 'libofproto-OFP13-hello.packet']) {
      check({
        file, at: 8, len: toEnd(8), expected: (b) => b.elements as unknown[],
        decode: decodeHelloElements, encode: encodeHelloElements, toRyu: ryu.helloElementToRyu, fromRyu: ryu.helloElementFromRyu,
      });
    }
  });

  it('ofp_port in PORT_STATUS and PORT_DESC replies', () => {
    const portCase = {
      decode: list(decodePortDesc), encode: each(encodePortDesc), toRyu: ryu.portDescToRyu, fromRyu: ryu.portDescFromRyu,
    };
    for (const file of ['4-39-ofp_port_status.packet', 'libofproto-OFP13-port_status.packet']) {
      check({ file, at: 16, len: toEnd(16), expected: (b) => [b.desc], ...portCase });
    }
    check({ file: '4-54-ofp_port_desc_reply.packet', at: 16, len: toEnd(16), expected: (b) => b.body as unknown[], ...portCase });
  });

  it('QUEUE_GET_CONFIG reply queues (unpadded experimenter properties)', () => {
    check({
      file: '4-36-ofp_queue_get_config_reply.packet', at: 16, len: toEnd(16), expected: (b) => b.queues as unknown[],
      decode: list(decodePacketQueue), encode: each(encodePacketQueue), toRyu: ryu.packetQueueToRyu, fromRyu: ryu.packetQueueFromRyu,
    });
  });

  it('TABLE_FEATURES request and reply entries', () => {
    for (const file of ['4-55-ofp_table_features_request.packet', '4-56-ofp_table_features_reply.packet']) {
      check({
        file, at: 16, len: toEnd(16), expected: (b) => b.body as unknown[],
        decode: list(decodeTableFeatures), encode: each(encodeTableFeatures),
        toRyu: ryu.tableFeaturesToRyu, fromRyu: ryu.tableFeaturesFromRyu,
      });
    }
  });
});
