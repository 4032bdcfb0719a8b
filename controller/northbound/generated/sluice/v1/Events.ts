// Original file: sluice/v1/events.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Event as _sluice_v1_Event, Event__Output as _sluice_v1_Event__Output } from '../../sluice/v1/Event.js';
import type { SubscribeEventsRequest as _sluice_v1_SubscribeEventsRequest, SubscribeEventsRequest__Output as _sluice_v1_SubscribeEventsRequest__Output } from '../../sluice/v1/SubscribeEventsRequest.js';

/**
 * Events: a live feed of what the controller does.
 */
export interface EventsClient extends grpc.Client {
  /**
   * Events as they happen, until the client cancels. Events are not replayed: a subscriber only
   * sees events raised after it subscribed.
   */
  Subscribe(argument: _sluice_v1_SubscribeEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_Event__Output>;
  Subscribe(argument: _sluice_v1_SubscribeEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_Event__Output>;
  /**
   * Events as they happen, until the client cancels. Events are not replayed: a subscriber only
   * sees events raised after it subscribed.
   */
  subscribe(argument: _sluice_v1_SubscribeEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_Event__Output>;
  subscribe(argument: _sluice_v1_SubscribeEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_Event__Output>;
  
}

/**
 * Events: a live feed of what the controller does.
 */
export interface EventsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Events as they happen, until the client cancels. Events are not replayed: a subscriber only
   * sees events raised after it subscribed.
   */
  Subscribe: grpc.handleServerStreamingCall<_sluice_v1_SubscribeEventsRequest__Output, _sluice_v1_Event>;
  
}

export interface EventsDefinition extends grpc.ServiceDefinition {
  Subscribe: MethodDefinition<_sluice_v1_SubscribeEventsRequest, _sluice_v1_Event, _sluice_v1_SubscribeEventsRequest__Output, _sluice_v1_Event__Output>
}
