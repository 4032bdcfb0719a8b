/**
 * The controller on a triangle of real Open vSwitch bridges (userspace datapath, private
 * instance), joined by veth pairs, two host namespaces per bridge:
 *
 *        h11 h12                 s1 port 3 ─ s2 port 4
 *          s1                    s2 port 3 ─ s3 port 4
 *         /  \                   s3 port 3 ─ s1 port 4
 *   h21 s2 ── s3 h31             hosts on ports 1 and 2
 *   h22          h32
 *
 * It proves: LLDP finds exactly the wiring; every host pings every other with a bounded
 * number of packet-ins (no broadcast storm on the loop); a failed link is routed around and
 * the outage is measured; a restarted controller re-syncs without stale or duplicate flows;
 * forged and replayed LLDP from a host creates no link. Every flow carries our cookie.
 */
import { execFile as execFileCb, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController, type ControllerHandle } from '../../controller/controller-main.js';
import { HostTracker } from '../../controller/hosts/host-tracker.js';
import type { Hosts } from '../../controller/hosts/hosts.js';
import * as tokens from '../../core/kernel/tokens.js';
import { isOurCookie } from '../../controller/pipeline/cookie-owners.js';
import { COOKIE_OWNERS } from '../../controller/pipeline/cookie-owners.js';
import { buildProbe } from '../../controller/topology/lldp-probe.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { L2Forwarder } from '../../plugins/l2/l2-forwarder.js';
import { NetLab } from '../support/netns.js';
import { type FlowEntry, freeTcpPort, OvsInstance } from '../support/ovs.js';

const execFile = promisify(execFileCb);
const SWITCHES = [1, 2, 3] as const;
const HOSTS = SWITCHES.flatMap((s) => [1, 2].map((h) => ({ s, h, name: `h${s}${h}`, ip: `10.0.0.${s * 10 + h}`, mac: `02:00:00:00:0${s}:0${h}` })));
const dpidOf = (s: number): bigint => 0x5c7200000000n + BigInt(s);
const L2_PREFIX = BigInt(COOKIE_OWNERS.l2);

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

/** The controller as `sluice controller` composes it, plus the host tracker and L2. */
interface Sluice {
  ctl: ControllerHandle;
  hosts: Hosts;
  /** Set when the composition had no Hosts service and the test started one. */
  ownTracker: HostTracker | undefined;
  l2: L2Forwarder;
  packetIns: { total: number; lldp: number };
}

describe('controller on an OVS triangle', () => {
  const lab = new NetLab();
  const bridges = SWITCHES.map((s) => lab.ifname(`tri${s}`));
  const ns = new Map<string, string>();
  const hostIf = new Map<string, string>();
  const cables: Array<{ a: string; b: string }> = [];
  const logs: string[] = [];
  let ovs: OvsInstance | undefined;
  let port = 0;
  let sluice: Sluice | undefined;

  async function startSluice(): Promise<Sluice> {
    const ctl = await startController({
      listen: { host: '127.0.0.1', port },
      metrics: false,
      registry: [],
      logSink: (line) => {
        logs.push(line);
        if (logs.length > 2000) logs.shift();
      },
      topology: { probeIntervalMs: 1000 },
    });
    const { events, clock, logger } = ctl.kernel;
    const counts = { total: 0, lldp: 0 };
    ctl.packetIns.register('test.count', 0, (c) => {
      counts.total++;
      if (c.packet.eth.etherType === 0x88cc) counts.lldp++;
      return 'continue';
    });
    // The composition binds the Hosts service; until it does, start the tracker the same way.
    let hosts: Hosts;
    let ownTracker: HostTracker | undefined;
    if (ctl.kernel.root.isBound(tokens.Hosts)) hosts = ctl.kernel.root.get<Hosts>(tokens.Hosts);
    else {
      ownTracker = new HostTracker({ topology: ctl.topology, events, packetIns: ctl.packetIns, clock, logger });
      ownTracker.start();
      hosts = ownTracker;
    }
    const l2 = new L2Forwarder({ flows: ctl.flows, datapaths: ctl.datapaths, hosts, topology: ctl.topology, events, packetIns: ctl.packetIns, clock, logger }, { floodDedupMs: 200 });
    l2.start();
    return { ctl, hosts, ownTracker, l2, packetIns: counts };
  }

  /** Like a crash: connections drop first, so nothing is cleaned up on the switches. */
  async function killSluice(s: Sluice): Promise<void> {
    s.ctl.datapaths.closeAll('killed by test');
    s.ownTracker?.stop();
    await s.ctl.stop();
  }

  function ping(from: string, to: string, opts: { count?: number; wait?: number } = {}): Promise<boolean> {
    return execFile('ip', ['netns', 'exec', ns.get(from)!, 'ping', '-n', '-q', '-c', String(opts.count ?? 1), '-W', String(opts.wait ?? 2), to]).then(
      () => true,
      () => false,
    );
  }

  async function pingAllPairs(): Promise<string[]> {
    const failed: string[] = [];
    await Promise.all(
      HOSTS.map(async (src) => {
        for (const dst of HOSTS) {
          if (dst === src) continue;
          // One retry: the very first packet of a pair may race the learning of its sender.
          if (!(await ping(src.name, dst.ip)) && !(await ping(src.name, dst.ip))) failed.push(`${src.name}->${dst.name}`);
        }
      }),
    );
    return failed.sort();
  }

  async function allFlows(): Promise<Map<number, FlowEntry[]>> {
    const out = new Map<number, FlowEntry[]>();
    for (const s of SWITCHES) out.set(s, await ovs!.dumpFlows(bridges[s - 1]!));
    return out;
  }

  async function connectedAndLinked(s: Sluice, timeoutMs: number): Promise<number> {
    return waitUntil(() => s.ctl.topology.snapshot().links.length === 6 && SWITCHES.every((x) => s.ctl.datapaths.get(dpidOf(x)) !== undefined), timeoutMs, 'three switches and six links');
  }

  beforeAll(async () => {
    port = await freeTcpPort();
    ovs = await OvsInstance.start();
    for (const s of SWITCHES) {
      await ovs.addBridge(bridges[s - 1]!, { dpid: dpidOf(s) });
      await ovs.vsctl('set', 'bridge', bridges[s - 1]!, 'other-config:hwaddr=02:5c:00:00:00:0' + s);
    }
    for (const h of HOSTS) {
      const n = lab.addNamespace(h.name);
      ns.set(h.name, n);
      const inside = lab.ifname(`${h.name}i`);
      const outside = lab.ifname(`${h.name}o`);
      lab.addVeth(inside, outside, n);
      hostIf.set(h.name, inside);
      lab.exec(n, 'ip', ['link', 'set', inside, 'address', h.mac]);
      lab.exec(n, 'ip', ['addr', 'add', `${h.ip}/24`, 'dev', inside]);
      await ovs.addPort(bridges[h.s - 1]!, outside, h.h);
    }
    for (const s of SWITCHES) {
      const next = (s % 3) + 1;
      const a = lab.ifname(`c${s}${next}a`);
      const b = lab.ifname(`c${s}${next}b`);
      lab.addVeth(a, b);
      await ovs.addPort(bridges[s - 1]!, a, 3);
      await ovs.addPort(bridges[next - 1]!, b, 4);
      cables.push({ a, b });
    }
    sluice = await startSluice();
    for (const b of bridges) {
      // max_backoff: reconnect within a second after the restart test's kill, not OVS's default 8 s.
      await ovs.vsctl('--', '--id=@c', 'create', 'controller', `target="tcp:127.0.0.1:${port}"`, 'max_backoff=1000', '--', 'set', 'bridge', b, 'controller=@c');
    }
  }, 120_000);

  afterAll(async () => {
    if (sluice) await killSluice(sluice).catch(() => undefined);
    await ovs?.stop();
    lab.cleanup();
  });

  it('learns the wiring within 5 s of start: 3 switches, 6 directed links, host ports are edge ports', async () => {
    const s = sluice!;
    const ms = await connectedAndLinked(s, 5000);
    console.log(`topology: 3 switches and 6 links learned ${ms} ms after the bridges were pointed at the controller`);
    const links = s.ctl.topology.snapshot().links.map((l) => `${l.src.dpid & 0xfn}:${l.src.port}>${l.dst.dpid & 0xfn}:${l.dst.port}`).sort();
    expect(links).toEqual(['1:3>2:4', '2:4>1:3', '2:3>3:4', '3:4>2:3', '3:3>1:4', '1:4>3:3'].sort());
    await waitUntil(() => SWITCHES.every((x) => s.ctl.topology.edgePorts(dpidOf(x)).join() === '1,2'), 2000, 'edge ports');
  });

  it('pings every host pair with a bounded number of packet-ins (no storm on the loop)', async () => {
    const s = sluice!;
    const before = s.packetIns.total - s.packetIns.lldp;
    expect(await pingAllPairs()).toEqual([]);
    const used = s.packetIns.total - s.packetIns.lldp - before;
    console.log(`all 30 host pairs pinged; non-LLDP packet-ins: ${used}; floods ${s.l2.counters.floods}, suppressed ${s.l2.counters.floodsSuppressed}`);
    expect(used).toBeLessThan(600);
  });

  it('knows the 6 hosts where they are attached, with their addresses', () => {
    const hosts = sluice!.hosts.list();
    const seen = hosts.map((h) => `${h.mac}@${h.location.dpid & 0xfn}:${h.location.port}`).sort();
    expect(seen).toEqual(HOSTS.map((h) => `${h.mac}@${h.s}:${h.h}`).sort());
    for (const h of HOSTS) expect(sluice!.hosts.byIp(h.ip)?.mac.toString()).toBe(h.mac);
  });

  it('puts only flows with our cookies on the switches', async () => {
    const flows = await allFlows();
    for (const [, list] of flows) {
      expect(list.length).toBeGreaterThan(0);
      for (const f of list) expect(isOurCookie(f.cookie), f.raw).toBe(true);
      expect(list.some((f) => f.cookie >> 48n === L2_PREFIX)).toBe(true);
      const lldp = list.filter((f) => f.match.includes('dl_type=0x88cc'));
      expect(lldp).toHaveLength(1);
    }
  });

  it('reroutes around a failed link and measures the outage', async () => {
    const s = sluice!;
    const src = HOSTS.find((h) => h.name === 'h11')!;
    const dst = HOSTS.find((h) => h.name === 'h21')!;
    expect(await ping(src.name, dst.ip)).toBe(true);
    // Pings every 5 ms with reply timestamps; the gap after the link goes down is the outage.
    const pinger = spawn('ip', ['netns', 'exec', ns.get(src.name)!, 'ping', '-n', '-D', '-i', '0.005', '-W', '1', '-c', '1200', dst.ip], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    pinger.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const done = new Promise<void>((r) => pinger.on('close', () => r()));
    try {
      await new Promise((r) => setTimeout(r, 500));
      const removed = s.ctl.kernel.events.waitFor('topology.link-removed', { timeoutMs: 5000 });
      const t0 = Date.now();
      await execFile('ip', ['link', 'set', cables[0]!.a, 'down']);
      const ev = await removed;
      const detectMs = Date.now() - t0;
      expect(ev.reason).toBe('port-down');
      await new Promise((r) => setTimeout(r, 1500));
      pinger.kill('SIGINT');
      await done;
      const replies = [...out.matchAll(/^\[(\d+\.\d+)\].*icmp_seq=(\d+)/gm)].map((m) => ({ t: Number(m[1]) * 1000, seq: Number(m[2]) }));
      const lastBefore = replies.filter((r) => r.t < t0).at(-1)!;
      const after = replies.filter((r) => r.t >= t0);
      let restored = after.find((r, i) => r.seq !== (i === 0 ? lastBefore.seq : after[i - 1]!.seq) + 1);
      if (restored === undefined) restored = after[0];
      expect(restored, out.slice(-500)).toBeDefined();
      const lost = restored!.seq - lastBefore.seq - 1;
      const outage = restored!.t - t0;
      console.log(`reroute: link down → PORT_STATUS link-removed event ${detectMs} ms; controller reroute (event → barriers) ${s.l2.counters.lastRerouteMs?.toFixed(1)} ms; ` +
        `first ping reply over the new path ${outage.toFixed(1)} ms after 'ip link set down' (${lost} pings lost at 5 ms spacing)`);
      expect(after.length).toBeGreaterThan(100);
      expect(await ping(src.name, dst.ip)).toBe(true);
      expect(s.ctl.topology.snapshot().links).toHaveLength(4);
      expect(await pingAllPairs()).toEqual([]);
    } finally {
      if (pinger.exitCode === null) pinger.kill('SIGKILL');
      await execFile('ip', ['link', 'set', cables[0]!.a, 'up']);
      await execFile('ip', ['link', 'set', cables[0]!.b, 'up']);
    }
    await waitUntil(() => s.ctl.topology.snapshot().links.length === 6, 5000, 'the link to come back');
  });

  it('refuses forged and replayed LLDP sent from a host namespace', async () => {
    const s = sluice!;
    const h = HOSTS.find((x) => x.name === 'h11')!;
    const other = HOSTS.find((x) => x.name === 'h31')!;
    const forgedBefore = s.ctl.topology.counters.forged;
    const replayedBefore = s.ctl.topology.counters.replayed;
    // A probe claiming to come from s2 port 3, signed with a key the host made up.
    const forged = buildProbe(Buffer.alloc(32, 0x41), { dpid: dpidOf(2), port: 3, seq: 1n << 62n, time: Date.now(), srcMac: MacAddress.parse(h.mac), ttlSeconds: 4 });
    // A genuine probe the controller sent out of h11's port, captured there, replayed later at h31's.
    const captured = await captureLldp(ns.get(h.name)!, hostIf.get(h.name)!);
    await new Promise((r) => setTimeout(r, 3200));
    for (let i = 0; i < 3; i++) {
      await sendFrame(ns.get(h.name)!, hostIf.get(h.name)!, forged);
      await sendFrame(ns.get(other.name)!, hostIf.get(other.name)!, captured);
    }
    await waitUntil(() => s.ctl.topology.counters.forged >= forgedBefore + 3 && s.ctl.topology.counters.replayed >= replayedBefore + 3, 3000, 'the controller to see the frames');
    const links = s.ctl.topology.snapshot().links;
    expect(links).toHaveLength(6);
    for (const l of links) expect([1, 2]).not.toContain(l.dst.port);
    expect(SWITCHES.every((x) => s.ctl.topology.edgePorts(dpidOf(x)).join() === '1,2')).toBe(true);
  });

  it('after a controller kill and restart: re-synced flows, none stale or duplicated, pings work', async () => {
    const old = sluice!;
    const pairsBefore = old.l2.installedPairs().length;
    expect(pairsBefore).toBeGreaterThan(0);
    await killSluice(old);
    sluice = undefined;
    const fresh = await startSluice();
    sluice = fresh;
    const ms = await connectedAndLinked(fresh, 15_000);
    for (const x of SWITCHES) await fresh.ctl.flows.lastResync.get(dpidOf(x));
    console.log(`restart: switches reconnected and 6 links relearned in ${ms} ms`);
    // The new controller intends no L2 flows yet, so the old run's pair flows must be gone.
    let flows = await allFlows();
    for (const [x, list] of flows) {
      expect(list.filter((f) => f.cookie >> 48n === L2_PREFIX), `s${x}`).toEqual([]);
      const keys = list.map((f) => `${f.table}/${f.priority}/${f.match}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(list.length).toBe(fresh.ctl.flows.list({ dpid: dpidOf(x) }).length);
    }
    expect(await pingAllPairs()).toEqual([]);
    flows = await allFlows();
    for (const [x, list] of flows) {
      for (const f of list) expect(isOurCookie(f.cookie), f.raw).toBe(true);
      const keys = list.map((f) => `${f.table}/${f.priority}/${f.match}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(list.length, `s${x}`).toBe(fresh.ctl.flows.list({ dpid: dpidOf(x) }).length);
    }
  });
});

/** Receives one LLDP frame on a host's interface (raw socket), as bytes. */
async function captureLldp(netns: string, ifname: string): Promise<Buffer> {
  const script = [
    'import socket, sys',
    's = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x88cc))',
    's.bind((sys.argv[1], 0))',
    's.settimeout(5)',
    'sys.stdout.write(s.recv(2048).hex())',
  ].join('\n');
  const { stdout } = await execFile('ip', ['netns', 'exec', netns, 'python3', '-c', script, ifname]);
  return Buffer.from(stdout.trim(), 'hex');
}

async function sendFrame(netns: string, ifname: string, frame: Buffer): Promise<void> {
  const script = ['import socket, sys', 's = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)', 's.bind((sys.argv[1], 0))', 's.send(bytes.fromhex(sys.argv[2]))'].join('\n');
  await execFile('ip', ['netns', 'exec', netns, 'python3', '-c', script, ifname, frame.toString('hex')]);
}
