// PluginHost: loads the enabled plugins, orders them by dependsOn, validates each one's
// config section, binds it in its own child container, starts them in order and stops
// them in reverse. It is the only code that moves a plugin between states:
//
//   disabled ── enable ──▶ loaded ──▶ started ── stop/disable ──▶ stopped | disabled
//                            │                         ▲
//                            └──▶ failed               └── reload (stop → rebind → start)
//   (a plugin whose dependency is not started: skipped)
//
// Startup is all-or-nothing only for what must be: config problems (every plugin's, at
// once) and dependency problems (missing, cycle) are found before any plugin starts, so
// a bad sluice.yaml never touches the network. After that a plugin that fails to start
// is logged, marked `failed` with its reason, announced on the bus ('plugin.state'), and
// its dependents are `skipped`; everything else keeps running — unless the plugin is
// `required: true`, in which case the host stops what it started and throws.
//
// Enable/disable/reload at run time touch one plugin only. Disabling a plugin that
// started plugins depend on is refused rather than cascading silently. Operations are
// serialised: a reload never interleaves with a disable.
//
// A plugin is enabled when its `plugins.<name>` entry exists and does not say
// `enabled: false`, or, with no entry, when its manifest says enabledByDefault.

import { Container } from 'inversify';
import { ConfigError, type ConfigIssue } from '../config/config-error.js';
import type { ConfigSource } from '../config/config-source.js';
import { pluginEntrySchema, type PluginEntry, type PluginsSection } from '../config/sluice-config.js';
import { checkSection } from '../config/validate-section.js';
import type { Logger } from '../telemetry/logger.js';
import type { EventBus } from './event-bus.js';
import type { PluginDefinition, PluginLifecycle } from './plugin.js';
import { PluginOperationError, PluginStartError } from './plugin-errors.js';
import { orderPlugins } from './plugin-order.js';
import type { PluginState, SluiceEvents } from './sluice-events.js';
import { PluginConfig, PluginLogger, PluginName, ROOT_TOKENS } from './tokens.js';

export type { PluginState } from './sluice-events.js';

/** What `Plugins.List` reports for one installed plugin. */
export interface PluginStatus {
  name: string;
  version: string;
  description: string;
  dependsOn: readonly string[];
  state: PluginState;
  reason: string | undefined;
  required: boolean;
}

export interface PluginHostOptions {
  /** The kernel's root container, with the shared services bound. */
  root: Container;
  /** Every installed plugin; which of them run is decided by config. */
  registry: readonly PluginDefinition[];
  logger: Logger;
  events: EventBus<SluiceEvents>;
  /** A start() that has not settled by then counts as failed. Default 10 s. */
  startTimeoutMs?: number;
  /** A stop() that has not settled by then is abandoned (logged). Default 10 s. */
  stopTimeoutMs?: number;
}

interface Slot {
  readonly def: PluginDefinition;
  state: PluginState;
  reason: string | undefined;
  required: boolean;
  /** Validated config, with defaults. */
  config: unknown;
  container: Container | undefined;
  lifecycle: PluginLifecycle | undefined;
}

/** The container-private token of a plugin's lifecycle object. */
const Lifecycle = Symbol('sluice.PluginLifecycle');

class PluginTimeoutError extends Error {
  override readonly name = 'PluginTimeoutError';
}

async function settleWithin<T>(work: () => T | Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PluginTimeoutError(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class PluginHost {
  private readonly slots = new Map<string, Slot>();
  /** Names in the order they reached `started`; stop walks it backwards. */
  private readonly startedOrder: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;
  private readonly startTimeoutMs: number;
  private readonly stopTimeoutMs: number;

  constructor(private readonly options: PluginHostOptions) {
    this.log = options.logger.child({ component: 'plugin-host' });
    this.startTimeoutMs = options.startTimeoutMs ?? 10_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    for (const def of options.registry) {
      if (this.slots.has(def.name)) throw new Error(`two installed plugins are named ${def.name}`);
      this.slots.set(def.name, { def, state: 'disabled', reason: 'not enabled', required: false, config: undefined, container: undefined, lifecycle: undefined });
    }
  }

  /**
   * Validates the `plugins:` section against the registry and each plugin's schema and
   * returns the start order, without starting anything. Throws ConfigError (all issues
   * at once) or PluginDependencyError. `sluice controller --check` stops here.
   */
  plan(section: PluginsSection, source?: ConfigSource): string[] {
    const issues: ConfigIssue[] = [];
    for (const name of Object.keys(section)) {
      if (!this.slots.has(name)) {
        const pos = source?.locate(['plugins', name], { key: true });
        issues.push({
          path: ['plugins', name],
          message: `unknown plugin; installed: ${[...this.slots.keys()].join(', ') || '(none)'}`,
          ...(source === undefined ? {} : { origin: source.origin }),
          ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
        });
      }
    }
    const enabled: Slot[] = [];
    const configs = new Map<string, { config: unknown; required: boolean }>();
    for (const slot of this.slots.values()) {
      const entry = section[slot.def.name];
      const on = entry === undefined ? slot.def.enabledByDefault : entry.enabled !== false;
      if (!on) continue;
      const checked = this.checkEntry(slot, entry ?? { required: false }, source);
      if (!checked.ok) issues.push(...checked.issues);
      else configs.set(slot.def.name, checked);
      enabled.push(slot);
    }
    if (issues.length > 0) throw new ConfigError(issues);
    const order = orderPlugins(
      enabled.map((s) => s.def),
      (name) => this.slots.has(name),
    );
    // Only now, with everything valid, record the plan on the slots.
    for (const slot of this.slots.values()) {
      const c = configs.get(slot.def.name);
      if (c === undefined) {
        const entry = section[slot.def.name];
        slot.reason = entry?.enabled === false ? `plugins.${slot.def.name}.enabled is false` : 'not enabled';
        continue;
      }
      slot.config = c.config;
      slot.required = c.required;
    }
    return order;
  }

  /** Plans, then starts every enabled plugin in dependency order. */
  start(section: PluginsSection, source?: ConfigSource): Promise<void> {
    return this.serial(async () => {
      if (this.startedOrder.length > 0) throw new Error('plugin host already started');
      const order = this.plan(section, source);
      this.log.info('starting plugins', { order });
      for (const name of order) {
        const slot = this.slots.get(name)!;
        const blocked = this.blockingDependency(slot);
        if (blocked !== undefined) {
          this.transition(slot, 'skipped', blocked);
          this.log.warn('plugin skipped', { plugin: name, reason: blocked });
          if (slot.required) {
            await this.stopAll();
            throw new PluginStartError(name, blocked);
          }
          continue;
        }
        const failure = await this.startOne(slot);
        if (failure !== undefined && slot.required) {
          await this.stopAll();
          throw new PluginStartError(name, reasonOf(failure), { cause: failure });
        }
      }
    });
  }

  /** Stops every started plugin, newest first. Errors are logged, never thrown. */
  stop(): Promise<void> {
    return this.serial(() => this.stopAll());
  }

  list(): PluginStatus[] {
    return [...this.slots.values()].map((s) => this.statusOf(s));
  }

  status(name: string): PluginStatus | undefined {
    const slot = this.slots.get(name);
    return slot === undefined ? undefined : this.statusOf(slot);
  }

  /**
   * Starts a plugin that is not running. `entry` is its `plugins.<name>` section (raw, as in
   * YAML); without it the last validated config (or the schema defaults) is used.
   * Resolves with the resulting status, which may be `failed`; throws ConfigError for a bad
   * section and PluginOperationError when a dependency is not started.
   */
  enable(name: string, entry?: unknown): Promise<PluginStatus> {
    return this.serial(async () => {
      const slot = this.slotFor(name, 'enable');
      if (slot.state === 'started') return this.statusOf(slot);
      this.applyEntry(slot, entry);
      const blocked = this.blockingDependency(slot);
      if (blocked !== undefined) throw new PluginOperationError(name, `cannot enable ${name}: ${blocked}`);
      await this.startOne(slot);
      return this.statusOf(slot);
    });
  }

  /** Stops one plugin and marks it disabled; refused while started plugins depend on it. */
  disable(name: string): Promise<PluginStatus> {
    return this.serial(async () => {
      const slot = this.slotFor(name, 'disable');
      const dependents = [...this.slots.values()].filter((s) => s.state === 'started' && s.def.dependsOn.includes(name)).map((s) => s.def.name);
      if (dependents.length > 0) {
        throw new PluginOperationError(name, `cannot disable ${name}: started plugins depend on it: ${dependents.join(', ')}`);
      }
      if (slot.state === 'started') await this.stopOne(slot);
      this.transition(slot, 'disabled', 'disabled at run time');
      return this.statusOf(slot);
    });
  }

  /**
   * Stop → rebind → start of one plugin, optionally with a new config section. A bad
   * section is rejected before the running instance is touched. Dependents keep running:
   * they reach this plugin only through services and events, not its instances.
   */
  reload(name: string, entry?: unknown): Promise<PluginStatus> {
    return this.serial(async () => {
      const slot = this.slotFor(name, 'reload');
      if (slot.state === 'disabled') throw new PluginOperationError(name, `cannot reload ${name}: it is disabled; enable it instead`);
      this.applyEntry(slot, entry);
      const blocked = this.blockingDependency(slot);
      if (blocked !== undefined) throw new PluginOperationError(name, `cannot reload ${name}: ${blocked}`);
      if (slot.state === 'started') await this.stopOne(slot);
      await this.startOne(slot);
      return this.statusOf(slot);
    });
  }

  // --- internals ---------------------------------------------------------------------

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private slotFor(name: string, verb: string): Slot {
    const slot = this.slots.get(name);
    if (slot === undefined) throw new PluginOperationError(name, `cannot ${verb} ${name}: no such plugin is installed`);
    return slot;
  }

  private statusOf(slot: Slot): PluginStatus {
    const { name, version, description, dependsOn } = slot.def;
    return { name, version, description, dependsOn, state: slot.state, reason: slot.reason, required: slot.required };
  }

  private checkEntry(
    slot: Slot,
    entry: PluginEntry,
    source: ConfigSource | undefined,
  ): { ok: true; config: unknown; required: boolean } | { ok: false; issues: ConfigIssue[] } {
    const { enabled: _enabled, required, ...own } = entry;
    const checked = checkSection(slot.def.configSchema, own, { base: ['plugins', slot.def.name], source });
    return checked.ok ? { ok: true, config: checked.value, required } : checked;
  }

  /** Validates a run-time section (raw) and stores it on the slot; no-op without one. */
  private applyEntry(slot: Slot, raw: unknown): void {
    if (raw === undefined) {
      if (slot.config === undefined) raw = {};
      else return;
    }
    const base = ['plugins', slot.def.name];
    const entry = checkSection(pluginEntrySchema, raw, { base });
    if (!entry.ok) throw new ConfigError(entry.issues);
    const checked = this.checkEntry(slot, entry.value, undefined);
    if (!checked.ok) throw new ConfigError(checked.issues);
    slot.config = checked.config;
    slot.required = checked.required;
  }

  private blockingDependency(slot: Slot): string | undefined {
    for (const dep of slot.def.dependsOn) {
      const d = this.slots.get(dep);
      if (d === undefined) return `dependency ${dep} is not installed`;
      if (d.state !== 'started') return `dependency ${dep} is ${d.state}${d.reason === undefined ? '' : ` (${d.reason})`}`;
    }
    return undefined;
  }

  private transition(slot: Slot, state: PluginState, reason?: string): void {
    const previous = slot.state;
    slot.state = state;
    slot.reason = reason;
    this.options.events.emit('plugin.state', {
      name: slot.def.name,
      version: slot.def.version,
      state,
      previous,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  /** Binds and starts one plugin. Returns the error if it failed (state is then `failed`). */
  private async startOne(slot: Slot): Promise<unknown> {
    const { name } = slot.def;
    const container = new Container({ parent: this.options.root });
    slot.container = container;
    slot.lifecycle = undefined;
    try {
      container.bind(PluginConfig).toConstantValue(slot.config);
      container.bind(PluginLogger).toConstantValue(this.options.logger.child({ plugin: name }));
      container.bind(PluginName).toConstantValue(name);
      if (slot.def.module !== undefined) await container.loadAsync(slot.def.module);
      const shadowed = ROOT_TOKENS.filter((t) => container.isCurrentBound(t));
      if (shadowed.length > 0) {
        throw new Error(`its module rebinds root service ${shadowed.map((t) => t.description).join(', ')}; bind plugin-private tokens instead`);
      }
      container.bind(Lifecycle).to(slot.def.lifecycle).inSingletonScope();
      const lifecycle = await container.getAsync<PluginLifecycle>(Lifecycle);
      slot.lifecycle = lifecycle;
      this.transition(slot, 'loaded');
      await settleWithin(() => lifecycle.start(), this.startTimeoutMs, 'start()');
    } catch (err) {
      const reason = reasonOf(err);
      this.log.error('plugin failed to start', { plugin: name, reason, err });
      // stop() releases whatever a half-finished start() registered.
      if (slot.lifecycle !== undefined) await this.runStop(slot, slot.lifecycle);
      await this.discardContainer(slot);
      this.transition(slot, 'failed', reason);
      return err;
    }
    this.startedOrder.push(name);
    this.transition(slot, 'started');
    this.log.info('plugin started', { plugin: name, version: slot.def.version });
    return undefined;
  }

  private async stopOne(slot: Slot): Promise<void> {
    const idx = this.startedOrder.indexOf(slot.def.name);
    if (idx >= 0) this.startedOrder.splice(idx, 1);
    const error = slot.lifecycle === undefined ? undefined : await this.runStop(slot, slot.lifecycle);
    await this.discardContainer(slot);
    this.transition(slot, 'stopped', error === undefined ? undefined : `stop failed: ${error}`);
    this.log.info('plugin stopped', { plugin: slot.def.name });
  }

  /**
   * Stops dependents before their dependencies. Start order alone is not enough once
   * plugins were reloaded or enabled at run time (a reloaded dependency is started after
   * its dependents), so the order is recomputed over the started set.
   */
  private async stopAll(): Promise<void> {
    const started = new Set(this.startedOrder);
    const nodes = this.startedOrder.map((name) => ({ name, dependsOn: this.slots.get(name)!.def.dependsOn.filter((d) => started.has(d)) }));
    for (const name of orderPlugins(nodes).reverse()) await this.stopOne(this.slots.get(name)!);
  }

  /** Calls stop(); returns the failure reason, if any, after logging it. */
  private async runStop(slot: Slot, lifecycle: PluginLifecycle): Promise<string | undefined> {
    try {
      await settleWithin(() => lifecycle.stop(), this.stopTimeoutMs, 'stop()');
      return undefined;
    } catch (err) {
      this.log.error('plugin stop failed', { plugin: slot.def.name, reason: reasonOf(err), err });
      return reasonOf(err);
    } finally {
      slot.lifecycle = undefined;
    }
  }

  private async discardContainer(slot: Slot): Promise<void> {
    const container = slot.container;
    slot.container = undefined;
    if (container === undefined) return;
    try {
      // Runs the plugin's own deactivation hooks; bindings of the root are not touched.
      await container.unbindAllAsync();
    } catch (err) {
      this.log.warn('plugin container cleanup failed', { plugin: slot.def.name, err });
    }
  }
}
