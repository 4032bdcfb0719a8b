/**
 * Lists inside a message: reading one with the reader bounded to it, and for the 8-byte-aligned
 * TLVs (actions §7.2.5, instructions §7.2.4) the header checks and errors every element shares.
 */
import type { OfpDecodeError } from './decode-error.js';
import type { OfpReader } from './ofp-reader.js';

/**
 * Decodes entries back to back from the next `len` bytes of `r` (actions, instructions, buckets,
 * meter bands), with `r` itself bounded to them while they are read, so a list costs no
 * sub-reader. `decodeOne` gets the entry's index for its error messages. A list longer than what
 * is left is a truncation error naming `field`.
 */
export function readList<T>(r: OfpReader, len: number, field: string, decodeOne: (r: OfpReader, index: number) => T): T[] {
  r.need(len, field);
  const end = r.pos + len;
  const outerEnd = r.end;
  r.end = end;
  const out: T[] = [];
  try {
    while (r.pos < end) out.push(decodeOne(r, out.length));
  } finally {
    r.end = outerEnd;
  }
  return out;
}

/** What kind of TLV a list holds: its struct and constant prefix, and the OFPT_ERROR for a bad one. */
export interface TlvKind {
  /** "ofp_action", "ofp_instruction": error fields are `${struct}.len` and so on. */
  readonly struct: string;
  /** "OFPAT_", "OFPIT_". */
  readonly prefix: string;
  readonly errorType: number;
  readonly badLenCode: number;
}

/** The error for the TLV at `at`, with the reader moved back there. */
export function tlvError(r: OfpReader, at: number, kind: TlvKind, field: string, reason: string, code = kind.badLenCode): OfpDecodeError {
  r.pos = at;
  return r.error(`${kind.struct}.${field}`, reason, { type: kind.errorType, code });
}

/**
 * Checks the (type, len) header of the TLV at r.pos and returns its len; the caller reads the
 * type from the first two bytes. r.pos is then 4 past the header's start. A len under 8, not a
 * multiple of 8, or past what the list has left is the kind's BAD_LEN error.
 */
export function readTlvHeader(r: OfpReader, kind: TlvKind): number {
  const at = r.pos;
  const left = r.end - at;
  if (left < 4) throw tlvError(r, at, kind, 'header', `needs 4 bytes, ${left} left`);
  const len = (r.buf[at + 2]! << 8) | r.buf[at + 3]!;
  if (len < 8 || len % 8 !== 0) throw tlvError(r, at, kind, 'len', `length ${len} is not a positive multiple of 8`);
  if (len > left) throw tlvError(r, at, kind, 'len', `length ${len} exceeds the ${left} bytes left`);
  r.pos = at + 4;
  return len;
}

/** Throws the kind's BAD_LEN error unless a fixed-size TLV (`name`) has length `n`. */
export function wantLength(r: OfpReader, at: number, kind: TlvKind, name: string, len: number, n: number): void {
  if (len !== n) throw tlvError(r, at, kind, 'len', `${kind.prefix}${name} needs length ${n}, got ${len}`);
}
