// Original file: sluice/v1/flows.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';
import type { MatchField as _sluice_v1_MatchField, MatchField__Output as _sluice_v1_MatchField__Output } from '../../sluice/v1/MatchField.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Request for Flows.Add.
 */
export interface AddFlowRequest {
  /**
   * Required: the switch.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * Table to add to (0..254).
   */
  'table_id'?: (number);
  /**
   * Priority (0..65535).
   */
  'priority'?: (number);
  /**
   * Cookie bits below the owner's prefix; the controller ORs in the owner's prefix.
   */
  'cookie'?: (number | string | Long);
  /**
   * Owner to account the flow to; "northbound" when empty.
   */
  'owner'?: (string);
  /**
   * Idle timeout in seconds (0..65535), 0 for none.
   */
  'idle_timeout'?: (number);
  /**
   * Hard timeout in seconds (0..65535), 0 for none.
   */
  'hard_timeout'?: (number);
  /**
   * OFPFF_* flags (0..65535).
   */
  'flags'?: (number);
  /**
   * The match; empty matches every packet.
   */
  'match'?: (_sluice_v1_MatchField)[];
  /**
   * The instruction list as raw OpenFlow 1.3 bytes (a sequence of ofp_instruction); empty drops.
   */
  'instructions'?: (Buffer | Uint8Array | string);
}

/**
 * Request for Flows.Add.
 */
export interface AddFlowRequest__Output {
  /**
   * Required: the switch.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * Table to add to (0..254).
   */
  'table_id': (number);
  /**
   * Priority (0..65535).
   */
  'priority': (number);
  /**
   * Cookie bits below the owner's prefix; the controller ORs in the owner's prefix.
   */
  'cookie': (string);
  /**
   * Owner to account the flow to; "northbound" when empty.
   */
  'owner': (string);
  /**
   * Idle timeout in seconds (0..65535), 0 for none.
   */
  'idle_timeout': (number);
  /**
   * Hard timeout in seconds (0..65535), 0 for none.
   */
  'hard_timeout': (number);
  /**
   * OFPFF_* flags (0..65535).
   */
  'flags': (number);
  /**
   * The match; empty matches every packet.
   */
  'match': (_sluice_v1_MatchField__Output)[];
  /**
   * The instruction list as raw OpenFlow 1.3 bytes (a sequence of ofp_instruction); empty drops.
   */
  'instructions': (Buffer);
}
