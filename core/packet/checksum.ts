import { readU16 } from './byte-order.js';

/**
 * The Internet checksum (RFC 1071) and what TCP, UDP, ICMPv6 and IPv4 build on it.
 *
 * Sums are kept unfolded in a JS number (safe far beyond any packet size) and folded once at
 * the end; an odd trailing byte counts as the high byte of a zero-padded word.
 */

/** One's-complement sum of `len` bytes at `off`, added to `initial`, not yet folded or inverted. */
export function onesComplementSum(buf: Uint8Array, off: number, len: number, initial = 0): number {
  let sum = initial;
  const end = off + len;
  let i = off;
  for (; i + 1 < end; i += 2) sum += (buf[i]! << 8) | buf[i + 1]!;
  if (i < end) sum += buf[i]! << 8;
  return sum;
}

/** Folds carries back into 16 bits. */
export function foldSum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** The checksum to store: the inverted folded sum. */
export function internetChecksum(buf: Uint8Array, off = 0, len = buf.length - off, initial = 0): number {
  return ~foldSum(onesComplementSum(buf, off, len, initial)) & 0xffff;
}

/** True when a region that includes its own checksum field sums to 0xffff, i.e. is intact. */
export function checksumVerifies(buf: Uint8Array, off: number, len: number, initial = 0): boolean {
  return foldSum(onesComplementSum(buf, off, len, initial)) === 0xffff;
}

/** RFC 793 / 768 pseudo-header sum for IPv4: source, destination, zero+protocol, length. */
export function ipv4PseudoHeaderSum(src: number, dst: number, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
}

/** RFC 8200 §8.1 pseudo-header sum for IPv6: both addresses, 32-bit length, next header. */
export function ipv6PseudoHeaderSum(src: Uint8Array, dst: Uint8Array, nextHeader: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < 16; i += 2) sum += readU16(src, i) + readU16(dst, i);
  return sum + Math.floor(length / 0x10000) + (length & 0xffff) + nextHeader;
}

/**
 * RFC 1624 eqn. 3 incremental update: the new checksum after one 16-bit word of the covered data
 * changes from `oldWord` to `newWord`, without re-summing the packet. Used by set-field actions.
 */
export function checksumAdjust16(checksum: number, oldWord: number, newWord: number): number {
  const sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
  return ~foldSum(sum) & 0xffff;
}

/** The same for a 32-bit field (an IPv4 address, which also sits in the TCP/UDP pseudo-header). */
export function checksumAdjust32(checksum: number, oldValue: number, newValue: number): number {
  const c = checksumAdjust16(checksum, oldValue >>> 16, newValue >>> 16);
  return checksumAdjust16(c, oldValue & 0xffff, newValue & 0xffff);
}

/** The same for a run of bytes of even length (an IPv6 address or MAC-sized field). */
export function checksumAdjustBytes(checksum: number, oldBytes: Uint8Array, newBytes: Uint8Array): number {
  let c = checksum;
  for (let i = 0; i + 1 < oldBytes.length; i += 2) c = checksumAdjust16(c, readU16(oldBytes, i), readU16(newBytes, i));
  return c;
}
