// Original file: sluice/v1/plugins.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListPluginsRequest as _sluice_v1_ListPluginsRequest, ListPluginsRequest__Output as _sluice_v1_ListPluginsRequest__Output } from '../../sluice/v1/ListPluginsRequest.js';
import type { ListPluginsResponse as _sluice_v1_ListPluginsResponse, ListPluginsResponse__Output as _sluice_v1_ListPluginsResponse__Output } from '../../sluice/v1/ListPluginsResponse.js';
import type { Plugin as _sluice_v1_Plugin, Plugin__Output as _sluice_v1_Plugin__Output } from '../../sluice/v1/Plugin.js';
import type { PluginRequest as _sluice_v1_PluginRequest, PluginRequest__Output as _sluice_v1_PluginRequest__Output } from '../../sluice/v1/PluginRequest.js';
import type { ReloadPluginRequest as _sluice_v1_ReloadPluginRequest, ReloadPluginRequest__Output as _sluice_v1_ReloadPluginRequest__Output } from '../../sluice/v1/ReloadPluginRequest.js';

/**
 * Plugins: inspect and drive plugin lifecycle.
 */
export interface PluginsClient extends grpc.Client {
  /**
   * Stops a plugin and removes its flows. FAILED_PRECONDITION if it is required or a running
   * plugin depends on it.
   */
  Disable(argument: _sluice_v1_PluginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Disable(argument: _sluice_v1_PluginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Disable(argument: _sluice_v1_PluginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Disable(argument: _sluice_v1_PluginRequest, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  /**
   * Stops a plugin and removes its flows. FAILED_PRECONDITION if it is required or a running
   * plugin depends on it.
   */
  disable(argument: _sluice_v1_PluginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  disable(argument: _sluice_v1_PluginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  disable(argument: _sluice_v1_PluginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  disable(argument: _sluice_v1_PluginRequest, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  
  /**
   * Starts a disabled or failed plugin (and validates its config). NOT_FOUND for an unknown name,
   * FAILED_PRECONDITION if a dependency is not running.
   */
  Enable(argument: _sluice_v1_PluginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Enable(argument: _sluice_v1_PluginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Enable(argument: _sluice_v1_PluginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Enable(argument: _sluice_v1_PluginRequest, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  /**
   * Starts a disabled or failed plugin (and validates its config). NOT_FOUND for an unknown name,
   * FAILED_PRECONDITION if a dependency is not running.
   */
  enable(argument: _sluice_v1_PluginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  enable(argument: _sluice_v1_PluginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  enable(argument: _sluice_v1_PluginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  enable(argument: _sluice_v1_PluginRequest, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  
  /**
   * Every plugin the controller knows (enabled or not), in start order.
   */
  List(argument: _sluice_v1_ListPluginsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListPluginsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListPluginsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListPluginsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListPluginsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListPluginsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sluice_v1_ListPluginsRequest, callback: grpc.requestCallback<_sluice_v1_ListPluginsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Every plugin the controller knows (enabled or not), in start order.
   */
  list(argument: _sluice_v1_ListPluginsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListPluginsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListPluginsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListPluginsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListPluginsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListPluginsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sluice_v1_ListPluginsRequest, callback: grpc.requestCallback<_sluice_v1_ListPluginsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Stops and starts a plugin, optionally with new config. INVALID_ARGUMENT if the config does
   * not validate; the plugin then keeps running with its old config.
   */
  Reload(argument: _sluice_v1_ReloadPluginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sluice_v1_ReloadPluginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sluice_v1_ReloadPluginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sluice_v1_ReloadPluginRequest, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  /**
   * Stops and starts a plugin, optionally with new config. INVALID_ARGUMENT if the config does
   * not validate; the plugin then keeps running with its old config.
   */
  reload(argument: _sluice_v1_ReloadPluginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  reload(argument: _sluice_v1_ReloadPluginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  reload(argument: _sluice_v1_ReloadPluginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  reload(argument: _sluice_v1_ReloadPluginRequest, callback: grpc.requestCallback<_sluice_v1_Plugin__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Plugins: inspect and drive plugin lifecycle.
 */
export interface PluginsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Stops a plugin and removes its flows. FAILED_PRECONDITION if it is required or a running
   * plugin depends on it.
   */
  Disable: grpc.handleUnaryCall<_sluice_v1_PluginRequest__Output, _sluice_v1_Plugin>;
  
  /**
   * Starts a disabled or failed plugin (and validates its config). NOT_FOUND for an unknown name,
   * FAILED_PRECONDITION if a dependency is not running.
   */
  Enable: grpc.handleUnaryCall<_sluice_v1_PluginRequest__Output, _sluice_v1_Plugin>;
  
  /**
   * Every plugin the controller knows (enabled or not), in start order.
   */
  List: grpc.handleUnaryCall<_sluice_v1_ListPluginsRequest__Output, _sluice_v1_ListPluginsResponse>;
  
  /**
   * Stops and starts a plugin, optionally with new config. INVALID_ARGUMENT if the config does
   * not validate; the plugin then keeps running with its old config.
   */
  Reload: grpc.handleUnaryCall<_sluice_v1_ReloadPluginRequest__Output, _sluice_v1_Plugin>;
  
}

export interface PluginsDefinition extends grpc.ServiceDefinition {
  Disable: MethodDefinition<_sluice_v1_PluginRequest, _sluice_v1_Plugin, _sluice_v1_PluginRequest__Output, _sluice_v1_Plugin__Output>
  Enable: MethodDefinition<_sluice_v1_PluginRequest, _sluice_v1_Plugin, _sluice_v1_PluginRequest__Output, _sluice_v1_Plugin__Output>
  List: MethodDefinition<_sluice_v1_ListPluginsRequest, _sluice_v1_ListPluginsResponse, _sluice_v1_ListPluginsRequest__Output, _sluice_v1_ListPluginsResponse__Output>
  Reload: MethodDefinition<_sluice_v1_ReloadPluginRequest, _sluice_v1_Plugin, _sluice_v1_ReloadPluginRequest__Output, _sluice_v1_Plugin__Output>
}
