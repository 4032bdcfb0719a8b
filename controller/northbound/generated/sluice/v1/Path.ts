// Original file: sluice/v1/paths.proto

import type { PathHop as _sluice_v1_PathHop, PathHop__Output as _sluice_v1_PathHop__Output } from '../../sluice/v1/PathHop.js';

/**
 * One path.
 */
export interface Path {
  /**
   * The switches in order from src to dst.
   */
  'hops'?: (_sluice_v1_PathHop)[];
  /**
   * Sum of the link costs used (by default one per link).
   */
  'cost'?: (number | string);
}

/**
 * One path.
 */
export interface Path__Output {
  /**
   * The switches in order from src to dst.
   */
  'hops': (_sluice_v1_PathHop__Output)[];
  /**
   * Sum of the link costs used (by default one per link).
   */
  'cost': (number);
}
