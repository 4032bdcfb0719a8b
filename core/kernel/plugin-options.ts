// The `plugins.<name>.*` part of the option listing: for each installed plugin, the
// kernel's keys (with the manifest's enabled default) followed by the plugin's own schema.
// Together with describeOptions() this is the whole of what sluice.yaml accepts.

import { describeOptions, type OptionDescription } from '../config/describe-options.js';
import type { PluginDefinition } from './plugin.js';

export function describePluginOptions(registry: readonly PluginDefinition[]): OptionDescription[] {
  return registry.flatMap((def) => [
    {
      path: `plugins.${def.name}.enabled`,
      type: 'boolean',
      default: String(def.enabledByDefault),
      description: `${def.description} (v${def.version}${def.dependsOn.length > 0 ? `, needs ${def.dependsOn.join(', ')}` : ''})`,
    },
    { path: `plugins.${def.name}.required`, type: 'boolean', default: 'false', description: 'fail startup if this plugin fails to start' },
    ...describeOptions(def.configSchema, ['plugins', def.name]),
  ]);
}
