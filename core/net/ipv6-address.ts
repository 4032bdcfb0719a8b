import { AddressParseError } from './address-error.js';
import { ipv4Text, parseIpv4, scanIpv4, writeIpv4 } from './ipv4-address.js';
import { hexDigit } from './mac-address.js';

/**
 * An IPv6 address held as its 16 octets (network order). Text output follows RFC 5952, the
 * canonical form: lower case, no leading zeros, the longest run of two or more zero groups
 * (the first on a tie) written as `::`, and IPv4-mapped addresses as `::ffff:a.b.c.d` (§5).
 */
export class Ipv6Address {
  static readonly BIT_LENGTH = 128;
  static readonly ANY = new Ipv6Address(new Uint8Array(16));

  readonly family = 6 as const;
  private text?: string;

  private constructor(private readonly octets: Uint8Array) {}

  static fromBytes(bytes: Uint8Array, offset = 0): Ipv6Address {
    if (offset < 0 || offset + 16 > bytes.length) throw new RangeError(`need 16 bytes at ${offset}`);
    // Copied into a plain Uint8Array: Buffer#slice would alias a reusable receive buffer.
    return new Ipv6Address(new Uint8Array(bytes.subarray(offset, offset + 16)));
  }

  /** From eight 16-bit groups, as written in text. */
  static fromGroups(groups: readonly number[]): Ipv6Address {
    if (groups.length !== 8) throw new RangeError('an IPv6 address has 8 groups');
    const b = new Uint8Array(16);
    groups.forEach((g, i) => { b[2 * i] = (g >>> 8) & 0xff; b[2 * i + 1] = g & 0xff; });
    return new Ipv6Address(b);
  }

  /** RFC 4291 §2.2 text: full, `::`-compressed, or with a trailing dotted IPv4 part. No zone index. */
  static parse(text: string): Ipv6Address {
    const b = new Uint8Array(16);
    if (!ipv6Bytes(text, b, 0)) throw new AddressParseError('IPv6 address', text, ipv6Reason(text));
    return new Ipv6Address(b);
  }

  static isValid(text: string): boolean {
    return ipv6Bytes(text, new Uint8Array(16), 0);
  }

  /** A copy of the 16 octets. */
  toBytes(): Uint8Array {
    return this.octets.slice();
  }

  writeTo(bytes: Uint8Array, offset: number): void {
    bytes.set(this.octets, offset);
  }

  /** Octet `i` without copying. */
  byte(i: number): number {
    return this.octets[i]!;
  }

  group(i: number): number {
    return (this.octets[2 * i]! << 8) | this.octets[2 * i + 1]!;
  }

  bit(i: number): number {
    return (this.octets[i >>> 3]! >>> (7 - (i & 7))) & 1;
  }

  equals(other: Ipv6Address): boolean {
    return this.compare(other) === 0;
  }

  compare(other: Ipv6Address): number {
    for (let i = 0; i < 16; i++) {
      const d = this.octets[i]! - other.octets[i]!;
      if (d !== 0) return d;
    }
    return 0;
  }

  get isMulticast(): boolean {
    return this.octets[0] === 0xff;
  }

  get isLinkLocal(): boolean {
    return this.octets[0] === 0xfe && (this.octets[1]! & 0xc0) === 0x80;
  }

  /** ::ffff:0:0/96 (RFC 4291 §2.5.5.2). */
  get isIpv4Mapped(): boolean {
    for (let i = 0; i < 10; i++) if (this.octets[i] !== 0) return false;
    return this.octets[10] === 0xff && this.octets[11] === 0xff;
  }

  toString(): string {
    return (this.text ??= ipv6Text(this.octets, 0));
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * The RFC 5952 text of the 16 bytes at `offset`, straight from the bytes: lower case, no leading
 * zeros, the longest run (two or more, the first on a tie) of zero groups as "::" (§4.2), and
 * IPv4-mapped addresses as "::ffff:a.b.c.d" (§5).
 */
export function ipv6Text(bytes: Uint8Array, offset: number): string {
  const group = (i: number): number => (bytes[offset + 2 * i]! << 8) | bytes[offset + 2 * i + 1]!;
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (group(i) !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && group(j) === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  if (bestStart === 0 && bestLen === 5 && group(5) === 0xffff) return `::ffff:${ipv4Text(bytes, offset + 12)}`;
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) { s += i === 0 ? '::' : ':'; i += bestLen - 1; continue; }
    s += group(i).toString(16);
    if (i < 7) s += ':';
  }
  return s;
}

/**
 * Writes the IPv6 address in `text` (RFC 4291 §2.2: full, "::"-compressed, or ending in a dotted
 * quad) into 16 bytes at `offset`, in one pass without allocating; false if it is not one.
 * The bytes are unspecified after false.
 */
export function ipv6Bytes(text: string, out: Uint8Array, offset: number): boolean {
  const n = text.length;
  let groups = 0;
  /** Group index where "::" stands, or -1. */
  let gap = -1;
  let i = 0;
  if (n >= 2 && text.charCodeAt(0) === 0x3a) {
    if (text.charCodeAt(1) !== 0x3a) return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let v = 0;
    let j = i;
    for (; j < n && j - i < 5; j++) {
      const h = hexDigit(text.charCodeAt(j));
      if (h < 0) break;
      v = (v << 4) | h;
    }
    if (j < n && text.charCodeAt(j) === 0x2e) {
      // A dotted quad takes the last two groups and ends the text.
      const v4 = groups <= 6 ? scanIpv4(text, i, n) : -1;
      if (v4 < 0) return false;
      writeIpv4(out, offset + 2 * groups, v4);
      groups += 2;
      break;
    }
    if (j === i || j - i > 4 || groups === 8) return false;
    out[offset + 2 * groups] = v >>> 8;
    out[offset + 2 * groups + 1] = v;
    groups++;
    if (j === n) break;
    if (text.charCodeAt(j) !== 0x3a || j + 1 === n) return false;
    j++;
    if (text.charCodeAt(j) === 0x3a) {
      if (gap >= 0) return false;
      gap = groups;
      j++;
    }
    i = j;
  }
  if (gap < 0) return groups === 8;
  if (groups > 7) return false; // "::" stands for at least one group
  // Move the groups after "::" to the end and zero the ones it stands for.
  const shift = 2 * (8 - groups);
  for (let k = offset + 2 * groups - 1; k >= offset + 2 * gap; k--) out[k + shift] = out[k]!;
  out.fill(0, offset + 2 * gap, offset + 2 * gap + shift);
  return true;
}

/** Why `text` is not an IPv6 address: called only once ipv6Bytes has rejected it. */
function ipv6Reason(text: string): string {
  if (text.includes('%')) return 'zone index is not part of an address';
  const halves = text.split('::');
  if (halves.length > 2) return '"::" appears more than once';
  /** The group count of one side of "::" (or of the whole text), or why a piece of it is bad. */
  const count = (part: string, isTail: boolean): number | string => {
    if (part === '') return 0;
    const pieces = part.split(':');
    let n = 0;
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (isTail && i === pieces.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (typeof v4 === 'string') return `embedded IPv4 part: ${v4}`;
        n += 2;
      } else if (!/^[0-9a-fA-F]{1,4}$/.test(p)) {
        return p === '' ? 'empty group' : `group "${p}" is not 1-4 hex digits`;
      } else {
        n++;
      }
    }
    return n;
  };
  if (halves.length === 2) {
    const head = count(halves[0]!, halves[1] === '');
    if (typeof head === 'string') return head;
    const tail = count(halves[1]!, true);
    if (typeof tail === 'string') return tail;
    return head + tail > 7 ? '"::" stands for no groups' : 'an embedded IPv4 part must come last';
  }
  const all = count(text, true);
  return typeof all === 'string' ? all : `expected 8 groups, got ${all}`;
}
