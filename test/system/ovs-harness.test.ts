/**
 * Proves the private Open vSwitch harness: a netdev bridge forwards between two namespaces on
 * flows added with ovs-ofctl, a second (dummy-datapath) instance runs alongside it driven by
 * ovs-testcontroller, a second netdev instance is refused while the first holds the datapath,
 * and everything is gone afterwards.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetLab, trySh } from '../support/netns.js';
import { OvsInstance, OvsTestController, parseDumpFlows, processAlive } from '../support/ovs.js';

/** Two namespaces h1/h2 (10.77.0.1, 10.77.0.2) whose veth peers stay in the root namespace. */
function twoHosts(lab: NetLab): { ns1: string; ns2: string; p1: string; p2: string } {
  const ns1 = lab.addNamespace('oh1');
  const ns2 = lab.addNamespace('oh2');
  const [h1, p1] = lab.addVeth(lab.ifname('h1'), lab.ifname('p1'), ns1);
  const [h2, p2] = lab.addVeth(lab.ifname('h2'), lab.ifname('p2'), ns2);
  lab.exec(ns1, 'ip', ['addr', 'add', '10.77.0.1/24', 'dev', h1]);
  lab.exec(ns2, 'ip', ['addr', 'add', '10.77.0.2/24', 'dev', h2]);
  return { ns1, ns2, p1, p2 };
}

/** Pids of live processes whose command line mentions `text` (zombies have none). */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch { /* exited meanwhile */ }
  }
  return found;
}

const ping = (lab: NetLab, ns: string, dst: string, count: number, waitS = 2) =>
  lab.tryExec(ns, 'ping', ['-c', String(count), '-i', '0.2', '-W', String(waitS), dst]);

describe('OvsInstance (userspace Open vSwitch in a private dir)', () => {
  const lab = new NetLab();
  const lab2 = new NetLab();
  let ovs: OvsInstance | undefined;
  let ovs2: OvsInstance | undefined;
  let tc: OvsTestController | undefined;
  const ourPids: number[] = [];
  const ourDirs: string[] = [];
  const bridge = lab.ifname('ob');

  beforeAll(async () => {
    ovs = await OvsInstance.start();
    ourPids.push(...ovs.pids);
    ourDirs.push(ovs.dir);
  });

  afterAll(async () => {
    // Safety net for a failed test; the last test does the same and asserts on it.
    await tc?.stop();
    await ovs2?.stop();
    await ovs?.stop();
    lab2.cleanup();
    lab.cleanup();
  });

  it('forwards between two namespaces on flows added with ovs-ofctl', async () => {
    const o = ovs!;
    const { ns1, p1, p2 } = twoHosts(lab);
    await o.addBridge(bridge, { dpid: 0x42n });
    expect(await o.addPort(bridge, p1, 1)).toBe(1);
    expect(await o.addPort(bridge, p2, 2)).toBe(2);
    expect(await o.ofctl('show', bridge)).toContain('dpid:0000000000000042');

    // fail-mode=secure with an empty table drops everything.
    expect(ping(lab, ns1, '10.77.0.2', 1, 1).status).not.toBe(0);

    await o.ofctl('add-flow', bridge, 'priority=100,in_port=1,actions=output:2');
    await o.ofctl('add-flow', bridge, 'cookie=0x5,in_port=2,actions=output:1');
    const r = ping(lab, ns1, '10.77.0.2', 3);
    expect(r.status, r.stdout + r.stderr + o.logTail('ovs-vswitchd')).toBe(0);

    const flows = await o.dumpFlows(bridge);
    expect(flows).toHaveLength(2);
    const fwd = flows.find((f) => f.match === 'in_port=1')!;
    const back = flows.find((f) => f.match === 'in_port=2')!;
    expect(fwd).toMatchObject({ table: 0, priority: 100, cookie: 0n, actions: 'output:2' });
    expect(back).toMatchObject({ table: 0, priority: 0x8000, cookie: 5n, actions: 'output:1' });
    // 3 echo requests one way, 3 replies back, plus ARP.
    expect(fwd.nPackets).toBeGreaterThanOrEqual(3);
    expect(back.nPackets).toBeGreaterThanOrEqual(3);
    expect(fwd.nBytes).toBeGreaterThanOrEqual(3 * 98);
  });

  it('runs a dummy-datapath instance alongside, driven by ovs-testcontroller', async () => {
    tc = await OvsTestController.start();
    ourPids.push(tc.pid);
    ourDirs.push(tc.dir);
    ovs2 = await OvsInstance.start({ datapathType: 'dummy' });
    ourPids.push(...ovs2.pids);
    ourDirs.push(ovs2.dir);
    const { ns1, p1, p2 } = twoHosts(lab2);
    const br2 = lab2.ifname('ob');
    await ovs2.addBridge(br2, { dpid: '00000000000000a2', controller: tc.target });
    await ovs2.addPort(br2, p1);
    await ovs2.addPort(br2, p2);
    await ovs2.waitForController(br2);

    const r = ping(lab2, ns1, '10.77.0.2', 3);
    expect(r.status, r.stdout + r.stderr + ovs2.logTail('ovs-vswitchd')).toBe(0);
    // The learning switch installed flows and they carried the echo traffic.
    const flows = await ovs2.dumpFlows(br2);
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.reduce((n, f) => n + f.nPackets, 0)).toBeGreaterThan(0);
    // The netdev instance is still there and untouched.
    expect(await ovs!.dumpFlows(bridge)).toHaveLength(2);
  });

  it('refuses a second netdev instance while the first one holds the datapath', async () => {
    const started = Date.now();
    await expect(OvsInstance.start({ lockTimeoutMs: 1000 })).rejects.toThrow(/netdev ovs-vswitchd/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('stops only its own processes and leaves nothing behind', async () => {
    const namespaces = [...trySh('ip', ['netns', 'list']).stdout.matchAll(/^(\S+)/gm)].map((m) => m[1]!);
    const ours = namespaces.filter((n) => n.endsWith(`-${lab.tag}`) || n.endsWith(`-${lab2.tag}`));
    expect(ours).toHaveLength(4);

    await tc!.stop();
    await ovs2!.stop();
    await ovs!.stop();
    lab2.cleanup();
    lab.cleanup();

    for (const pid of ourPids) expect(processAlive(pid), `pid ${pid}`).toBe(false);
    for (const dir of ourDirs) {
      expect(existsSync(dir), dir).toBe(false);
      expect(processesMentioning(dir), `processes still using ${dir}`).toEqual([]);
    }
    expect(existsSync(`/sys/class/net/${bridge}`)).toBe(false);
    const after = trySh('ip', ['netns', 'list']).stdout;
    for (const n of ours) expect(after).not.toContain(n);
    // The lock went with the daemon: a new netdev instance starts at once.
    const again = await OvsInstance.start({ lockTimeoutMs: 2000 });
    await again.stop();
  });
});

describe('parseDumpFlows', () => {
  // Lines as OVS 3.1's ovs-ofctl prints them (flags are space-separated from the match).
  it('reads stats, priority, match and actions from ovs-ofctl text', () => {
    const text = [
      'OFPST_FLOW reply (OF1.3) (xid=0x2):',
      ' cookie=0x0, duration=2.075s, table=0, n_packets=13, n_bytes=1062, actions=NORMAL',
      ' cookie=0xa, duration=1s, table=3, n_packets=0, n_bytes=0, idle_timeout=10, priority=200,ip,nw_dst=10.0.0.0/8 actions=goto_table:4',
      ' cookie=0x1, duration=1s, table=0, n_packets=7, n_bytes=566, idle_timeout=50, send_flow_rem priority=0 actions=CONTROLLER:65535',
      ' cookie=0x0, duration=0.005s, table=1, n_packets=0, n_bytes=0, reset_counts actions=drop',
      ' cookie=0x7, duration=0.020s, table=2, n_packets=0, n_bytes=0, check_overlap priority=7,tcp,tp_dst=80 actions=drop',
    ].join('\n');
    expect(parseDumpFlows(text).map(({ raw: _raw, ...f }) => f)).toEqual([
      { cookie: 0n, table: 0, priority: 0x8000, match: '', actions: 'NORMAL', nPackets: 13, nBytes: 1062 },
      { cookie: 10n, table: 3, priority: 200, match: 'ip,nw_dst=10.0.0.0/8', actions: 'goto_table:4', nPackets: 0, nBytes: 0 },
      { cookie: 1n, table: 0, priority: 0, match: '', actions: 'CONTROLLER:65535', nPackets: 7, nBytes: 566 },
      { cookie: 0n, table: 1, priority: 0x8000, match: '', actions: 'drop', nPackets: 0, nBytes: 0 },
      { cookie: 7n, table: 2, priority: 7, match: 'tcp,tp_dst=80', actions: 'drop', nPackets: 0, nBytes: 0 },
    ]);
  });
});
