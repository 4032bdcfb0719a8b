// Public surface of the OpenFlow codec. Modules below add their exports here as they land.
export * from './error-codes.js';
export * from './decode-error.js';
export * from './ofp-reader.js';
export * from './ofp-writer.js';
export * from './encode-error.js';
export * from './oxm-fields.js';
export * from './match.js';
export * from './actions.js';
export * from './nicira-actions.js';
export * from './instructions.js';
