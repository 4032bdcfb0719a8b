import type { FrameBurst } from './port.js';

/**
 * A reusable buffer of packed frames plus their offset/length table — the layout the native
 * addon reads (sendBurst) and writes (recvBurst): `table[2i]` = offset, `table[2i+1]` = length.
 * Appending copies bytes; nothing is allocated per frame.
 */
export class FrameArena implements FrameBurst {
  readonly data: Uint8Array;
  readonly table: Uint32Array;
  /** The same bytes as a Buffer, whose copy() moves a range without allocating a view. */
  private readonly bytes: Buffer;
  private frames = 0;
  private used = 0;

  constructor(readonly capacityBytes: number, readonly maxFrames: number) {
    if (!Number.isInteger(capacityBytes) || capacityBytes <= 0) throw new RangeError(`capacityBytes ${capacityBytes}`);
    if (!Number.isInteger(maxFrames) || maxFrames <= 0) throw new RangeError(`maxFrames ${maxFrames}`);
    this.bytes = Buffer.alloc(capacityBytes);
    this.data = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, capacityBytes);
    this.table = new Uint32Array(maxFrames * 2);
  }

  get count(): number {
    return this.frames;
  }

  get usedBytes(): number {
    return this.used;
  }

  offset(i: number): number {
    return this.table[2 * i]!;
  }

  length(i: number): number {
    return this.table[2 * i + 1]!;
  }

  frame(i: number): Uint8Array {
    if (i < 0 || i >= this.frames) throw new RangeError(`frame ${i} of ${this.frames}`);
    const off = this.table[2 * i]!;
    return this.data.subarray(off, off + this.table[2 * i + 1]!);
  }

  /** True if a frame of this many bytes would fit now. */
  fits(length: number): boolean {
    return this.frames < this.maxFrames && this.used + length <= this.capacityBytes;
  }

  /** Copies `frame` in; false (nothing written) when it does not fit. */
  push(frame: Uint8Array): boolean {
    if (!this.fits(frame.length)) return false;
    this.data.set(frame, this.used);
    this.table[2 * this.frames] = this.used;
    this.table[2 * this.frames + 1] = frame.length;
    this.frames++;
    this.used += frame.length;
    return true;
  }

  /**
   * Copies frame i of another burst in, without creating a per-frame view (the forwarding path
   * moves whole bursts from one port to another). False when it does not fit.
   */
  pushFrom(source: FrameBurst, i: number): boolean {
    const length = source.length(i);
    if (!this.fits(length)) return false;
    const offset = source.offset(i);
    const src = source instanceof FrameArena ? source.bytes : asBuffer(source.data);
    src.copy(this.bytes, this.used, offset, offset + length);
    this.table[2 * this.frames] = this.used;
    this.table[2 * this.frames + 1] = length;
    this.frames++;
    this.used += length;
    return true;
  }

  /** Adopts `count` frames that someone else (the addon) wrote into data/table. */
  setFilled(count: number): void {
    if (count < 0 || count > this.maxFrames) throw new RangeError(`filled ${count} of ${this.maxFrames}`);
    this.frames = count;
    this.used = count === 0 ? 0 : this.offset(count - 1) + this.length(count - 1);
  }

  clear(): void {
    this.frames = 0;
    this.used = 0;
  }
}

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
