import { PacketDecodeError, needBytes } from './packet-decode-error.js';

/**
 * Domain names in DNS messages (RFC 1035 §3.1, §4.1.4).
 *
 * Text form: labels joined by dots with no trailing dot; the root is "". Label bytes that would
 * be ambiguous or unprintable are escaped as in master files (`\.`, `\\`, `\DDD`), so any wire
 * name survives decode → encode unchanged.
 */

const MAX_NAME_WIRE = 255;

/** Reads a possibly compressed name at `pos`; `next` is the offset after it in the original sequence. */
export function decodeDnsName(buf: Uint8Array, msgStart: number, pos: number, end: number, layer: string): { name: string; next: number } {
  const labels: string[] = [];
  let wireLength = 1;
  let next = -1;
  // Every pointer must go strictly backwards from the label sequence that holds it, so a chain of
  // pointers always terminates and a loop is reported instead of spinning.
  let limit = pos;
  for (;;) {
    needBytes(layer, pos, 1, end);
    const len = buf[pos]!;
    if (len === 0) { pos++; break; }
    const top = len & 0xc0;
    if (top === 0xc0) {
      needBytes(layer, pos, 2, end);
      const target = msgStart + (((len & 0x3f) << 8) | buf[pos + 1]!);
      if (target >= limit) throw new PacketDecodeError(layer, pos, `compression pointer to ${target - msgStart} does not point backwards`);
      if (next < 0) next = pos + 2;
      pos = limit = target;
      continue;
    }
    if (top !== 0) throw new PacketDecodeError(layer, pos, `label type 0x${top.toString(16)} is not supported`);
    needBytes(layer, pos + 1, len, end);
    wireLength += len + 1;
    if (wireLength > MAX_NAME_WIRE) throw new PacketDecodeError(layer, pos, `name is longer than ${MAX_NAME_WIRE} bytes`);
    labels.push(escapeLabel(buf, pos + 1, len));
    pos += 1 + len;
  }
  return { name: labels.join('.'), next: next < 0 ? pos : next };
}

function escapeLabel(buf: Uint8Array, start: number, len: number): string {
  let s = '';
  for (let i = start; i < start + len; i++) {
    const c = buf[i]!;
    if (c === 0x2e || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c <= 0x20 || c >= 0x7f) s += '\\' + c.toString().padStart(3, '0');
    else s += String.fromCharCode(c);
  }
  return s;
}

/** Splits text into wire labels, undoing the escapes. Throws RangeError for a name that cannot be encoded. */
export function dnsNameLabels(name: string): Uint8Array[] {
  if (name === '' || name === '.') return [];
  const text = name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
  const labels: Uint8Array[] = [];
  let cur: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c) {
      const dec = /^[0-9]{3}/.exec(text.slice(i + 1));
      if (dec) { cur.push(Number(dec[0]) & 0xff); i += 3; } else { cur.push(text.charCodeAt(++i)); }
    } else if (ch === 0x2e) {
      labels.push(Uint8Array.from(cur));
      cur = [];
    } else {
      if (ch > 0xff) throw new RangeError(`DNS name ${JSON.stringify(name)} has a non-Latin-1 character; use IDNA (punycode)`);
      cur.push(ch);
    }
  }
  labels.push(Uint8Array.from(cur));
  for (const l of labels) {
    if (l.length === 0) throw new RangeError(`DNS name ${JSON.stringify(name)} has an empty label`);
    if (l.length > 63) throw new RangeError(`DNS name ${JSON.stringify(name)} has a label longer than 63 bytes`);
  }
  if (labels.reduce((n, l) => n + l.length + 1, 1) > MAX_NAME_WIRE) {
    throw new RangeError(`DNS name ${JSON.stringify(name)} is longer than ${MAX_NAME_WIRE} bytes`);
  }
  return labels;
}

/** Output for one DNS message: bytes plus the offsets of names already written, for compression. */
export class DnsWriter {
  private bytes: number[] = [];
  private readonly suffixes = new Map<string, number>();

  get length(): number {
    return this.bytes.length;
  }

  u8(v: number): void { this.bytes.push(v & 0xff); }
  u16(v: number): void { this.bytes.push((v >>> 8) & 0xff, v & 0xff); }
  u32(v: number): void { this.bytes.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff); }
  raw(b: Uint8Array): void { for (const x of b) this.bytes.push(x); }

  patchU16(at: number, v: number): void {
    this.bytes[at] = (v >>> 8) & 0xff;
    this.bytes[at + 1] = v & 0xff;
  }

  /**
   * Writes a name, replacing the longest suffix already in the message with a pointer when
   * `compress` is set (RFC 3597 §4 limits that to names in well-known RR types).
   */
  name(name: string, compress: boolean): void {
    const labels = dnsNameLabels(name);
    for (let i = 0; i < labels.length; i++) {
      // Case-sensitive on purpose: a pointer reuses the earlier spelling, so matching case-insensitively
      // would change the case of later names and lose the byte-exact round trip.
      const key = labels.slice(i).map((l) => Buffer.from(l).toString('latin1')).join('.');
      const at = this.suffixes.get(key);
      if (compress && at !== undefined) {
        this.u16(0xc000 | at);
        return;
      }
      // Pointers have 14 bits; names written later in the message than that cannot be targets.
      if (this.bytes.length < 0x4000 && at === undefined) this.suffixes.set(key, this.bytes.length);
      this.u8(labels[i]!.length);
      this.raw(labels[i]!);
    }
    this.u8(0);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}
