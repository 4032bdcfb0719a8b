// Public surface of controller topology discovery.
export * from './topology.js';
export { TopologyService, type TopologyOptions, type TopologyDeps, type LldpCounters, lldpCaptureFlow, LLDP_CAPTURE_PRIORITY, TOPOLOGY_OWNER, LLDP_PROCESSOR } from './lldp-discovery.js';
export { buildProbe, verifyProbe, SLUICE_LLDP_OUI, type ProbeVerdict } from './lldp-probe.js';
export { TopologyState, type TopologyChange } from './topology-state.js';
