import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from './sluice/v1/Dpid.js';
import type { Event as _sluice_v1_Event, Event__Output as _sluice_v1_Event__Output } from './sluice/v1/Event.js';
import type { EventsClient as _sluice_v1_EventsClient, EventsDefinition as _sluice_v1_EventsDefinition } from './sluice/v1/Events.js';
import type { LinkRef as _sluice_v1_LinkRef, LinkRef__Output as _sluice_v1_LinkRef__Output } from './sluice/v1/LinkRef.js';
import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from './sluice/v1/PortRef.js';
import type { SubscribeEventsRequest as _sluice_v1_SubscribeEventsRequest, SubscribeEventsRequest__Output as _sluice_v1_SubscribeEventsRequest__Output } from './sluice/v1/SubscribeEventsRequest.js';

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
      Event: MessageTypeDefinition<_sluice_v1_Event, _sluice_v1_Event__Output>
      /**
       * Events: a live feed of what the controller does.
       */
      Events: SubtypeConstructor<typeof grpc.Client, _sluice_v1_EventsClient> & { service: _sluice_v1_EventsDefinition }
      LinkRef: MessageTypeDefinition<_sluice_v1_LinkRef, _sluice_v1_LinkRef__Output>
      PortRef: MessageTypeDefinition<_sluice_v1_PortRef, _sluice_v1_PortRef__Output>
      Severity: EnumTypeDefinition
      SubscribeEventsRequest: MessageTypeDefinition<_sluice_v1_SubscribeEventsRequest, _sluice_v1_SubscribeEventsRequest__Output>
    }
  }
}

