import { OFPBRC, OFPET, type OfpErrorCode } from './error-codes.js';

/**
 * The only error the OpenFlow decoder throws. It names where decoding stopped (message type,
 * byte offset from the start of the message, field) and carries the OFPT_ERROR type/code a peer
 * should receive, so a connection can answer bad input instead of dying on it.
 */
export class OfpDecodeError extends Error {
  override readonly name = 'OfpDecodeError';

  constructor(
    /** Message type name as in the spec (e.g. "OFPT_FLOW_MOD"), or "?" when the header itself is bad. */
    readonly msgType: string,
    /** Byte offset from the start of the message where the problem was found. */
    readonly offset: number,
    /** Field or structure being decoded (e.g. "ofp_match.oxm[2].length"). */
    readonly field: string,
    readonly reason: string,
    /** The OFPT_ERROR a peer should get for this input. */
    readonly ofpError: OfpErrorCode = { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN },
    /** True when the input ended before the structure did (a short read, not a bad value). */
    readonly truncated = false,
  ) {
    super(`${msgType} at byte ${offset} (${field}): ${reason}`);
  }
}
