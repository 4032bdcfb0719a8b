// Original file: sluice/v1/flows.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from '../../google/protobuf/UInt32Value.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Request for Flows.List.
 */
export interface ListFlowsRequest {
  /**
   * Optional: only this switch (every switch if absent).
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * Optional: only this table (every table if absent).
   */
  'table_id'?: (_google_protobuf_UInt32Value | null);
  /**
   * Together with cookie_mask: only entries with (entry.cookie & cookie_mask) == (cookie & cookie_mask).
   */
  'cookie'?: (number | string | Long);
  /**
   * See cookie; 0 disables cookie filtering.
   */
  'cookie_mask'?: (number | string | Long);
  /**
   * Optional: only entries owned by this plugin.
   */
  'owner'?: (string);
}

/**
 * Request for Flows.List.
 */
export interface ListFlowsRequest__Output {
  /**
   * Optional: only this switch (every switch if absent).
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * Optional: only this table (every table if absent).
   */
  'table_id': (_google_protobuf_UInt32Value__Output | null);
  /**
   * Together with cookie_mask: only entries with (entry.cookie & cookie_mask) == (cookie & cookie_mask).
   */
  'cookie': (string);
  /**
   * See cookie; 0 disables cookie filtering.
   */
  'cookie_mask': (string);
  /**
   * Optional: only entries owned by this plugin.
   */
  'owner': (string);
}
