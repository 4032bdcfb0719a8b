// Public surface of core/config.
export * from './config-path.js';
export * from './config-error.js';
export * from './config-source.js';
export * from './validate-section.js';
export * from './endpoint.js';
export * from './sluice-config.js';
export * from './load-config.js';
export * from './describe-options.js';
