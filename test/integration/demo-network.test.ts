// The embedded demo end to end, in-process: controller + four sluice switches (ring with a
// chord) + eight emulated hosts over loopback OpenFlow. The test waits for the scripted traffic,
// then checks through the public surfaces — the gRPC northbound (the TS client of `sluice ctl`)
// and the Prometheus endpoint — that what the controller learned is the demo's wiring, that
// every host pair pinged and the TCP exchanges completed, and that stop() frees every port.
import 'reflect-metadata';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoHandle, type DemoReport } from '../../cli/demo/demo.js';
import { SluiceClient } from '../../controller/ctl/ctl-client.js';

const PING_COUNT = 2;
const lines: string[] = [];
let demo: DemoHandle;
let report: DemoReport | undefined;
let scenarioError: unknown;
let client: SluiceClient;
let blocker: Server;
let blockedPort: number;

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

beforeAll(async () => {
  // Hold a port and ask the demo for it: it must fall back to a free one.
  blocker = await listenOn(0);
  blockedPort = (blocker.address() as { port: number }).port;
  demo = await startDemo({
    switches: 4, hostsPerSwitch: 2, openflowPort: blockedPort, grpcPort: 0, metricsPort: 0,
    pingCount: PING_COUNT, tcpFlows: 2, convergeTimeoutMs: 20_000, logLevel: 'silent',
    out: (l) => lines.push(l),
  });
  try {
    report = await demo.traffic;
  } catch (err) {
    scenarioError = err;
  }
  client = new SluiceClient({ server: demo.grpcAddress });
}, 120_000);

afterAll(async () => {
  client?.close();
  await demo?.stop();
  await new Promise<void>((r) => blocker.close(() => r()));
});

const dpidText = (n: bigint) => n.toString(16).padStart(16, '0');

describe('sluice demo', () => {
  it('falls back to a free OpenFlow port when the preferred one is taken, and says so', () => {
    expect(demo.openflowAddress).not.toBe(`127.0.0.1:${blockedPort}`);
    expect(lines.some((l) => l.includes(`OpenFlow 1.3 on tcp:${demo.openflowAddress}`) && l.includes('was taken'))).toBe(true);
  });

  it('runs its scenario to the end', () => {
    expect(scenarioError).toBeUndefined();
    expect(report).toBeDefined();
  });

  it('the controller learned the planned switches and links (over gRPC)', async () => {
    const { switches } = await client.topology.ListSwitches({});
    expect(switches.map((s) => s.dpid?.text).sort()).toEqual(demo.plan.switches.map((s) => dpidText(s.dpid)).sort());
    const { links } = await client.topology.ListLinks({});
    const got = links.map((l) => `${Number(l.src!.dpid!.value)}:${l.src!.port_no}>${Number(l.dst!.dpid!.value)}:${l.dst!.port_no}`).sort();
    const want = demo.plan.links.flatMap((l) => {
      const a = `${l.a.switch.slice(1)}:${l.a.portNo}`;
      const b = `${l.b.switch.slice(1)}:${l.b.portNo}`;
      return [`${a}>${b}`, `${b}>${a}`];
    }).sort();
    expect(got).toEqual(want);
    const { datapaths } = await client.datapaths.List({});
    expect(datapaths.every((d) => d.connected)).toBe(true);
  });

  it('the controller found every host at its planned port (over gRPC)', async () => {
    const { hosts } = await client.topology.ListHosts({});
    const got = hosts.map((h) => `${h.mac} ${h.ips.join(',')} ${Number(h.location!.dpid!.value)}:${h.location!.port_no}`).sort();
    const want = demo.plan.hosts.map((h) => `${h.mac} ${h.ip} ${h.switch.slice(1)}:${h.portNo}`).sort();
    expect(got).toEqual(want);
  });

  it('every host pair pinged, with round-trip times', () => {
    const pings = report?.pings ?? [];
    expect(pings).toHaveLength((8 * 7) / 2);
    const failed = pings.filter((p) => p.result?.received !== PING_COUNT).map((p) => `${p.from}->${p.to}: ${p.error ?? p.result?.received}`);
    expect(failed).toEqual([]);
    for (const p of pings) for (const r of p.result!.replies) expect(r.rttMs).toBeGreaterThan(0);
    expect(lines.some((l) => /^ping h1 -> h8 \(10\.0\.0\.8\): 2\/2 replies, rtt min\/avg\/max/.test(l))).toBe(true);
  });

  it('TCP-like exchanges across the fabric completed (handshake, data acked, FIN both ways)', () => {
    const tcp = report?.tcp ?? [];
    expect(tcp).toHaveLength(2);
    for (const f of tcp) {
      expect(f.error).toBeUndefined();
      expect(f.result!.bytesAcked).toBe(f.result!.bytesSent);
      expect(f.serverReceived).toBe(f.result!.bytesSent);
      expect(f.result!.finalState).toBe('TIME_WAIT');
    }
  });

  it('shortest paths between hosts come back over gRPC and use the chord', async () => {
    // h1 is on s1, h5 on s3: the chord s1:5 <-> s3:5 makes it two switches.
    const { paths } = await client.paths.Compute({ src: { ip: '10.0.0.1' }, dst: { ip: '10.0.0.5' }, mode: 'PATH_MODE_SHORTEST', k: 0 });
    expect(paths.map((p) => p.hops.map((h) => [Number(h.dpid!.value), h.in_port, h.out_port]))).toEqual([[[1, 1, 5], [3, 5, 1]]]);
  });

  it('serves Prometheus text with controller and switch series', async () => {
    const res = await fetch(demo.metricsUrl);
    expect(res.status).toBe(200);
    const series = parsePrometheus(await res.text());
    const value = (name: string, labels: Record<string, string> = {}) =>
      series.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).map((s) => s.value);
    expect(value('sluice_controller_datapaths')).toEqual([4]);
    expect(value('sluice_controller_packet_in_total')[0]).toBeGreaterThan(0);
    for (const s of demo.plan.switches) {
      expect(value('sluice_switch_controller_connections', { dpid: dpidText(s.dpid), kind: 'active' })).toEqual([1]);
    }
    // Host port of h1 on s1 carried its pings: per-port gauges from the demo.
    expect(value('sluice_switch_port_rx_packets', { dpid: dpidText(1n), port: '1' })[0]).toBeGreaterThan(PING_COUNT * 7);
    expect(value('sluice_switch_port_tx_packets', { dpid: dpidText(1n), port: '1' })[0]).toBeGreaterThan(PING_COUNT * 7);
  });

  it('prints what happened in readable lines', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/plugins: l2 started/);
    expect(text).toMatch(/switches connected: 4\/4/);
    expect(text).toMatch(/topology learned by LLDP: 4 switches, 5 links \(10 directed\)/);
    expect(text).toMatch(/hosts found: 8\/8/);
    expect(text).toMatch(/pings: 28\/28 host pairs answered/);
    expect(text).toMatch(/tcp: 2\/2 connections completed/);
    expect(text).toContain(`sluice ctl --server ${demo.grpcAddress}`);
    expect(text).toContain(`metrics: ${demo.metricsUrl}`);
  });

  it('stops cleanly and frees its ports', async () => {
    const ports = [demo.openflowAddress, demo.grpcAddress, new URL(demo.metricsUrl).host].map((a) => Number(a.split(':').pop()));
    client.close();
    await demo.stop();
    await demo.stop();  // idempotent
    for (const p of ports) {
      const s = await listenOn(p);
      await new Promise<void>((r) => s.close(() => r()));
    }
  });
});

interface Sample { name: string; labels: Record<string, string>; value: number }

/** Prometheus text format 0.0.4: `name{a="b",…} value`, comments skipped. */
function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}
