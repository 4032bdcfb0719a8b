// Original file: sluice/v1/flows.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddFlowRequest as _sluice_v1_AddFlowRequest, AddFlowRequest__Output as _sluice_v1_AddFlowRequest__Output } from '../../sluice/v1/AddFlowRequest.js';
import type { AddFlowResponse as _sluice_v1_AddFlowResponse, AddFlowResponse__Output as _sluice_v1_AddFlowResponse__Output } from '../../sluice/v1/AddFlowResponse.js';
import type { DeleteFlowsRequest as _sluice_v1_DeleteFlowsRequest, DeleteFlowsRequest__Output as _sluice_v1_DeleteFlowsRequest__Output } from '../../sluice/v1/DeleteFlowsRequest.js';
import type { DeleteFlowsResponse as _sluice_v1_DeleteFlowsResponse, DeleteFlowsResponse__Output as _sluice_v1_DeleteFlowsResponse__Output } from '../../sluice/v1/DeleteFlowsResponse.js';
import type { ListFlowsRequest as _sluice_v1_ListFlowsRequest, ListFlowsRequest__Output as _sluice_v1_ListFlowsRequest__Output } from '../../sluice/v1/ListFlowsRequest.js';
import type { ListFlowsResponse as _sluice_v1_ListFlowsResponse, ListFlowsResponse__Output as _sluice_v1_ListFlowsResponse__Output } from '../../sluice/v1/ListFlowsResponse.js';

/**
 * Flows: list, add and delete flow entries.
 */
export interface FlowsClient extends grpc.Client {
  /**
   * Installs one flow entry (OFPFC_ADD). UNAVAILABLE if the switch is disconnected.
   */
  Add(argument: _sluice_v1_AddFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AddFlowResponse__Output>): grpc.ClientUnaryCall;
  Add(argument: _sluice_v1_AddFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AddFlowResponse__Output>): grpc.ClientUnaryCall;
  Add(argument: _sluice_v1_AddFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AddFlowResponse__Output>): grpc.ClientUnaryCall;
  Add(argument: _sluice_v1_AddFlowRequest, callback: grpc.requestCallback<_sluice_v1_AddFlowResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Installs one flow entry (OFPFC_ADD). UNAVAILABLE if the switch is disconnected.
   */
  add(argument: _sluice_v1_AddFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AddFlowResponse__Output>): grpc.ClientUnaryCall;
  add(argument: _sluice_v1_AddFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_AddFlowResponse__Output>): grpc.ClientUnaryCall;
  add(argument: _sluice_v1_AddFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_AddFlowResponse__Output>): grpc.ClientUnaryCall;
  add(argument: _sluice_v1_AddFlowRequest, callback: grpc.requestCallback<_sluice_v1_AddFlowResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes flow entries (OFPFC_DELETE, or OFPFC_DELETE_STRICT when strict is set).
   */
  Delete(argument: _sluice_v1_DeleteFlowsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DeleteFlowsResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _sluice_v1_DeleteFlowsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_DeleteFlowsResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _sluice_v1_DeleteFlowsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DeleteFlowsResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _sluice_v1_DeleteFlowsRequest, callback: grpc.requestCallback<_sluice_v1_DeleteFlowsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes flow entries (OFPFC_DELETE, or OFPFC_DELETE_STRICT when strict is set).
   */
  delete(argument: _sluice_v1_DeleteFlowsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DeleteFlowsResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _sluice_v1_DeleteFlowsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_DeleteFlowsResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _sluice_v1_DeleteFlowsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_DeleteFlowsResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _sluice_v1_DeleteFlowsRequest, callback: grpc.requestCallback<_sluice_v1_DeleteFlowsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Flow entries matching the filter, as recorded by the controller.
   */
  List(argument: _sluice_v1_ListFlowsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListFlowsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListFlowsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListFlowsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListFlowsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListFlowsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListFlowsRequest, callback: grpc.requestCallback<_sluice_v1_ListFlowsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Flow entries matching the filter, as recorded by the controller.
   */
  list(argument: _sluice_v1_ListFlowsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListFlowsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListFlowsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListFlowsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListFlowsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListFlowsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListFlowsRequest, callback: grpc.requestCallback<_sluice_v1_ListFlowsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Flows: list, add and delete flow entries.
 */
export interface FlowsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Installs one flow entry (OFPFC_ADD). UNAVAILABLE if the switch is disconnected.
   */
  Add: grpc.handleUnaryCall<_sluice_v1_AddFlowRequest__Output, _sluice_v1_AddFlowResponse>;
  
  /**
   * Removes flow entries (OFPFC_DELETE, or OFPFC_DELETE_STRICT when strict is set).
   */
  Delete: grpc.handleUnaryCall<_sluice_v1_DeleteFlowsRequest__Output, _sluice_v1_DeleteFlowsResponse>;
  
  /**
   * Flow entries matching the filter, as recorded by the controller.
   */
  List: grpc.handleUnaryCall<_sluice_v1_ListFlowsRequest__Output, _sluice_v1_ListFlowsResponse>;
  
}

export interface FlowsDefinition extends grpc.ServiceDefinition {
  Add: MethodDefinition<_sluice_v1_AddFlowRequest, _sluice_v1_AddFlowResponse, _sluice_v1_AddFlowRequest__Output, _sluice_v1_AddFlowResponse__Output>
  Delete: MethodDefinition<_sluice_v1_DeleteFlowsRequest, _sluice_v1_DeleteFlowsResponse, _sluice_v1_DeleteFlowsRequest__Output, _sluice_v1_DeleteFlowsResponse__Output>
  List: MethodDefinition<_sluice_v1_ListFlowsRequest, _sluice_v1_ListFlowsResponse, _sluice_v1_ListFlowsRequest__Output, _sluice_v1_ListFlowsResponse__Output>
}
