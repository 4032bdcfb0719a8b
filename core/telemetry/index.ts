// Public surface of core/telemetry: the logger and the metrics registry used everywhere.
export * from './logger.js';
export * from './metrics.js';
export * from './metrics-server.js';
