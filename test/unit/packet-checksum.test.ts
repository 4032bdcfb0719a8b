import { describe, expect, it } from 'vitest';
import { Ipv4Address, Ipv6Address } from '../../core/net/index.js';
import {
  checksumAdjust16, checksumAdjust32, checksumAdjustBytes, checksumVerifies, foldSum, internetChecksum, onesComplementSum,
  transportChecksum, transportChecksumValid,
} from '../../core/packet/index.js';

describe('Internet checksum', () => {
  it('matches the RFC 1071 §3 worked example', () => {
    const data = Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(foldSum(onesComplementSum(data, 0, data.length))).toBe(0xddf2);
    expect(internetChecksum(data)).toBe(0x220d);
  });

  it('treats an odd trailing byte as the high byte of a padded word', () => {
    expect(internetChecksum(Uint8Array.from([0x12, 0x34, 0x56]))).toBe(internetChecksum(Uint8Array.from([0x12, 0x34, 0x56, 0x00])));
  });

  it('reproduces a captured IPv4 header checksum and verifies it', () => {
    const hdr = Buffer.from('450000730000400040110000c0a80001c0a800c7', 'hex');
    expect(internetChecksum(hdr)).toBe(0xb861);
    hdr.writeUInt16BE(0xb861, 10);
    expect(checksumVerifies(hdr, 0, hdr.length)).toBe(true);
  });

  it('follows RFC 1624 §4: eqn. 3 gives 0x0000 where recomputation does', () => {
    expect(checksumAdjust16(0xdd2f, 0x5555, 0x3285)).toBe(0x0000);
  });

  it('agrees with full recomputation after random 16- and 32-bit field changes', () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let round = 0; round < 200; round++) {
      const data = new Uint8Array(40).map(() => rnd() & 0xff);
      data[10] = data[11] = 0;
      const before = internetChecksum(data);
      const at = 2 * (rnd() % 4) + 12; // a 32-bit-aligned word, not the checksum
      const old32 = data.subarray(at, at + 4);
      const oldValue = ((old32[0]! << 24) | (old32[1]! << 16) | (old32[2]! << 8) | old32[3]!) >>> 0;
      const newValue = rnd() >>> 0;
      data[at] = newValue >>> 24; data[at + 1] = (newValue >>> 16) & 0xff; data[at + 2] = (newValue >>> 8) & 0xff; data[at + 3] = newValue & 0xff;
      // Both encode the same one's-complement value; RFC 1624 only rules out -0 for a non-zero sum.
      const adjusted = checksumAdjust32(before, oldValue, newValue);
      const full = internetChecksum(data);
      expect(adjusted === full || (adjusted ^ full) === 0xffff).toBe(true);
      data[10] = adjusted >>> 8; data[11] = adjusted & 0xff;
      expect(checksumVerifies(data, 0, data.length)).toBe(true);
    }
  });

  it('updates across a 16-byte IPv6 address change', () => {
    const seg = Uint8Array.from(Buffer.from('00350035000c0000616263', 'hex'));
    const a = Ipv6Address.parse('2001:db8::1'), b = Ipv6Address.parse('2001:db8::2'), c = Ipv6Address.parse('fe80::99');
    const before = transportChecksum({ src: a, dst: b }, 17, seg);
    const after = checksumAdjustBytes(before, a.toBytes(), c.toBytes());
    seg[6] = after >>> 8; seg[7] = after & 0xff;
    expect(transportChecksumValid({ src: c, dst: b }, 17, seg)).toBe(true);
  });

  it('covers the IPv4 pseudo-header for TCP/UDP', () => {
    const src = Ipv4Address.parse('10.0.0.1'), dst = Ipv4Address.parse('10.0.0.2');
    const udp = Uint8Array.from(Buffer.from('1f900035000a00006869', 'hex'));
    const c = transportChecksum({ src, dst }, 17, udp);
    udp[6] = c >>> 8; udp[7] = c & 0xff;
    expect(transportChecksumValid({ src, dst }, 17, udp)).toBe(true);
    expect(transportChecksumValid({ src: dst, dst: Ipv4Address.parse('10.0.0.3') }, 17, udp)).toBe(false);
  });
});
