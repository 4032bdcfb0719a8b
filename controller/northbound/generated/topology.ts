import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from './sluice/v1/Dpid.js';
import type { Host as _sluice_v1_Host, Host__Output as _sluice_v1_Host__Output } from './sluice/v1/Host.js';
import type { Link as _sluice_v1_Link, Link__Output as _sluice_v1_Link__Output } from './sluice/v1/Link.js';
import type { LinkRef as _sluice_v1_LinkRef, LinkRef__Output as _sluice_v1_LinkRef__Output } from './sluice/v1/LinkRef.js';
import type { ListHostsRequest as _sluice_v1_ListHostsRequest, ListHostsRequest__Output as _sluice_v1_ListHostsRequest__Output } from './sluice/v1/ListHostsRequest.js';
import type { ListHostsResponse as _sluice_v1_ListHostsResponse, ListHostsResponse__Output as _sluice_v1_ListHostsResponse__Output } from './sluice/v1/ListHostsResponse.js';
import type { ListLinksRequest as _sluice_v1_ListLinksRequest, ListLinksRequest__Output as _sluice_v1_ListLinksRequest__Output } from './sluice/v1/ListLinksRequest.js';
import type { ListLinksResponse as _sluice_v1_ListLinksResponse, ListLinksResponse__Output as _sluice_v1_ListLinksResponse__Output } from './sluice/v1/ListLinksResponse.js';
import type { ListSwitchesRequest as _sluice_v1_ListSwitchesRequest, ListSwitchesRequest__Output as _sluice_v1_ListSwitchesRequest__Output } from './sluice/v1/ListSwitchesRequest.js';
import type { ListSwitchesResponse as _sluice_v1_ListSwitchesResponse, ListSwitchesResponse__Output as _sluice_v1_ListSwitchesResponse__Output } from './sluice/v1/ListSwitchesResponse.js';
import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from './sluice/v1/PortRef.js';
import type { Switch as _sluice_v1_Switch, Switch__Output as _sluice_v1_Switch__Output } from './sluice/v1/Switch.js';
import type { TopologyClient as _sluice_v1_TopologyClient, TopologyDefinition as _sluice_v1_TopologyDefinition } from './sluice/v1/Topology.js';
import type { TopologyEvent as _sluice_v1_TopologyEvent, TopologyEvent__Output as _sluice_v1_TopologyEvent__Output } from './sluice/v1/TopologyEvent.js';
import type { WatchTopologyRequest as _sluice_v1_WatchTopologyRequest, WatchTopologyRequest__Output as _sluice_v1_WatchTopologyRequest__Output } from './sluice/v1/WatchTopologyRequest.js';

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
      Dpid: MessageTypeDefinition<_sluice_v1_Dpid, _sluice_v1_Dpid__Output>
      Host: MessageTypeDefinition<_sluice_v1_Host, _sluice_v1_Host__Output>
      Link: MessageTypeDefinition<_sluice_v1_Link, _sluice_v1_Link__Output>
      LinkRef: MessageTypeDefinition<_sluice_v1_LinkRef, _sluice_v1_LinkRef__Output>
      ListHostsRequest: MessageTypeDefinition<_sluice_v1_ListHostsRequest, _sluice_v1_ListHostsRequest__Output>
      ListHostsResponse: MessageTypeDefinition<_sluice_v1_ListHostsResponse, _sluice_v1_ListHostsResponse__Output>
      ListLinksRequest: MessageTypeDefinition<_sluice_v1_ListLinksRequest, _sluice_v1_ListLinksRequest__Output>
      ListLinksResponse: MessageTypeDefinition<_sluice_v1_ListLinksResponse, _sluice_v1_ListLinksResponse__Output>
      ListSwitchesRequest: MessageTypeDefinition<_sluice_v1_ListSwitchesRequest, _sluice_v1_ListSwitchesRequest__Output>
      ListSwitchesResponse: MessageTypeDefinition<_sluice_v1_ListSwitchesResponse, _sluice_v1_ListSwitchesResponse__Output>
      PortRef: MessageTypeDefinition<_sluice_v1_PortRef, _sluice_v1_PortRef__Output>
      Severity: EnumTypeDefinition
      Switch: MessageTypeDefinition<_sluice_v1_Switch, _sluice_v1_Switch__Output>
      /**
       * Topology: the learned graph and its changes.
       */
      Topology: SubtypeConstructor<typeof grpc.Client, _sluice_v1_TopologyClient> & { service: _sluice_v1_TopologyDefinition }
      TopologyEvent: MessageTypeDefinition<_sluice_v1_TopologyEvent, _sluice_v1_TopologyEvent__Output>
      TopologyEventType: EnumTypeDefinition
      WatchTopologyRequest: MessageTypeDefinition<_sluice_v1_WatchTopologyRequest, _sluice_v1_WatchTopologyRequest__Output>
    }
  }
}

