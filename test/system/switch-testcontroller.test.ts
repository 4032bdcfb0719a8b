/**
 * Our switch driven by a foreign controller: `ovs-testcontroller` (Open vSwitch's learning-switch
 * controller in C) over TCP. The hosts in two namespaces must reach each other, which needs the
 * handshake, packet-in, packet-out and flow-mod paths to agree with an independent implementation.
 * Also: fail-mode standalone takes over when that controller goes away.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/telemetry/index.js';
import { isNativeBindingAvailable } from '../../switch/port/native-binding.js';
import { startSwitch, type RunningSwitch } from '../../switch/switch-main.js';
import { execIn } from '../support/async-exec.js';
import { canUseNetns, NetLab, trySh } from '../support/netns.js';
import { OvsTestController } from '../support/ovs.js';
import { addTwoHosts } from '../support/switch-lab.js';

const READY = canUseNetns() && isNativeBindingAvailable() && trySh('ovs-testcontroller', ['--version']).status === 0;
if (!READY) console.warn('switch-testcontroller system tests skipped: need root, netns, the native addon and ovs-testcontroller');

async function until(pred: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!pred() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return pred();
}

describe.skipIf(!READY)('sluice switch with ovs-testcontroller', () => {
  const lab = new NetLab();
  let sw: RunningSwitch | undefined;
  let ctl: OvsTestController | undefined;

  afterEach(async () => {
    await sw?.close();
    await ctl?.stop();
    sw = undefined;
    ctl = undefined;
    lab.cleanup();
  });

  const hosts = (): { h1: string; ports: { name: string }[] } => addTwoHosts(lab, 'c', '10.7.0');

  it('hosts ping each other through flows the foreign controller installs', async () => {
    const { h1, ports } = hosts();
    ctl = await OvsTestController.start();
    sw = await startSwitch({
      ports, dpid: 0xc0ffeen,
      controllers: [{ kind: 'tcp', host: '127.0.0.1', port: ctl.port }],
      backoff: { initialMs: 100, maxMs: 1000 },
      logger: createLogger({ level: 'warn' }),
    });
    const agent = sw.agent;
    expect(await until(() => agent.sessions.some((s) => s.channel.state === 'ready'), 10_000)).toBe(true);
    // The first ping may be lost while the controller learns; then all must pass.
    await execIn(h1, 'ping', ['-c', '1', '-W', '2', '10.7.0.2']);
    const ping = await execIn(h1, 'ping', ['-c', '5', '-i', '0.2', '-W', '2', '10.7.0.2']);
    expect(ping.status, ping.out).toBe(0);
    expect(ping.out).toMatch(/5 received/);
  });

  it('fail-mode standalone: hosts reach each other without any controller, as a learning switch', async () => {
    const { h1, ports } = hosts();
    sw = await startSwitch({
      ports, dpid: 0xc0ffefn,
      controllers: [{ kind: 'tcp', host: '127.0.0.1', port: 1 }], // nothing listens there
      failMode: 'standalone', standaloneAfterMs: 300,
      logger: createLogger({ level: 'warn' }),
    });
    const agent = sw.agent;
    expect(await until(() => agent.standaloneEngaged, 5000)).toBe(true);
    const ping = await execIn(h1, 'ping', ['-c', '5', '-i', '0.2', '-W', '2', '10.7.0.2']);
    expect(ping.status, ping.out).toBe(0);
  });

  it('fail-mode secure: without a controller nothing is forwarded', async () => {
    const { h1, ports } = hosts();
    sw = await startSwitch({
      ports, dpid: 0xc0fff0n,
      controllers: [{ kind: 'tcp', host: '127.0.0.1', port: 1 }],
      failMode: 'secure', standaloneAfterMs: 300,
      logger: createLogger({ level: 'warn' }),
    });
    await new Promise((r) => setTimeout(r, 600));
    expect(sw.agent.standaloneEngaged).toBe(false);
    expect((await execIn(h1, 'ping', ['-c', '2', '-i', '0.2', '-W', '1', '10.7.0.2'])).status).not.toBe(0);
  });
});
