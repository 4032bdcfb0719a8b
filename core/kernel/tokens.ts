// Service tokens: the ONE place where the names services are injected by are declared.
//
// Each token is a symbol with the same name as the interface it stands for, so an
// injection site reads `@inject(Logger) private readonly log: Logger`. For the services
// implemented in core (Logger, Metrics, EventBus, Clock, Config, PacketIns) this module
// also exports the matching type under the same name.
//
// Controller-owned services (Datapaths, Topology, Paths, Hosts, Flows, Northbound) get
// their token here and their interface in the controller. The controller pairs the two
// once, in the module that declares the interface, so plugins import both as one name:
//
//   // controller/hosts/hosts.ts
//   import { Hosts as HostsToken } from '../../core/kernel/tokens.js';
//   export interface Hosts { get(id: HostId): Host | undefined; … }
//   export const Hosts = HostsToken;
//
// Symbol.for() rather than Symbol(): two copies of this module (src under vitest and dist
// in a child process, say) must agree on identity.
//
// Plugin-scoped tokens (PluginConfig, PluginLogger, PluginName) are bound only inside a
// plugin's own child container; see plugin.ts for why root tokens must never be rebound there.

import type { SluiceConfig } from '../config/sluice-config.js';
import type { Logger as LoggerService } from '../telemetry/logger.js';
import type { Metrics as MetricsService } from '../telemetry/metrics.js';
import type { Clock as ClockService } from './clock.js';
import type { EventBus as EventBusService } from './event-bus.js';
import type { PacketInChain } from './packet-in-chain.js';
import type { SluiceEvents } from './sluice-events.js';

// --- services implemented in core ---------------------------------------------------

export const EventBus: unique symbol = Symbol.for('sluice.EventBus');
export type EventBus = EventBusService<SluiceEvents>;

export const Logger: unique symbol = Symbol.for('sluice.Logger');
export type Logger = LoggerService;

export const Metrics: unique symbol = Symbol.for('sluice.Metrics');
export type Metrics = MetricsService;

export const Clock: unique symbol = Symbol.for('sluice.Clock');
export type Clock = ClockService;

/** The validated sluice.yaml. */
export const Config: unique symbol = Symbol.for('sluice.Config');
export type Config = SluiceConfig;

/**
 * The packet-in processor chain. Its context type is the controller's; plugins inject it
 * as `PacketInChain<PacketInContext>` with the controller's context type.
 */
export const PacketIns: unique symbol = Symbol.for('sluice.PacketIns');
export type PacketIns<C> = PacketInChain<C>;

// --- services implemented by the controller (interfaces live there) ------------------

/** Connected datapaths: features, ports, send/request. */
export const Datapaths: unique symbol = Symbol.for('sluice.Datapaths');
/** Switch-to-switch links discovered by LLDP. */
export const Topology: unique symbol = Symbol.for('sluice.Topology');
/** Shortest paths over the topology (Dijkstra). */
export const Paths: unique symbol = Symbol.for('sluice.Paths');
/** Host locations learned from traffic. */
export const Hosts: unique symbol = Symbol.for('sluice.Hosts');
/** Flow installation and removal, by cookie. */
export const Flows: unique symbol = Symbol.for('sluice.Flows');
/** Registration of gRPC services on the northbound server. */
export const Northbound: unique symbol = Symbol.for('sluice.Northbound');

// --- plugin-scoped tokens (bound in each plugin's child container) --------------------

/** The plugin's own config section, validated and with defaults applied. */
export const PluginConfig: unique symbol = Symbol.for('sluice.PluginConfig');
/** The root logger with `{ plugin: <name> }` bound. */
export const PluginLogger: unique symbol = Symbol.for('sluice.PluginLogger');
/** The plugin's name, as in its manifest. */
export const PluginName: unique symbol = Symbol.for('sluice.PluginName');

/** Every root-level token; a plugin module that rebinds one of these is refused. */
export const ROOT_TOKENS: readonly symbol[] = [
  EventBus,
  Logger,
  Metrics,
  Clock,
  Config,
  PacketIns,
  Datapaths,
  Topology,
  Paths,
  Hosts,
  Flows,
  Northbound,
];
