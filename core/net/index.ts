// Public surface of the address types and the longest-prefix-match table.
export * from './address-error.js';
export * from './mac-address.js';
export * from './ipv4-address.js';
export * from './ipv6-address.js';
export * from './ip-prefix.js';
export * from './lpm-table.js';
