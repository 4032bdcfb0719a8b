// Original file: sluice/v1/plugins.proto


/**
 * Names one plugin.
 */
export interface PluginRequest {
  /**
   * Required: the plugin name.
   */
  'name'?: (string);
}

/**
 * Names one plugin.
 */
export interface PluginRequest__Output {
  /**
   * Required: the plugin name.
   */
  'name': (string);
}
