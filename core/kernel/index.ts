// Public surface of core/kernel.
export * from './disposable.js';
export * from './clock.js';
export * from './sluice-events.js';
export * from './event-bus.js';
export * from './packet-in-chain.js';
export * from './plugin.js';
export * from './plugin-errors.js';
export * from './plugin-order.js';
export * from './plugin-host.js';
export * from './plugin-options.js';
export * from './kernel.js';
// Tokens share names with the event bus and clock types above, so they come as a namespace:
// `import { tokens } from 'core/kernel'` or directly from './tokens.js'.
export * as tokens from './tokens.js';
