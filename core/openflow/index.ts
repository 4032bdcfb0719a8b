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
export * from './group-bucket.js';
export * from './meter-band.js';
export * from './hello-elements.js';
export * from './port-desc.js';
export * from './queue-props.js';
export * from './table-features.js';
