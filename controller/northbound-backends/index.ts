// Public surface of the northbound adapters: the controller's services behind the gRPC API.
export { createNorthbound, startNorthbound, type Northbound, type NorthboundSources } from './start-northbound.js';
export { DatapathsAdapter, portInfoOf } from './datapaths-backend.js';
export { TopologyAdapter, hostInfoOf } from './topology-backend.js';
export { PathsAdapter } from './paths-backend.js';
export { FlowsAdapter } from './flows-backend.js';
export { PluginsAdapter } from './plugins-backend.js';
export { EventsAdapter } from './events-backend.js';
export { matchFieldText, parseMatchFields } from './match-field-text.js';
