import { AddressParseError } from './address-error.js';

/**
 * An IPv4 address held as an unsigned 32-bit integer (network order: first octet most
 * significant), so comparisons and masks are plain integer operations.
 */
export class Ipv4Address {
  static readonly BIT_LENGTH = 32;
  static readonly ANY = new Ipv4Address(0);
  static readonly BROADCAST = new Ipv4Address(0xffffffff);

  readonly family = 4 as const;

  private constructor(readonly value: number) {}

  static fromNumber(value: number): Ipv4Address {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`IPv4 address value out of range: ${value}`);
    }
    return new Ipv4Address(value);
  }

  static fromBytes(bytes: Uint8Array, offset = 0): Ipv4Address {
    if (offset < 0 || offset + 4 > bytes.length) throw new RangeError(`need 4 bytes at ${offset}`);
    return new Ipv4Address(readIpv4(bytes, offset));
  }

  /**
   * Strict dotted-quad only (RFC 6943 §3.1.1): four decimal octets, no leading zeros, since
   * `010.0.0.1` means 8.0.0.1 to inet_aton and 10.0.0.1 to most humans.
   */
  static parse(text: string): Ipv4Address {
    const v = parseIpv4(text);
    if (typeof v === 'string') throw new AddressParseError('IPv4 address', text, v);
    return new Ipv4Address(v);
  }

  static isValid(text: string): boolean {
    return typeof parseIpv4(text) === 'number';
  }

  toString(): string {
    const v = this.value;
    return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
  }

  toJSON(): string {
    return this.toString();
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(4);
    this.writeTo(out, 0);
    return out;
  }

  writeTo(bytes: Uint8Array, offset: number): void {
    writeIpv4(bytes, offset, this.value);
  }

  equals(other: Ipv4Address): boolean {
    return this.value === other.value;
  }

  compare(other: Ipv4Address): number {
    return this.value - other.value;
  }

  /** Bit `i` counted from the most significant (bit 0 is the top bit of the first octet). */
  bit(i: number): number {
    return (this.value >>> (31 - i)) & 1;
  }

  get isMulticast(): boolean {
    return this.value >>> 28 === 0xe;
  }

  get isLoopback(): boolean {
    return this.value >>> 24 === 127;
  }
}

/** Returns the address as a number, or a reason string for the error message. */
export function parseIpv4(text: string): number | string {
  const v = scanIpv4(text, 0, text.length);
  return v >= 0 ? v : ipv4Reason(text);
}

/**
 * The strict dotted quad in text[start, end) as a number, or -1: four decimal octets of 1-3
 * digits, no leading zeros, each at most 255. One pass over the chars, nothing allocated.
 */
export function scanIpv4(text: string, start: number, end: number): number {
  let v = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 0x2e; // a '.' past the end closes the last octet
    if (c === 0x2e) {
      if (digits === 0 || octet > 255 || ++parts > 4) return -1;
      v = v * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if ((digits === 1 && octet === 0) || ++digits > 3) return -1;
      octet = octet * 10 + (c - 0x30);
    } else {
      return -1;
    }
  }
  return parts === 4 ? v : -1;
}

/** Why `text` is not a dotted quad: called only once scanIpv4 has rejected it. */
function ipv4Reason(text: string): string {
  const parts = text.split('.');
  if (parts.length !== 4) return `expected 4 dotted octets, got ${parts.length}`;
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^[0-9]{1,3}$/.test(p)) return `octet ${i + 1} is not a decimal number`;
    if (p.length > 1 && p[0] === '0') return `octet ${i + 1} has a leading zero`;
    if (Number(p) > 255) return `octet ${i + 1} is out of range`;
  }
  return 'not a dotted quad';
}

/** The dotted quad of the 4 bytes at `offset`, straight from the bytes. */
export function ipv4Text(bytes: Uint8Array, offset: number): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

/** Writes the dotted quad in `text` into 4 bytes at `offset`, without allocating; false if it is not one. */
export function ipv4Bytes(text: string, out: Uint8Array, offset: number): boolean {
  const v = scanIpv4(text, 0, text.length);
  if (v < 0) return false;
  writeIpv4(out, offset, v);
  return true;
}

export function readIpv4(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

export function writeIpv4(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}
