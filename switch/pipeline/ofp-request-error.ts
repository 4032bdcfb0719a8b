/**
 * The one error the datapath throws while handling a controller request: it carries the
 * OFPT_ERROR type and code the controller must receive (OF1.3.5 §7.4.4). `Datapath.handle`
 * turns it into an ERROR message with the first 64 bytes of the offending request.
 */
import type { OfpErrorCode } from '../../core/openflow/error-codes.js';

export class OfpRequestError extends Error {
  override readonly name = 'OfpRequestError';

  constructor(readonly type: number, readonly code: number, message: string) {
    super(message);
  }

  get ofpError(): OfpErrorCode {
    return { type: this.type, code: this.code };
  }
}

/** Shorthand used by validators: `throw ofpError(OFPET.BAD_MATCH, OFPBMC.BAD_PREREQ, '...')`. */
export function ofpError(type: number, code: number, message: string): OfpRequestError {
  return new OfpRequestError(type, code, message);
}
