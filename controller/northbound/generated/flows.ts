import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from './google/protobuf/BoolValue.js';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from './google/protobuf/BytesValue.js';
import type { DoubleValue as _google_protobuf_DoubleValue, DoubleValue__Output as _google_protobuf_DoubleValue__Output } from './google/protobuf/DoubleValue.js';
import type { FloatValue as _google_protobuf_FloatValue, FloatValue__Output as _google_protobuf_FloatValue__Output } from './google/protobuf/FloatValue.js';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from './google/protobuf/Int32Value.js';
import type { Int64Value as _google_protobuf_Int64Value, Int64Value__Output as _google_protobuf_Int64Value__Output } from './google/protobuf/Int64Value.js';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue.js';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from './google/protobuf/UInt32Value.js';
import type { UInt64Value as _google_protobuf_UInt64Value, UInt64Value__Output as _google_protobuf_UInt64Value__Output } from './google/protobuf/UInt64Value.js';
import type { AddFlowRequest as _sluice_v1_AddFlowRequest, AddFlowRequest__Output as _sluice_v1_AddFlowRequest__Output } from './sluice/v1/AddFlowRequest.js';
import type { AddFlowResponse as _sluice_v1_AddFlowResponse, AddFlowResponse__Output as _sluice_v1_AddFlowResponse__Output } from './sluice/v1/AddFlowResponse.js';
import type { DeleteFlowsRequest as _sluice_v1_DeleteFlowsRequest, DeleteFlowsRequest__Output as _sluice_v1_DeleteFlowsRequest__Output } from './sluice/v1/DeleteFlowsRequest.js';
import type { DeleteFlowsResponse as _sluice_v1_DeleteFlowsResponse, DeleteFlowsResponse__Output as _sluice_v1_DeleteFlowsResponse__Output } from './sluice/v1/DeleteFlowsResponse.js';
import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from './sluice/v1/Dpid.js';
import type { Flow as _sluice_v1_Flow, Flow__Output as _sluice_v1_Flow__Output } from './sluice/v1/Flow.js';
import type { FlowsClient as _sluice_v1_FlowsClient, FlowsDefinition as _sluice_v1_FlowsDefinition } from './sluice/v1/Flows.js';
import type { LinkRef as _sluice_v1_LinkRef, LinkRef__Output as _sluice_v1_LinkRef__Output } from './sluice/v1/LinkRef.js';
import type { ListFlowsRequest as _sluice_v1_ListFlowsRequest, ListFlowsRequest__Output as _sluice_v1_ListFlowsRequest__Output } from './sluice/v1/ListFlowsRequest.js';
import type { ListFlowsResponse as _sluice_v1_ListFlowsResponse, ListFlowsResponse__Output as _sluice_v1_ListFlowsResponse__Output } from './sluice/v1/ListFlowsResponse.js';
import type { MatchField as _sluice_v1_MatchField, MatchField__Output as _sluice_v1_MatchField__Output } from './sluice/v1/MatchField.js';
import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from './sluice/v1/PortRef.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      BoolValue: MessageTypeDefinition<_google_protobuf_BoolValue, _google_protobuf_BoolValue__Output>
      BytesValue: MessageTypeDefinition<_google_protobuf_BytesValue, _google_protobuf_BytesValue__Output>
      DoubleValue: MessageTypeDefinition<_google_protobuf_DoubleValue, _google_protobuf_DoubleValue__Output>
      FloatValue: MessageTypeDefinition<_google_protobuf_FloatValue, _google_protobuf_FloatValue__Output>
      Int32Value: MessageTypeDefinition<_google_protobuf_Int32Value, _google_protobuf_Int32Value__Output>
      Int64Value: MessageTypeDefinition<_google_protobuf_Int64Value, _google_protobuf_Int64Value__Output>
      StringValue: MessageTypeDefinition<_google_protobuf_StringValue, _google_protobuf_StringValue__Output>
      UInt32Value: MessageTypeDefinition<_google_protobuf_UInt32Value, _google_protobuf_UInt32Value__Output>
      UInt64Value: MessageTypeDefinition<_google_protobuf_UInt64Value, _google_protobuf_UInt64Value__Output>
    }
  }
  sluice: {
    v1: {
      AddFlowRequest: MessageTypeDefinition<_sluice_v1_AddFlowRequest, _sluice_v1_AddFlowRequest__Output>
      AddFlowResponse: MessageTypeDefinition<_sluice_v1_AddFlowResponse, _sluice_v1_AddFlowResponse__Output>
      DeleteFlowsRequest: MessageTypeDefinition<_sluice_v1_DeleteFlowsRequest, _sluice_v1_DeleteFlowsRequest__Output>
      DeleteFlowsResponse: MessageTypeDefinition<_sluice_v1_DeleteFlowsResponse, _sluice_v1_DeleteFlowsResponse__Output>
      Dpid: MessageTypeDefinition<_sluice_v1_Dpid, _sluice_v1_Dpid__Output>
      Flow: MessageTypeDefinition<_sluice_v1_Flow, _sluice_v1_Flow__Output>
      /**
       * Flows: list, add and delete flow entries.
       */
      Flows: SubtypeConstructor<typeof grpc.Client, _sluice_v1_FlowsClient> & { service: _sluice_v1_FlowsDefinition }
      LinkRef: MessageTypeDefinition<_sluice_v1_LinkRef, _sluice_v1_LinkRef__Output>
      ListFlowsRequest: MessageTypeDefinition<_sluice_v1_ListFlowsRequest, _sluice_v1_ListFlowsRequest__Output>
      ListFlowsResponse: MessageTypeDefinition<_sluice_v1_ListFlowsResponse, _sluice_v1_ListFlowsResponse__Output>
      MatchField: MessageTypeDefinition<_sluice_v1_MatchField, _sluice_v1_MatchField__Output>
      PortRef: MessageTypeDefinition<_sluice_v1_PortRef, _sluice_v1_PortRef__Output>
      Severity: EnumTypeDefinition
    }
  }
}

