// Original file: sluice/v1/common.proto

/**
 * How serious an event is. Ordered: a filter on a severity also admits every higher one.
 */
export const Severity = {
  /**
   * Not set; in a filter it means "every severity".
   */
  SEVERITY_UNSPECIFIED: 'SEVERITY_UNSPECIFIED',
  /**
   * Detail useful when debugging.
   */
  SEVERITY_DEBUG: 'SEVERITY_DEBUG',
  /**
   * Normal operation (a switch connected, a plugin started).
   */
  SEVERITY_INFO: 'SEVERITY_INFO',
  /**
   * Something an operator should look at (a plugin failed, a link flaps).
   */
  SEVERITY_WARNING: 'SEVERITY_WARNING',
  /**
   * An alert that needs action now (an IDS hit, a lost fabric link).
   */
  SEVERITY_CRITICAL: 'SEVERITY_CRITICAL',
} as const;

/**
 * How serious an event is. Ordered: a filter on a severity also admits every higher one.
 */
export type Severity =
  /**
   * Not set; in a filter it means "every severity".
   */
  | 'SEVERITY_UNSPECIFIED'
  | 0
  /**
   * Detail useful when debugging.
   */
  | 'SEVERITY_DEBUG'
  | 1
  /**
   * Normal operation (a switch connected, a plugin started).
   */
  | 'SEVERITY_INFO'
  | 2
  /**
   * Something an operator should look at (a plugin failed, a link flaps).
   */
  | 'SEVERITY_WARNING'
  | 3
  /**
   * An alert that needs action now (an IDS hit, a lost fabric link).
   */
  | 'SEVERITY_CRITICAL'
  | 4

/**
 * How serious an event is. Ordered: a filter on a severity also admits every higher one.
 */
export type Severity__Output = typeof Severity[keyof typeof Severity]
