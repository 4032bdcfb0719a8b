import { AddressParseError } from './address-error.js';
import { parseIpv4 } from './ipv4-address.js';

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
    const fail = (reason: string): never => { throw new AddressParseError('IPv6 address', text, reason); };
    if (text.includes('%')) fail('zone index is not part of an address');
    const halves = text.split('::');
    if (halves.length > 2) fail('"::" appears more than once');
    const groups = (part: string, isTail: boolean): number[] => {
      if (part === '') return [];
      const out: number[] = [];
      const pieces = part.split(':');
      pieces.forEach((p, i) => {
        if (isTail && i === pieces.length - 1 && p.includes('.')) {
          const v4 = parseIpv4(p);
          if (typeof v4 === 'string') fail(`embedded IPv4 part: ${v4}`);
          out.push((v4 as number) >>> 16, (v4 as number) & 0xffff);
          return;
        }
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) fail(p === '' ? 'empty group' : `group "${p}" is not 1-4 hex digits`);
        out.push(parseInt(p, 16));
      });
      return out;
    };
    let all: number[];
    if (halves.length === 2) {
      const head = groups(halves[0]!, halves[1] === '');
      const tail = groups(halves[1]!, true);
      const missing = 8 - head.length - tail.length;
      if (missing < 1) fail('"::" stands for no groups');
      all = [...head, ...new Array<number>(missing).fill(0), ...tail];
    } else {
      all = groups(text, true);
      if (all.length !== 8) fail(`expected 8 groups, got ${all.length}`);
    }
    return Ipv6Address.fromGroups(all);
  }

  static isValid(text: string): boolean {
    try { Ipv6Address.parse(text); return true; } catch { return false; }
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
    return (this.text ??= formatIpv6(this));
  }

  toJSON(): string {
    return this.toString();
  }
}

function formatIpv6(a: Ipv6Address): string {
  if (a.isIpv4Mapped) {
    return `::ffff:${a.byte(12)}.${a.byte(13)}.${a.byte(14)}.${a.byte(15)}`;
  }
  // RFC 5952 §4.2: compress the longest run of zero groups; a single zero group is not compressed.
  let bestStart = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (a.group(i) !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && a.group(j) === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (from: number, to: number): string[] => {
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(a.group(i).toString(16));
    return out;
  };
  if (bestStart < 0) return hex(0, 8).join(':');
  return `${hex(0, bestStart).join(':')}::${hex(bestStart + bestLen, 8).join(':')}`;
}
