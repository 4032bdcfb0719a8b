/**
 * Error mapping: each way a message can be malformed gives an OfpDecodeError naming the place,
 * with the OFPT_ERROR type/code the spec prescribes, and errorReplyFor builds that reply.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, errorReplyFor } from '../../core/openflow/codec.js';
import { OfpDecodeError } from '../../core/openflow/decode-error.js';
import { OfpEncodeError } from '../../core/openflow/encode-error.js';
import {
  OFPBAC, OFPBIC, OFPBMC, OFPBRC, OFPET, OFPGMFC, type OfpErrorCode,
} from '../../core/openflow/error-codes.js';
import { OfpWriter } from '../../core/openflow/ofp-writer.js';
import { RYU_OF13_DIR } from '../support/conformance-dir.js';

// The shared golden data sits next to the checkout (DESIGN.md: ../shared/conformance/).
const CORPUS = RYU_OF13_DIR;
const corpus = (name: string): Buffer => readFileSync(`${CORPUS}/${name}.packet`);
const FLOW_MOD = corpus('4-46-ofp_flow_mod'); // match eth_dst; meter + apply(output 6)

function decodeError(buf: Buffer): OfpDecodeError {
  try {
    decodeMessage(buf);
  } catch (e) {
    if (e instanceof OfpDecodeError) return e;
    throw new Error(`not an OfpDecodeError: ${String(e)}`);
  }
  throw new Error('decoded without error');
}

function edited(src: Buffer, edit: (b: Buffer) => void): Buffer {
  const b = Buffer.from(src);
  edit(b);
  return b;
}

/** A header with the given fields followed by `body`. */
function message(version: number, type: number, body: Buffer, length = 8 + body.length): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt8(version, 0);
  h.writeUInt8(type, 1);
  h.writeUInt16BE(length, 2);
  h.writeUInt32BE(0x1234, 4);
  return Buffer.concat([h, body]);
}

const BAD_LEN: OfpErrorCode = { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN };

const cases: { name: string; input: Buffer; error: OfpErrorCode; field?: RegExp; truncated?: boolean }[] = [
  { name: 'OF1.0 version on a non-HELLO', input: message(1, 2, Buffer.alloc(0)),
    error: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_VERSION }, field: /ofp_header.version/ },
  { name: 'unknown version 0x07', input: message(7, 14, Buffer.alloc(0)),
    error: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_VERSION } },
  { name: 'message type 30 (not in OF1.3)', input: message(4, 30, Buffer.alloc(0)),
    error: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE }, field: /ofp_header.type/ },
  { name: 'message type 255', input: message(4, 255, Buffer.alloc(8)),
    error: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE } },
  { name: 'header length below 8', input: message(4, 2, Buffer.alloc(0), 7), error: BAD_LEN, field: /ofp_header.length/ },
  { name: 'header length beyond the buffer', input: message(4, 2, Buffer.alloc(4), 20), error: BAD_LEN, truncated: true },
  { name: 'fewer than 8 bytes', input: Buffer.from([4, 0, 0]), error: BAD_LEN, truncated: true },
  { name: 'trailing bytes after a fixed body', input: message(4, 9, Buffer.alloc(6)), error: BAD_LEN, field: /ofp_header.length/ },
  { name: 'fixed body too short', input: message(4, 6, Buffer.alloc(20)), error: BAD_LEN, truncated: true },
  { name: 'unknown multipart type', input: message(4, 18, Buffer.from('0063000000000000', 'hex')),
    error: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_MULTIPART }, field: /ofp_multipart.type/ },
  { name: 'multipart reply of an unknown type', input: message(4, 19, Buffer.from('fffe000000000000', 'hex')),
    error: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_MULTIPART } },
  { name: 'flow stats entry with length below its fixed part',
    input: message(4, 19, Buffer.concat([Buffer.from('0001000000000000', 'hex'), Buffer.from('0010', 'hex'), Buffer.alloc(54)])),
    error: BAD_LEN, field: /ofp_flow_stats.length/ },
  { name: 'FLOW_MOD match type OFPMT_STANDARD', input: edited(FLOW_MOD, (b) => b.writeUInt16BE(0, 48)),
    error: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_TYPE }, field: /ofp_match.type/ },
  { name: 'FLOW_MOD match longer than the message', input: edited(FLOW_MOD, (b) => b.writeUInt16BE(0x400, 50)),
    error: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_LEN } },
  { name: 'FLOW_MOD OXM of an unknown basic field', input: edited(FLOW_MOD, (b) => b.writeUInt8(0x7f << 1, 54)),
    error: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_FIELD } },
  { name: 'FLOW_MOD unknown instruction', input: edited(FLOW_MOD, (b) => b.writeUInt16BE(0x77, 64)),
    error: { type: OFPET.BAD_INSTRUCTION, code: OFPBIC.UNKNOWN_INST } },
  { name: 'FLOW_MOD action with length not a multiple of 8', input: edited(FLOW_MOD, (b) => b.writeUInt16BE(12, 82)),
    error: { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_LEN } },
  { name: 'FLOW_MOD unknown action type', input: edited(FLOW_MOD, (b) => b.writeUInt16BE(99, 80)),
    error: { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_TYPE } },
  { name: 'GROUP_MOD bucket shorter than its header',
    input: edited(corpus('4-21-ofp_group_mod'), (b) => b.writeUInt16BE(8, 16)),
    error: { type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.BAD_BUCKET } },
  { name: 'PACKET_OUT actions_len past the end',
    input: edited(corpus('4-1-ofp_packet_out'), (b) => b.writeUInt16BE(0x1000, 16)), error: BAD_LEN, truncated: true },
];

describe('decode error mapping', () => {
  for (const c of cases) {
    it(`${c.name} → type ${c.error.type} code ${c.error.code}`, () => {
      const err = decodeError(c.input);
      expect(err.ofpError).toEqual(c.error);
      if (c.field) expect(err.field).toMatch(c.field);
      if (c.truncated !== undefined) expect(err.truncated).toBe(c.truncated);
      expect(err.offset).toBeGreaterThanOrEqual(0);
      expect(err.message).toContain(err.field);
    });
  }

  it('accepts a HELLO of any version and records it, for negotiation', () => {
    const hello = message(6, 0, Buffer.from('000100080000004a', 'hex'));
    expect(decodeMessage(hello)).toEqual({
      type: 'HELLO', xid: 0x1234, version: 6, elements: [{ type: 'VERSIONBITMAP', bitmaps: [0x4a] }],
    });
    expect(encodeMessage(decodeMessage(hello)).equals(hello)).toBe(true);
  });

  it('accepts an ERROR of another version (peers answer in the version they were sent) and keeps it', () => {
    const of10Error = message(1, 1, Buffer.from('00010000cafe', 'hex'));
    const msg = decodeMessage(of10Error);
    expect(msg).toEqual({ type: 'ERROR', xid: 0x1234, version: 1, errorType: 1, code: 0, data: Buffer.from('cafe', 'hex') });
    expect(encodeMessage(msg).equals(of10Error)).toBe(true);
    expect(decodeMessage(message(4, 1, Buffer.from('00010000', 'hex')))).not.toHaveProperty('version');
  });

  it('decodes the message at an offset and ignores what follows it', () => {
    const two = Buffer.concat([corpus('4-13-ofp_echo_request'), corpus('4-17-ofp_barrier_request')]);
    expect(decodeMessage(two)).toMatchObject({ type: 'ECHO_REQUEST', data: Buffer.from('hoge') });
    expect(decodeMessage(two, 12)).toEqual({ type: 'BARRIER_REQUEST', xid: 0 });
    const err = (() => { try { decodeMessage(two, 16); } catch (e) { return e; } })();
    expect(err).toMatchObject({ truncated: true });
  });

  it('names the message, field and offset of a failure inside a nested structure', () => {
    const err = decodeError(edited(FLOW_MOD, (b) => b.writeUInt16BE(12, 82)));
    expect(err.msgType).toBe('OFPT_FLOW_MOD');
    expect(err.field).toMatch(/len/);
    expect(err.offset).toBe(80);
  });
});

describe('errorReplyFor', () => {
  it('answers with the error code, the offending xid and its first 64 bytes', () => {
    const bad = edited(corpus('4-2-ofp_flow_mod'), (b) => b.writeUInt32BE(0xabcdef01, 4));
    expect(bad.length).toBeGreaterThan(64);
    const err = new OfpDecodeError('OFPT_FLOW_MOD', 48, 'ofp_match.type', 'x', { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_TYPE });
    const reply = errorReplyFor(err, bad);
    expect(reply).toEqual({ type: 'ERROR', xid: 0xabcdef01, errorType: OFPET.BAD_MATCH, code: OFPBMC.BAD_TYPE, data: bad.subarray(0, 64) });
    const wire = encodeMessage(reply);
    expect(wire.length).toBe(12 + 64);
    const text = execFileSync('ovs-ofctl', ['ofp-print', wire.toString('hex')], { encoding: 'utf8' });
    expect(text).toMatch(/^OFPT_ERROR \(OF1.3\) \(xid=0xabcdef01\): OFPBMC_BAD_TYPE\nOFPT_FLOW_MOD/);
  });

  it('echoes short messages whole, takes an explicit xid, and copes with a bare fragment', () => {
    const echo = message(9, 2, Buffer.from('abc'));
    const err = decodeError(echo);
    // BAD_VERSION goes back in the sender's version (here 9), readable whatever it speaks.
    expect(errorReplyFor(err, echo)).toMatchObject({ version: 9, xid: 0x1234, errorType: 1, code: OFPBRC.BAD_VERSION, data: echo });
    expect(encodeMessage(errorReplyFor(err, echo))[0]).toBe(9);
    expect(errorReplyFor(err, echo, 7).xid).toBe(7);
    expect(errorReplyFor(err, Buffer.from([4, 2])).xid).toBe(0);
  });
});

describe('encode errors', () => {
  it('refuses a message over 65535 bytes and leaves the writer as it was', () => {
    const w = new OfpWriter();
    encodeMessage({ type: 'BARRIER_REQUEST', xid: 1 }, w);
    expect(() => encodeMessage({ type: 'ECHO_REQUEST', xid: 2, data: Buffer.alloc(70_000) }, w)).toThrow(OfpEncodeError);
    expect(w.pos).toBe(8);
    expect(() => encodeMessage({ type: 'ECHO_REQUEST', xid: 2, data: Buffer.alloc(70_000) })).toThrow(/exceeds 65535/);
    expect(encodeMessage({ type: 'BARRIER_REPLY', xid: 3 }).toString('hex')).toBe('0415000800000003');
  });

  it('refuses a PORT_MOD whose hw_addr is not a MAC', () => {
    expect(() => encodeMessage({ type: 'PORT_MOD', xid: 1, portNo: 1, hwAddr: 'nope', config: 0, mask: 0, advertise: 0 }))
      .toThrow(/ofp_port_mod.hw_addr/);
  });
});
