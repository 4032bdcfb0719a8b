import { OfpDecodeError } from './decode-error.js';
import { OFPBRC, OFPET, type OfpErrorCode } from './error-codes.js';

/**
 * A bounds-checked big-endian cursor over one OpenFlow message.
 *
 * Every read names the field it reads so a short or bad input becomes an OfpDecodeError that says
 * which field of which message at which offset. Offsets in errors are relative to the message
 * start, which is what a human comparing with a hex dump wants.
 */
export class OfpReader {
  /** Absolute index of the next byte in `buf`. */
  pos: number;
  /** Absolute index one past the last readable byte. */
  end: number;

  constructor(
    readonly buf: Buffer,
    /** Absolute index of the first byte of the message (for error offsets). */
    readonly base = 0,
    end = buf.length,
    /** Spec name of the message being decoded, used in errors. */
    public msgType = '?',
  ) {
    this.pos = base;
    this.end = end;
  }

  /** Bytes left before `end`. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Offset of the cursor from the message start. */
  get offset(): number {
    return this.pos - this.base;
  }

  /** Throws a truncation error unless `n` bytes remain. */
  need(n: number, field: string): void {
    if (this.pos + n > this.end) {
      throw new OfpDecodeError(
        this.msgType, this.offset, field,
        `needs ${n} bytes, ${this.end - this.pos} left`,
        { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN }, true,
      );
    }
  }

  /** Builds (does not throw) an error at the current offset. */
  error(field: string, reason: string, ofpError?: OfpErrorCode): OfpDecodeError {
    return new OfpDecodeError(this.msgType, this.offset, field, reason, ofpError);
  }

  u8(field: string): number {
    this.need(1, field);
    return this.buf[this.pos++]!;
  }

  // Reads index the bytes directly: Buffer#readUInt16BE/32BE re-check bounds `need` has checked.
  u16(field: string): number {
    this.need(2, field);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 2;
    return (b[p]! << 8) | b[p + 1]!;
  }

  u32(field: string): number {
    this.need(4, field);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  u64(field: string): bigint {
    this.need(8, field);
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A copy of the next `n` bytes (copied so decoded messages never alias a reused receive buffer). */
  bytes(n: number, field: string): Buffer {
    this.need(n, field);
    // allocUnsafe + set costs about half of Buffer.from(subarray) for frame-sized copies.
    const out = Buffer.allocUnsafe(n);
    out.set(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  /** A NUL-padded fixed-size string field (e.g. ofp_port.name, 16 bytes). */
  fixedString(n: number, field: string): string {
    this.need(n, field);
    const raw = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    const nul = raw.indexOf(0);
    return raw.toString('latin1', 0, nul < 0 ? n : nul);
  }

  skip(n: number, field: string): void {
    this.need(n, field);
    this.pos += n;
  }

  /**
   * A reader over the next `len` bytes (a sub-structure with its own length field); the parent
   * cursor moves past them. The child shares the message base so error offsets stay absolute.
   */
  sub(len: number, field: string): OfpReader {
    this.need(len, field);
    const child = new OfpReader(this.buf, this.base, this.pos + len, this.msgType);
    child.pos = this.pos;
    this.pos += len;
    return child;
  }
}
