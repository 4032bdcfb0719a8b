/**
 * startController: the composition root of `sluice controller` (and of the demo's controller).
 *
 * Order matters and stop() mirrors it:
 *   1. Kernel (logger, metrics, event bus, packet-in chain) from the loaded config;
 *   2. controller services bound to their tokens: Datapaths (the registry), Flows, Topology,
 *      Paths (the topology's path computer), Hosts (the host tracker);
 *   3. controller services started, then plugins (in dependsOn order), so every processor
 *      and listener is in place before the first switch can arrive;
 *   4. the OpenFlow server (listen + passive switches), then the metrics server.
 * A failure part way stops what already started and rethrows.
 */
import type { LoadedConfig } from '../core/config/load-config.js';
import { loadConfig } from '../core/config/load-config.js';
import { type SluiceConfig, sluiceConfigSchema } from '../core/config/sluice-config.js';
import type { Clock } from '../core/kernel/clock.js';
import { Kernel } from '../core/kernel/kernel.js';
import type { PacketInChain } from '../core/kernel/packet-in-chain.js';
import type { PluginDefinition } from '../core/kernel/plugin.js';
import * as tokens from '../core/kernel/tokens.js';
import type { Logger, LogSink } from '../core/telemetry/logger.js';
import { type MetricsServer, parseMetricsUrl, startMetricsServer } from '../core/telemetry/metrics-server.js';
import type { Metrics } from '../core/telemetry/metrics.js';
import { DatapathRegistry } from './datapaths/datapath-registry.js';
import { FlowService } from './flows/flow-service.js';
import type { OfChannelTimers } from './openflow/of-channel.js';
import { OpenFlowServer } from './openflow/of-server.js';
import type { PathComputer } from './paths/path-computer.js';
import { PLUGIN_REGISTRY } from './plugin-registry.js';
import type { PacketInContext } from './services/packet-in-context.js';
import { HostTracker, type HostTrackerOptions } from './hosts/host-tracker.js';
import { createNorthbound, type Northbound } from './northbound-backends/start-northbound.js';
import type { NorthboundServerOptions } from './northbound/grpc-server.js';
import { TopologyService, type TopologyOptions } from './topology/lldp-discovery.js';

export interface ControllerOptions {
  /** Loaded sluice.yaml; all defaults when absent. */
  config?: LoadedConfig<SluiceConfig>;
  /** Overrides `controller.listen`; `false` disables listening (dial-only). */
  listen?: string | { host: string; port: number } | false;
  /** Passive switches to dial (`tcp:HOST:PORT`). */
  connect?: readonly string[];
  /** Overrides `metrics.enabled`/`metrics.listen`: false, or host/port (port 0 for tests). */
  metrics?: false | { host: string; port: number; path?: string };
  registry?: readonly PluginDefinition[];
  logger?: Logger;
  logSink?: LogSink;
  metricsRegistry?: Metrics;
  clock?: Clock;
  timers?: Partial<OfChannelTimers>;
  topology?: TopologyOptions;
  hosts?: HostTrackerOptions;
  /**
   * Serve the gRPC northbound (config `northbound`), with these overrides (port 0 for tests).
   * Off unless given: in-process users (tests, the demo) rarely want a second listener, and the
   * `sluice controller` command always turns it on.
   */
  northbound?: NorthboundServerOptions;
}

export interface ControllerHandle {
  readonly kernel: Kernel;
  readonly datapaths: DatapathRegistry;
  readonly flows: FlowService;
  readonly topology: TopologyService;
  readonly hosts: HostTracker;
  readonly paths: PathComputer;
  readonly packetIns: PacketInChain<PacketInContext>;
  readonly openflow: OpenFlowServer;
  /** Where switches connect, once listening. */
  readonly listenAddress: { host: string; port: number } | undefined;
  readonly metricsServer: MetricsServer | undefined;
  /** The gRPC northbound, when `northbound` was given. */
  readonly northbound: Northbound | undefined;
  stop(): Promise<void>;
}

export async function startController(opts: ControllerOptions = {}): Promise<ControllerHandle> {
  const config = opts.config ?? loadConfig(undefined, sluiceConfigSchema);
  const kernel = new Kernel({
    config,
    registry: opts.registry ?? PLUGIN_REGISTRY,
    ...(opts.logger === undefined ? {} : { logger: opts.logger }),
    ...(opts.logSink === undefined ? {} : { logSink: opts.logSink }),
    ...(opts.metricsRegistry === undefined ? {} : { metrics: opts.metricsRegistry }),
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
  });
  const log = kernel.logger.child({ component: 'controller' });
  // The kernel's chain is generic; the controller is the one place that fixes its context type.
  const packetIns = kernel.packetIns as PacketInChain<PacketInContext>;
  const deps = { events: kernel.events, packetIns, log: kernel.logger.child({ component: 'datapaths' }), clock: kernel.clock, metrics: kernel.metrics };
  const datapaths = new DatapathRegistry(deps);
  const flows = new FlowService(datapaths, kernel.events, kernel.logger.child({ component: 'flows' }));
  const topology = new TopologyService(
    { datapaths, flows, events: kernel.events, packetIns, clock: kernel.clock, logger: kernel.logger },
    opts.topology ?? {},
  );
  const hosts = new HostTracker(
    { topology, events: kernel.events, packetIns, clock: kernel.clock, logger: kernel.logger },
    opts.hosts ?? {},
  );
  kernel.root.bind(tokens.Datapaths).toConstantValue(datapaths);
  kernel.root.bind(tokens.Flows).toConstantValue(flows);
  kernel.root.bind(tokens.Topology).toConstantValue(topology);
  kernel.root.bind(tokens.Paths).toConstantValue(topology.paths);
  kernel.root.bind(tokens.Hosts).toConstantValue(hosts);

  const listen = opts.listen === undefined ? config.value.controller.listen : opts.listen === false ? undefined : opts.listen;
  const openflow = new OpenFlowServer(datapaths, kernel.logger.child({ component: 'openflow' }), kernel.clock, {
    ...(listen === undefined ? {} : { listen }),
    connect: opts.connect ?? [],
    ...(opts.timers === undefined ? {} : { timers: opts.timers }),
  });

  const undo: Array<() => Promise<void> | void> = [];
  const stopAll = async (): Promise<void> => {
    for (const step of undo.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        log.error('error while stopping the controller', { err });
      }
    }
  };
  let metricsServer: MetricsServer | undefined;
  // Built before the kernel starts so plugins can inject the Northbound token and register
  // their own gRPC services; it listens only once the OpenFlow side is up.
  const northbound = opts.northbound === undefined
    ? undefined
    : createNorthbound({ kernel, datapaths, flows, topology, paths: topology.paths, hosts }, config.value.northbound, opts.northbound);
  if (northbound) kernel.root.bind(tokens.Northbound).toConstantValue(northbound.server);
  try {
    topology.start();
    undo.push(() => topology.stop());
    hosts.start();
    undo.push(() => hosts.stop());
    undo.push(() => flows.dispose());
    await kernel.start();
    undo.push(() => kernel.stop());
    await openflow.start();
    undo.push(async () => {
      await openflow.stop();
      datapaths.closeAll('controller stopping');
    });
    if (northbound) {
      const port = await northbound.start();
      undo.push(() => northbound.stop());
      log.info('northbound gRPC listening', { port });
    }
    const m = opts.metrics;
    if (m !== false && (m !== undefined || config.value.metrics.enabled)) {
      const endpoint = m === undefined ? parseMetricsUrl(config.value.metrics.listen) : { path: '/metrics', ...m };
      metricsServer = await startMetricsServer(kernel.metrics, endpoint);
      const server = metricsServer;
      undo.push(() => server.stop());
      log.info('metrics listening', { url: metricsServer.url });
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    kernel, datapaths, flows, topology, hosts, paths: topology.paths, packetIns, openflow,
    listenAddress: openflow.address, metricsServer, northbound,
    stop: () => (stopped ??= stopAll()),
  };
}
