import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListPluginsRequest as _sluice_v1_ListPluginsRequest, ListPluginsRequest__Output as _sluice_v1_ListPluginsRequest__Output } from './sluice/v1/ListPluginsRequest.js';
import type { ListPluginsResponse as _sluice_v1_ListPluginsResponse, ListPluginsResponse__Output as _sluice_v1_ListPluginsResponse__Output } from './sluice/v1/ListPluginsResponse.js';
import type { Plugin as _sluice_v1_Plugin, Plugin__Output as _sluice_v1_Plugin__Output } from './sluice/v1/Plugin.js';
import type { PluginRequest as _sluice_v1_PluginRequest, PluginRequest__Output as _sluice_v1_PluginRequest__Output } from './sluice/v1/PluginRequest.js';
import type { PluginsClient as _sluice_v1_PluginsClient, PluginsDefinition as _sluice_v1_PluginsDefinition } from './sluice/v1/Plugins.js';
import type { ReloadPluginRequest as _sluice_v1_ReloadPluginRequest, ReloadPluginRequest__Output as _sluice_v1_ReloadPluginRequest__Output } from './sluice/v1/ReloadPluginRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      ListPluginsRequest: MessageTypeDefinition<_sluice_v1_ListPluginsRequest, _sluice_v1_ListPluginsRequest__Output>
      ListPluginsResponse: MessageTypeDefinition<_sluice_v1_ListPluginsResponse, _sluice_v1_ListPluginsResponse__Output>
      Plugin: MessageTypeDefinition<_sluice_v1_Plugin, _sluice_v1_Plugin__Output>
      PluginRequest: MessageTypeDefinition<_sluice_v1_PluginRequest, _sluice_v1_PluginRequest__Output>
      PluginState: EnumTypeDefinition
      /**
       * Plugins: inspect and drive plugin lifecycle.
       */
      Plugins: SubtypeConstructor<typeof grpc.Client, _sluice_v1_PluginsClient> & { service: _sluice_v1_PluginsDefinition }
      ReloadPluginRequest: MessageTypeDefinition<_sluice_v1_ReloadPluginRequest, _sluice_v1_ReloadPluginRequest__Output>
    }
  }
}

