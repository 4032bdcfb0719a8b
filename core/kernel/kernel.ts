// Kernel: the root container with core services bound, plus the plugin host.
//
// A program (controller, demo) builds one Kernel from its loaded config, binds its own
// services (Datapaths, Flows, …) on `kernel.root`, then calls start(); stop() stops the
// plugins in reverse order. Nothing here is global: two kernels in one process (tests,
// the demo) share nothing.

import { Container } from 'inversify';
import type { LoadedConfig } from '../config/load-config.js';
import type { SluiceConfig } from '../config/sluice-config.js';
import { createLogger, type Logger, type LogSink } from '../telemetry/logger.js';
import { MetricsRegistry, type Metrics } from '../telemetry/metrics.js';
import { systemClock, type Clock } from './clock.js';
import { EventBus } from './event-bus.js';
import { PacketInChain } from './packet-in-chain.js';
import type { PluginDefinition } from './plugin.js';
import { PluginHost } from './plugin-host.js';
import type { SluiceEvents } from './sluice-events.js';
import * as tokens from './tokens.js';

export interface KernelOptions {
  config: LoadedConfig<SluiceConfig>;
  registry: readonly PluginDefinition[];
  /** Defaults to a logger built from `config.logging`, writing to `logSink` (stderr). */
  logger?: Logger;
  logSink?: LogSink;
  metrics?: Metrics;
  clock?: Clock;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
}

export class Kernel {
  readonly root = new Container();
  readonly config: SluiceConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly events: EventBus<SluiceEvents>;
  /** Context type is the controller's; it narrows this when it dispatches. */
  readonly packetIns: PacketInChain<unknown>;
  readonly plugins: PluginHost;
  private readonly loaded: LoadedConfig<SluiceConfig>;

  constructor(options: KernelOptions) {
    this.loaded = options.config;
    this.config = options.config.value;
    this.logger =
      options.logger ??
      createLogger({ level: this.config.logging.level, format: this.config.logging.format, ...(options.logSink === undefined ? {} : { sink: options.logSink }) });
    this.metrics = options.metrics ?? new MetricsRegistry();
    this.clock = options.clock ?? systemClock;
    this.events = new EventBus<SluiceEvents>(this.logger.child({ component: 'event-bus' }));
    this.packetIns = new PacketInChain<unknown>(this.logger.child({ component: 'packet-in' }));

    this.root.bind(tokens.Config).toConstantValue(this.config);
    this.root.bind(tokens.Logger).toConstantValue(this.logger);
    this.root.bind(tokens.Metrics).toConstantValue(this.metrics);
    this.root.bind(tokens.Clock).toConstantValue(this.clock);
    this.root.bind(tokens.EventBus).toConstantValue(this.events);
    this.root.bind(tokens.PacketIns).toConstantValue(this.packetIns);

    this.plugins = new PluginHost({
      root: this.root,
      registry: options.registry,
      logger: this.logger,
      events: this.events,
      ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
      ...(options.stopTimeoutMs === undefined ? {} : { stopTimeoutMs: options.stopTimeoutMs }),
    });
  }

  /** Validates plugin config and dependencies without starting anything (for `--check`). */
  check(): string[] {
    return this.plugins.plan(this.config.plugins, this.loaded.source);
  }

  start(): Promise<void> {
    return this.plugins.start(this.config.plugins, this.loaded.source);
  }

  async stop(): Promise<void> {
    await this.plugins.stop();
    await this.events.settled();
  }
}
