// Original file: sluice/v1/datapaths.proto


/**
 * Request for Datapaths.List.
 */
export interface ListDatapathsRequest {
  /**
   * When true, only datapaths whose channel is up.
   */
  'connected_only'?: (boolean);
}

/**
 * Request for Datapaths.List.
 */
export interface ListDatapathsRequest__Output {
  /**
   * When true, only datapaths whose channel is up.
   */
  'connected_only': (boolean);
}
