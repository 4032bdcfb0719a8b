// Original file: sluice/v1/paths.proto

/**
 * Which paths to return.
 */
export const PathMode = {
  /**
   * Same as PATH_MODE_SHORTEST.
   */
  PATH_MODE_UNSPECIFIED: 'PATH_MODE_UNSPECIFIED',
  /**
   * One least-cost path.
   */
  PATH_MODE_SHORTEST: 'PATH_MODE_SHORTEST',
  /**
   * Up to k loop-free paths in increasing cost (Yen's algorithm); k is required.
   */
  PATH_MODE_K_SHORTEST: 'PATH_MODE_K_SHORTEST',
  /**
   * Every path whose cost equals the least cost, up to k if k is set.
   */
  PATH_MODE_ECMP: 'PATH_MODE_ECMP',
} as const;

/**
 * Which paths to return.
 */
export type PathMode =
  /**
   * Same as PATH_MODE_SHORTEST.
   */
  | 'PATH_MODE_UNSPECIFIED'
  | 0
  /**
   * One least-cost path.
   */
  | 'PATH_MODE_SHORTEST'
  | 1
  /**
   * Up to k loop-free paths in increasing cost (Yen's algorithm); k is required.
   */
  | 'PATH_MODE_K_SHORTEST'
  | 2
  /**
   * Every path whose cost equals the least cost, up to k if k is set.
   */
  | 'PATH_MODE_ECMP'
  | 3

/**
 * Which paths to return.
 */
export type PathMode__Output = typeof PathMode[keyof typeof PathMode]
