/**
 * Errors a backend throws to tell the client something precise. Each maps to one gRPC status code
 * in `status-errors.ts`; anything else a backend throws becomes INTERNAL.
 *
 * They live beside the backend interfaces (not in the gRPC code) so the controller can throw them
 * without importing grpc-js.
 */

/** The named thing does not exist: unknown dpid, host, plugin, owner. → NOT_FOUND */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    /** What kind of thing: "datapath", "host", "plugin". */
    readonly what: string,
    /** The identifier as the client gave it. */
    readonly id: string,
  ) {
    super(`${what} ${id} not found`);
  }
}

/** The thing exists but cannot be reached now: switch disconnected or silent. → UNAVAILABLE */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}

/** The request is well-formed but the system is not in a state to do it. → FAILED_PRECONDITION */
export class FailedPreconditionError extends Error {
  override readonly name = 'FailedPreconditionError';
}

/** One invalid field of a request, named by its path ("match[2].value"). */
export interface FieldViolation {
  field: string;
  description: string;
}

/** The request has invalid fields. → INVALID_ARGUMENT with google.rpc.BadRequest details */
export class FieldViolationError extends Error {
  override readonly name = 'FieldViolationError';
  readonly violations: readonly FieldViolation[];

  constructor(violations: readonly FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join('; '));
    this.violations = violations;
  }
}
