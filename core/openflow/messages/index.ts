// Every OpenFlow 1.3 message type and its body codecs, one module per protocol concept.
export * from './message.js';
export * from './symmetric.js';
export * from './switch-config.js';
export * from './packet.js';
export * from './flow.js';
export * from './group.js';
export * from './meter.js';
export * from './port.js';
export * from './queue.js';
export * from './table.js';
export * from './multipart.js';
