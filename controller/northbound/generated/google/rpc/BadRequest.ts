// Original file: google/rpc/error_details.proto


/**
 * One invalid field.
 */
export interface _google_rpc_BadRequest_FieldViolation {
  /**
   * Path to the field, e.g. "match[2].value" or "src.mac".
   */
  'field'?: (string);
  /**
   * Why it is invalid.
   */
  'description'?: (string);
}

/**
 * One invalid field.
 */
export interface _google_rpc_BadRequest_FieldViolation__Output {
  /**
   * Path to the field, e.g. "match[2].value" or "src.mac".
   */
  'field': (string);
  /**
   * Why it is invalid.
   */
  'description': (string);
}

/**
 * Describes violations in a client request: which fields were wrong and why.
 */
export interface BadRequest {
  /**
   * Every violation found (not only the first).
   */
  'field_violations'?: (_google_rpc_BadRequest_FieldViolation)[];
}

/**
 * Describes violations in a client request: which fields were wrong and why.
 */
export interface BadRequest__Output {
  /**
   * Every violation found (not only the first).
   */
  'field_violations': (_google_rpc_BadRequest_FieldViolation__Output)[];
}
