/**
 * Thrown when a value handed to an encoder cannot be put on the wire (a MAC string that is not a
 * MAC, a port number wider than 32 bits, a field name the codec does not know). Decoded input never
 * causes it: anything a decoder produced re-encodes. It names the structure and field so the caller
 * that built the bad value can be found.
 */
export class OfpEncodeError extends Error {
  override readonly name = 'OfpEncodeError';

  constructor(
    /** Structure and field being encoded, e.g. "oxm eth_dst.value". */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`cannot encode ${field}: ${reason}`);
  }
}
