// Public surface of the controller's host tracker.
export * from './hosts.js';
export { HostTracker, type HostTrackerOptions, type HostTrackerDeps, HOST_PROCESSOR } from './host-tracker.js';
export { HostTable, type HostChange, type Sighting } from './host-table.js';
export { sightingOf } from './host-sighting.js';
