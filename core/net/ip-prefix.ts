import { AddressParseError } from './address-error.js';
import { Ipv4Address } from './ipv4-address.js';
import { Ipv6Address } from './ipv6-address.js';

export interface PrefixParseOptions {
  /**
   * When false (the default) `10.0.0.1/24` is rejected: a route or ACL with host bits set is
   * almost always a typo. When true the host bits are cleared, for interface-style notation.
   */
  allowHostBits?: boolean;
}

function splitPrefix(text: string, expected: string, maxLen: number): [string, number] {
  const slash = text.indexOf('/');
  if (slash < 0) throw new AddressParseError(expected, text, 'missing "/length"');
  const lenText = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(lenText)) throw new AddressParseError(expected, text, 'length is not a decimal number');
  const len = Number(lenText);
  if (len > maxLen) throw new AddressParseError(expected, text, `length ${len} is longer than ${maxLen}`);
  return [text.slice(0, slash), len];
}

function rewrap(expected: string, text: string, e: unknown): never {
  if (e instanceof AddressParseError) throw new AddressParseError(expected, text, e.reason);
  throw e;
}

/** An IPv4 network: address with host bits clear, and a length 0-32. */
export class Ipv4Prefix {
  readonly family = 4 as const;
  readonly bitLength = 32;

  private constructor(readonly address: Ipv4Address, readonly length: number) {}

  static of(address: Ipv4Address, length: number, opts: PrefixParseOptions = { allowHostBits: true }): Ipv4Prefix {
    if (!Number.isInteger(length) || length < 0 || length > 32) throw new RangeError(`IPv4 prefix length ${length}`);
    const mask = ipv4Mask(length);
    if (!opts.allowHostBits && (address.value & ~mask) !== 0) {
      throw new AddressParseError('IPv4 prefix', `${address}/${length}`, 'host bits are set');
    }
    return new Ipv4Prefix(Ipv4Address.fromNumber((address.value & mask) >>> 0), length);
  }

  static parse(text: string, opts: PrefixParseOptions = {}): Ipv4Prefix {
    const [addrText, len] = splitPrefix(text, 'IPv4 prefix', 32);
    let addr: Ipv4Address;
    try { addr = Ipv4Address.parse(addrText); } catch (e) { rewrap('IPv4 prefix', text, e); }
    if (!opts.allowHostBits && (addr.value & ~ipv4Mask(len)) !== 0) {
      throw new AddressParseError('IPv4 prefix', text, 'host bits are set');
    }
    return Ipv4Prefix.of(addr, len);
  }

  /** The netmask as a number (e.g. 0xffffff00 for /24). */
  get mask(): number {
    return ipv4Mask(this.length);
  }

  /** True for an address inside this network, or a prefix that is equal or more specific. */
  contains(x: Ipv4Address | Ipv4Prefix): boolean {
    if (x instanceof Ipv4Prefix) {
      return x.length >= this.length && ((x.address.value & this.mask) >>> 0) === this.address.value;
    }
    return ((x.value & this.mask) >>> 0) === this.address.value;
  }

  equals(other: Ipv4Prefix): boolean {
    return this.length === other.length && this.address.equals(other.address);
  }

  /** Orders by address, then shorter first, so a sorted list reads like a routing table. */
  compare(other: Ipv4Prefix): number {
    return this.address.compare(other.address) || this.length - other.length;
  }

  toString(): string {
    return `${this.address}/${this.length}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

export function ipv4Mask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/** An IPv6 network: address with host bits clear, and a length 0-128. */
export class Ipv6Prefix {
  readonly family = 6 as const;
  readonly bitLength = 128;

  private constructor(readonly address: Ipv6Address, readonly length: number) {}

  static of(address: Ipv6Address, length: number, opts: PrefixParseOptions = { allowHostBits: true }): Ipv6Prefix {
    if (!Number.isInteger(length) || length < 0 || length > 128) throw new RangeError(`IPv6 prefix length ${length}`);
    const b = address.toBytes();
    let hostBits = false;
    for (let i = 0; i < 16; i++) {
      const keep = Math.max(0, Math.min(8, length - 8 * i));
      const m = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
      if ((b[i]! & ~m) !== 0) hostBits = true;
      b[i] = b[i]! & m;
    }
    if (hostBits && !opts.allowHostBits) {
      throw new AddressParseError('IPv6 prefix', `${address}/${length}`, 'host bits are set');
    }
    return new Ipv6Prefix(hostBits ? Ipv6Address.fromBytes(b) : address, length);
  }

  static parse(text: string, opts: PrefixParseOptions = {}): Ipv6Prefix {
    const [addrText, len] = splitPrefix(text, 'IPv6 prefix', 128);
    let addr: Ipv6Address;
    try { addr = Ipv6Address.parse(addrText); } catch (e) { rewrap('IPv6 prefix', text, e); }
    try { return Ipv6Prefix.of(addr, len, opts); } catch (e) { rewrap('IPv6 prefix', text, e); }
  }

  contains(x: Ipv6Address | Ipv6Prefix): boolean {
    let addr: Ipv6Address;
    if (x instanceof Ipv6Prefix) {
      if (x.length < this.length) return false;
      addr = x.address;
    } else {
      addr = x;
    }
    const full = this.length >>> 3;
    for (let i = 0; i < full; i++) if (addr.byte(i) !== this.address.byte(i)) return false;
    const rest = this.length & 7;
    if (rest === 0) return true;
    const m = (0xff << (8 - rest)) & 0xff;
    return (addr.byte(full) & m) === this.address.byte(full);
  }

  equals(other: Ipv6Prefix): boolean {
    return this.length === other.length && this.address.equals(other.address);
  }

  compare(other: Ipv6Prefix): number {
    return this.address.compare(other.address) || this.length - other.length;
  }

  toString(): string {
    return `${this.address}/${this.length}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

export type IpAddress = Ipv4Address | Ipv6Address;
export type IpPrefix = Ipv4Prefix | Ipv6Prefix;

/** Either family, chosen by the text (a colon means IPv6). */
export function parseIpAddress(text: string): IpAddress {
  return text.includes(':') ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
}

export function parseIpPrefix(text: string, opts: PrefixParseOptions = {}): IpPrefix {
  return text.includes(':') ? Ipv6Prefix.parse(text, opts) : Ipv4Prefix.parse(text, opts);
}
