import { AddressParseError } from './address-error.js';

const HEX = /^[0-9a-fA-F]{1,2}$/;
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Six bytes for parse/toString to go through the byte-level functions without allocating. */
const scratch = new Uint8Array(6);

/**
 * A 48-bit IEEE 802 MAC address, held as one integer (exact in a double) so equality, ordering
 * and use as a Map key cost nothing.
 */
export class MacAddress {
  static readonly BROADCAST = new MacAddress(0xffffffffffff);
  static readonly ZERO = new MacAddress(0);

  private constructor(
    /** The address as a 48-bit unsigned integer, first octet most significant. */
    readonly value: number,
  ) {}

  static fromNumber(value: number): MacAddress {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffffffff) {
      throw new RangeError(`MAC address value out of range: ${value}`);
    }
    return new MacAddress(value);
  }

  /** Six octets at `offset`, network order. The caller guarantees they exist. */
  static fromBytes(bytes: Uint8Array, offset = 0): MacAddress {
    if (offset < 0 || offset + 6 > bytes.length) throw new RangeError(`need 6 bytes at ${offset}`);
    return new MacAddress(readMac(bytes, offset));
  }

  /**
   * Accepts the colon form (`00:1b:21:3a:4f:5e`, as Linux and OpenFlow tools print it), the hyphen
   * form IEEE 802 uses (`00-1B-21-3A-4F-5E`) and Cisco's dotted form (`001b.213a.4f5e`).
   */
  static parse(text: string): MacAddress {
    if (text.length === 17 && macBytes(text, scratch, 0)) return new MacAddress(readMac(scratch, 0));
    const dotted = /^([0-9a-fA-F]{4})\.([0-9a-fA-F]{4})\.([0-9a-fA-F]{4})$/.exec(text);
    if (dotted) return new MacAddress(parseInt(dotted[1]! + dotted[2]! + dotted[3]!, 16));
    const sep = text.includes(':') ? ':' : '-';
    const parts = text.split(sep);
    if (parts.length !== 6) throw new AddressParseError('MAC address', text, `expected 6 octets, got ${parts.length}`);
    let v = 0;
    for (let i = 0; i < 6; i++) {
      const p = parts[i]!;
      if (!HEX.test(p)) throw new AddressParseError('MAC address', text, `octet ${i + 1} is not 1-2 hex digits`);
      v = v * 256 + parseInt(p, 16);
    }
    return new MacAddress(v);
  }

  static isValid(text: string): boolean {
    try { MacAddress.parse(text); return true; } catch { return false; }
  }

  /** Lower-case colon form, two digits per octet. */
  toString(): string {
    writeMac(scratch, 0, this.value);
    return macText(scratch, 0);
  }

  toJSON(): string {
    return this.toString();
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(6);
    this.writeTo(out, 0);
    return out;
  }

  writeTo(bytes: Uint8Array, offset: number): void {
    writeMac(bytes, offset, this.value);
  }

  equals(other: MacAddress): boolean {
    return this.value === other.value;
  }

  compare(other: MacAddress): number {
    return this.value - other.value;
  }

  /** I/G bit: group (multicast or broadcast) addresses have the low bit of the first octet set. */
  get isMulticast(): boolean {
    return Math.floor(this.value / 2 ** 40) % 2 === 1;
  }

  get isBroadcast(): boolean {
    return this.value === 0xffffffffffff;
  }

  /** U/L bit: locally administered addresses (e.g. veth, VMs) have bit 1 of the first octet set. */
  get isLocal(): boolean {
    return (Math.floor(this.value / 2 ** 40) & 2) !== 0;
  }
}

/** Raw 48-bit read for hot paths that should not allocate a MacAddress. */
export function readMac(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 8) | bytes[offset + 1]!) * 0x100000000 +
    (((bytes[offset + 2]! << 24) | (bytes[offset + 3]! << 16) | (bytes[offset + 4]! << 8) | bytes[offset + 5]!) >>> 0)
  );
}

export function writeMac(bytes: Uint8Array, offset: number, value: number): void {
  const hi = Math.floor(value / 0x100000000);
  const lo = value >>> 0;
  bytes[offset] = hi >>> 8;
  bytes[offset + 1] = hi & 0xff;
  bytes[offset + 2] = lo >>> 24;
  bytes[offset + 3] = (lo >>> 16) & 0xff;
  bytes[offset + 4] = (lo >>> 8) & 0xff;
  bytes[offset + 5] = lo & 0xff;
}

/**
 * The canonical text of the 6 bytes at `offset` ("aa:bb:cc:dd:ee:ff", lower case), straight from
 * the bytes: what the OpenFlow codec puts in decoded matches and MacAddress#toString prints.
 */
export function macText(bytes: Uint8Array, offset: number): string {
  return `${HEX2[bytes[offset]!]}:${HEX2[bytes[offset + 1]!]}:${HEX2[bytes[offset + 2]!]}:${HEX2[bytes[offset + 3]!]}:${HEX2[bytes[offset + 4]!]}:${HEX2[bytes[offset + 5]!]}`;
}

/**
 * Writes the MAC in `text` into 6 bytes at `offset`, without allocating; false if `text` is not
 * the fixed-width form: two hex digits per octet (any case), all separated by ':' or all by '-'.
 * MacAddress.parse accepts more (one-digit octets, Cisco dots) for configuration text.
 */
export function macBytes(text: string, out: Uint8Array, offset: number): boolean {
  if (text.length !== 17) return false;
  const sep = text.charCodeAt(2);
  if (sep !== 0x3a && sep !== 0x2d) return false;
  for (let i = 0; i < 6; i++) {
    const p = i * 3;
    if (i > 0 && text.charCodeAt(p - 1) !== sep) return false;
    const hi = hexDigit(text.charCodeAt(p));
    const lo = hexDigit(text.charCodeAt(p + 1));
    if (hi < 0 || lo < 0) return false;
    out[offset + i] = (hi << 4) | lo;
  }
  return true;
}

/** The value of one hex digit's char code, or -1. */
export function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
