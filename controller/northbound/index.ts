// Public surface of the northbound API for the controller and plugins. The controller implements
// the backend interfaces and starts a NorthboundServer; plugins get a NorthboundRegistry.
export * from './backend.js';
export * from './backend-errors.js';
export { formatDpid, parseDpid } from './dpid-text.js';
export {
  DEFAULT_NORTHBOUND_HOST,
  DEFAULT_NORTHBOUND_PORT,
  NorthboundServer,
  readTlsFiles,
  type NorthboundRegistry,
  type NorthboundServerOptions,
  type NorthboundTls,
} from './grpc-server.js';
export { loadSluiceProtos, protoRoot, SLUICE_PROTO_FILES, SLUICE_SERVICE_NAMES } from './proto-package.js';
export { fieldViolationsOf } from './status-details.js';
