// Original file: sluice/v1/flows.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from '../../google/protobuf/UInt32Value.js';
import type { MatchField as _sluice_v1_MatchField, MatchField__Output as _sluice_v1_MatchField__Output } from '../../sluice/v1/MatchField.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Request for Flows.Delete. At least one of dpid, owner, cookie_mask or match must be given, so a
 * typo cannot wipe every flow of the fabric.
 */
export interface DeleteFlowsRequest {
  /**
   * Optional: only this switch (every switch if absent).
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * Optional: only this table (OFPTT_ALL if absent).
   */
  'table_id'?: (_google_protobuf_UInt32Value | null);
  /**
   * Together with cookie_mask, as in ListFlowsRequest.
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
  /**
   * Optional match; without strict it selects every entry at least as specific.
   */
  'match'?: (_sluice_v1_MatchField)[];
  /**
   * When true, OFPFC_DELETE_STRICT: match and priority must be identical.
   */
  'strict'?: (boolean);
  /**
   * Priority for strict deletion.
   */
  'priority'?: (number);
}

/**
 * Request for Flows.Delete. At least one of dpid, owner, cookie_mask or match must be given, so a
 * typo cannot wipe every flow of the fabric.
 */
export interface DeleteFlowsRequest__Output {
  /**
   * Optional: only this switch (every switch if absent).
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * Optional: only this table (OFPTT_ALL if absent).
   */
  'table_id': (_google_protobuf_UInt32Value__Output | null);
  /**
   * Together with cookie_mask, as in ListFlowsRequest.
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
  /**
   * Optional match; without strict it selects every entry at least as specific.
   */
  'match': (_sluice_v1_MatchField__Output)[];
  /**
   * When true, OFPFC_DELETE_STRICT: match and priority must be identical.
   */
  'strict': (boolean);
  /**
   * Priority for strict deletion.
   */
  'priority': (number);
}
