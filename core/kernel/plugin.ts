// The plugin contract.
//
// A plugin is a folder `plugins/<name>/` whose index.ts default-exports the value of
// definePlugin(): a manifest (name, version, description, dependsOn, configSchema), an
// optional inversify ContainerModule with its bindings, and a lifecycle class the kernel
// constructs from the container and calls start()/stop() on.
//
//   // plugins/firewall/index.ts
//   import { ContainerModule } from 'inversify';
//   import { z } from 'zod';
//   import { definePlugin } from '../../core/kernel/plugin.js';
//   import { FirewallPlugin } from './firewall-plugin.js';
//   import { RuleTable } from './rule-table.js';
//
//   export const firewallConfigSchema = z.strictObject({
//     defaultAction: z.enum(['allow', 'deny']).default('allow').describe('when no rule matches'),
//     rules: z.array(ruleSchema).default([]).describe('evaluated in order'),
//   });
//   export type FirewallConfig = z.output<typeof firewallConfigSchema>;
//
//   export default definePlugin({
//     name: 'firewall',
//     version: '0.1.0',
//     description: 'stateless ACL in the admission stage',
//     dependsOn: ['l2'],
//     configSchema: firewallConfigSchema,
//     module: new ContainerModule(({ bind }) => {
//       bind(RuleTable).toSelf().inSingletonScope();
//     }),
//     lifecycle: FirewallPlugin,
//   });
//
//   // plugins/firewall/firewall-plugin.ts
//   @injectable()
//   export class FirewallPlugin implements PluginLifecycle {
//     private readonly undo = new UndoList();
//     constructor(
//       @inject(PluginConfig) private readonly config: FirewallConfig,
//       @inject(PluginLogger) private readonly log: Logger,
//       @inject(PacketIns) private readonly packetIns: PacketIns<PacketInContext>,
//       @inject(RuleTable) private readonly rules: RuleTable,
//     ) {}
//     start() { this.undo.add(this.packetIns.register('firewall', packetInPriority('admission', 10), (c) => …)); }
//     stop() { this.undo.dispose(); }
//   }
//
// Config: `plugins.<name>` in sluice.yaml holds the kernel's keys `enabled` and `required`
// next to the plugin's own fields, which configSchema (a strict zod object, so typos are
// errors) validates; an error is reported as `plugins.firewall.rules[3].dst` with its line.
//
// Container: each plugin gets a child container of the kernel's root. PluginConfig,
// PluginLogger and PluginName are bound there, and so is whatever `module` binds. A plugin
// module must not rebind a root token (Logger, Flows, …): inversify resolves a shared root
// singleton's dependencies through whichever container asks first, so a shadowed token
// would leak into services every plugin shares. The host refuses such a module.
//
// Lifecycle rules: start() may be async and may throw (the plugin is then `failed` and
// its dependents `skipped`); stop() undoes start() and must tolerate a start() that failed
// half way, because the host calls it then too, to release what was registered.
//
// Decorators: inversify reads constructor metadata through the Reflect metadata API.
// inversify 8 installs it itself (`import 'reflect-metadata/lite'` in its entry), and every
// decorated class imports inversify for @injectable, so the API is in place before any
// decorator runs; tests need no setup for it (kernel-plugin-host.test.ts proves that).
// The process entry, cli/sluice.ts, imports the full 'reflect-metadata' as its first line
// anyway, so correctness never hinges on which module first pulls in inversify.

import type { ContainerModule, Newable } from 'inversify';
import { z } from 'zod';
import { RESERVED_PLUGIN_KEYS } from '../config/sluice-config.js';

export interface PluginLifecycle {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** What a plugin's config schema must be: a strict zod object (unknown keys are errors). */
export type PluginConfigSchema = z.ZodObject<z.core.$ZodLooseShape, z.core.$strict>;

export interface PluginManifest<S extends PluginConfigSchema = PluginConfigSchema> {
  /** Lower-case letters, digits and dashes; also the key under `plugins:` in sluice.yaml. */
  readonly name: string;
  /** Semantic version, e.g. 0.1.0. */
  readonly version: string;
  readonly description: string;
  /** Plugins that must be started before this one, by name. */
  readonly dependsOn: readonly string[];
  readonly configSchema: S;
  /** Load this plugin when sluice.yaml does not mention it (L2 does, so a bare controller forwards). */
  readonly enabledByDefault: boolean;
}

export interface PluginDefinition<S extends PluginConfigSchema = PluginConfigSchema> extends PluginManifest<S> {
  /** Bindings private to this plugin; the lifecycle class may inject them. */
  readonly module: ContainerModule | undefined;
  readonly lifecycle: Newable<PluginLifecycle>;
}

export type PluginConfigOf<P extends PluginDefinition> = z.output<P['configSchema']>;

export interface PluginDefinitionInput<S extends PluginConfigSchema> {
  name: string;
  version: string;
  description: string;
  dependsOn?: readonly string[];
  configSchema?: S;
  enabledByDefault?: boolean;
  module?: ContainerModule;
  lifecycle: Newable<PluginLifecycle>;
}

export class PluginDefinitionError extends Error {
  override readonly name = 'PluginDefinitionError';
}

const NAME = /^[a-z][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const emptySchema = z.strictObject({});

/**
 * Checks a plugin definition when its module is imported, so a malformed plugin fails the
 * build's tests rather than a user's startup.
 */
export function definePlugin<S extends PluginConfigSchema = typeof emptySchema>(input: PluginDefinitionInput<S>): PluginDefinition<S> {
  const fail = (why: string): never => {
    throw new PluginDefinitionError(`plugin ${JSON.stringify(input.name)}: ${why}`);
  };
  if (!NAME.test(input.name)) fail('name must be lower-case letters, digits and dashes, starting with a letter');
  if (!SEMVER.test(input.version)) fail(`version ${JSON.stringify(input.version)} is not a semantic version`);
  const dependsOn = [...(input.dependsOn ?? [])];
  if (dependsOn.includes(input.name)) fail('depends on itself');
  if (new Set(dependsOn).size !== dependsOn.length) fail('lists a dependency twice');
  const schema = (input.configSchema ?? emptySchema) as S;
  if (!(schema instanceof z.ZodObject)) fail('configSchema must be a zod object');
  if (schema.def.catchall?._zod.def.type !== 'never') fail('configSchema must be strict (z.strictObject or .strict()), so unknown keys are errors');
  for (const key of RESERVED_PLUGIN_KEYS) {
    if (key in schema.shape) fail(`configSchema must not declare ${JSON.stringify(key)}: it is the kernel's key in plugins.${input.name}`);
  }
  if (typeof input.lifecycle !== 'function') fail('lifecycle must be a class');
  return Object.freeze({
    name: input.name,
    version: input.version,
    description: input.description,
    dependsOn: Object.freeze(dependsOn),
    configSchema: schema,
    enabledByDefault: input.enabledByDefault ?? false,
    module: input.module,
    lifecycle: input.lifecycle,
  });
}
