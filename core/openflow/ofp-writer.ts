/**
 * A growable big-endian output buffer for encoding OpenFlow messages.
 *
 * One writer can be reused for many messages (`reset()`), so the hot encode paths allocate only
 * when the buffer has to grow. Length fields are written as placeholders and patched once the
 * structure's size is known (`patchU16`).
 */
export class OfpWriter {
  buf: Buffer;
  pos = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  reset(): this {
    this.pos = 0;
    return this;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
  }

  u16(v: number): void {
    this.ensure(2);
    this.buf.writeUInt16BE(v & 0xffff, this.pos);
    this.pos += 2;
  }

  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
  }

  u64(v: bigint): void {
    this.ensure(8);
    this.buf.writeBigUInt64BE(BigInt.asUintN(64, v), this.pos);
    this.pos += 8;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Writes `n` zero bytes (spec padding is always zero on output). */
  zeros(n: number): void {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
  }

  /** Writes a NUL-padded fixed-size string, truncated to n-1 bytes so it stays NUL-terminated. */
  fixedString(s: string, n: number): void {
    this.ensure(n);
    const written = this.buf.write(s, this.pos, n - 1, 'latin1');
    this.buf.fill(0, this.pos + written, this.pos + n);
    this.pos += n;
  }

  /** Pads with zeros up to the next multiple of `align` counted from `start`. */
  padTo(start: number, align: number): void {
    const len = this.pos - start;
    const pad = (align - (len % align)) % align;
    this.zeros(pad);
  }

  patchU16(at: number, v: number): void {
    this.buf.writeUInt16BE(v & 0xffff, at);
  }

  patchU32(at: number, v: number): void {
    this.buf.writeUInt32BE(v >>> 0, at);
  }

  /** A copy of what has been written (safe to keep after the writer is reused). */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }

  /** A view of what has been written; valid only until the next write or reset. */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
