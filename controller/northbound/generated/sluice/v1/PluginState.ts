// Original file: sluice/v1/plugins.proto

/**
 * Where a plugin is in its lifecycle.
 */
export const PluginState = {
  /**
   * Never sent.
   */
  PLUGIN_STATE_UNSPECIFIED: 'PLUGIN_STATE_UNSPECIFIED',
  /**
   * Known but not enabled in config (or disabled through this API).
   */
  PLUGIN_STATE_DISABLED: 'PLUGIN_STATE_DISABLED',
  /**
   * start() is running.
   */
  PLUGIN_STATE_STARTING: 'PLUGIN_STATE_STARTING',
  /**
   * Started and serving.
   */
  PLUGIN_STATE_RUNNING: 'PLUGIN_STATE_RUNNING',
  /**
   * stop() is running.
   */
  PLUGIN_STATE_STOPPING: 'PLUGIN_STATE_STOPPING',
  /**
   * start() or config validation failed; `reason` says why.
   */
  PLUGIN_STATE_FAILED: 'PLUGIN_STATE_FAILED',
} as const;

/**
 * Where a plugin is in its lifecycle.
 */
export type PluginState =
  /**
   * Never sent.
   */
  | 'PLUGIN_STATE_UNSPECIFIED'
  | 0
  /**
   * Known but not enabled in config (or disabled through this API).
   */
  | 'PLUGIN_STATE_DISABLED'
  | 1
  /**
   * start() is running.
   */
  | 'PLUGIN_STATE_STARTING'
  | 2
  /**
   * Started and serving.
   */
  | 'PLUGIN_STATE_RUNNING'
  | 3
  /**
   * stop() is running.
   */
  | 'PLUGIN_STATE_STOPPING'
  | 4
  /**
   * start() or config validation failed; `reason` says why.
   */
  | 'PLUGIN_STATE_FAILED'
  | 5

/**
 * Where a plugin is in its lifecycle.
 */
export type PluginState__Output = typeof PluginState[keyof typeof PluginState]
