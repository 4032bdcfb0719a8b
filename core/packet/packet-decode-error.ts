/**
 * The only error the packet decoders throw. It names the protocol layer ("ipv4", "tcp.options",
 * "dns.answer[2].name"), the byte offset from the start of the buffer handed to the top-level
 * decoder (so it lines up with a hex dump of the frame), and why the bytes were rejected.
 */
export class PacketDecodeError extends Error {
  override readonly name = 'PacketDecodeError';

  constructor(
    readonly layer: string,
    readonly offset: number,
    readonly reason: string,
    /** True when the input ended before the structure did (a short capture, not a bad value). */
    readonly truncated = false,
  ) {
    super(`${layer} at byte ${offset}: ${reason}`);
  }
}

/** Throws a truncation error unless `n` bytes are available at `offset` before `end`. */
export function needBytes(layer: string, offset: number, n: number, end: number): void {
  if (offset + n > end) {
    throw new PacketDecodeError(layer, offset, `needs ${n} bytes, ${Math.max(0, end - offset)} left`, true);
  }
}

/** Clamps a caller-supplied end to the buffer, so `end` arguments can never read past it. */
export function clampEnd(buf: Uint8Array, end: number | undefined): number {
  return end === undefined || end > buf.length ? buf.length : end;
}
