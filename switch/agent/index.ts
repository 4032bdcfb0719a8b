// Public surface of the switch's OpenFlow agent.
export * from './datapath-like.js';
export * from './switch-agent.js';
export * from './async-config.js';
export * from './controller-roles.js';
export * from './reconnect-backoff.js';
export * from './version-negotiation.js';
export { STANDALONE_COOKIE } from './standalone-learning.js';
