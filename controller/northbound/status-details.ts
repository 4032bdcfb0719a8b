/**
 * Structured error details in the standard gRPC way: a serialized google.rpc.Status in the
 * "grpc-status-details-bin" trailer, carrying a google.rpc.BadRequest for INVALID_ARGUMENT. Any
 * gRPC client (grpcurl, Python's grpc_status, Go's status.FromError) can read the field
 * violations without knowing sluice.
 *
 * Encoded with protobufjs from proto/google/rpc/*.proto, so no googleapis package is needed.
 */
import { join } from 'node:path';
import { Metadata } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import type { FieldViolation } from './backend-errors.js';
import { protoRoot } from './proto-package.js';

export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
const BAD_REQUEST_TYPE_URL = 'type.googleapis.com/google.rpc.BadRequest';

interface RpcTypes {
  status: protobuf.Type;
  badRequest: protobuf.Type;
}

let types: RpcTypes | undefined;

function rpcTypes(): RpcTypes {
  if (!types) {
    const root = new protobuf.Root();
    const dir = protoRoot();
    // google/protobuf/* resolve to protobufjs's bundled well-known types; the rest to our root.
    root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : join(dir, target));
    root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });
    types = {
      status: root.lookupType('google.rpc.Status'),
      badRequest: root.lookupType('google.rpc.BadRequest'),
    };
  }
  return types;
}

/** Trailing metadata carrying a google.rpc.Status with one BadRequest detail. */
export function badRequestMetadata(code: number, message: string, violations: readonly FieldViolation[]): Metadata {
  const { status, badRequest } = rpcTypes();
  const detail = badRequest.encode(badRequest.fromObject({ field_violations: violations })).finish();
  const encoded = status
    .encode(status.fromObject({ code, message, details: [{ type_url: BAD_REQUEST_TYPE_URL, value: detail }] }))
    .finish();
  const md = new Metadata();
  md.set(STATUS_DETAILS_KEY, Buffer.from(encoded));
  return md;
}

/**
 * The field violations in a failed call's trailers, or [] if there are none. Never throws: a
 * client reading details from an unknown server must not crash on malformed bytes.
 */
export function fieldViolationsOf(metadata: Metadata | undefined): FieldViolation[] {
  const raw = metadata?.get(STATUS_DETAILS_KEY)[0];
  if (!Buffer.isBuffer(raw)) return [];
  try {
    const { status, badRequest } = rpcTypes();
    const decoded = status.toObject(status.decode(raw), { defaults: true }) as {
      details: { type_url: string; value: Uint8Array }[];
    };
    const out: FieldViolation[] = [];
    for (const any of decoded.details) {
      if (any.type_url !== BAD_REQUEST_TYPE_URL) continue;
      const br = badRequest.toObject(badRequest.decode(any.value), { defaults: true }) as {
        field_violations: FieldViolation[];
      };
      for (const v of br.field_violations) out.push({ field: v.field, description: v.description });
    }
    return out;
  } catch {
    return [];
  }
}
