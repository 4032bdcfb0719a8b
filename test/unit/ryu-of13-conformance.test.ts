/**
 * The OpenFlow 1.3 conformance gate: Ryu's wire corpus (../shared/conformance/ryu-of13, see its
 * README). For every case, both directions, whatever Ryu itself could check:
 *   decode  — bytes → OfpMessage → Ryu JSON equals the expected `.packet.json`;
 *   encode  — the decoded message re-encodes to the same bytes, and the message built from the
 *             JSON encodes to the same bytes, with the JSON's len/length keys and without them.
 * The truncated64 case must give a typed truncation error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../core/openflow/codec.js';
import { OfpDecodeError } from '../../core/openflow/decode-error.js';
import { OFPBRC, OFPET } from '../../core/openflow/error-codes.js';
import { loadRyuJson } from '../conformance/ryu-json.js';
import { messageFromRyu, messageToRyu } from '../conformance/ryu-messages.js';
import { RYU_OF13_DIR } from '../support/conformance-dir.js';

// The shared golden data sits next to the checkout (DESIGN.md: ../shared/conformance/).
const CORPUS = RYU_OF13_DIR;
const cases = readdirSync(CORPUS).filter((f) => f.endsWith('.packet')).sort();

/** Ryu's second encode check: the same JSON with every len/length key removed. */
function withoutLengths(j: unknown): unknown {
  if (Array.isArray(j)) return j.map(withoutLengths);
  if (typeof j !== 'object' || j === null) return j;
  return Object.fromEntries(Object.entries(j).filter(([k]) => k !== 'len' && k !== 'length')
    .map(([k, v]) => [k, withoutLengths(v)]));
}

/** PACKET_OUT data that Ryu built with its packet library appears as {Packet: ...}, not base64. */
function hasPacketData(j: unknown): boolean {
  const data = (j as { OFPPacketOut?: { data?: unknown } }).OFPPacketOut?.data;
  return typeof data === 'object' && data !== null;
}

const tally = { decode: 0, encode: 0, truncated: 0 };

describe('Ryu OF1.3 corpus', () => {
  it('has the 104 messages the README lists', () => {
    expect(cases.length).toBe(104);
  });

  for (const name of cases) {
    it(name, () => {
      const wire = readFileSync(join(CORPUS, name));
      const expected = loadRyuJson(join(CORPUS, `${name}.json`));

      const msg = decodeMessage(wire);
      expect(messageToRyu(msg, { packetData: hasPacketData(expected) })).toStrictEqual(expected);
      tally.decode++;

      expect(encodeMessage(msg).toString('hex')).toBe(wire.toString('hex'));
      expect(encodeMessage(messageFromRyu(expected)).toString('hex')).toBe(wire.toString('hex'));
      expect(encodeMessage(messageFromRyu(withoutLengths(expected))).toString('hex')).toBe(wire.toString('hex'));
      tally.encode++;
    });
  }

  it('libofproto-OFP13-flow_mod.truncated64: the first 64 bytes give a typed truncation error', () => {
    const expected = loadRyuJson(join(CORPUS, 'libofproto-OFP13-flow_mod.packet.truncated64.json'));
    expect(Object.keys(expected as object)).toEqual(['OFPTruncatedMessage']);
    const first64 = readFileSync(join(CORPUS, 'libofproto-OFP13-flow_mod.packet')).subarray(0, 64);
    let err: unknown;
    try { decodeMessage(first64); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(OfpDecodeError);
    expect(err).toMatchObject({ msgType: 'OFPT_FLOW_MOD', truncated: true, ofpError: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN } });
    tally.truncated++;
  });

  afterAll(() => {
    console.log(`ryu-of13 conformance: decode ${tally.decode}/${cases.length}, encode ${tally.encode}/${cases.length}, truncated ${tally.truncated}/1`);
  });
});
