/**
 * `sluice controller` options: a bad config or option is reported with its path and reason and
 * exits 1 before anything listens; --check-config validates and exits 0; a running controller
 * accepts a switch on --listen and stops on abort.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runController } from '../../controller/cli.js';
import { freeTcpPort } from '../support/ovs.js';
import { ScriptedSwitch } from './controller-scripted-switch.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-ctlcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

describe('sluice controller command', () => {
  it('prints a ConfigError with file, line, path and reason and exits 1', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'controller:\n  listen: udp:1.2.3.4:6653\n');
    const t = io();
    expect(await runController({ config: file, connect: [] }, t.io)).toBe(1);
    expect(t.err.join('\n')).toMatch(/bad\.yaml:2:\d+: controller\.listen: .*tcp:HOST:PORT/);
  });

  it('rejects a bad --connect and an unknown plugin section', async () => {
    const t = io();
    expect(await runController({ connect: ['tcp:nohost'] }, t.io)).toBe(1);
    expect(t.err.join('\n')).toMatch(/--connect: .*tcp:HOST:PORT/);
    const file = join(dir, 'plugin.yaml');
    writeFileSync(file, 'plugins:\n  nosuchplugin: {}\n');
    const t2 = io();
    expect(await runController({ config: file, connect: [] }, t2.io)).toBe(1);
    expect(t2.err.join('\n')).toMatch(/plugins\.nosuchplugin: unknown plugin/);
  });

  it('--check-config validates without listening', async () => {
    const port = await freeTcpPort();
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, `controller:\n  listen: tcp:127.0.0.1:${port}\nmetrics:\n  enabled: false\n`);
    const t = io();
    expect(await runController({ config: file, connect: [], checkConfig: true }, t.io)).toBe(0);
    expect(t.out[0]).toMatch(/config OK/);
  });

  it('runs: a switch connects on --listen; abort stops it with exit 0', async () => {
    const port = await freeTcpPort();
    const file = join(dir, 'run.yaml');
    writeFileSync(file, 'metrics:\n  enabled: false\n');
    const abort = new AbortController();
    const t = io();
    const running = runController({ config: file, listen: `tcp:127.0.0.1:${port}`, connect: [], logLevel: 'silent' }, t.io, abort.signal);
    let sw: ScriptedSwitch | undefined;
    for (let i = 0; i < 50 && sw === undefined; i++) {
      sw = await ScriptedSwitch.connect(port, { dpid: 9n }).catch(async () => {
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      });
    }
    await sw!.waitFor(() => sw!.messages('SET_CONFIG').length > 0);
    // The flow service puts the base pipeline on it: six table-miss FLOW_MODs.
    await sw!.waitFor(() => sw!.messages('FLOW_MOD').filter((m) => m.priority === 0).length === 6);
    abort.abort();
    expect(await running).toBe(0);
    await sw!.waitFor(() => sw!.closed);
  });
});
