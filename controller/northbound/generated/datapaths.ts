import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Datapath as _sluice_v1_Datapath, Datapath__Output as _sluice_v1_Datapath__Output } from './sluice/v1/Datapath.js';
import type { DatapathsClient as _sluice_v1_DatapathsClient, DatapathsDefinition as _sluice_v1_DatapathsDefinition } from './sluice/v1/Datapaths.js';
import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from './sluice/v1/Dpid.js';
import type { GetDatapathRequest as _sluice_v1_GetDatapathRequest, GetDatapathRequest__Output as _sluice_v1_GetDatapathRequest__Output } from './sluice/v1/GetDatapathRequest.js';
import type { GetPortStatsRequest as _sluice_v1_GetPortStatsRequest, GetPortStatsRequest__Output as _sluice_v1_GetPortStatsRequest__Output } from './sluice/v1/GetPortStatsRequest.js';
import type { GetPortStatsResponse as _sluice_v1_GetPortStatsResponse, GetPortStatsResponse__Output as _sluice_v1_GetPortStatsResponse__Output } from './sluice/v1/GetPortStatsResponse.js';
import type { LinkRef as _sluice_v1_LinkRef, LinkRef__Output as _sluice_v1_LinkRef__Output } from './sluice/v1/LinkRef.js';
import type { ListDatapathsRequest as _sluice_v1_ListDatapathsRequest, ListDatapathsRequest__Output as _sluice_v1_ListDatapathsRequest__Output } from './sluice/v1/ListDatapathsRequest.js';
import type { ListDatapathsResponse as _sluice_v1_ListDatapathsResponse, ListDatapathsResponse__Output as _sluice_v1_ListDatapathsResponse__Output } from './sluice/v1/ListDatapathsResponse.js';
import type { ListPortsRequest as _sluice_v1_ListPortsRequest, ListPortsRequest__Output as _sluice_v1_ListPortsRequest__Output } from './sluice/v1/ListPortsRequest.js';
import type { ListPortsResponse as _sluice_v1_ListPortsResponse, ListPortsResponse__Output as _sluice_v1_ListPortsResponse__Output } from './sluice/v1/ListPortsResponse.js';
import type { OpenFlowError as _sluice_v1_OpenFlowError, OpenFlowError__Output as _sluice_v1_OpenFlowError__Output } from './sluice/v1/OpenFlowError.js';
import type { Port as _sluice_v1_Port, Port__Output as _sluice_v1_Port__Output } from './sluice/v1/Port.js';
import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from './sluice/v1/PortRef.js';
import type { PortStats as _sluice_v1_PortStats, PortStats__Output as _sluice_v1_PortStats__Output } from './sluice/v1/PortStats.js';
import type { SendOpenFlowRequest as _sluice_v1_SendOpenFlowRequest, SendOpenFlowRequest__Output as _sluice_v1_SendOpenFlowRequest__Output } from './sluice/v1/SendOpenFlowRequest.js';
import type { SendOpenFlowResponse as _sluice_v1_SendOpenFlowResponse, SendOpenFlowResponse__Output as _sluice_v1_SendOpenFlowResponse__Output } from './sluice/v1/SendOpenFlowResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  sluice: {
    v1: {
      Datapath: MessageTypeDefinition<_sluice_v1_Datapath, _sluice_v1_Datapath__Output>
      /**
       * Datapaths: the OpenFlow view of each switch.
       */
      Datapaths: SubtypeConstructor<typeof grpc.Client, _sluice_v1_DatapathsClient> & { service: _sluice_v1_DatapathsDefinition }
      Dpid: MessageTypeDefinition<_sluice_v1_Dpid, _sluice_v1_Dpid__Output>
      GetDatapathRequest: MessageTypeDefinition<_sluice_v1_GetDatapathRequest, _sluice_v1_GetDatapathRequest__Output>
      GetPortStatsRequest: MessageTypeDefinition<_sluice_v1_GetPortStatsRequest, _sluice_v1_GetPortStatsRequest__Output>
      GetPortStatsResponse: MessageTypeDefinition<_sluice_v1_GetPortStatsResponse, _sluice_v1_GetPortStatsResponse__Output>
      LinkRef: MessageTypeDefinition<_sluice_v1_LinkRef, _sluice_v1_LinkRef__Output>
      ListDatapathsRequest: MessageTypeDefinition<_sluice_v1_ListDatapathsRequest, _sluice_v1_ListDatapathsRequest__Output>
      ListDatapathsResponse: MessageTypeDefinition<_sluice_v1_ListDatapathsResponse, _sluice_v1_ListDatapathsResponse__Output>
      ListPortsRequest: MessageTypeDefinition<_sluice_v1_ListPortsRequest, _sluice_v1_ListPortsRequest__Output>
      ListPortsResponse: MessageTypeDefinition<_sluice_v1_ListPortsResponse, _sluice_v1_ListPortsResponse__Output>
      OpenFlowError: MessageTypeDefinition<_sluice_v1_OpenFlowError, _sluice_v1_OpenFlowError__Output>
      Port: MessageTypeDefinition<_sluice_v1_Port, _sluice_v1_Port__Output>
      PortRef: MessageTypeDefinition<_sluice_v1_PortRef, _sluice_v1_PortRef__Output>
      PortStats: MessageTypeDefinition<_sluice_v1_PortStats, _sluice_v1_PortStats__Output>
      SendOpenFlowRequest: MessageTypeDefinition<_sluice_v1_SendOpenFlowRequest, _sluice_v1_SendOpenFlowRequest__Output>
      SendOpenFlowResponse: MessageTypeDefinition<_sluice_v1_SendOpenFlowResponse, _sluice_v1_SendOpenFlowResponse__Output>
      Severity: EnumTypeDefinition
    }
  }
}

