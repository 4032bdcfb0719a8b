// Original file: sluice/v1/paths.proto

import type { Path as _sluice_v1_Path, Path__Output as _sluice_v1_Path__Output } from '../../sluice/v1/Path.js';

/**
 * Response of Paths.Compute.
 */
export interface ComputePathsResponse {
  /**
   * The paths, cheapest first.
   */
  'paths'?: (_sluice_v1_Path)[];
}

/**
 * Response of Paths.Compute.
 */
export interface ComputePathsResponse__Output {
  /**
   * The paths, cheapest first.
   */
  'paths': (_sluice_v1_Path__Output)[];
}
