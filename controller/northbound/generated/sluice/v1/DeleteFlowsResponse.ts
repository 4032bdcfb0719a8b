// Original file: sluice/v1/flows.proto


/**
 * Response of Flows.Delete.
 */
export interface DeleteFlowsResponse {
  /**
   * How many recorded entries were removed.
   */
  'deleted'?: (number);
}

/**
 * Response of Flows.Delete.
 */
export interface DeleteFlowsResponse__Output {
  /**
   * How many recorded entries were removed.
   */
  'deleted': (number);
}
