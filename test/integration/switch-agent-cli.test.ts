/**
 * `sluice switch` option handling: every value is checked before anything opens, errors name the
 * option or config path, options override the config file, and the run exits non-zero on a bad
 * interface without touching the network.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isNativeBindingAvailable } from '../../switch/port/native-binding.js';
import {
  parseDpid, parsePortSpec, resolveSwitchCommand, runSwitchCommand, switchCommand, type SwitchCliOptions,
} from '../../switch/cli.js';
import { assignPortNumbers, dpidFromMac } from '../../switch/switch-main.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-switch-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (o: Partial<SwitchCliOptions> = {}): SwitchCliOptions => ({ port: [], controller: [], ...o });

describe('sluice switch options', () => {
  it('reads datapath ids as decimal, 0x-hex and OVS 16-digit hex', () => {
    expect(parseDpid('10', '--dpid')).toBe(10n);
    expect(parseDpid('0xA', '--dpid')).toBe(10n);
    expect(parseDpid('000000000000000a', '--dpid')).toBe(10n);
    expect(parseDpid('0000000000000010', '--dpid')).toBe(16n);
    expect(parseDpid('18446744073709551615', '--dpid')).toBe(0xffffffffffffffffn);
    expect(() => parseDpid('18446744073709551616', '--dpid')).toThrow(/--dpid/);
    expect(() => parseDpid('zz', '--dpid')).toThrow(/^--dpid: expected a 64-bit datapath id/);
    expect(() => parseDpid('0x', '--dpid')).toThrow(/--dpid/);
    // Config files are hex, as their schema says.
    expect(parseDpid('a1', 'switch.datapathId', true)).toBe(0xa1n);
  });

  it('numbers ports in order from 1, honouring name=N and refusing clashes', () => {
    expect(parsePortSpec('veth1', '--port')).toEqual({ name: 'veth1' });
    expect(parsePortSpec('veth1=7', '--port')).toEqual({ name: 'veth1', portNo: 7 });
    expect(() => parsePortSpec('veth1=0', '--port')).toThrow(/--port: OpenFlow port number for veth1/);
    expect(() => parsePortSpec('a/b', '--port')).toThrow(/not a Linux interface name/);
    expect(assignPortNumbers([{ name: 'a' }, { name: 'b', portNo: 1 }, { name: 'c' }])).toEqual([
      { name: 'a', portNo: 2 }, { name: 'b', portNo: 1 }, { name: 'c', portNo: 3 },
    ]);
    expect(() => assignPortNumbers([{ name: 'a', portNo: 3 }, { name: 'b', portNo: 3 }])).toThrow(/both ask for OpenFlow port 3/);
    expect(() => assignPortNumbers([{ name: 'a' }, { name: 'a' }])).toThrow(/port a is given twice/);
    expect(dpidFromMac(Uint8Array.of(0x02, 0, 0, 0, 0xab, 0xcd))).toBe(0x02000000abcdn);
  });

  it('defaults: controller tcp:127.0.0.1:6653, secure, no passive listener, metrics on 9464', () => {
    const r = resolveSwitchCommand(base({ port: ['eth0'] }));
    expect(r.switch.controllers).toEqual([{ kind: 'tcp', host: '127.0.0.1', port: 6653 }]);
    expect(r.switch.failMode).toBe('secure');
    expect(r.switch.passive).toBeUndefined();
    expect(r.metrics).toMatchObject({ host: '0.0.0.0', port: 9464, path: '/metrics' });
    const on = resolveSwitchCommand(base({ port: ['eth0'], listen: 'ptcp:6634', metrics: 'off', controller: ['tcp:10.0.0.1:6633', 'tcp:[::1]:6653'] }));
    expect(on.switch.passive).toEqual({ kind: 'ptcp', host: '0.0.0.0', port: 6634 });
    expect(on.metrics).toBeUndefined();
    expect(on.switch.controllers.map((c) => `${c.host}:${c.port}`)).toEqual(['10.0.0.1:6633', '::1:6653']);
  });

  it('names the option in every error', () => {
    expect(() => resolveSwitchCommand(base({ controller: ['udp:1.2.3.4:5'] }))).toThrow(/^--controller: /);
    expect(() => resolveSwitchCommand(base({ controller: ['ptcp:6653'] }))).toThrow(/^--controller: expected tcp/);
    expect(() => resolveSwitchCommand(base({ listen: 'tcp:1.2.3.4:5' }))).toThrow(/^--listen: /);
    expect(() => resolveSwitchCommand(base({ failMode: 'open' }))).toThrow(/^--fail-mode: /);
    expect(() => resolveSwitchCommand(base({ logLevel: 'loud' }))).toThrow(/^--log-level: /);
    expect(() => resolveSwitchCommand(base({ metrics: 'ftp://x' }))).toThrow(/^--metrics: /);
    expect(() => resolveSwitchCommand(base({ probeInterval: '-1' }))).toThrow(/^--probe-interval: /);
  });

  it('takes the switch section of a YAML config, and options override it', () => {
    const path = join(dir, 'sluice.yaml');
    writeFileSync(path, [
      'switch:',
      '  datapathId: "00000000000000a1"',
      '  controllers: [tcp:127.0.0.1:7000, tcp:127.0.0.1:7001]',
      '  ports: [veth-a, veth-b=9]',
      '  passive: { enabled: true, listen: "ptcp:7634:127.0.0.1" }',
      'metrics: { enabled: false }',
      'logging: { level: warn, format: text }',
      '',
    ].join('\n'));
    const r = resolveSwitchCommand(base({ config: path }));
    expect(r.switch.dpid).toBe(0xa1n);
    expect(r.switch.controllers.map((c) => c.port)).toEqual([7000, 7001]);
    expect(r.switch.ports).toEqual([{ name: 'veth-a' }, { name: 'veth-b', portNo: 9 }]);
    expect(r.switch.passive).toEqual({ kind: 'ptcp', host: '127.0.0.1', port: 7634 });
    expect(r.metrics).toBeUndefined();
    expect(r.logLevel).toBe('warn');
    const o = resolveSwitchCommand(base({ config: path, dpid: '5', port: ['x'], listen: 'off', logLevel: 'debug' }));
    expect(o.switch.dpid).toBe(5n);
    expect(o.switch.ports).toEqual([{ name: 'x' }]);
    expect(o.switch.passive).toBeUndefined();
    expect(o.logLevel).toBe('debug');

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'switch:\n  datapathId: nope\n');
    expect(() => resolveSwitchCommand(base({ config: bad }))).toThrow(/bad\.yaml:2:\d+: switch\.datapathId/);
  });

  it('--help lists every option', () => {
    const help = switchCommand().helpInformation();
    for (const opt of ['--port', '--controller', '--dpid', '--listen', '--fail-mode', '--config', '--log-level', '--metrics']) {
      expect(help).toContain(opt);
    }
  });

  it.skipIf(!isNativeBindingAvailable())('exits 2 naming an unknown interface before opening anything', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runSwitchCommand(base({ port: ['lo', 'nosuchif0'], controller: ['tcp:127.0.0.1:1'], metrics: 'off' }));
      expect(code).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/sluice switch: --port: no such network interface: nosuchif0/);
      const dpid = await runSwitchCommand(base({ port: ['lo'], dpid: '0xfoo' }));
      expect(dpid).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/sluice switch: --dpid: /);
    } finally {
      stderr.mockRestore();
    }
  });
});
