import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ComputePathsRequest as _sluice_v1_ComputePathsRequest, ComputePathsRequest__Output as _sluice_v1_ComputePathsRequest__Output } from './sluice/v1/ComputePathsRequest.js';
import type { ComputePathsResponse as _sluice_v1_ComputePathsResponse, ComputePathsResponse__Output as _sluice_v1_ComputePathsResponse__Output } from './sluice/v1/ComputePathsResponse.js';
import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from './sluice/v1/Dpid.js';
import type { LinkRef as _sluice_v1_LinkRef, LinkRef__Output as _sluice_v1_LinkRef__Output } from './sluice/v1/LinkRef.js';
import type { Path as _sluice_v1_Path, Path__Output as _sluice_v1_Path__Output } from './sluice/v1/Path.js';
import type { PathConstraints as _sluice_v1_PathConstraints, PathConstraints__Output as _sluice_v1_PathConstraints__Output } from './sluice/v1/PathConstraints.js';
import type { PathEndpoint as _sluice_v1_PathEndpoint, PathEndpoint__Output as _sluice_v1_PathEndpoint__Output } from './sluice/v1/PathEndpoint.js';
import type { PathHop as _sluice_v1_PathHop, PathHop__Output as _sluice_v1_PathHop__Output } from './sluice/v1/PathHop.js';
import type { PathsClient as _sluice_v1_PathsClient, PathsDefinition as _sluice_v1_PathsDefinition } from './sluice/v1/Paths.js';
import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from './sluice/v1/PortRef.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      ComputePathsRequest: MessageTypeDefinition<_sluice_v1_ComputePathsRequest, _sluice_v1_ComputePathsRequest__Output>
      ComputePathsResponse: MessageTypeDefinition<_sluice_v1_ComputePathsResponse, _sluice_v1_ComputePathsResponse__Output>
      Dpid: MessageTypeDefinition<_sluice_v1_Dpid, _sluice_v1_Dpid__Output>
      LinkRef: MessageTypeDefinition<_sluice_v1_LinkRef, _sluice_v1_LinkRef__Output>
      Path: MessageTypeDefinition<_sluice_v1_Path, _sluice_v1_Path__Output>
      PathConstraints: MessageTypeDefinition<_sluice_v1_PathConstraints, _sluice_v1_PathConstraints__Output>
      PathEndpoint: MessageTypeDefinition<_sluice_v1_PathEndpoint, _sluice_v1_PathEndpoint__Output>
      PathHop: MessageTypeDefinition<_sluice_v1_PathHop, _sluice_v1_PathHop__Output>
      PathMode: EnumTypeDefinition
      /**
       * Paths: routes between hosts or switches.
       */
      Paths: SubtypeConstructor<typeof grpc.Client, _sluice_v1_PathsClient> & { service: _sluice_v1_PathsDefinition }
      PortRef: MessageTypeDefinition<_sluice_v1_PortRef, _sluice_v1_PortRef__Output>
      Severity: EnumTypeDefinition
    }
  }
}

