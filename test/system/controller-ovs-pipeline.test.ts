/**
 * The controller against a real Open vSwitch (userspace netdev bridge in a private dir, hosts in
 * namespaces): handshake and port description, the six-stage pipeline with our cookies in
 * `ovs-ofctl dump-flows`, flow service install/remove, PORT_STATUS, packet-in dispatch, and
 * re-sync after a reconnect and after a controller restart (stale flows of ours deleted,
 * missing ones re-added, hand-made flows untouched, no duplicates).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/telemetry/logger.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { startController, type ControllerHandle } from '../../controller/controller-main.js';
import { COOKIE_OWNERS } from '../../controller/pipeline/cookie-owners.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import { NetLab } from '../support/netns.js';
import { type FlowEntry, freeTcpPort, OvsInstance } from '../support/ovs.js';

const DPID = 0x5c0000000000a1n;
const BASE_COOKIE = (BigInt(COOKIE_OWNERS.controller) << 48n) | 1n;
const L2_PREFIX = BigInt(COOKIE_OWNERS.l2) << 48n;

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One line per (table, priority, match): a duplicate would show twice. */
function keys(flows: readonly FlowEntry[]): string[] {
  return flows.map((f) => `${f.table}/${f.priority}/${f.match}`);
}

describe('controller against Open vSwitch', () => {
  const lab = new NetLab();
  const bridge = lab.ifname('cb');
  let ovs: OvsInstance | undefined;
  let ctl: ControllerHandle | undefined;
  let port = 0;
  let ofport1 = 0;
  let ofport2 = 0;
  let ns1 = '';

  async function start(): Promise<ControllerHandle> {
    const c = await startController({
      listen: { host: '127.0.0.1', port },
      metrics: false,
      logger: silentLogger(),
      topology: { probeIntervalMs: 60_000 },
      // No plugins: this file tests the controller's own services, and L2's flows would blur
      // which flows the re-sync kept or removed.
      registry: [],
    });
    ctl = c;
    return c;
  }

  async function connected(c: ControllerHandle): Promise<void> {
    await waitUntil(() => c.datapaths.get(DPID) !== undefined, 15_000, 'OVS to connect');
    await c.flows.lastResync.get(DPID);
    await c.datapaths.get(DPID)!.barrier();
  }

  const dump = () => ovs!.dumpFlows(bridge, { fresh: false });

  beforeAll(async () => {
    port = await freeTcpPort();
    ovs = await OvsInstance.start();
    ns1 = lab.addNamespace('ch1');
    const ns2 = lab.addNamespace('ch2');
    const [h1, p1] = lab.addVeth(lab.ifname('h1'), lab.ifname('p1'), ns1);
    const [h2, p2] = lab.addVeth(lab.ifname('h2'), lab.ifname('p2'), ns2);
    lab.exec(ns1, 'ip', ['addr', 'add', '10.78.0.1/24', 'dev', h1]);
    lab.exec(ns2, 'ip', ['addr', 'add', '10.78.0.2/24', 'dev', h2]);
    const c = await start();
    await ovs.addBridge(bridge, { dpid: DPID, controller: `tcp:127.0.0.1:${port}` });
    // Reconnect fast after the controller restarts (OVS backs off up to 8 s by default).
    await ovs.vsctl('set', 'controller', bridge, 'max_backoff=1000');
    ofport1 = await ovs.addPort(bridge, p1);
    ofport2 = await ovs.addPort(bridge, p2);
    await connected(c);
  }, 90_000);

  afterAll(async () => {
    await ctl?.stop();
    await ovs?.stop();
    lab.cleanup();
  });

  it('completes the handshake and sees the ports', async () => {
    const dp = ctl!.datapaths.get(DPID)!;
    await waitUntil(() => dp.info.ports.has(ofport1) && dp.info.ports.has(ofport2), 5000, 'ports');
    expect(dp.info.nTables).toBeGreaterThanOrEqual(6);
    expect(dp.info.ports.has(OFPP.LOCAL)).toBe(true);
  });

  it('installs the pipeline: tables 0..5 chained by goto, the last one to the controller, with our cookie', async () => {
    const misses = (await dump()).filter((f) => f.priority === 0 && f.match === '');
    expect(misses.map((f) => f.table).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const f of misses) {
      expect(f.cookie).toBe(BASE_COOKIE);
      expect(f.actions).toBe(f.table < 5 ? `goto_table:${f.table + 1}` : 'CONTROLLER:65535');
    }
  });

  it('installs and removes flows through the flow service, visible in dump-flows', async () => {
    const spec = {
      stage: 'l2', priority: 100, cookie: 0x42n,
      match: { fields: [{ field: 'eth_dst' as const, value: '02:00:00:00:00:02' }] },
      instructions: [{ type: 'APPLY_ACTIONS' as const, actions: [{ type: 'OUTPUT' as const, port: ofport2, maxLen: 0 }] }],
    };
    await ctl!.flows.install('l2', DPID, [spec]);
    const added = (await dump()).filter((f) => f.cookie === (L2_PREFIX | 0x42n));
    expect(added).toHaveLength(1);
    expect(added[0]!.table).toBe(4);
    expect(added[0]!.match).toBe('dl_dst=02:00:00:00:00:02');
    expect(added[0]!.actions).toBe(`output:${ofport2}`);
    // Installing the same flow again replaces it: still one.
    await ctl!.flows.install('l2', DPID, [spec]);
    expect((await dump()).filter((f) => f.cookie === (L2_PREFIX | 0x42n))).toHaveLength(1);
    await ctl!.flows.remove('l2', DPID, { stage: 'l2' });
    expect((await dump()).filter((f) => (f.cookie & (0xffffn << 48n)) === L2_PREFIX)).toEqual([]);
    expect(ctl!.flows.list({ owner: 'l2' })).toEqual([]);
  });

  it('reports a flow the switch refuses, with the flow-mod that caused it', async () => {
    const bad = {
      stage: 'l2', priority: 10,
      match: { fields: [{ field: 'in_port' as const, value: ofport1 }] },
      // Output to a group that does not exist: OVS answers OFPET_BAD_ACTION / OFPBAC_BAD_OUT_GROUP.
      instructions: [{ type: 'APPLY_ACTIONS' as const, actions: [{ type: 'GROUP' as const, groupId: 4242 }] }],
    };
    const errorSeen = ctl!.kernel.events.waitFor('datapath.error', { timeoutMs: 5000 });
    await expect(ctl!.flows.install('l2', DPID, [bad])).rejects.toThrow(/refused 1 flow-mod/);
    const ev = await errorSeen;
    expect(ev.request?.type).toBe('FLOW_MOD');
    expect(ctl!.flows.list({ owner: 'l2' })).toEqual([]);
  });

  it('delivers packet-ins from real traffic through the chain, parsed once', async () => {
    const seen: PacketInContext[] = [];
    const reg = ctl!.packetIns.register('test.capture', 499, (c) => {
      if (c.packet.arp !== undefined) seen.push(c);
      return 'continue';
    });
    try {
      lab.tryExec(ns1, 'ping', ['-c', '1', '-W', '1', '10.78.0.2']);
      await waitUntil(() => seen.length > 0, 5000, 'an ARP packet-in');
    } finally {
      reg.dispose();
    }
    expect(seen[0]!.inPort).toBe(ofport1);
    expect(seen[0]!.message.tableId).toBe(5);
    expect(seen[0]!.datapath.dpid).toBe(DPID);
  });

  it('tracks PORT_STATUS for a port added at run time', async () => {
    const events: string[] = [];
    const sub = ctl!.kernel.events.on('datapath.port-status', (e) => void events.push(`${e.reason}:${e.port.name}`));
    try {
      const [, p3] = lab.addVeth(lab.ifname('h3'), lab.ifname('p3'));
      const ofport3 = await ovs!.addPort(bridge, p3);
      await waitUntil(() => ctl!.datapaths.get(DPID)!.info.ports.has(ofport3), 5000, 'port 3 in the registry');
      expect(events).toContain(`add:${p3}`);
    } finally {
      sub.dispose();
    }
  });

  it('re-syncs on reconnect: missing intent re-added, stale flows of ours deleted, others kept', async () => {
    const c = ctl!;
    const kept = {
      stage: 'l2', priority: 200, cookie: 7n,
      match: { fields: [{ field: 'eth_dst' as const, value: '02:00:00:00:00:07' }] },
      instructions: [{ type: 'APPLY_ACTIONS' as const, actions: [{ type: 'OUTPUT' as const, port: ofport1, maxLen: 0 }] }],
    };
    await c.flows.install('l2', DPID, [kept]);
    // Disconnect OVS from us by pointing it at a dead port (removing its last controller would
    // make OVS flush every flow: connmgr does that when "has controllers" flips), then tamper.
    const deadPort = await freeTcpPort();
    await ovs!.vsctl('set-controller', bridge, `tcp:127.0.0.1:${deadPort}`);
    await waitUntil(() => c.datapaths.get(DPID) === undefined, 10_000, 'disconnect');
    await ovs!.ofctl('del-flows', bridge, '--strict', 'table=4,priority=200,dl_dst=02:00:00:00:00:07');
    await ovs!.ofctl('del-flows', bridge, '--strict', 'table=2,priority=0');
    await ovs!.ofctl('add-flow', bridge, 'table=4,priority=50,cookie=0x5c10000000000099,dl_dst=02:00:00:00:00:99,actions=drop');
    await ovs!.ofctl('add-flow', bridge, 'table=4,priority=51,cookie=0x1234,dl_dst=02:00:00:00:00:98,actions=drop');
    await ovs!.vsctl('set-controller', bridge, `tcp:127.0.0.1:${port}`);
    await ovs!.vsctl('set', 'controller', bridge, 'max_backoff=1000');
    await connected(c);
    const flows = await dump();
    expect(flows.find((f) => f.cookie === 0x5c10000000000099n)).toBeUndefined(); // stale: deleted
    expect(flows.find((f) => f.cookie === 0x1234n), flows.map((f) => f.raw).join('\n')).toBeDefined(); // not ours: kept
    expect(flows.filter((f) => f.cookie === (L2_PREFIX | 7n))).toHaveLength(1); // intent: re-added
    expect(flows.filter((f) => f.cookie === BASE_COOKIE).map((f) => f.table).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(keys(flows)).size).toBe(flows.length);
    await ovs!.ofctl('del-flows', bridge, '--strict', 'table=4,priority=51,dl_dst=02:00:00:00:00:98');
  });

  it('after a controller restart: flows of the old run removed, pipeline kept once, no duplicates', async () => {
    await ctl!.stop();
    ctl = undefined;
    // While no controller runs: a stale flow with our cookie and a deleted table-miss.
    await ovs!.ofctl('add-flow', bridge, 'table=3,priority=60,cookie=0x5c11000000000001,ip,nw_dst=10.9.9.9,actions=drop');
    await ovs!.ofctl('del-flows', bridge, '--strict', 'table=5,priority=0');
    const c = await start();
    await connected(c);
    const flows = await dump();
    // The new run never intended L2's flow of the old run nor the hand-added L3 one: both gone.
    expect(flows.filter((f) => (f.cookie >> 48n) === BigInt(COOKIE_OWNERS.l2))).toEqual([]);
    expect(flows.filter((f) => (f.cookie >> 48n) === BigInt(COOKIE_OWNERS.l3))).toEqual([]);
    const base = flows.filter((f) => f.cookie === BASE_COOKIE);
    expect(base.map((f) => f.table).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(keys(flows)).size).toBe(flows.length);
    // Every flow on the bridge is ours now, and each one is intended.
    for (const f of flows) expect(f.cookie >> 56n).toBe(0x5cn);
    expect(flows.length).toBe(c.flows.list({ dpid: DPID }).length);
  });
});
