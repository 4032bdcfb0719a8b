// Original file: google/rpc/status.proto

import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from '../../google/protobuf/Any.js';

/**
 * The status of a failed call.
 */
export interface Status {
  /**
   * The gRPC status code (same as grpc-status).
   */
  'code'?: (number);
  /**
   * The developer-facing error message (same as grpc-message).
   */
  'message'?: (string);
  /**
   * Typed details; sluice sends google.rpc.BadRequest for INVALID_ARGUMENT.
   */
  'details'?: (_google_protobuf_Any)[];
}

/**
 * The status of a failed call.
 */
export interface Status__Output {
  /**
   * The gRPC status code (same as grpc-status).
   */
  'code': (number);
  /**
   * The developer-facing error message (same as grpc-message).
   */
  'message': (string);
  /**
   * Typed details; sluice sends google.rpc.BadRequest for INVALID_ARGUMENT.
   */
  'details': (_google_protobuf_Any__Output)[];
}
