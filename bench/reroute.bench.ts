/**
 * Link failure → rerouted traffic, on a triangle of real Open vSwitch bridges (userspace
 * datapath) driven by our controller, one host on s1 and one on s2.
 *
 * Each round pings h1 → h2 every 2 ms, takes down the cable the pair's path uses at s1 (`ip
 * link set … down` on one veth end), and measures three things:
 * - detect: `ip link set down` → the topology's link-removed event (OVS notices the carrier
 *   loss and sends PORT_STATUS);
 * - controller: link-removed event → every rerouted flow acknowledged by its switch's barrier;
 * - outage: `ip link set down` → the first echo reply over the new path.
 * The cable comes back up between rounds; the next round fails whichever cable the path now
 * uses. Rounds are bounded (ROUNDS), every ping run is bounded by count. Needs root and
 * Open vSwitch; without them the results say so instead of failing.
 */
import { execFile as execFileCb, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchResult } from './bench-result.js';
import { startController, type ControllerHandle } from '../controller/controller-main.js';
import { HostTracker } from '../controller/hosts/host-tracker.js';
import type { Hosts } from '../controller/hosts/hosts.js';
import * as tokens from '../core/kernel/tokens.js';
import { L2Forwarder } from '../plugins/l2/l2-forwarder.js';
import { canUseNetns, NetLab, trySh } from '../test/support/netns.js';
import { freeTcpPort, OvsInstance } from '../test/support/ovs.js';

const execFile = promisify(execFileCb);
const ROUNDS = 5;
const dpidOf = (s: number): bigint => 0x5c7b00000000n + BigInt(s);

interface Round { detectMs: number; controllerMs: number; outageMs: number; lost: number }

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function run(): Promise<BenchResult[]> {
  if (!canUseNetns() || trySh('ovs-vswitchd', ['--version']).status !== 0) {
    return [{ name: 'reroute outage', unit: 'ms', value: Number.NaN, extra: { skipped: 'needs root, network namespaces and Open vSwitch' } }];
  }
  const lab = new NetLab();
  let ovs: OvsInstance | undefined;
  let ctl: ControllerHandle | undefined;
  const stops: Array<() => void> = [];
  try {
    ovs = await OvsInstance.start();
    const port = await freeTcpPort();
    const bridges = [1, 2, 3].map((s) => lab.ifname(`rb${s}`));
    for (const [i, b] of bridges.entries()) await ovs.addBridge(b, { dpid: dpidOf(i + 1) });
    const hostNs: string[] = [];
    for (const s of [1, 2]) {
      const n = lab.addNamespace(`rh${s}`);
      const inside = lab.ifname(`rh${s}i`);
      const outside = lab.ifname(`rh${s}o`);
      lab.addVeth(inside, outside, n);
      lab.exec(n, 'ip', ['addr', 'add', `10.9.0.${s}/24`, 'dev', inside]);
      await ovs.addPort(bridges[s - 1]!, outside, 1);
      hostNs.push(n);
    }
    // cables[k] joins s(k+1) port 3 to s(k+2 mod 3) port 4.
    const cables: string[] = [];
    for (const s of [1, 2, 3]) {
      const next = (s % 3) + 1;
      const [a, b] = lab.addVeth(lab.ifname(`r${s}${next}a`), lab.ifname(`r${s}${next}b`));
      await ovs.addPort(bridges[s - 1]!, a, 3);
      await ovs.addPort(bridges[next - 1]!, b, 4);
      cables.push(a);
    }
    const c = await startController({ listen: { host: '127.0.0.1', port }, metrics: false, registry: [], logSink: () => {} });
    ctl = c;
    const { events, clock, logger } = c.kernel;
    // The composition binds the Hosts service; until it does, start the tracker the same way.
    let hosts: Hosts;
    if (c.kernel.root.isBound(tokens.Hosts)) hosts = c.kernel.root.get<Hosts>(tokens.Hosts);
    else {
      const tracker = new HostTracker({ topology: c.topology, events, packetIns: c.packetIns, clock, logger });
      tracker.start();
      stops.push(() => tracker.stop());
      hosts = tracker;
    }
    const l2 = new L2Forwarder({ flows: c.flows, datapaths: c.datapaths, hosts, topology: c.topology, events, packetIns: c.packetIns, clock, logger }, { floodDedupMs: 200 });
    l2.start();
    for (const b of bridges) await ovs.vsctl('set-controller', b, `tcp:127.0.0.1:${port}`);
    await until(() => c.topology.snapshot().links.length === 6, 10_000, 'six links');
    await until(() => c.topology.edgePorts(dpidOf(1)).includes(1) && c.topology.edgePorts(dpidOf(2)).includes(1), 3000, 'edge ports');
    await execFile('ip', ['netns', 'exec', hostNs[0]!, 'ping', '-c', '3', '-i', '0.2', '-W', '2', '10.9.0.2']);

    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // The h1 → h2 pair leaves s1 by a cable port (3 or 4); the reverse pair leaves by port 1.
      const outPort = l2.installedPairs().flatMap((p) => p.hops).find(([d, o]) => d === dpidOf(1) && o !== 1)?.[1];
      // Port 3 of s1 is cable 0 (to s2), port 4 is cable 2 (from s3).
      const cable = outPort === 4 ? cables[2]! : cables[0]!;
      const pinger = spawn('ip', ['netns', 'exec', hostNs[0]!, 'ping', '-n', '-D', '-i', '0.002', '-W', '1', '-c', '1500', '10.9.0.2'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      pinger.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const closed = new Promise<void>((res) => pinger.on('close', () => res()));
      await new Promise((res) => setTimeout(res, 300));
      const removed = events.waitFor('topology.link-removed', { timeoutMs: 5000 });
      const before = l2.counters.reroutes;
      const t0 = Date.now();
      await execFile('ip', ['link', 'set', cable, 'down']);
      await removed;
      const detectMs = Date.now() - t0;
      await until(() => l2.counters.reroutes > before, 3000, `round ${r} reroute (pairs ${JSON.stringify(l2.installedPairs(), (_k, v: unknown) => (typeof v === 'bigint' ? Number(v & 0xffn) : v))}, failed ${cable})`);
      await new Promise((res) => setTimeout(res, 600));
      pinger.kill('SIGINT');
      await closed;
      const replies = [...out.matchAll(/^\[(\d+\.\d+)\].*icmp_seq=(\d+)/gm)].map((m) => ({ t: Number(m[1]) * 1000, seq: Number(m[2]) }));
      const last = replies.filter((x) => x.t < t0).at(-1);
      const after = replies.filter((x) => x.t >= t0);
      const gapEnd = after.find((x, i) => x.seq !== (i === 0 ? (last?.seq ?? 0) : after[i - 1]!.seq) + 1) ?? after[0];
      if (last === undefined || gapEnd === undefined) throw new Error(`round ${r}: no replies around the failure`);
      rounds.push({ detectMs, controllerMs: l2.counters.lastRerouteMs ?? Number.NaN, outageMs: gapEnd.t - t0, lost: gapEnd.seq - last.seq - 1 });
      await execFile('ip', ['link', 'set', cable, 'up']);
      await until(() => c.topology.snapshot().links.length === 6, 5000, 'the cable to come back');
    }
    const perRound = rounds.map((x) => `${x.detectMs}/${x.controllerMs.toFixed(1)}/${x.outageMs.toFixed(1)}`).join(' ');
    const extra = { rounds: ROUNDS, pingIntervalMs: 2, topology: 'OVS netdev triangle, veth cables', 'detect/controller/outage ms': perRound };
    return [
      { name: 'reroute outage (link down → first reply, median)', unit: 'ms', value: median(rounds.map((x) => x.outageMs)), extra: { ...extra, max: Math.max(...rounds.map((x) => x.outageMs)) } },
      { name: 'reroute controller (link-removed → barriers, median)', unit: 'ms', value: median(rounds.map((x) => x.controllerMs)), extra: { max: Math.max(...rounds.map((x) => x.controllerMs)) } },
      { name: 'reroute detect (link down → PORT_STATUS event, median)', unit: 'ms', value: median(rounds.map((x) => x.detectMs)), extra: { max: Math.max(...rounds.map((x) => x.detectMs)) } },
    ];
  } finally {
    for (const stop of stops.reverse()) stop();
    if (ctl !== undefined) {
      ctl.datapaths.closeAll('bench done');
      await ctl.stop();
    }
    await ovs?.stop();
    lab.cleanup();
  }
}
