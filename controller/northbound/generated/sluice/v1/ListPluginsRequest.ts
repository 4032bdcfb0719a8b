// Original file: sluice/v1/plugins.proto


/**
 * Request for Plugins.List.
 */
export interface ListPluginsRequest {
}

/**
 * Request for Plugins.List.
 */
export interface ListPluginsRequest__Output {
}
