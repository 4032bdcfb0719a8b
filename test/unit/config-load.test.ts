import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../core/config/config-error.js';
import { loadConfig } from '../../core/config/load-config.js';
import { sluiceConfigSchema } from '../../core/config/sluice-config.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig with the sluice schema', () => {
  it('no config at all gives every documented default', () => {
    const { value, source } = loadConfig(undefined, sluiceConfigSchema);
    expect(source).toBeUndefined();
    expect(value).toEqual({
      controller: { listen: 'tcp:0.0.0.0:6653', connect: [] },
      switch: { controllers: ['tcp:127.0.0.1:6653'], ports: [], failMode: 'secure', passive: { enabled: false, listen: 'ptcp:6634' } },
      northbound: { listen: '0.0.0.0:50051', reflection: true, health: true },
      metrics: { enabled: true, listen: 'http://0.0.0.0:9464/metrics' },
      logging: { level: 'info', format: 'json' },
      plugins: {},
    });
  });

  it('an empty or comment-only file is the same as no file', () => {
    expect(loadConfig({ text: '' }, sluiceConfigSchema).value).toEqual(loadConfig(undefined, sluiceConfigSchema).value);
    expect(loadConfig({ text: '# nothing\n' }, sluiceConfigSchema).value.controller.listen).toBe('tcp:0.0.0.0:6653');
  });

  it('defaults fill the gaps inside a partly written section', () => {
    const { value } = loadConfig({ text: 'switch:\n  passive:\n    enabled: true\n' }, sluiceConfigSchema);
    expect(value.switch.passive).toEqual({ enabled: true, listen: 'ptcp:6634' });
    expect(value.switch.controllers).toEqual(['tcp:127.0.0.1:6653']);
  });

  it('reads a full file; `l2:` with no value is an enabled-by-default entry', () => {
    const { value, source } = loadConfig({ path: fixture('full.yaml') }, sluiceConfigSchema);
    expect(source?.origin).toBe(fixture('full.yaml'));
    expect(value.switch.controllers).toEqual(['tcp:127.0.0.1:16653', 'tcp:[::1]:16654']);
    expect(value.switch.passive).toEqual({ enabled: true, listen: 'ptcp:16634:127.0.0.1' });
    expect(value.northbound).toEqual({ listen: '[::1]:15051', reflection: false, health: true });
    expect(value.logging).toEqual({ level: 'debug', format: 'text' });
    expect(value.plugins['l2']).toEqual({ required: false });
    // Plugin-owned keys pass through untouched for the plugin's own schema.
    expect(value.plugins['firewall']).toEqual({ required: true, defaultAction: 'deny' });
  });

  it('reports every bad value and unknown key at once, with path, reason and line:column', () => {
    const err = configError(() => loadConfig({ path: fixture('bad-values.yaml') }, sluiceConfigSchema));
    const got = err.issues.map((i) => [i.path.join('/'), i.line, i.column, i.message]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['controller/listen', 2, 11, 'port must be 1-65535, got "70000"'],
        ['controller/lisen', 3, 3, 'unknown key'],
        ['switch/controllers/1', 7, 7, 'expected tcp:HOST:PORT or ptcp:PORT[:HOST], got "udp:127.0.0.1:6653"'],
        ['metrics/listen', 9, 11, 'scheme must be http, got https'],
        ['logging/level', 11, 10, expect.stringContaining('expected one of')],
        ['unknownSection', 12, 1, 'unknown key'],
      ]),
    );
    expect(err.issues).toHaveLength(6);
    expect(err.message).toContain(`${fixture('bad-values.yaml')}:3:3: controller.lisen: unknown key`);
    expect(err.paths).toContain('switch.controllers[1]');
  });

  it('reports a bad plugin name on its key', () => {
    const err = configError(() => loadConfig({ text: 'plugins:\n  Fire_Wall: {}\n', origin: 'x.yaml' }, sluiceConfigSchema));
    expect(err.message).toBe('invalid config: x.yaml:2:3: plugins.Fire_Wall: bad key: plugin names are lower-case letters, digits and dashes');
  });

  it('turns YAML syntax errors, duplicate keys and non-mapping documents into ConfigError with a line', () => {
    const syntax = configError(() => loadConfig({ text: 'controller:\n  listen: [unclosed\n', origin: 's.yaml' }, sluiceConfigSchema));
    expect(syntax.issues[0]!.line).toBeGreaterThanOrEqual(2);
    expect(syntax.message).toMatch(/^invalid config: s\.yaml:\d+:\d+: \(root\): YAML /);
    const dup = configError(() => loadConfig({ text: 'metrics:\n  enabled: true\n  enabled: false\n' }, sluiceConfigSchema));
    expect(dup.issues[0]).toMatchObject({ line: 3, message: expect.stringContaining('DUPLICATE_KEY') });
    const list = configError(() => loadConfig({ text: '- a\n- b\n' }, sluiceConfigSchema));
    expect(list.issues[0]!.message).toBe('the config must be a mapping of sections');
  });

  it('an unreadable file is a ConfigError naming the file', () => {
    const err = configError(() => loadConfig({ path: '/nonexistent/sluice.yaml' }, sluiceConfigSchema));
    expect(err.message).toBe('invalid config: /nonexistent/sluice.yaml: (root): cannot read config file: no such file');
  });
});

describe('loadConfig with a component schema (nested arrays)', () => {
  const prefix = z.string().refine((s) => {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(s);
    return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
  }, 'not an IPv4 prefix');
  const schema = z.strictObject({
    acl: z
      .strictObject({
        rules: z.array(z.strictObject({ dst: prefix, ports: z.array(z.number().int().min(1).max(65535)).default([]) })),
      })
      .prefault({ rules: [] }),
  });

  it('names plugins-style paths like acl.rules[3].dst and the exact line', () => {
    const err = configError(() => loadConfig({ path: fixture('acl.yaml') }, schema));
    expect(err.issues.map((i) => `${i.line}:${i.column} ${err.paths[err.issues.indexOf(i)]}: ${i.message}`)).toEqual([
      '8:12 acl.rules[3].dst: not an IPv4 prefix',
      '9:19 acl.rules[3].ports[1]: Too big: expected number to be <=65535',
    ]);
  });

  it('applies nested defaults on success', () => {
    const { value } = loadConfig({ text: 'acl:\n  rules:\n    - dst: 10.0.0.0/8\n' }, schema);
    expect(value.acl.rules).toEqual([{ dst: '10.0.0.0/8', ports: [] }]);
    expect(loadConfig(undefined, schema).value).toEqual({ acl: { rules: [] } });
  });
});
