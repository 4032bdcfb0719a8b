// Original file: sluice/v1/paths.proto

import type { LinkRef as _sluice_v1_LinkRef, LinkRef__Output as _sluice_v1_LinkRef__Output } from '../../sluice/v1/LinkRef.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Restrictions on the graph used for computation.
 */
export interface PathConstraints {
  /**
   * Links that must not be used (e.g. under maintenance). Each entry excludes that direction only.
   */
  'exclude_links'?: (_sluice_v1_LinkRef)[];
  /**
   * Links with less capacity than this (bits per second) are not used; 0 means no limit.
   */
  'min_bandwidth_bps'?: (number | string | Long);
}

/**
 * Restrictions on the graph used for computation.
 */
export interface PathConstraints__Output {
  /**
   * Links that must not be used (e.g. under maintenance). Each entry excludes that direction only.
   */
  'exclude_links': (_sluice_v1_LinkRef__Output)[];
  /**
   * Links with less capacity than this (bits per second) are not used; 0 means no limit.
   */
  'min_bandwidth_bps': (string);
}
