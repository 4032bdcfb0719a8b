/**
 * `sluice switch` as a process (node dist/cli/sluice.js switch): it refuses bad input before
 * opening anything, serves ovs-ofctl on --listen, and on SIGTERM closes cleanly with status 0.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNativeBindingAvailable } from '../../switch/port/native-binding.js';
import { canUseNetns, NetLab, trySh } from '../support/netns.js';
import { REPO, SLUICE_ENTRY as ENTRY, sluiceBuildStale } from '../support/sluice-build.js';
import { freeTcpPort, runCommand } from '../support/ovs.js';

const READY = canUseNetns() && isNativeBindingAvailable() && trySh('ovs-ofctl', ['--version']).status === 0;
if (!READY) console.warn('switch-cli-process skipped: need root, netns, the native addon and ovs-ofctl');

interface Proc { out: () => string; exited: Promise<number>; kill: (s: NodeJS.Signals) => void }

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [ENTRY, 'switch', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  void exited.then(() => clearTimeout(timer));
  return { out: () => out, exited, kill: (s) => { if (child.exitCode === null) child.kill(s); } };
}

describe.skipIf(!READY)('sluice switch process', () => {
  const lab = new NetLab();
  let s1 = '';
  let s2 = '';

  beforeAll(async () => {
    if (sluiceBuildStale()) {
      await runCommand('npx', ['tsc', '-p', 'tsconfig.build.json'], undefined, 180_000).catch(() => undefined);
    }
    expect(existsSync(ENTRY)).toBe(true);
    const ns = lab.addNamespace('swp');
    [s1] = lab.addVeth(lab.ifname('sp1'), lab.ifname('hp1'), undefined, ns);
    [s2] = lab.addVeth(lab.ifname('sp2'), lab.ifname('hp2'), undefined, ns);
  }, 200_000);

  afterAll(() => lab.cleanup());

  it('exits 2 naming an unknown interface, and a bad --dpid naming the option', async () => {
    const a = start(['--port', s1, '--port', 'nosuchif9', '--metrics', 'off']);
    expect(await a.exited).toBe(2);
    expect(a.out()).toMatch(/sluice switch: --port: no such network interface: nosuchif9/);
    const b = start(['--port', s1, '--dpid', '0xnothex', '--metrics', 'off']);
    expect(await b.exited).toBe(2);
    expect(b.out()).toMatch(/sluice switch: --dpid: /);
  });

  it('serves ovs-ofctl on --listen and stops cleanly on SIGTERM', async () => {
    const port = await freeTcpPort();
    const p = start(['--port', s1, '--port', `${s2}=5`, '--dpid', '0x2a', '--listen', `ptcp:${port}:127.0.0.1`,
      '--controller', 'tcp:127.0.0.1:1', '--metrics', 'off', '--log-level', 'info']);
    let show = '';
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        show = (await runCommand('ovs-ofctl', ['-O', 'OpenFlow13', 'show', `tcp:127.0.0.1:${port}`], undefined, 5000)).stdout;
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(show, p.out()).toMatch(/dpid:000000000000002a/);
    expect(show).toMatch(new RegExp(` 1\\(${s1}\\)`));
    expect(show).toMatch(new RegExp(` 5\\(${s2}\\)`));
    p.kill('SIGTERM');
    expect(await p.exited, p.out()).toBe(0);
    expect(p.out()).toMatch(/"msg":"switch stopped"/);
  });
});
