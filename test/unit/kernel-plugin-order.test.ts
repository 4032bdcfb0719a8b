import { describe, expect, it } from 'vitest';
import { PluginDependencyError } from '../../core/kernel/plugin-errors.js';
import { orderPlugins } from '../../core/kernel/plugin-order.js';

const p = (name: string, ...dependsOn: string[]) => ({ name, dependsOn });

function dependencyError(fn: () => unknown): PluginDependencyError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PluginDependencyError) return err;
    throw err;
  }
  throw new Error('expected PluginDependencyError');
}

describe('orderPlugins', () => {
  it('puts dependencies first and otherwise keeps input order', () => {
    expect(orderPlugins([p('nat', 'l3'), p('firewall', 'l2'), p('l3', 'l2'), p('l2'), p('dns')])).toEqual(['l2', 'l3', 'nat', 'firewall', 'dns']);
  });

  it('names the cycle', () => {
    const err = dependencyError(() => orderPlugins([p('l2'), p('a', 'c'), p('b', 'a'), p('c', 'b', 'l2')]));
    expect(err.message).toBe('plugin dependency cycle: a → c → b → a');
    expect(err.cycle).toEqual(['a', 'c', 'b', 'a']);
  });

  it('names both the plugin and its missing dependency, telling not-enabled from not-installed', () => {
    const err = dependencyError(() => orderPlugins([p('firewall', 'l2'), p('bgp', 'routing-table')], (n) => n === 'l2'));
    expect(err.message).toBe(
      'plugin firewall depends on l2, which is not enabled (set plugins.l2.enabled: true or disable firewall); plugin bgp depends on routing-table, which is not installed',
    );
    expect(err.missing).toEqual([
      ['firewall', 'l2'],
      ['bgp', 'routing-table'],
    ]);
  });
});
