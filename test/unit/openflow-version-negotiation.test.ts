import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../core/openflow/codec.js';
import type { Hello } from '../../core/openflow/messages/index.js';
import { decodeOf10Message, encodeOf10Message } from '../../core/openflow/of10.js';
import { helloFailed, helloFor, negotiateVersion } from '../../core/openflow/version-negotiation.js';

const ours = [1, 4];

function hello(bytes: string): Hello {
  const m = decodeMessage(Buffer.from(bytes, 'hex'));
  if (m.type !== 'HELLO') throw new Error('not a HELLO');
  return m;
}

describe('version negotiation (OF1.3.5 §6.3.1)', () => {
  it('sends our highest version with a bitmap of all we speak', () => {
    const bytes = encodeMessage(helloFor(ours, 9));
    expect(bytes.toString('hex')).toBe('04000010000000090001000800000012');
  });

  it('picks the highest common version when both sent bitmaps', () => {
    expect(negotiateVersion(ours, hello('06000010000000010001000800000052'))).toBe(4); // peer 1, 4, 6
    expect(negotiateVersion(ours, hello('06000010000000010001000800000042'))).toBe(1); // peer 1, 6
    expect(negotiateVersion(ours, hello('06000010000000010001000800000040'))).toBeUndefined(); // peer 6
  });

  it('falls back to the lower header version without a bitmap', () => {
    expect(negotiateVersion(ours, hello('0500000800000001'))).toBe(4); // OF1.4 peer, no bitmap
    expect(negotiateVersion(ours, hello('0100000800000001'))).toBe(1); // OF1.0 peer
    expect(negotiateVersion(ours, hello('0300000800000001'))).toBeUndefined(); // OF1.2 only: we lack 3
    expect(negotiateVersion([4], hello('0100000800000001'))).toBeUndefined();
  });

  it('reads an OF1.0 HELLO with either codec', () => {
    const of10 = encodeOf10Message({ type: 'HELLO', xid: 3, data: Buffer.alloc(0) });
    expect(decodeMessage(of10)).toEqual({ type: 'HELLO', xid: 3, version: 1, elements: [] });
    expect(decodeOf10Message(of10)).toEqual({ type: 'HELLO', xid: 3, version: 1, data: Buffer.alloc(0) });
  });

  it('builds OFPET_HELLO_FAILED / OFPHFC_INCOMPATIBLE with a readable reason', () => {
    const err = helloFailed(ours, 3, 5);
    expect(err).toMatchObject({ type: 'ERROR', xid: 5, errorType: 0, code: 0 });
    expect(err.data.toString()).toContain('offered 3');
    expect(decodeMessage(encodeMessage(err))).toEqual(err);
  });
});
