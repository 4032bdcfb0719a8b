/**
 * The only error the packet decoders throw. It names the protocol layer ("ipv4", "tcp.options",
 * "dns.answer[2].name"), the byte offset from the start of the buffer handed to the top-level
 * decoder (so it lines up with a hex dump of the frame), and why the bytes were rejected.
 *
 * Cheap to make, on purpose: it carries no stack trace (`stack` is just "PacketDecodeError:
 * <message>", which V8 formats only if someone reads it). Decoders throw it for malformed input, which on the controller's packet-in path
 * is whatever a host chooses to send; capturing a stack per frame made a flood of bad frames
 * costly. The layer, offset and reason say where the problem is, which a stack would not (it
 * would name the decoder, and the decoders are few). Construction sets the fields and nothing
 * else; `message` is composed when read.
 */
export class PacketDecodeError extends Error {
  readonly layer: string;
  readonly offset: number;
  readonly reason: string;
  /** True when the input ended before the structure did (a short capture, not a bad value). */
  readonly truncated: boolean;

  constructor(layer: string, offset: number, reason: string, truncated = false) {
    // Error() captures a stack unless Error.stackTraceLimit is 0 while it runs; no message is
    // passed so no own `message` shadows the getter below. Error() with no argument cannot throw.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super();
    Error.stackTraceLimit = limit;
    this.layer = layer;
    this.offset = offset;
    this.reason = reason;
    this.truncated = truncated;
  }

  override get message(): string {
    return `${this.layer} at byte ${this.offset}: ${this.reason}`;
  }
}
Object.defineProperty(PacketDecodeError.prototype, 'name', { value: 'PacketDecodeError', writable: true, configurable: true, enumerable: false });

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
