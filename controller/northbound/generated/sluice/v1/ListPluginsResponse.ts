// Original file: sluice/v1/plugins.proto

import type { Plugin as _sluice_v1_Plugin, Plugin__Output as _sluice_v1_Plugin__Output } from '../../sluice/v1/Plugin.js';

/**
 * Response of Plugins.List.
 */
export interface ListPluginsResponse {
  /**
   * The plugins in start order.
   */
  'plugins'?: (_sluice_v1_Plugin)[];
}

/**
 * Response of Plugins.List.
 */
export interface ListPluginsResponse__Output {
  /**
   * The plugins in start order.
   */
  'plugins': (_sluice_v1_Plugin__Output)[];
}
