// Original file: sluice/v1/plugins.proto

import type { PluginState as _sluice_v1_PluginState, PluginState__Output as _sluice_v1_PluginState__Output } from '../../sluice/v1/PluginState.js';

/**
 * A plugin as the kernel sees it.
 */
export interface Plugin {
  /**
   * Unique name from the manifest ("l2", "firewall").
   */
  'name'?: (string);
  /**
   * Version from the manifest.
   */
  'version'?: (string);
  /**
   * One-line description from the manifest.
   */
  'description'?: (string);
  /**
   * Lifecycle state.
   */
  'state'?: (_sluice_v1_PluginState);
  /**
   * Why the plugin is FAILED or DISABLED; empty otherwise.
   */
  'reason'?: (string);
  /**
   * The plugin's effective config section as JSON (after defaults).
   */
  'config_json'?: (string);
  /**
   * Names of the plugins this one depends on (manifest dependsOn).
   */
  'depends_on'?: (string)[];
  /**
   * True if config marks the plugin required (the controller stops if it fails).
   */
  'required'?: (boolean);
}

/**
 * A plugin as the kernel sees it.
 */
export interface Plugin__Output {
  /**
   * Unique name from the manifest ("l2", "firewall").
   */
  'name': (string);
  /**
   * Version from the manifest.
   */
  'version': (string);
  /**
   * One-line description from the manifest.
   */
  'description': (string);
  /**
   * Lifecycle state.
   */
  'state': (_sluice_v1_PluginState__Output);
  /**
   * Why the plugin is FAILED or DISABLED; empty otherwise.
   */
  'reason': (string);
  /**
   * The plugin's effective config section as JSON (after defaults).
   */
  'config_json': (string);
  /**
   * Names of the plugins this one depends on (manifest dependsOn).
   */
  'depends_on': (string)[];
  /**
   * True if config marks the plugin required (the controller stops if it fails).
   */
  'required': (boolean);
}
