import { ContainerModule, injectable } from 'inversify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../core/config/config-error.js';
import { loadConfig, type ConfigInput } from '../../core/config/load-config.js';
import { sluiceConfigSchema } from '../../core/config/sluice-config.js';
import { Kernel } from '../../core/kernel/kernel.js';
import { definePlugin, PluginDefinitionError, type PluginDefinition } from '../../core/kernel/plugin.js';
import { PluginDependencyError, PluginOperationError, PluginStartError } from '../../core/kernel/plugin-errors.js';
import { describePluginOptions } from '../../core/kernel/plugin-options.js';
import type { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import type { PluginStateEvent } from '../../core/kernel/sluice-events.js';
import { Logger } from '../../core/kernel/tokens.js';
import acl from '../fixtures/plugins/acl/index.js';
import counter, { type TestPacket } from '../fixtures/plugins/counter/index.js';
import { Journal, JournalLog } from '../fixtures/plugins/journal.js';
import { probePlugin } from '../fixtures/plugins/probe/index.js';

const alpha = probePlugin('alpha');
const beta = probePlugin('beta', ['alpha']);
const gamma = probePlugin('gamma', ['beta']);
const delta = probePlugin('delta', ['alpha']);

function boot(yaml: string | undefined, registry: readonly PluginDefinition[], options: { startTimeoutMs?: number } = {}) {
  const input: ConfigInput = yaml === undefined ? undefined : { text: yaml, origin: 'sluice.yaml' };
  const lines: string[] = [];
  const kernel = new Kernel({ config: loadConfig(input, sluiceConfigSchema), registry, logSink: (l) => lines.push(l), ...options });
  const journal = new JournalLog();
  kernel.root.bind(Journal).toConstantValue(journal);
  const events: PluginStateEvent[] = [];
  kernel.events.on('plugin.state', (e) => void events.push(e));
  const states = () => Object.fromEntries(kernel.plugins.list().map((s) => [s.name, s.reason === undefined ? s.state : `${s.state}: ${s.reason}`]));
  const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { kernel, journal, events, states, logged };
}

async function rejection<E extends Error>(p: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  try {
    await p;
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected ${type.name}`);
}

describe('plugin host: ordering and lifecycle', () => {
  it('starts in dependsOn order and stops in reverse, announcing every state', async () => {
    const { kernel, journal, events, states } = boot('plugins:\n  gamma:\n  beta: { label: b }\n  alpha:\n', [gamma, beta, alpha]);
    expect(kernel.check()).toEqual(['alpha', 'beta', 'gamma']);
    await kernel.start();
    expect(journal.entries).toEqual(['start alpha probe', 'start beta b', 'start gamma probe']);
    expect(states()).toEqual({ alpha: 'started', beta: 'started', gamma: 'started' });
    await kernel.stop();
    expect(journal.entries.slice(3)).toEqual(['stop gamma', 'stop beta', 'stop alpha']);
    expect(states()).toEqual({ alpha: 'stopped', beta: 'stopped', gamma: 'stopped' });
    expect(events.filter((e) => e.name === 'beta').map((e) => `${e.previous}→${e.state}`)).toEqual(['disabled→loaded', 'loaded→started', 'started→stopped']);
    expect(kernel.plugins.status('beta')).toEqual({
      name: 'beta',
      version: '1.2.3',
      description: 'probe beta',
      dependsOn: ['alpha'],
      state: 'stopped',
      reason: undefined,
      required: false,
    });
  });

  it('with no config runs exactly the enabled-by-default plugins; enabled: false is reported', async () => {
    const l2 = probePlugin('l2', [], true);
    const { kernel, journal, states } = boot(undefined, [l2, alpha]);
    await kernel.start();
    expect(journal.entries).toEqual(['start l2 probe']);
    expect(states()).toEqual({ l2: 'started', alpha: 'disabled: not enabled' });
    await kernel.stop();

    const off = boot('plugins:\n  l2: { enabled: false }\n', [l2]);
    await off.kernel.start();
    expect(off.states()).toEqual({ l2: 'disabled: plugins.l2.enabled is false' });
  });

  it('a dependency cycle is an error naming the cycle, before anything starts', async () => {
    const a = probePlugin('cycle-a', ['cycle-b']);
    const b = probePlugin('cycle-b', ['cycle-c']);
    const c = probePlugin('cycle-c', ['cycle-a']);
    const { kernel, journal } = boot('plugins:\n  alpha:\n  cycle-a:\n  cycle-b:\n  cycle-c:\n', [alpha, a, b, c]);
    const err = await rejection(kernel.start(), PluginDependencyError);
    expect(err.message).toBe('plugin dependency cycle: cycle-a → cycle-b → cycle-c → cycle-a');
    expect(journal.entries).toEqual([]);
  });

  it('a missing dependency names the plugin and the dependency', async () => {
    const needsGhost = probePlugin('needs-ghost', ['ghost']);
    const { kernel, journal } = boot('plugins:\n  gamma:\n  beta:\n  needs-ghost:\n', [alpha, beta, gamma, needsGhost]);
    const err = await rejection(kernel.start(), PluginDependencyError);
    expect(err.message).toBe(
      'plugin beta depends on alpha, which is not enabled (set plugins.alpha.enabled: true or disable beta); plugin needs-ghost depends on ghost, which is not installed',
    );
    expect(journal.entries).toEqual([]);
  });
});

describe('plugin host: failures', () => {
  it('isolates a plugin whose start throws: failed with reason, dependents skipped, others run', async () => {
    const { kernel, journal, events, states, logged } = boot(
      'plugins:\n  alpha:\n  beta: { failStart: "cannot open table 3" }\n  gamma:\n  delta:\n',
      [alpha, beta, gamma, delta],
    );
    await kernel.start();
    expect(states()).toEqual({
      alpha: 'started',
      beta: 'failed: cannot open table 3',
      gamma: 'skipped: dependency beta is failed (cannot open table 3)',
      delta: 'started',
    });
    // stop() ran once for the half-started plugin, so what it registered is released.
    expect(journal.entries).toEqual(['start alpha probe', 'start beta probe', 'stop beta', 'start delta probe']);
    expect(events.find((e) => e.name === 'beta' && e.state === 'failed')).toMatchObject({ reason: 'cannot open table 3', version: '1.2.3' });
    expect(logged()).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'plugin failed to start', plugin: 'beta', reason: 'cannot open table 3', component: 'plugin-host' }),
    );
    await kernel.stop();
    expect(journal.entries.slice(4)).toEqual(['stop delta', 'stop alpha']);
  });

  it('a required plugin that fails stops what started and fails startup with its name and reason', async () => {
    const { kernel, journal, states } = boot('plugins:\n  alpha:\n  beta: { required: true, failStart: boom }\n  gamma:\n', [alpha, beta, gamma]);
    const err = await rejection(kernel.start(), PluginStartError);
    expect(err.message).toBe('required plugin beta failed to start: boom');
    expect(err.plugin).toBe('beta');
    expect(journal.entries).toEqual(['start alpha probe', 'start beta probe', 'stop beta', 'stop alpha']);
    expect(states()).toMatchObject({ alpha: 'stopped', beta: 'failed: boom', gamma: 'disabled: not enabled' });
  });

  it('a required plugin skipped because its dependency failed also fails startup', async () => {
    const { kernel } = boot('plugins:\n  alpha: { failStart: no }\n  beta: { required: true }\n', [alpha, beta]);
    const err = await rejection(kernel.start(), PluginStartError);
    expect(err.message).toBe('required plugin beta failed to start: dependency alpha is failed (no)');
  });

  it('a start() that never settles fails after the timeout', async () => {
    const { kernel, states } = boot('plugins:\n  alpha: { hangStart: true }\n  delta:\n', [alpha, delta], { startTimeoutMs: 30 });
    await kernel.start();
    expect(states()).toEqual({ alpha: 'failed: start() did not finish within 30 ms', delta: 'skipped: dependency alpha is failed (start() did not finish within 30 ms)' });
  });

  it('a stop() that throws is logged and recorded, and the rest still stop', async () => {
    const { kernel, journal, states } = boot('plugins:\n  alpha:\n  delta: { failStop: stuck }\n', [alpha, delta]);
    await kernel.start();
    await kernel.stop();
    expect(journal.entries.slice(2)).toEqual(['stop delta', 'stop alpha']);
    expect(states()).toEqual({ alpha: 'stopped', delta: 'stopped: stop failed: stuck' });
  });

  it('refuses a plugin module that rebinds a root service', async () => {
    @injectable()
    class Quiet {
      start() {}
      stop() {}
    }
    const rogue = definePlugin({
      name: 'rogue',
      version: '0.0.1',
      description: 'shadows Logger',
      module: new ContainerModule(({ bind }) => {
        bind(Logger).toConstantValue({} as Logger);
      }),
      lifecycle: Quiet,
    });
    const { kernel, states } = boot('plugins:\n  rogue:\n', [rogue]);
    await kernel.start();
    expect(states()).toEqual({ rogue: 'failed: its module rebinds root service sluice.Logger; bind plugin-private tokens instead' });
    // The root binding is intact for everyone else.
    expect(kernel.root.get(Logger)).toBe(kernel.logger);
  });
});

describe('plugin host: config sections', () => {
  it('reports plugin config errors with plugins.<name> paths and lines, and unknown plugins, before starting anything', async () => {
    const yaml = [
      'plugins:', //                                   1
      '  counter:', //                                 2
      '    consumePort: 0', //                         3
      '  acl:', //                                     4
      '    defaultAction: allow', //                   5
      '    rules:', //                                 6
      '      - { dst: 10.0.0.0/8 }', //                7
      '      - { dst: 10.1.0.0/16, ports: [22] }', //  8
      '      - dst: 10.2.0.0/16', //                   9
      '      - dst: 10.0.0.300/24', //                 10
      '        ports: [80, 0]', //                     11
      '    bogus: 1', //                               12
      '  firewal:', //                                 13
    ].join('\n');
    const { kernel, journal } = boot(yaml, [counter, acl]);
    const err = await rejection(kernel.start(), ConfigError);
    expect(err.issues.map((i) => `${i.origin}:${i.line}:${i.column} ${err.paths[err.issues.indexOf(i)]}: ${i.message}`)).toEqual([
      'sluice.yaml:13:3 plugins.firewal: unknown plugin; installed: counter, acl',
      'sluice.yaml:3:18 plugins.counter.consumePort: Too small: expected number to be >=1',
      'sluice.yaml:10:14 plugins.acl.rules[3].dst: not an IPv4 prefix',
      'sluice.yaml:11:21 plugins.acl.rules[3].ports[1]: Too small: expected number to be >=1',
      'sluice.yaml:12:5 plugins.acl.bogus: unknown key',
    ]);
    expect(journal.entries).toEqual([]);
    expect(kernel.plugins.list().every((s) => s.state === 'disabled')).toBe(true);
  });

  it('applies schema defaults and injects the validated config', async () => {
    const { kernel, journal } = boot('plugins:\n  counter:\n  acl:\n    rules: [{ dst: 10.0.0.0/8 }, { dst: 10.1.0.0/16, action: allow }]\n', [counter, acl]);
    await kernel.start();
    expect(journal.entries).toEqual(['start acl allow 2 rules']);
    // counter's consumePort defaulted to 1
    const packetIns = kernel.packetIns as unknown as PacketInChain<TestPacket>;
    expect(packetIns.dispatch({ port: 1, trail: [] })).toBe('counter');
    expect(packetIns.dispatch({ port: 2, trail: [] })).toBeUndefined();
    await kernel.stop();
  });
});

describe('plugin host: run-time enable, disable, reload', () => {
  it('disable/enable/reload touch one plugin only', async () => {
    const { kernel, journal, states } = boot('plugins:\n  alpha:\n  beta:\n  gamma:\n  delta:\n', [alpha, beta, gamma, delta]);
    await kernel.start();
    journal.entries.length = 0;

    const refused = await rejection(kernel.plugins.disable('alpha'), PluginOperationError);
    expect(refused.message).toBe('cannot disable alpha: started plugins depend on it: beta, delta');

    expect(await kernel.plugins.disable('gamma')).toMatchObject({ state: 'disabled', reason: 'disabled at run time' });
    expect(journal.entries).toEqual(['stop gamma']);

    expect((await kernel.plugins.enable('gamma', { label: 'again' })).state).toBe('started');
    expect(journal.entries).toEqual(['stop gamma', 'start gamma again']);

    expect((await kernel.plugins.reload('beta', { label: 'v2' })).state).toBe('started');
    expect(journal.entries.slice(2)).toEqual(['stop beta', 'start beta v2']);

    // A bad section is rejected before the running instance is touched.
    const bad = await rejection(kernel.plugins.reload('beta', { label: 7 }), ConfigError);
    expect(bad.paths).toEqual(['plugins.beta.label']);
    expect(journal.entries).toHaveLength(4);
    expect(states()).toEqual({ alpha: 'started', beta: 'started', gamma: 'started', delta: 'started' });

    await expect(kernel.plugins.enable('nope')).rejects.toThrow('cannot enable nope: no such plugin is installed');
    await kernel.stop();
    // beta was restarted last, yet gamma (which depends on it) still stops first.
    expect(journal.entries.slice(4)).toEqual(['stop gamma', 'stop beta', 'stop delta', 'stop alpha']);
  });

  it('enable is refused while a dependency is not started', async () => {
    const { kernel } = boot('plugins:\n  alpha: { enabled: false }\n', [alpha, beta]);
    await kernel.start();
    await expect(kernel.plugins.enable('beta')).rejects.toThrow('cannot enable beta: dependency alpha is disabled (plugins.alpha.enabled is false)');
    expect((await kernel.plugins.enable('alpha')).state).toBe('started');
    expect((await kernel.plugins.enable('beta')).state).toBe('started');
    await kernel.stop();
  });

  it('reload rebinds: the counter plugin re-registers its processor with the new config and keeps its metric', async () => {
    const { kernel } = boot('plugins:\n  counter:\n  acl:\n', [counter, acl]);
    await kernel.start();
    const chain = kernel.packetIns as unknown as PacketInChain<TestPacket>;
    expect(chain.dispatch({ port: 1, trail: [] })).toBe('counter');
    await expect(kernel.plugins.disable('counter')).rejects.toThrow('started plugins depend on it: acl');
    await kernel.plugins.reload('counter', { consumePort: 2 });
    expect(chain.list().map((p) => p.name)).toEqual(['counter']);
    expect(chain.dispatch({ port: 1, trail: [] })).toBeUndefined();
    expect(chain.dispatch({ port: 2, trail: [] })).toBe('counter');
    expect(await kernel.metrics.metricsText()).toMatch(/^sluice_test_counter_hits_total 2$/m);
    await kernel.plugins.disable('acl');
    await kernel.plugins.disable('counter');
    expect(chain.list()).toEqual([]);
    expect(kernel.events.listenerCount('plugin.state')).toBe(1); // only the test's own listener
    await kernel.stop();
  });
});

describe('definePlugin', () => {
  @injectable()
  class Noop {
    start() {}
    stop() {}
  }
  const base = { name: 'ok', version: '0.1.0', description: 'd', lifecycle: Noop };

  it.each([
    [{ name: 'Bad_Name' }, /name must be lower-case/],
    [{ version: 'v1' }, /is not a semantic version/],
    [{ dependsOn: ['ok'] }, /depends on itself/],
    [{ dependsOn: ['a', 'a'] }, /lists a dependency twice/],
    [{ configSchema: z.object({ a: z.string() }) }, /must be strict/],
    [{ configSchema: z.strictObject({ enabled: z.boolean() }) }, /must not declare "enabled"/],
  ])('rejects %j', (override, message) => {
    expect(() => definePlugin({ ...base, ...override } as Parameters<typeof definePlugin>[0])).toThrow(PluginDefinitionError);
    expect(() => definePlugin({ ...base, ...override } as Parameters<typeof definePlugin>[0])).toThrow(message);
  });

  it('fills defaults: no deps, empty strict schema, not enabled by default', () => {
    const def = definePlugin(base);
    expect(def.dependsOn).toEqual([]);
    expect(def.enabledByDefault).toBe(false);
    expect(def.configSchema.safeParse({ x: 1 }).success).toBe(false);
    expect(Object.isFrozen(def)).toBe(true);
  });
});

describe('describePluginOptions', () => {
  it('lists each plugin’s enabled/required keys and its own options with defaults', () => {
    const rows = describePluginOptions([counter, acl]).map((o) => `${o.path} = ${o.default ?? '(none)'}`);
    expect(rows).toEqual([
      'plugins.counter.enabled = false',
      'plugins.counter.required = false',
      'plugins.counter.consumePort = 1',
      'plugins.acl.enabled = false',
      'plugins.acl.required = false',
      'plugins.acl.defaultAction = "allow"',
      'plugins.acl.rules = []',
    ]);
    expect(describePluginOptions([acl])[0]!.description).toBe('ordered allow/deny rules (v0.3.0, needs counter)');
  });
});
