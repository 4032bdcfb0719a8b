import { OFP_HEADER_LEN, OFP_MAX_MESSAGE_LEN } from './constants.js';
import { OfpDecodeError } from './decode-error.js';
import { OFPBRC, OFPET } from './error-codes.js';

/**
 * A bad ofp_header.length seen while framing a stream. Framing cannot resynchronise after it (the
 * length is the only delimiter TCP gives us), so the connection must answer with the OFPT_ERROR
 * this error carries and then close. `offending` holds the bytes of the bad message seen so far
 * (at most 64, what an OFPT_ERROR echoes back).
 */
export class OfpFramingError extends OfpDecodeError {
  // `name` stays 'OfpDecodeError' (the base fixes it); tell the two apart with instanceof.
  constructor(reason: string, readonly offending: Buffer) {
    super('?', 2, 'ofp_header.length', reason, { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN });
  }
}

export interface OfpFramerOptions {
  /** Longest message accepted; defaults to the protocol maximum (65535). */
  maxMessageLength?: number;
}

/**
 * Cuts a TCP byte stream into whole OpenFlow messages by ofp_header.length. It knows nothing of
 * versions or types, so it frames OF1.0 and OF1.3 alike, and it does no I/O: a connection pushes
 * each chunk it reads and gets back the messages the chunk completed.
 *
 * Ownership: a message that lies entirely inside one pushed chunk is returned as a view into that
 * chunk (no copy, the hot case); a message that spans chunks is assembled into a fresh Buffer.
 * Node hands every socket 'data' event a fresh Buffer, so views are safe there; a caller that
 * reuses its chunk buffers must copy what it keeps.
 *
 * Cost: every byte is copied at most once (only when its message spans chunks), so a message
 * arriving one byte at a time costs O(length), not O(length²).
 *
 * After an OfpFramingError the framer is poisoned: every later push throws the same error.
 */
export class OfpFramer {
  private readonly maxLength: number;
  /** Chunks (or chunk tails) holding the start of an incomplete message. */
  private parts: Buffer[] = [];
  private partsLength = 0;
  /** ofp_header.length of the incomplete message, 0 until its header is complete. */
  private expected = 0;
  private failure: OfpFramingError | undefined;

  constructor(options: OfpFramerOptions = {}) {
    this.maxLength = Math.min(options.maxMessageLength ?? OFP_MAX_MESSAGE_LEN, OFP_MAX_MESSAGE_LEN);
  }

  /** Bytes held for a message not yet complete. */
  get buffered(): number {
    return this.partsLength;
  }

  /** Feeds one chunk; returns the messages it completed, in stream order. */
  push(chunk: Buffer): Buffer[] {
    if (this.failure) throw this.failure;
    const out: Buffer[] = [];
    if (chunk.length === 0) return out;
    let rest = chunk;
    if (this.partsLength > 0) {
      const consumed = this.continuePending(chunk, out);
      if (consumed < 0) return out; // the chunk was absorbed into the pending message
      rest = chunk.subarray(consumed);
    }
    this.scan(rest, out);
    return out;
  }

  /**
   * Adds `chunk` to the pending message. Returns how many bytes of `chunk` completed it, or -1
   * when the whole chunk was kept because the message is still incomplete.
   */
  private continuePending(chunk: Buffer, out: Buffer[]): number {
    if (this.expected === 0) {
      // Header still incomplete: it is at most 7 + 1 bytes, so gathering it costs nothing.
      const need = OFP_HEADER_LEN - this.partsLength;
      if (chunk.length < need) {
        this.keep(chunk);
        return -1;
      }
      const header = Buffer.concat([...this.parts, chunk.subarray(0, need)], OFP_HEADER_LEN);
      this.expected = this.checkLength(header.readUInt16BE(2), header);
    }
    const missing = this.expected - this.partsLength;
    if (chunk.length < missing) {
      this.keep(chunk);
      return -1;
    }
    const msg = Buffer.allocUnsafe(this.expected);
    let at = 0;
    for (const p of this.parts) {
      p.copy(msg, at);
      at += p.length;
    }
    chunk.copy(msg, at, 0, missing);
    out.push(msg);
    this.parts = [];
    this.partsLength = 0;
    this.expected = 0;
    return missing;
  }

  /** Emits every whole message at the front of `buf`; keeps the tail as pending. */
  private scan(buf: Buffer, out: Buffer[]): void {
    let at = 0;
    while (buf.length - at >= OFP_HEADER_LEN) {
      const len = this.checkLength(buf.readUInt16BE(at + 2), buf.subarray(at));
      if (buf.length - at < len) {
        this.expected = len;
        break;
      }
      out.push(buf.subarray(at, at + len));
      at += len;
    }
    if (at < buf.length) this.keep(buf.subarray(at));
  }

  private keep(b: Buffer): void {
    this.parts.push(b);
    this.partsLength += b.length;
  }

  private checkLength(len: number, messageStart: Buffer): number {
    if (len >= OFP_HEADER_LEN && len <= this.maxLength) return len;
    const reason = len < OFP_HEADER_LEN
      ? `length ${len} is shorter than the 8-byte header`
      : `length ${len} exceeds the limit of ${this.maxLength}`;
    this.failure = new OfpFramingError(reason, Buffer.from(messageStart.subarray(0, 64)));
    this.parts = [];
    this.partsLength = 0;
    throw this.failure;
  }
}
