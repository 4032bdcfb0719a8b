/**
 * PacketDecodeError is cheap to make (decoders throw it for whatever a host sends): no stack
 * trace is captured, yet it is still an Error whose message, name and fields say what broke.
 */
import { describe, expect, it } from 'vitest';
import { PacketDecodeError, decodeIpv4, needBytes } from '../../core/packet/index.js';

describe('PacketDecodeError', () => {
  it('names layer, offset and reason, and carries no stack frames', () => {
    const e = new PacketDecodeError('ipv4', 14, 'version is 6, not 4');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('PacketDecodeError');
    expect(e.message).toBe('ipv4 at byte 14: version is 6, not 4');
    expect(String(e)).toBe('PacketDecodeError: ipv4 at byte 14: version is 6, not 4');
    expect({ layer: e.layer, offset: e.offset, reason: e.reason, truncated: e.truncated }).toEqual({ layer: 'ipv4', offset: 14, reason: 'version is 6, not 4', truncated: false });
    expect(e.stack).toBe('PacketDecodeError: ipv4 at byte 14: version is 6, not 4');
  });

  it('leaves Error.stackTraceLimit as it was, for decoders and for everyone else', () => {
    const before = Error.stackTraceLimit;
    expect(() => needBytes('udp', 34, 8, 36)).toThrow(PacketDecodeError);
    expect(() => decodeIpv4(new Uint8Array(20).fill(0x65))).toThrow(/ipv4 at byte 0: version is 6/);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('x').stack).toMatch(/\n\s+at /);
  });

  it('reports truncation', () => {
    try {
      needBytes('tcp', 34, 20, 40);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ layer: 'tcp', offset: 34, truncated: true, message: 'tcp at byte 34: needs 20 bytes, 6 left' });
    }
  });
});
