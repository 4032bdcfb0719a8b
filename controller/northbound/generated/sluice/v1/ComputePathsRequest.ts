// Original file: sluice/v1/paths.proto

import type { PathEndpoint as _sluice_v1_PathEndpoint, PathEndpoint__Output as _sluice_v1_PathEndpoint__Output } from '../../sluice/v1/PathEndpoint.js';
import type { PathMode as _sluice_v1_PathMode, PathMode__Output as _sluice_v1_PathMode__Output } from '../../sluice/v1/PathMode.js';
import type { PathConstraints as _sluice_v1_PathConstraints, PathConstraints__Output as _sluice_v1_PathConstraints__Output } from '../../sluice/v1/PathConstraints.js';

/**
 * Request for Paths.Compute.
 */
export interface ComputePathsRequest {
  /**
   * Required: where the path starts.
   */
  'src'?: (_sluice_v1_PathEndpoint | null);
  /**
   * Required: where the path ends.
   */
  'dst'?: (_sluice_v1_PathEndpoint | null);
  /**
   * Which paths to return.
   */
  'mode'?: (_sluice_v1_PathMode);
  /**
   * Maximum number of paths: required (1..64) for K_SHORTEST, optional cap for ECMP, must be 0
   * or 1 for SHORTEST.
   */
  'k'?: (number);
  /**
   * Optional restrictions.
   */
  'constraints'?: (_sluice_v1_PathConstraints | null);
}

/**
 * Request for Paths.Compute.
 */
export interface ComputePathsRequest__Output {
  /**
   * Required: where the path starts.
   */
  'src': (_sluice_v1_PathEndpoint__Output | null);
  /**
   * Required: where the path ends.
   */
  'dst': (_sluice_v1_PathEndpoint__Output | null);
  /**
   * Which paths to return.
   */
  'mode': (_sluice_v1_PathMode__Output);
  /**
   * Maximum number of paths: required (1..64) for K_SHORTEST, optional cap for ECMP, must be 0
   * or 1 for SHORTEST.
   */
  'k': (number);
  /**
   * Optional restrictions.
   */
  'constraints': (_sluice_v1_PathConstraints__Output | null);
}
