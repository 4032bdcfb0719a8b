// Public surface of the OpenFlow codec. Modules below add their exports here as they land.
export * from './error-codes.js';
export * from './decode-error.js';
export * from './ofp-reader.js';
export * from './ofp-writer.js';
