// Original file: sluice/v1/events.proto

import type { Severity as _sluice_v1_Severity, Severity__Output as _sluice_v1_Severity__Output } from '../../sluice/v1/Severity.js';

/**
 * Request for Events.Subscribe.
 */
export interface SubscribeEventsRequest {
  /**
   * Kinds to receive; each matches that kind and every kind below it ("alert" matches
   * "alert.ids"). Empty receives every kind. Each is dot-separated segments of [a-z0-9_-].
   */
  'kinds'?: (string)[];
  /**
   * Only events at least this severe; UNSPECIFIED admits all.
   */
  'min_severity'?: (_sluice_v1_Severity);
}

/**
 * Request for Events.Subscribe.
 */
export interface SubscribeEventsRequest__Output {
  /**
   * Kinds to receive; each matches that kind and every kind below it ("alert" matches
   * "alert.ids"). Empty receives every kind. Each is dot-separated segments of [a-z0-9_-].
   */
  'kinds': (string)[];
  /**
   * Only events at least this severe; UNSPECIFIED admits all.
   */
  'min_severity': (_sluice_v1_Severity__Output);
}
