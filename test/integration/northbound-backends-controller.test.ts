// The northbound adapters over a real controller: startController on loopback, four sluice
// switches (memory ports, real OpenFlow over TCP) in a ring with a chord, startNorthbound, and a
// gRPC client asking what the controller knows. Host-dependent answers are in the demo test.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNetwork, type DemoNetwork } from '../../cli/demo/demo-network.js';
import { ringWithChord } from '../../cli/demo/demo-topology.js';
import { waitUntil } from '../../cli/demo/wait-until.js';
import { startController, type ControllerHandle } from '../../controller/controller-main.js';
import { SluiceClient } from '../../controller/ctl/ctl-client.js';
import type { Northbound } from '../../controller/northbound-backends/start-northbound.js';
import type { Event__Output } from '../../controller/northbound/generated/sluice/v1/Event.js';
import { fieldViolationsOf } from '../../controller/northbound/status-details.js';
import { encodeInstructions } from '../../core/openflow/instructions.js';
import { OfpWriter } from '../../core/openflow/ofp-writer.js';
import { silentLogger } from '../../core/telemetry/logger.js';
import { MetricsRegistry } from '../../core/telemetry/metrics.js';

const plan = ringWithChord({ switches: 4, hostsPerSwitch: 1 });
let controller: ControllerHandle;
let northbound: Northbound;
let network: DemoNetwork;
let client: SluiceClient;

beforeAll(async () => {
  const metrics = new MetricsRegistry();
  controller = await startController({
    listen: { host: '127.0.0.1', port: 0 }, metrics: false, logger: silentLogger(), metricsRegistry: metrics,
    topology: { probeIntervalMs: 200 },
    // The composition builds and serves the northbound itself (what `sluice controller` does).
    northbound: { host: '127.0.0.1', port: 0 },
  });
  northbound = controller.northbound!;
  network = await buildNetwork(plan, { controller: { host: '127.0.0.1', port: controller.listenAddress!.port }, metrics, logger: silentLogger() });
  await waitUntil('topology', () => controller.topology.snapshot().links.length === plan.links.length * 2, { timeoutMs: 20_000 });
  client = new SluiceClient({ server: `127.0.0.1:${northbound.server.port}` });
});

afterAll(async () => {
  client?.close();
  await network?.close();
  await controller?.stop();
});

const dpidText = (n: number) => n.toString(16).padStart(16, '0');

describe('northbound backends over a running controller', () => {
  it('lists the four switches with their descriptions and ports', async () => {
    await waitUntil('descriptions', () => northbound.backends.datapaths.list().every((d) => d.description !== ''), { timeoutMs: 5000 });
    const { datapaths } = await client.datapaths.List({});
    expect(datapaths.map((d) => d.dpid?.text)).toEqual([1, 2, 3, 4].map(dpidText));
    for (const d of datapaths) {
      expect(d.connected).toBe(true);
      expect(d.remote_address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(d.description).toBe(`sluice demo s${Number(d.dpid!.value)}`);
    }
    // s1: host port 1, links on 2 (s2), 3 (s4), 4 (chord to s3); plus LOCAL if the switch reports it.
    const { ports } = await client.datapaths.ListPorts({ dpid: { text: '1' } });
    const named = ports.filter((p) => p.port_no < 0xffffff00).map((p) => [p.port_no, p.name]);
    expect(named).toEqual([[1, 's1-h1'], [2, 's1-s2'], [3, 's1-s4'], [4, 's1-s3']]);
  });

  it('reads fresh port counters from the switch', async () => {
    const { stats } = await client.datapaths.GetPortStats({ dpid: { text: '2' }, port_no: 0 });
    const byPort = new Map(stats.map((s) => [s.port_no, s]));
    // LLDP probes went out of every switch port by now.
    expect(Number(byPort.get(2)!.tx_packets)).toBeGreaterThan(0);
    expect(Number(byPort.get(3)!.tx_packets)).toBeGreaterThan(0);
  });

  it('reports an unknown switch as NOT_FOUND', async () => {
    await expect(client.datapaths.ListPorts({ dpid: { text: '99' } })).rejects.toMatchObject({ code: 5 });
  });

  it('shows the links LLDP found, both directions of every cable', async () => {
    const { links } = await client.topology.ListLinks({});
    const text = links.map((l) => `${Number(l.src!.dpid!.value)}:${l.src!.port_no}>${Number(l.dst!.dpid!.value)}:${l.dst!.port_no}`).sort();
    const want: string[] = [];
    for (const l of plan.links) {
      const a = `${l.a.switch.slice(1)}:${l.a.portNo}`;
      const b = `${l.b.switch.slice(1)}:${l.b.portNo}`;
      want.push(`${a}>${b}`, `${b}>${a}`);
    }
    expect(text).toEqual(want.sort());
    const { switches } = await client.topology.ListSwitches({});
    expect(switches).toHaveLength(4);
    expect(switches.find((s) => s.dpid?.text === dpidText(1))!.port_nos).toEqual([1, 2, 3, 4]);
  });

  it('computes paths between switches over the learned graph: the chord is shortest', async () => {
    const { paths } = await client.paths.Compute({ src: { dpid: { text: '1' } }, dst: { dpid: { text: '3' } }, mode: 'PATH_MODE_SHORTEST', k: 0 });
    expect(paths).toHaveLength(1);
    expect(paths[0]!.hops.map((h) => [Number(h.dpid!.value), h.in_port, h.out_port])).toEqual([[1, 0, 4], [3, 4, 0]]);
    const k = await client.paths.Compute({ src: { dpid: { text: '2' } }, dst: { dpid: { text: '4' } }, mode: 'PATH_MODE_K_SHORTEST', k: 3 });
    expect(k.paths.length).toBe(3);
    expect(k.paths[0]!.cost).toBeLessThanOrEqual(k.paths[2]!.cost);
    await expect(client.paths.Compute({ src: { mac: '02:00:00:00:99:99' }, dst: { dpid: { text: '1' } }, mode: 'PATH_MODE_SHORTEST', k: 0 }))
      .rejects.toMatchObject({ code: 5 });
  });

  it('lists flows from the switches with owners, adds one as "northbound" and deletes it', async () => {
    const before = await client.flows.List({ dpid: { text: '1' }, owner: '' });
    const owners = new Set(before.flows.map((f) => f.owner));
    expect(owners.has('controller')).toBe(true);  // table-miss chain
    expect(owners.has('topology')).toBe(true);    // LLDP capture

    const w = new OfpWriter();
    encodeInstructions(w, [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: 1, maxLen: 0 }] }]);
    const added = await client.flows.Add({
      dpid: { text: '1' }, table_id: 4, priority: 1234, cookie: 7, owner: 'northbound',
      match: [{ field: 'eth_dst', value: '02:00:00:00:aa:01' }], instructions: w.toBuffer(),
    });
    expect(added.flow?.owner).toBe('northbound');
    expect(added.flow?.instructions_text).toContain('output:1');

    const mine = await client.flows.List({ dpid: { text: '1' }, owner: 'northbound' });
    expect(mine.flows).toHaveLength(1);
    expect(mine.flows[0]).toMatchObject({ table_id: 4, priority: 1234, match: [{ field: 'eth_dst', value: '02:00:00:00:aa:01' }] });

    const bad = client.flows.Add({
      dpid: { text: '1' }, table_id: 4, priority: 1, cookie: 0, owner: 'northbound',
      match: [{ field: 'tcp_dst', value: '80' }], instructions: w.toBuffer(),
    });
    await expect(bad).rejects.toMatchObject({ code: 3 });  // l2 does not match on tcp_dst

    const del = await client.flows.Delete({ dpid: { text: '1' }, owner: 'northbound', match: [], strict: false, priority: 0, cookie: 0, cookie_mask: 0 });
    expect(del.deleted).toBe(1);
    const after = await client.flows.List({ dpid: { text: '1' }, owner: 'northbound' });
    expect(after.flows).toHaveLength(0);
  });

  it('lists plugins with their state', async () => {
    const { plugins } = await client.plugins.List({});
    expect(plugins.map((p) => p.name)).toContain('l2');
  });

  it('plugin operations map to gRPC codes; a bad section names the field inside it', async () => {
    await expect(client.plugins.Enable({ name: 'no-such-plugin' })).rejects.toMatchObject({ code: 5 });
    const err = await client.plugins.Reload({ name: 'l2', config_json: '{"floodDedupMs": -5}' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 3 });
    expect(fieldViolationsOf((err as { metadata?: never }).metadata).map((v) => v.field)).toEqual(['config_json.floodDedupMs']);
  });

  it('streams controller events (a switch reconnecting)', async () => {
    const stream = client.subscribeEvents({});
    const seen: Event__Output[] = [];
    stream.on('data', (e: Event__Output) => seen.push(e));
    stream.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    // Drop s4's controller connections: the agent reconnects on its own.
    const s4 = network.switches.get('s4')!;
    await s4.agent.stop();
    await s4.agent.start();
    await waitUntil('events', () => seen.some((e) => e.kind === 'datapath.disconnected') && seen.some((e) => e.kind === 'datapath.connected'), { timeoutMs: 10_000 });
    stream.cancel();
    expect(seen.find((e) => e.kind === 'datapath.disconnected')!.attributes['dpid']).toBe(dpidText(4));
  });

  it('keeps listing a switch that went away, as disconnected, and answers UNAVAILABLE for it', async () => {
    const s2 = network.switches.get('s2')!;
    await s2.agent.stop();
    await waitUntil('s2 gone', () => controller.datapaths.get(2n) === undefined, { timeoutMs: 5000 });
    const { datapaths } = await client.datapaths.List({});
    const gone = datapaths.find((d) => d.dpid?.text === dpidText(2));
    expect(gone).toMatchObject({ connected: false, description: 'sluice demo s2' });
    await expect(client.datapaths.GetPortStats({ dpid: { text: '2' }, port_no: 0 })).rejects.toMatchObject({ code: 14 });
    await s2.agent.start();
    await waitUntil('s2 back', () => controller.datapaths.get(2n) !== undefined, { timeoutMs: 5000 });
    const again = await client.datapaths.Get({ dpid: { text: '2' } });
    expect(again.connected).toBe(true);
  });
});
