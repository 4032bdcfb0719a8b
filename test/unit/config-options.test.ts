import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeDefaults, describeOptions } from '../../core/config/describe-options.js';
import { parseEndpoint } from '../../core/config/endpoint.js';

describe('describeOptions', () => {
  it('lists every sluice.yaml option with the DESIGN.md defaults', () => {
    const byPath = new Map(describeOptions().map((o) => [o.path, o]));
    expect(byPath.get('controller.listen')?.default).toBe('"tcp:0.0.0.0:6653"');
    expect(byPath.get('switch.controllers')).toMatchObject({ default: '["tcp:127.0.0.1:6653"]', type: 'string[]' });
    expect(byPath.get('switch.passive.enabled')?.default).toBe('false');
    expect(byPath.get('switch.passive.listen')?.default).toBe('"ptcp:6634"');
    expect(byPath.get('northbound.listen')?.default).toBe('"0.0.0.0:50051"');
    expect(byPath.get('metrics.listen')?.default).toBe('"http://0.0.0.0:9464/metrics"');
    expect(byPath.get('logging.format')).toMatchObject({ type: '"json" | "text"', default: '"json"' });
    expect(byPath.get('plugins.<name>.required')?.default).toBe('false');
    expect(byPath.get('switch.datapathId')?.default).toBeUndefined();
    for (const o of byPath.values()) expect(o.description, o.path).toBeTruthy();
  });

  it('describes a plugin schema under its plugins.<name> prefix', () => {
    const schema = z.strictObject({
      rules: z.array(z.strictObject({ dst: z.string().describe('destination prefix') })).default([]),
      defaultAction: z.enum(['allow', 'deny']).default('deny').describe('action when no rule matches'),
    });
    expect(describeOptions(schema, ['plugins', 'firewall'])).toEqual([
      { path: 'plugins.firewall.rules', type: 'mapping[]', default: '[]', description: undefined },
      { path: 'plugins.firewall.defaultAction', type: '"allow" | "deny"', default: '"deny"', description: 'action when no rule matches' },
    ]);
  });

  it('formats a readable table', () => {
    const text = describeDefaults();
    expect(text).toMatch(/^controller\.listen +\s= "tcp:0\.0\.0\.0:6653"\n {4}string — OpenFlow 1\.3 listen address for switches$/m);
  });
});

describe('parseEndpoint', () => {
  it.each([
    ['tcp:127.0.0.1:6653', { kind: 'tcp', host: '127.0.0.1', port: 6653 }],
    ['tcp:[::1]:6653', { kind: 'tcp', host: '::1', port: 6653 }],
    ['tcp:ctl.example:6653', { kind: 'tcp', host: 'ctl.example', port: 6653 }],
    ['ptcp:6634', { kind: 'ptcp', host: '0.0.0.0', port: 6634 }],
    ['ptcp:6634:[::]', { kind: 'ptcp', host: '::', port: 6634 }],
  ])('%s', (text, endpoint) => {
    expect(parseEndpoint(text)).toEqual({ ok: true, endpoint });
  });

  it.each([
    ['tcp:1.2.3.4', /expected tcp:HOST:PORT/],
    ['tcp:1.2.3.4:0', /port must be 1-65535/],
    ['tcp:bad host:1', /bad host/],
    ['ptcp:x', /port must be/],
    ['unix:/tmp/s', /expected tcp:HOST:PORT or ptcp/],
  ])('rejects %s', (text, reason) => {
    const r = parseEndpoint(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
