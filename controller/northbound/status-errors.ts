/**
 * Turns whatever a handler threw into the gRPC status the client should see. This is the one
 * place that decides codes, so every service answers the same way:
 *   FieldViolationError → INVALID_ARGUMENT (+ google.rpc.BadRequest details)
 *   NotFoundError → NOT_FOUND, UnavailableError → UNAVAILABLE,
 *   FailedPreconditionError → FAILED_PRECONDITION, anything else → INTERNAL.
 */
import { Metadata, status } from '@grpc/grpc-js';
import {
  FailedPreconditionError,
  FieldViolationError,
  NotFoundError,
  UnavailableError,
} from './backend-errors.js';
import { badRequestMetadata } from './status-details.js';

/** What grpc-js accepts as a failed call's status (unary callback error or stream 'error'). */
export interface StatusError {
  code: status;
  details: string;
  metadata: Metadata;
}

export function toStatusError(err: unknown): StatusError {
  if (err instanceof FieldViolationError) {
    const details = `invalid request: ${err.message}`;
    return { code: status.INVALID_ARGUMENT, details, metadata: badRequestMetadata(status.INVALID_ARGUMENT, details, err.violations) };
  }
  if (err instanceof NotFoundError) return plain(status.NOT_FOUND, err.message);
  if (err instanceof UnavailableError) return plain(status.UNAVAILABLE, err.message);
  if (err instanceof FailedPreconditionError) return plain(status.FAILED_PRECONDITION, err.message);
  return plain(status.INTERNAL, err instanceof Error ? `internal error: ${err.message}` : 'internal error');
}

function plain(code: status, details: string): StatusError {
  return { code, details, metadata: new Metadata() };
}
