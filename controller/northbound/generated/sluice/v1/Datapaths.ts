// Original file: sluice/v1/datapaths.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Datapath as _sluice_v1_Datapath, Datapath__Output as _sluice_v1_Datapath__Output } from '../../sluice/v1/Datapath.js';
import type { GetDatapathRequest as _sluice_v1_GetDatapathRequest, GetDatapathRequest__Output as _sluice_v1_GetDatapathRequest__Output } from '../../sluice/v1/GetDatapathRequest.js';
import type { GetPortStatsRequest as _sluice_v1_GetPortStatsRequest, GetPortStatsRequest__Output as _sluice_v1_GetPortStatsRequest__Output } from '../../sluice/v1/GetPortStatsRequest.js';
import type { GetPortStatsResponse as _sluice_v1_GetPortStatsResponse, GetPortStatsResponse__Output as _sluice_v1_GetPortStatsResponse__Output } from '../../sluice/v1/GetPortStatsResponse.js';
import type { ListDatapathsRequest as _sluice_v1_ListDatapathsRequest, ListDatapathsRequest__Output as _sluice_v1_ListDatapathsRequest__Output } from '../../sluice/v1/ListDatapathsRequest.js';
import type { ListDatapathsResponse as _sluice_v1_ListDatapathsResponse, ListDatapathsResponse__Output as _sluice_v1_ListDatapathsResponse__Output } from '../../sluice/v1/ListDatapathsResponse.js';
import type { ListPortsRequest as _sluice_v1_ListPortsRequest, ListPortsRequest__Output as _sluice_v1_ListPortsRequest__Output } from '../../sluice/v1/ListPortsRequest.js';
import type { ListPortsResponse as _sluice_v1_ListPortsResponse, ListPortsResponse__Output as _sluice_v1_ListPortsResponse__Output } from '../../sluice/v1/ListPortsResponse.js';
import type { SendOpenFlowRequest as _sluice_v1_SendOpenFlowRequest, SendOpenFlowRequest__Output as _sluice_v1_SendOpenFlowRequest__Output } from '../../sluice/v1/SendOpenFlowRequest.js';
import type { SendOpenFlowResponse as _sluice_v1_SendOpenFlowResponse, SendOpenFlowResponse__Output as _sluice_v1_SendOpenFlowResponse__Output } from '../../sluice/v1/SendOpenFlowResponse.js';

/**
 * Datapaths: the OpenFlow view of each switch.
 */
export interface DatapathsClient extends grpc.Client {
  /**
   * One datapath. NOT_FOUND if the controller never saw it.
   */
  Get(argument: _sluice_v1_GetDatapathRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Datapath__Output>): grpc.ClientUnaryCall;
  Get(argument: _sluice_v1_GetDatapathRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Datapath__Output>): grpc.ClientUnaryCall;
  Get(argument: _sluice_v1_GetDatapathRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Datapath__Output>): grpc.ClientUnaryCall;
  Get(argument: _sluice_v1_GetDatapathRequest, callback: grpc.requestCallback<_sluice_v1_Datapath__Output>): grpc.ClientUnaryCall;
  /**
   * One datapath. NOT_FOUND if the controller never saw it.
   */
  get(argument: _sluice_v1_GetDatapathRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Datapath__Output>): grpc.ClientUnaryCall;
  get(argument: _sluice_v1_GetDatapathRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Datapath__Output>): grpc.ClientUnaryCall;
  get(argument: _sluice_v1_GetDatapathRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Datapath__Output>): grpc.ClientUnaryCall;
  get(argument: _sluice_v1_GetDatapathRequest, callback: grpc.requestCallback<_sluice_v1_Datapath__Output>): grpc.ClientUnaryCall;
  
  /**
   * Fresh port counters fetched from the switch (OFPMP_PORT_STATS). UNAVAILABLE if it is disconnected.
   */
  GetPortStats(argument: _sluice_v1_GetPortStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetPortStatsResponse__Output>): grpc.ClientUnaryCall;
  GetPortStats(argument: _sluice_v1_GetPortStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetPortStatsResponse__Output>): grpc.ClientUnaryCall;
  GetPortStats(argument: _sluice_v1_GetPortStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetPortStatsResponse__Output>): grpc.ClientUnaryCall;
  GetPortStats(argument: _sluice_v1_GetPortStatsRequest, callback: grpc.requestCallback<_sluice_v1_GetPortStatsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Fresh port counters fetched from the switch (OFPMP_PORT_STATS). UNAVAILABLE if it is disconnected.
   */
  getPortStats(argument: _sluice_v1_GetPortStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetPortStatsResponse__Output>): grpc.ClientUnaryCall;
  getPortStats(argument: _sluice_v1_GetPortStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_GetPortStatsResponse__Output>): grpc.ClientUnaryCall;
  getPortStats(argument: _sluice_v1_GetPortStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_GetPortStatsResponse__Output>): grpc.ClientUnaryCall;
  getPortStats(argument: _sluice_v1_GetPortStatsRequest, callback: grpc.requestCallback<_sluice_v1_GetPortStatsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Every datapath the controller knows, connected or recently disconnected.
   */
  List(argument: _sluice_v1_ListDatapathsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListDatapathsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListDatapathsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListDatapathsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListDatapathsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListDatapathsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListDatapathsRequest, callback: grpc.requestCallback<_sluice_v1_ListDatapathsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Every datapath the controller knows, connected or recently disconnected.
   */
  list(argument: _sluice_v1_ListDatapathsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListDatapathsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListDatapathsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListDatapathsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListDatapathsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListDatapathsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListDatapathsRequest, callback: grpc.requestCallback<_sluice_v1_ListDatapathsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The ports of one datapath as last reported (OFPMP_PORT_DESC and OFPT_PORT_STATUS).
   */
  ListPorts(argument: _sluice_v1_ListPortsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListPortsResponse__Output>): grpc.ClientUnaryCall;
  ListPorts(argument: _sluice_v1_ListPortsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListPortsResponse__Output>): grpc.ClientUnaryCall;
  ListPorts(argument: _sluice_v1_ListPortsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListPortsResponse__Output>): grpc.ClientUnaryCall;
  ListPorts(argument: _sluice_v1_ListPortsRequest, callback: grpc.requestCallback<_sluice_v1_ListPortsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The ports of one datapath as last reported (OFPMP_PORT_DESC and OFPT_PORT_STATUS).
   */
  listPorts(argument: _sluice_v1_ListPortsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListPortsResponse__Output>): grpc.ClientUnaryCall;
  listPorts(argument: _sluice_v1_ListPortsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListPortsResponse__Output>): grpc.ClientUnaryCall;
  listPorts(argument: _sluice_v1_ListPortsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListPortsResponse__Output>): grpc.ClientUnaryCall;
  listPorts(argument: _sluice_v1_ListPortsRequest, callback: grpc.requestCallback<_sluice_v1_ListPortsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sends one OFPT_FLOW_MOD, given as raw OpenFlow 1.3 bytes.
   */
  SendFlowMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendFlowMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendFlowMod(argument: _sluice_v1_SendOpenFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendFlowMod(argument: _sluice_v1_SendOpenFlowRequest, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sends one OFPT_FLOW_MOD, given as raw OpenFlow 1.3 bytes.
   */
  sendFlowMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendFlowMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendFlowMod(argument: _sluice_v1_SendOpenFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendFlowMod(argument: _sluice_v1_SendOpenFlowRequest, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sends one OFPT_GROUP_MOD, given as raw OpenFlow 1.3 bytes.
   */
  SendGroupMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendGroupMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendGroupMod(argument: _sluice_v1_SendOpenFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendGroupMod(argument: _sluice_v1_SendOpenFlowRequest, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sends one OFPT_GROUP_MOD, given as raw OpenFlow 1.3 bytes.
   */
  sendGroupMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendGroupMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendGroupMod(argument: _sluice_v1_SendOpenFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendGroupMod(argument: _sluice_v1_SendOpenFlowRequest, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sends one OFPT_METER_MOD, given as raw OpenFlow 1.3 bytes.
   */
  SendMeterMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendMeterMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendMeterMod(argument: _sluice_v1_SendOpenFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  SendMeterMod(argument: _sluice_v1_SendOpenFlowRequest, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sends one OFPT_METER_MOD, given as raw OpenFlow 1.3 bytes.
   */
  sendMeterMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendMeterMod(argument: _sluice_v1_SendOpenFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendMeterMod(argument: _sluice_v1_SendOpenFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  sendMeterMod(argument: _sluice_v1_SendOpenFlowRequest, callback: grpc.requestCallback<_sluice_v1_SendOpenFlowResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Datapaths: the OpenFlow view of each switch.
 */
export interface DatapathsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * One datapath. NOT_FOUND if the controller never saw it.
   */
  Get: grpc.handleUnaryCall<_sluice_v1_GetDatapathRequest__Output, _sluice_v1_Datapath>;
  
  /**
   * Fresh port counters fetched from the switch (OFPMP_PORT_STATS). UNAVAILABLE if it is disconnected.
   */
  GetPortStats: grpc.handleUnaryCall<_sluice_v1_GetPortStatsRequest__Output, _sluice_v1_GetPortStatsResponse>;
  
  /**
   * Every datapath the controller knows, connected or recently disconnected.
   */
  List: grpc.handleUnaryCall<_sluice_v1_ListDatapathsRequest__Output, _sluice_v1_ListDatapathsResponse>;
  
  /**
   * The ports of one datapath as last reported (OFPMP_PORT_DESC and OFPT_PORT_STATUS).
   */
  ListPorts: grpc.handleUnaryCall<_sluice_v1_ListPortsRequest__Output, _sluice_v1_ListPortsResponse>;
  
  /**
   * Sends one OFPT_FLOW_MOD, given as raw OpenFlow 1.3 bytes.
   */
  SendFlowMod: grpc.handleUnaryCall<_sluice_v1_SendOpenFlowRequest__Output, _sluice_v1_SendOpenFlowResponse>;
  
  /**
   * Sends one OFPT_GROUP_MOD, given as raw OpenFlow 1.3 bytes.
   */
  SendGroupMod: grpc.handleUnaryCall<_sluice_v1_SendOpenFlowRequest__Output, _sluice_v1_SendOpenFlowResponse>;
  
  /**
   * Sends one OFPT_METER_MOD, given as raw OpenFlow 1.3 bytes.
   */
  SendMeterMod: grpc.handleUnaryCall<_sluice_v1_SendOpenFlowRequest__Output, _sluice_v1_SendOpenFlowResponse>;
  
}

export interface DatapathsDefinition extends grpc.ServiceDefinition {
  Get: MethodDefinition<_sluice_v1_GetDatapathRequest, _sluice_v1_Datapath, _sluice_v1_GetDatapathRequest__Output, _sluice_v1_Datapath__Output>
  GetPortStats: MethodDefinition<_sluice_v1_GetPortStatsRequest, _sluice_v1_GetPortStatsResponse, _sluice_v1_GetPortStatsRequest__Output, _sluice_v1_GetPortStatsResponse__Output>
  List: MethodDefinition<_sluice_v1_ListDatapathsRequest, _sluice_v1_ListDatapathsResponse, _sluice_v1_ListDatapathsRequest__Output, _sluice_v1_ListDatapathsResponse__Output>
  ListPorts: MethodDefinition<_sluice_v1_ListPortsRequest, _sluice_v1_ListPortsResponse, _sluice_v1_ListPortsRequest__Output, _sluice_v1_ListPortsResponse__Output>
  SendFlowMod: MethodDefinition<_sluice_v1_SendOpenFlowRequest, _sluice_v1_SendOpenFlowResponse, _sluice_v1_SendOpenFlowRequest__Output, _sluice_v1_SendOpenFlowResponse__Output>
  SendGroupMod: MethodDefinition<_sluice_v1_SendOpenFlowRequest, _sluice_v1_SendOpenFlowResponse, _sluice_v1_SendOpenFlowRequest__Output, _sluice_v1_SendOpenFlowResponse__Output>
  SendMeterMod: MethodDefinition<_sluice_v1_SendOpenFlowRequest, _sluice_v1_SendOpenFlowResponse, _sluice_v1_SendOpenFlowRequest__Output, _sluice_v1_SendOpenFlowResponse__Output>
}
