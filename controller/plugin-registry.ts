/**
 * The plugins this controller build knows, as one explicit list (grpc-js's `setup()` block,
 * not a scan of the plugins/ folder): what is here can be enabled in sluice.yaml, nothing else.
 * The kernel orders them by `dependsOn` and decides which run (config, `enabledByDefault`).
 * Plugin helpers append their definition here.
 */
import type { PluginDefinition } from '../core/kernel/plugin.js';
import l2 from '../plugins/l2/index.js';

export const PLUGIN_REGISTRY: readonly PluginDefinition[] = [l2];
