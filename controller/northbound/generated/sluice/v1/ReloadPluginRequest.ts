// Original file: sluice/v1/plugins.proto


/**
 * Request for Plugins.Reload.
 */
export interface ReloadPluginRequest {
  /**
   * Required: the plugin name.
   */
  'name'?: (string);
  /**
   * Optional new config section as a JSON object; empty keeps the current config.
   */
  'config_json'?: (string);
}

/**
 * Request for Plugins.Reload.
 */
export interface ReloadPluginRequest__Output {
  /**
   * Required: the plugin name.
   */
  'name': (string);
  /**
   * Optional new config section as a JSON object; empty keeps the current config.
   */
  'config_json': (string);
}
