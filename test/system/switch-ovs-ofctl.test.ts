/**
 * Our switch managed by a foreign OpenFlow client: `ovs-ofctl -O OpenFlow13` against the switch's
 * passive listener. The switch runs in-process (startSwitch) with AF_PACKET ports on veths whose
 * far ends sit in two host namespaces; what ovs-ofctl prints is parsed and compared with what
 * was installed, and counters are checked after real traffic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNativeBindingAvailable } from '../../switch/port/native-binding.js';
import type { RunningSwitch } from '../../switch/switch-main.js';
import { execIn } from '../support/async-exec.js';
import { canUseNetns, NetLab, trySh } from '../support/netns.js';
import { parseDumpFlows, runCommand } from '../support/ovs.js';
import { addTwoHosts, ofctl13, startManagedSwitch } from '../support/switch-lab.js';

const READY = canUseNetns() && isNativeBindingAvailable() && trySh('ovs-ofctl', ['--version']).status === 0;
if (!READY) console.warn('switch-ovs-ofctl system tests skipped: need root, netns, the native addon and ovs-ofctl');

describe.skipIf(!READY)('sluice switch managed by ovs-ofctl -O OpenFlow13', () => {
  const lab = new NetLab();
  let sw: RunningSwitch | undefined;
  let target = '';
  let h1 = '';

  const ofctl = (cmd: string, ...args: string[]): Promise<string> => ofctl13(target, cmd, ...args);

  beforeAll(async () => {
    try {
      const hosts = addTwoHosts(lab, 'o', '10.9.0');
      h1 = hosts.h1;
      ({ sw, target } = await startManagedSwitch(hosts.ports, 0x5111ce0001n));
    } catch (e) {
      await sw?.close();
      lab.cleanup();
      throw e;
    }
  });

  afterAll(async () => {
    await sw?.close();
    lab.cleanup();
  });

  it('show: features and both ports', async () => {
    const out = await ofctl('show');
    expect(out).toMatch(/dpid:0000005111ce0001/);
    expect(out).toMatch(/ 1\(so1/);
    expect(out).toMatch(/ 2\(so2/);
  });

  it('add-flow, add-group, add-meter; dump-* read back exactly what was installed', async () => {
    await ofctl('add-flow', 'table=0,priority=100,cookie=0x11,in_port=1,actions=output:2');
    await ofctl('add-flow', 'table=0,priority=100,cookie=0x12,in_port=2,actions=output:1');
    await ofctl('add-flow', 'table=0,priority=200,cookie=0x13,ip,nw_dst=10.9.0.77,actions=goto_table:1');
    await ofctl('add-flow', 'table=1,priority=10,cookie=0x14,udp,tp_dst=53,actions=drop');
    await ofctl('add-group', 'group_id=7,type=all,bucket=output:1,bucket=output:2');
    await ofctl('add-meter', 'meter=3,kbps,band=type=drop,rate=1000');
    await ofctl('add-flow', 'table=1,priority=20,cookie=0x15,in_port=2,actions=meter:3,group:7');

    const flows = parseDumpFlows(await ofctl('dump-flows'));
    const byCookie = new Map(flows.map((f) => [f.cookie, f]));
    expect(flows).toHaveLength(5);
    expect(byCookie.get(0x11n)).toMatchObject({ table: 0, priority: 100, match: 'in_port=1', actions: 'output:2' });
    expect(byCookie.get(0x12n)).toMatchObject({ table: 0, priority: 100, match: 'in_port=2', actions: 'output:1' });
    expect(byCookie.get(0x13n)).toMatchObject({ table: 0, priority: 200, match: 'ip,nw_dst=10.9.0.77', actions: 'goto_table:1' });
    expect(byCookie.get(0x14n)).toMatchObject({ table: 1, priority: 10, match: 'udp,tp_dst=53', actions: 'drop' });
    expect(byCookie.get(0x15n)).toMatchObject({ table: 1, priority: 20, match: 'in_port=2', actions: 'meter:3,group:7' });

    const groups = await ofctl('dump-groups');
    expect(groups).toMatch(/group_id=7,type=all,bucket=actions=output:1,bucket=actions=output:2/);
    const meters = await ofctl('dump-meters');
    expect(meters.replace(/\s+/g, ' ')).toMatch(/meter=3 kbps bands= type=drop rate=1000/);
  });

  it('dump-ports and flow counters follow real traffic', async () => {
    const before = portStats(await ofctl('dump-ports'));
    const ping = await execIn(h1, 'ping', ['-c', '3', '-i', '0.2', '-W', '2', '10.9.0.2']);
    expect(ping.status, ping.out + await ofctl('dump-flows') + await ofctl('dump-ports')).toBe(0);
    const after = portStats(await ofctl('dump-ports'));
    // 3 echo requests + ARP in, 3 replies + ARP out, at least.
    expect(after.get(1)!.rxPackets - before.get(1)!.rxPackets).toBeGreaterThanOrEqual(4);
    expect(after.get(2)!.txPackets - before.get(2)!.txPackets).toBeGreaterThanOrEqual(4);
    expect(after.get(1)!.txPackets - before.get(1)!.txPackets).toBeGreaterThanOrEqual(4);
    const flows = parseDumpFlows(await ofctl('dump-flows', 'table=0'));
    expect(flows.find((f) => f.cookie === 0x11n)!.nPackets).toBeGreaterThanOrEqual(4);
    expect(flows.find((f) => f.cookie === 0x12n)!.nPackets).toBeGreaterThanOrEqual(4);
  });

  it('del-flows with a filter, then all; groups and meters deleted', async () => {
    await ofctl('del-flows', 'table=1');
    expect(parseDumpFlows(await ofctl('dump-flows')).map((f) => f.cookie).sort()).toEqual([0x11n, 0x12n, 0x13n]);
    await ofctl('del-flows', 'in_port=2');
    expect(parseDumpFlows(await ofctl('dump-flows')).map((f) => f.cookie).sort()).toEqual([0x11n, 0x13n]);
    await ofctl('del-flows');
    expect(parseDumpFlows(await ofctl('dump-flows'))).toEqual([]);
    await ofctl('del-groups');
    expect(await ofctl('dump-groups')).not.toMatch(/group_id=/);
    await ofctl('del-meters');
    expect(await ofctl('dump-meters')).not.toMatch(/meter=3/);
    // Without flows the secure switch forwards nothing.
    expect((await execIn(h1, 'ping', ['-c', '1', '-W', '1', '10.9.0.2'])).status).not.toBe(0);
  });

  it('a bad flow is refused with an OpenFlow error that ovs-ofctl decodes', async () => {
    const r = await runCommand('ovs-ofctl', ['-O', 'OpenFlow13', 'add-flow', target, 'table=0,actions=group:4242'])
      .then(() => ({ ok: true, err: '' }), (e: Error) => ({ ok: false, err: e.message }));
    expect(r.ok).toBe(false);
    expect(r.err).toMatch(/OFPGMFC_INVALID_GROUP|OFPBAC_BAD_OUT_GROUP/);
  });
});

interface PortStat { rxPackets: number; txPackets: number }

/** `ovs-ofctl dump-ports` text → counters per port number. */
function portStats(text: string): Map<number, PortStat> {
  const out = new Map<number, PortStat>();
  const re = /port\s+(\d+): rx pkts=(\d+),[^\n]*\n\s+tx pkts=(\d+)/g;
  for (const m of text.matchAll(re)) out.set(Number(m[1]), { rxPackets: Number(m[2]), txPackets: Number(m[3]) });
  return out;
}
