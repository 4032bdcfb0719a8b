// Original file: sluice/v1/paths.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ComputePathsRequest as _sluice_v1_ComputePathsRequest, ComputePathsRequest__Output as _sluice_v1_ComputePathsRequest__Output } from '../../sluice/v1/ComputePathsRequest.js';
import type { ComputePathsResponse as _sluice_v1_ComputePathsResponse, ComputePathsResponse__Output as _sluice_v1_ComputePathsResponse__Output } from '../../sluice/v1/ComputePathsResponse.js';

/**
 * Paths: routes between hosts or switches.
 */
export interface PathsClient extends grpc.Client {
  /**
   * Computes one or more paths. NOT_FOUND if an endpoint is unknown; an empty list if the
   * endpoints are known but not connected under the constraints.
   */
  Compute(argument: _sluice_v1_ComputePathsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ComputePathsResponse__Output>): grpc.ClientUnaryCall;
  Compute(argument: _sluice_v1_ComputePathsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ComputePathsResponse__Output>): grpc.ClientUnaryCall;
  Compute(argument: _sluice_v1_ComputePathsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ComputePathsResponse__Output>): grpc.ClientUnaryCall;
  Compute(argument: _sluice_v1_ComputePathsRequest, callback: grpc.requestCallback<_sluice_v1_ComputePathsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Computes one or more paths. NOT_FOUND if an endpoint is unknown; an empty list if the
   * endpoints are known but not connected under the constraints.
   */
  compute(argument: _sluice_v1_ComputePathsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ComputePathsResponse__Output>): grpc.ClientUnaryCall;
  compute(argument: _sluice_v1_ComputePathsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ComputePathsResponse__Output>): grpc.ClientUnaryCall;
  compute(argument: _sluice_v1_ComputePathsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ComputePathsResponse__Output>): grpc.ClientUnaryCall;
  compute(argument: _sluice_v1_ComputePathsRequest, callback: grpc.requestCallback<_sluice_v1_ComputePathsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Paths: routes between hosts or switches.
 */
export interface PathsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Computes one or more paths. NOT_FOUND if an endpoint is unknown; an empty list if the
   * endpoints are known but not connected under the constraints.
   */
  Compute: grpc.handleUnaryCall<_sluice_v1_ComputePathsRequest__Output, _sluice_v1_ComputePathsResponse>;
  
}

export interface PathsDefinition extends grpc.ServiceDefinition {
  Compute: MethodDefinition<_sluice_v1_ComputePathsRequest, _sluice_v1_ComputePathsResponse, _sluice_v1_ComputePathsRequest__Output, _sluice_v1_ComputePathsResponse__Output>
}
