// Original file: sluice/v1/topology.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListHostsRequest as _sluice_v1_ListHostsRequest, ListHostsRequest__Output as _sluice_v1_ListHostsRequest__Output } from '../../sluice/v1/ListHostsRequest.js';
import type { ListHostsResponse as _sluice_v1_ListHostsResponse, ListHostsResponse__Output as _sluice_v1_ListHostsResponse__Output } from '../../sluice/v1/ListHostsResponse.js';
import type { ListLinksRequest as _sluice_v1_ListLinksRequest, ListLinksRequest__Output as _sluice_v1_ListLinksRequest__Output } from '../../sluice/v1/ListLinksRequest.js';
import type { ListLinksResponse as _sluice_v1_ListLinksResponse, ListLinksResponse__Output as _sluice_v1_ListLinksResponse__Output } from '../../sluice/v1/ListLinksResponse.js';
import type { ListSwitchesRequest as _sluice_v1_ListSwitchesRequest, ListSwitchesRequest__Output as _sluice_v1_ListSwitchesRequest__Output } from '../../sluice/v1/ListSwitchesRequest.js';
import type { ListSwitchesResponse as _sluice_v1_ListSwitchesResponse, ListSwitchesResponse__Output as _sluice_v1_ListSwitchesResponse__Output } from '../../sluice/v1/ListSwitchesResponse.js';
import type { TopologyEvent as _sluice_v1_TopologyEvent, TopologyEvent__Output as _sluice_v1_TopologyEvent__Output } from '../../sluice/v1/TopologyEvent.js';
import type { WatchTopologyRequest as _sluice_v1_WatchTopologyRequest, WatchTopologyRequest__Output as _sluice_v1_WatchTopologyRequest__Output } from '../../sluice/v1/WatchTopologyRequest.js';

/**
 * Topology: the learned graph and its changes.
 */
export interface TopologyClient extends grpc.Client {
  /**
   * Every known host, optionally only those attached to one switch.
   */
  ListHosts(argument: _sluice_v1_ListHostsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListHostsResponse__Output>): grpc.ClientUnaryCall;
  ListHosts(argument: _sluice_v1_ListHostsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListHostsResponse__Output>): grpc.ClientUnaryCall;
  ListHosts(argument: _sluice_v1_ListHostsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListHostsResponse__Output>): grpc.ClientUnaryCall;
  ListHosts(argument: _sluice_v1_ListHostsRequest, callback: grpc.requestCallback<_sluice_v1_ListHostsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Every known host, optionally only those attached to one switch.
   */
  listHosts(argument: _sluice_v1_ListHostsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListHostsResponse__Output>): grpc.ClientUnaryCall;
  listHosts(argument: _sluice_v1_ListHostsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListHostsResponse__Output>): grpc.ClientUnaryCall;
  listHosts(argument: _sluice_v1_ListHostsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListHostsResponse__Output>): grpc.ClientUnaryCall;
  listHosts(argument: _sluice_v1_ListHostsRequest, callback: grpc.requestCallback<_sluice_v1_ListHostsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Every directed link, optionally only those touching one switch.
   */
  ListLinks(argument: _sluice_v1_ListLinksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListLinksResponse__Output>): grpc.ClientUnaryCall;
  ListLinks(argument: _sluice_v1_ListLinksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListLinksResponse__Output>): grpc.ClientUnaryCall;
  ListLinks(argument: _sluice_v1_ListLinksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListLinksResponse__Output>): grpc.ClientUnaryCall;
  ListLinks(argument: _sluice_v1_ListLinksRequest, callback: grpc.requestCallback<_sluice_v1_ListLinksResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Every directed link, optionally only those touching one switch.
   */
  listLinks(argument: _sluice_v1_ListLinksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListLinksResponse__Output>): grpc.ClientUnaryCall;
  listLinks(argument: _sluice_v1_ListLinksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListLinksResponse__Output>): grpc.ClientUnaryCall;
  listLinks(argument: _sluice_v1_ListLinksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListLinksResponse__Output>): grpc.ClientUnaryCall;
  listLinks(argument: _sluice_v1_ListLinksRequest, callback: grpc.requestCallback<_sluice_v1_ListLinksResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Every switch in the graph.
   */
  ListSwitches(argument: _sluice_v1_ListSwitchesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSwitchesResponse__Output>): grpc.ClientUnaryCall;
  ListSwitches(argument: _sluice_v1_ListSwitchesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListSwitchesResponse__Output>): grpc.ClientUnaryCall;
  ListSwitches(argument: _sluice_v1_ListSwitchesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSwitchesResponse__Output>): grpc.ClientUnaryCall;
  ListSwitches(argument: _sluice_v1_ListSwitchesRequest, callback: grpc.requestCallback<_sluice_v1_ListSwitchesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Every switch in the graph.
   */
  listSwitches(argument: _sluice_v1_ListSwitchesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSwitchesResponse__Output>): grpc.ClientUnaryCall;
  listSwitches(argument: _sluice_v1_ListSwitchesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListSwitchesResponse__Output>): grpc.ClientUnaryCall;
  listSwitches(argument: _sluice_v1_ListSwitchesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListSwitchesResponse__Output>): grpc.ClientUnaryCall;
  listSwitches(argument: _sluice_v1_ListSwitchesRequest, callback: grpc.requestCallback<_sluice_v1_ListSwitchesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Topology changes as they happen, until the client cancels. With include_snapshot the stream
   * starts with the current graph as *_ADDED events, then one SNAPSHOT_COMPLETE event.
   */
  Watch(argument: _sluice_v1_WatchTopologyRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_TopologyEvent__Output>;
  Watch(argument: _sluice_v1_WatchTopologyRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_TopologyEvent__Output>;
  /**
   * Topology changes as they happen, until the client cancels. With include_snapshot the stream
   * starts with the current graph as *_ADDED events, then one SNAPSHOT_COMPLETE event.
   */
  watch(argument: _sluice_v1_WatchTopologyRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_TopologyEvent__Output>;
  watch(argument: _sluice_v1_WatchTopologyRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_TopologyEvent__Output>;
  
}

/**
 * Topology: the learned graph and its changes.
 */
export interface TopologyHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Every known host, optionally only those attached to one switch.
   */
  ListHosts: grpc.handleUnaryCall<_sluice_v1_ListHostsRequest__Output, _sluice_v1_ListHostsResponse>;
  
  /**
   * Every directed link, optionally only those touching one switch.
   */
  ListLinks: grpc.handleUnaryCall<_sluice_v1_ListLinksRequest__Output, _sluice_v1_ListLinksResponse>;
  
  /**
   * Every switch in the graph.
   */
  ListSwitches: grpc.handleUnaryCall<_sluice_v1_ListSwitchesRequest__Output, _sluice_v1_ListSwitchesResponse>;
  
  /**
   * Topology changes as they happen, until the client cancels. With include_snapshot the stream
   * starts with the current graph as *_ADDED events, then one SNAPSHOT_COMPLETE event.
   */
  Watch: grpc.handleServerStreamingCall<_sluice_v1_WatchTopologyRequest__Output, _sluice_v1_TopologyEvent>;
  
}

export interface TopologyDefinition extends grpc.ServiceDefinition {
  ListHosts: MethodDefinition<_sluice_v1_ListHostsRequest, _sluice_v1_ListHostsResponse, _sluice_v1_ListHostsRequest__Output, _sluice_v1_ListHostsResponse__Output>
  ListLinks: MethodDefinition<_sluice_v1_ListLinksRequest, _sluice_v1_ListLinksResponse, _sluice_v1_ListLinksRequest__Output, _sluice_v1_ListLinksResponse__Output>
  ListSwitches: MethodDefinition<_sluice_v1_ListSwitchesRequest, _sluice_v1_ListSwitchesResponse, _sluice_v1_ListSwitchesRequest__Output, _sluice_v1_ListSwitchesResponse__Output>
  Watch: MethodDefinition<_sluice_v1_WatchTopologyRequest, _sluice_v1_TopologyEvent, _sluice_v1_WatchTopologyRequest__Output, _sluice_v1_TopologyEvent__Output>
}
