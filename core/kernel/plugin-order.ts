// Start order of plugins from their `dependsOn`: every plugin after the ones it depends on.
//
// Depth-first with an explicit path, so a cycle can be reported as the cycle itself
// ("a → b → c → a") rather than as "some plugins could not be ordered". Among plugins with
// no ordering constraint the input order is kept, which makes the order reproducible.

import { PluginDependencyError } from './plugin-errors.js';

export interface PluginNode {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

/**
 * Orders `enabled` so dependencies come first. `known(name)` tells a dependency that exists
 * but is not enabled from one that is not installed at all, for the error message.
 */
export function orderPlugins(enabled: readonly PluginNode[], known: (name: string) => boolean = () => false): string[] {
  const byName = new Map(enabled.map((p) => [p.name, p]));

  const missing: Array<readonly [string, string]> = [];
  for (const p of enabled) {
    for (const dep of p.dependsOn) if (!byName.has(dep)) missing.push([p.name, dep]);
  }
  if (missing.length > 0) {
    const lines = missing.map(([p, dep]) =>
      known(dep)
        ? `plugin ${p} depends on ${dep}, which is not enabled (set plugins.${dep}.enabled: true or disable ${p})`
        : `plugin ${p} depends on ${dep}, which is not installed`,
    );
    throw new PluginDependencyError(lines.join('; '), undefined, missing);
  }

  const done = new Set<string>();
  const onPath: string[] = [];
  const order: string[] = [];

  const visit = (node: PluginNode): void => {
    if (done.has(node.name)) return;
    const at = onPath.indexOf(node.name);
    if (at >= 0) {
      const cycle = [...onPath.slice(at), node.name];
      throw new PluginDependencyError(`plugin dependency cycle: ${cycle.join(' → ')}`, cycle, []);
    }
    onPath.push(node.name);
    for (const dep of node.dependsOn) visit(byName.get(dep)!);
    onPath.pop();
    done.add(node.name);
    order.push(node.name);
  };

  for (const p of enabled) visit(p);
  return order;
}
