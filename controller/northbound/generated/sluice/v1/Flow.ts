// Original file: sluice/v1/flows.proto

import type { Dpid as _sluice_v1_Dpid, Dpid__Output as _sluice_v1_Dpid__Output } from '../../sluice/v1/Dpid.js';
import type { MatchField as _sluice_v1_MatchField, MatchField__Output as _sluice_v1_MatchField__Output } from '../../sluice/v1/MatchField.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A flow entry.
 */
export interface Flow {
  /**
   * The switch holding the entry.
   */
  'dpid'?: (_sluice_v1_Dpid | null);
  /**
   * ofp_flow_stats.table_id.
   */
  'table_id'?: (number);
  /**
   * ofp_flow_stats.priority.
   */
  'priority'?: (number);
  /**
   * ofp_flow_stats.cookie, including the owner's prefix.
   */
  'cookie'?: (number | string | Long);
  /**
   * Name of the plugin (or "northbound") whose cookie prefix the entry carries; empty if none.
   */
  'owner'?: (string);
  /**
   * Idle timeout in seconds, 0 for none.
   */
  'idle_timeout'?: (number);
  /**
   * Hard timeout in seconds, 0 for none.
   */
  'hard_timeout'?: (number);
  /**
   * OFPFF_* flags.
   */
  'flags'?: (number);
  /**
   * The match, one entry per OXM field.
   */
  'match'?: (_sluice_v1_MatchField)[];
  /**
   * The instruction list as raw OpenFlow 1.3 bytes (a sequence of ofp_instruction).
   */
  'instructions'?: (Buffer | Uint8Array | string);
  /**
   * The instructions as text in ovs-ofctl syntax, for people.
   */
  'instructions_text'?: (string);
  /**
   * Packets matched (last statistics poll).
   */
  'packet_count'?: (number | string | Long);
  /**
   * Bytes matched (last statistics poll).
   */
  'byte_count'?: (number | string | Long);
  /**
   * Seconds since the entry was installed.
   */
  'duration_sec'?: (number);
}

/**
 * A flow entry.
 */
export interface Flow__Output {
  /**
   * The switch holding the entry.
   */
  'dpid': (_sluice_v1_Dpid__Output | null);
  /**
   * ofp_flow_stats.table_id.
   */
  'table_id': (number);
  /**
   * ofp_flow_stats.priority.
   */
  'priority': (number);
  /**
   * ofp_flow_stats.cookie, including the owner's prefix.
   */
  'cookie': (string);
  /**
   * Name of the plugin (or "northbound") whose cookie prefix the entry carries; empty if none.
   */
  'owner': (string);
  /**
   * Idle timeout in seconds, 0 for none.
   */
  'idle_timeout': (number);
  /**
   * Hard timeout in seconds, 0 for none.
   */
  'hard_timeout': (number);
  /**
   * OFPFF_* flags.
   */
  'flags': (number);
  /**
   * The match, one entry per OXM field.
   */
  'match': (_sluice_v1_MatchField__Output)[];
  /**
   * The instruction list as raw OpenFlow 1.3 bytes (a sequence of ofp_instruction).
   */
  'instructions': (Buffer);
  /**
   * The instructions as text in ovs-ofctl syntax, for people.
   */
  'instructions_text': (string);
  /**
   * Packets matched (last statistics poll).
   */
  'packet_count': (string);
  /**
   * Bytes matched (last statistics poll).
   */
  'byte_count': (string);
  /**
   * Seconds since the entry was installed.
   */
  'duration_sec': (number);
}
