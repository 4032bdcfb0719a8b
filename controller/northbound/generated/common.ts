import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from './sluice/v1/Dpid.js';
import type { LinkRef as _sluice_v1_LinkRef, LinkRef__Output as _sluice_v1_LinkRef__Output } from './sluice/v1/LinkRef.js';
import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from './sluice/v1/PortRef.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      Dpid: MessageTypeDefinition<_sluice_v1_Dpid, _sluice_v1_Dpid__Output>
      LinkRef: MessageTypeDefinition<_sluice_v1_LinkRef, _sluice_v1_LinkRef__Output>
      PortRef: MessageTypeDefinition<_sluice_v1_PortRef, _sluice_v1_PortRef__Output>
      Severity: EnumTypeDefinition
    }
  }
}

