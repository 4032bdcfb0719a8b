/**
 * Wires the gRPC northbound to a running controller: one adapter per backend face over the
 * controller's services, a NorthboundServer over them, listening where config says.
 *
 * Two steps because plugins may inject the `Northbound` token (to add their own gRPC services)
 * and they start inside the kernel: the controller composition calls `createNorthbound` and
 * binds `northbound.server` to the token before `kernel.start()`, then `northbound.start()` after.
 * `startNorthbound` does both for a controller that is already up (the demo, tests).
 */
import type { Container } from 'inversify';
import type { SluiceConfig } from '../../core/config/sluice-config.js';
import type { EventBus } from '../../core/kernel/event-bus.js';
import type { PluginHost } from '../../core/kernel/plugin-host.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import * as tokens from '../../core/kernel/tokens.js';
import type { Logger } from '../../core/telemetry/logger.js';
import type { Hosts } from '../hosts/hosts.js';
import type { NorthboundBackends } from '../northbound/backend.js';
import { NorthboundServer, readTlsFiles, type NorthboundServerOptions } from '../northbound/grpc-server.js';
import type { PathComputer } from '../paths/path-computer.js';
import type { Datapaths } from '../services/datapaths.js';
import type { Flows } from '../services/flows.js';
import type { Topology } from '../topology/topology.js';
import { DatapathsAdapter } from './datapaths-backend.js';
import { EventsAdapter } from './events-backend.js';
import { FlowsAdapter } from './flows-backend.js';
import { PathsAdapter } from './paths-backend.js';
import { PluginsAdapter } from './plugins-backend.js';
import { TopologyAdapter } from './topology-backend.js';

/** What the northbound needs of a controller; `ControllerHandle` from controller-main satisfies it. */
export interface NorthboundSources {
  readonly kernel: {
    readonly root: Container;
    readonly config: SluiceConfig;
    readonly events: EventBus<SluiceEvents>;
    readonly plugins: PluginHost;
    readonly logger: Logger;
  };
  readonly datapaths: Datapaths;
  readonly flows: Flows;
  readonly topology: Topology;
  readonly paths: PathComputer;
  /** When absent, whatever is bound to the Hosts token (if anything) is used. */
  readonly hosts?: Hosts;
}

export interface Northbound {
  readonly server: NorthboundServer;
  readonly backends: NorthboundBackends;
  /** Binds and serves; resolves with the bound port. */
  start(): Promise<number>;
  /** Stops the server, then detaches the adapters from the bus. Idempotent. */
  stop(): Promise<void>;
}

function hostsOf(sources: NorthboundSources): Hosts | undefined {
  if (sources.hosts) return sources.hosts;
  const root = sources.kernel.root;
  return root.isBound(tokens.Hosts) ? root.get<Hosts>(tokens.Hosts) : undefined;
}

/**
 * Builds the adapters and the server without listening. `overrides` wins over config (the demo
 * passes an explicit port; tests pass port 0).
 */
export function createNorthbound(
  sources: NorthboundSources,
  config: SluiceConfig['northbound'] = sources.kernel.config.northbound,
  overrides: NorthboundServerOptions = {},
): Northbound {
  const { kernel } = sources;
  const log = kernel.logger.child({ component: 'northbound' });
  const hosts = hostsOf(sources);
  const datapaths = new DatapathsAdapter(sources.datapaths, kernel.events, log);
  const events = new EventsAdapter(kernel.events);
  const backends: NorthboundBackends = {
    datapaths,
    topology: new TopologyAdapter(sources.topology, hosts, sources.datapaths, kernel.events),
    paths: new PathsAdapter(sources.paths, hosts),
    flows: new FlowsAdapter(sources.datapaths, sources.flows),
    plugins: new PluginsAdapter(kernel.plugins, kernel.config.plugins),
    events,
  };
  const options: NorthboundServerOptions = {
    listen: config.listen,
    reflection: config.reflection,
    health: config.health,
    ...(config.tls === undefined ? {} : { tls: readTlsFiles(config.tls) }),
    ...(config.token === undefined ? {} : { token: config.token }),
    ...overrides,
  };
  // An explicit host/port override must beat the config's listen string, which the server prefers.
  if (overrides.listen === undefined && (overrides.host !== undefined || overrides.port !== undefined)) delete options.listen;
  const server = new NorthboundServer(backends, options);
  let stopped: Promise<void> | undefined;
  return {
    server,
    backends,
    start: async () => {
      const port = await server.start();
      log.info('northbound listening', { port, tls: options.tls !== undefined, auth: options.token !== undefined });
      return port;
    },
    stop: () => (stopped ??= (async () => {
      await server.stop();
      datapaths.dispose();
      events.dispose();
    })()),
  };
}

/** createNorthbound + start, for a controller that is already running. */
export async function startNorthbound(
  sources: NorthboundSources,
  config?: SluiceConfig['northbound'],
  overrides: NorthboundServerOptions = {},
): Promise<Northbound> {
  const nb = createNorthbound(sources, config, overrides);
  try {
    await nb.start();
  } catch (err) {
    await nb.stop();
    throw err;
  }
  return nb;
}
