import type { FrameBurst } from './port.js';

/**
 * A reusable buffer of packed frames plus their offset/length table — the layout the native
 * addon reads (sendBurst) and writes (recvBurst): `table[2i]` = offset, `table[2i+1]` = length.
 * Appending copies bytes; nothing is allocated per frame.
 */
export class FrameArena implements FrameBurst {
  readonly data: Uint8Array;
  readonly table: Uint32Array;
  private frames = 0;
  private used = 0;

  constructor(readonly capacityBytes: number, readonly maxFrames: number) {
    if (!Number.isInteger(capacityBytes) || capacityBytes <= 0) throw new RangeError(`capacityBytes ${capacityBytes}`);
    if (!Number.isInteger(maxFrames) || maxFrames <= 0) throw new RangeError(`maxFrames ${maxFrames}`);
    this.data = new Uint8Array(capacityBytes);
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

/** Iterates a burst or an array of frames the same way. */
export function* framesOf(frames: FrameBurst | readonly Uint8Array[]): Iterable<Uint8Array> {
  if (Array.isArray(frames)) {
    yield* frames as readonly Uint8Array[];
    return;
  }
  const burst = frames as FrameBurst;
  for (let i = 0; i < burst.count; i++) yield burst.frame(i);
}
