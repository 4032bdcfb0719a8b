// Original file: sluice/v1/topology.proto


/**
 * Request for Topology.ListSwitches.
 */
export interface ListSwitchesRequest {
}

/**
 * Request for Topology.ListSwitches.
 */
export interface ListSwitchesRequest__Output {
}
