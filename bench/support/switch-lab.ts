/**
 * Fixtures for the switch-vs-OVS benchmarks: a two-host veth topology, the sluice switch as a
 * child process (its own event loop, as in production), a private Open vSwitch bridge, and the
 * pktblast frame generator.
 *
 * Topology (fresh per measurement, unique names, removed on cleanup even after a failure):
 *
 *   [ns A] h1 ──veth── s1 (root ns) ─┐                ┌─ s2 (root ns) ──veth── h2 [ns B]
 *                                    └─ switch port 1, port 2 ┘
 *
 * Offloads: every veth end has tx/rx checksum offload, TSO, GSO and GRO off (NetLab does this).
 * OVS's userspace datapath reads and writes the root-side ends through AF_PACKET and, with
 * offloads on, would see partially-checksummed frames and 64 KB GSO super-frames that it
 * forwards unchanged or drops; the same settings apply to sluice so both move identical frames.
 *
 * Everything started here is stopped by pid; a process 'exit' hook kills the children and
 * removes namespaces if the benchmark dies half-way.
 */
import { execFile as execFileCb, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NetLab, trySh } from '../../test/support/netns.js';
import { freeTcpPort, OvsInstance, runCommand } from '../../test/support/ovs.js';
import type { OfEndpoint } from './of-pipeline.js';

const execFile = promisify(execFileCb);
const here = dirname(fileURLToPath(import.meta.url));
/** The source tree's root, whether we run from dist/bench/support or bench/support. */
export const SOURCE_ROOT = here.includes(join('dist', 'bench')) ? resolve(here, '..', '..', '..') : resolve(here, '..', '..');
const SLUICE_CLI = join(SOURCE_ROOT, 'dist', 'cli', 'sluice.js');

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Cleanups to run if the process exits before a benchmark's own `finally`. */
const pendingCleanups = new Set<() => void>();
let exitHookInstalled = false;
function onExit(fn: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => { for (const f of pendingCleanups) { try { f(); } catch { /* keep going */ } } });
  }
  pendingCleanups.add(fn);
  return () => pendingCleanups.delete(fn);
}

export function canRunSwitchBench(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces)';
  for (const tool of ['ip', 'ovs-vswitchd', 'ovs-ofctl', 'iperf3', 'cc']) {
    if (trySh('which', [tool]).status !== 0) return `needs ${tool}`;
  }
  if (!existsSync(SLUICE_CLI)) return `needs the built CLI at ${SLUICE_CLI} (npx tsc -p tsconfig.build.json)`;
  return undefined;
}

/** Two hosts (namespaces with one veth each) whose root-side ends are s1 and s2. */
export class TwoHostLab {
  readonly lab = new NetLab();
  readonly nsA: string;
  readonly nsB: string;
  readonly h1: string;
  readonly h2: string;
  readonly s1: string;
  readonly s2: string;
  readonly ip1 = '10.231.0.1';
  readonly ip2 = '10.231.0.2';
  readonly mac1 = '02:a1:00:00:00:01';
  readonly mac2 = '02:a1:00:00:00:02';
  private readonly unhook: () => void;

  constructor() {
    this.unhook = onExit(() => this.lab.cleanup());
    try {
      this.nsA = this.lab.addNamespace('fwa');
      this.nsB = this.lab.addNamespace('fwb');
      this.h1 = this.lab.ifname('fh1');
      this.h2 = this.lab.ifname('fh2');
      this.s1 = this.lab.ifname('fs1');
      this.s2 = this.lab.ifname('fs2');
      this.lab.addVeth(this.h1, this.s1, this.nsA);
      this.lab.addVeth(this.h2, this.s2, this.nsB);
      for (const [ns, dev, ip, mac, peerIp, peerMac] of [
        [this.nsA, this.h1, this.ip1, this.mac1, this.ip2, this.mac2],
        [this.nsB, this.h2, this.ip2, this.mac2, this.ip1, this.mac1],
      ] as const) {
        this.lab.exec(ns, 'sysctl', ['-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1']);
        this.lab.exec(ns, 'ip', ['link', 'set', dev, 'address', mac]);
        this.lab.exec(ns, 'ip', ['addr', 'add', `${ip}/24`, 'dev', dev]);
        // Static neighbours: no ARP in the measured traffic, identical for both switches.
        this.lab.exec(ns, 'ip', ['neigh', 'replace', peerIp, 'lladdr', peerMac, 'dev', dev, 'nud', 'permanent']);
      }
      for (const dev of [this.s1, this.s2]) trySh('sysctl', ['-q', '-w', `net.ipv6.conf.${dev}.disable_ipv6=1`]);
    } catch (e) {
      this.cleanup();
      throw e;
    }
  }

  rxPackets(): number {
    return Number(this.lab.exec(this.nsB, 'cat', [`/sys/class/net/${this.h2}/statistics/rx_packets`]).trim());
  }

  txPackets(): number {
    return Number(this.lab.exec(this.nsA, 'cat', [`/sys/class/net/${this.h1}/statistics/tx_packets`]).trim());
  }

  /** True once a ping from h1 reaches h2 and back (the switch forwards both ways). */
  async pingOk(tries = 10): Promise<boolean> {
    for (let i = 0; i < tries; i++) {
      if (this.lab.tryExec(this.nsA, 'ping', ['-n', '-c', '1', '-W', '1', this.ip2]).status === 0) return true;
      await sleep(200);
    }
    return false;
  }

  cleanup(): void {
    this.lab.cleanup();
    this.unhook();
  }
}

/** A switch under test, programmable with `ovs-ofctl -O OpenFlow13 CMD <target>`. */
export interface SwitchUnderTest {
  readonly name: 'sluice' | 'ovs';
  /** ovs-ofctl target: `tcp:127.0.0.1:P` for sluice, `unix:DIR/br.mgmt` for OVS. */
  readonly target: string;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Where an OpenFlow client of our own connects: sluice's passive listener; for OVS the bridge's
   * `ptcp:` controller listener when startOvs was asked for one (same transport as sluice), else
   * its management socket.
   */
  readonly openflow: OfEndpoint;
  /** Resident set of the switch process in bytes (sluice: the node child; OVS: ovs-vswitchd). */
  rssBytes(): number;
  stop(): Promise<void>;
}

export async function ofctl(sw: SwitchUnderTest, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return (await runCommand('ovs-ofctl', ['-O', 'OpenFlow13', '--no-names', args[0]!, sw.target, ...args.slice(1)], sw.env, timeoutMs)).stdout;
}

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** `node dist/cli/sluice.js switch --port S1=1 --port S2=2 --listen ptcp:P:127.0.0.1`, ready for ovs-ofctl. */
export async function startSluice(ports: readonly string[], nodeArgs: readonly string[] = []): Promise<SwitchUnderTest> {
  const listen = await freeTcpPort();
  // A controller target nobody listens on: the switch must not join a controller another test runs.
  const deadController = await freeTcpPort();
  const args = [
    ...nodeArgs, SLUICE_CLI, 'switch',
    ...ports.flatMap((p, i) => ['--port', `${p}=${i + 1}`]),
    '--dpid', '0x5eed', '--listen', `ptcp:${listen}:127.0.0.1`, '--controller', `tcp:127.0.0.1:${deadController}`,
    '--fail-mode', 'secure', '--log-level', 'error', '--metrics', 'off',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const kill = (): void => { if (alive(child)) child.kill('SIGKILL'); };
  const unhook = onExit(kill);
  const sw: SwitchUnderTest = {
    name: 'sluice',
    target: `tcp:127.0.0.1:${listen}`,
    env: process.env,
    openflow: { host: '127.0.0.1', port: listen },
    rssBytes: () => rssOf(child.pid),
    async stop() {
      unhook();
      if (!alive(child)) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      if (await Promise.race([exited.then(() => true), sleep(3000).then(() => false)])) return;
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(2000)]);
    },
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (!alive(child)) throw new Error(`sluice switch exited (${child.exitCode ?? child.signalCode}): ${stderr.trim()}`);
    try {
      await execFile('ovs-ofctl', ['-O', 'OpenFlow13', 'show', sw.target], { timeout: 3000 });
      return sw;
    } catch {
      if (Date.now() > deadline) { await sw.stop(); throw new Error(`sluice switch listener not up after 20 s: ${stderr.trim()}`); }
      await sleep(100);
    }
  }
}

/**
 * A private ovs-vswitchd with one bridge holding `ports` as OpenFlow ports 1, 2, … With
 * `openflowTcp`, the bridge also listens for a controller on `ptcp:PORT:127.0.0.1`
 * (`ovs-vsctl set-controller`), reported as `openflow`.
 */
export async function startOvs(
  tag: string, ports: readonly string[], datapathType: 'netdev' | 'dummy' = 'netdev', opts: { openflowTcp?: boolean } = {},
): Promise<SwitchUnderTest> {
  const ovs = await OvsInstance.start({ datapathType });
  const unhook = onExit(() => {
    // Synchronous best effort; OvsInstance also has a watchdog that notices our exit.
    for (const pid of ovs.pids) { try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ } }
  });
  const br = `bfw${tag}`.slice(0, 15);
  const vswitchdPid = ovs.pids[1];
  let openflow: OfEndpoint = { path: ovs.mgmtSocket(br).slice('unix:'.length) };
  try {
    await ovs.addBridge(br, { failMode: 'secure', dpid: 0x5eedn });
    for (let i = 0; i < ports.length; i++) await ovs.addPort(br, ports[i]!, i + 1);
    if (opts.openflowTcp) {
      const port = await freeTcpPort();
      await ovs.vsctl('set-controller', br, `ptcp:${port}:127.0.0.1`);
      openflow = { host: '127.0.0.1', port };
      await waitForTcpListener(port, 10_000);
    }
  } catch (e) {
    unhook();
    await ovs.stop();
    throw e;
  }
  return {
    name: 'ovs',
    target: ovs.mgmtSocket(br),
    env: ovs.env,
    openflow,
    rssBytes: () => rssOf(vswitchdPid),
    async stop() { unhook(); await ovs.stop(); },
  };
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port`. */
async function waitForTcpListener(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = createConnection(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); r(true); });
      s.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

let blaster: string | undefined;
/** Compiles bench/support/pktblast.c once per process into a temp dir; returns the binary. */
export function pktblastBinary(): string {
  if (blaster !== undefined && existsSync(blaster)) return blaster;
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pktblast-'));
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'pktblast');
  const r = spawnSync('cc', ['-O2', '-o', out, join(SOURCE_ROOT, 'bench', 'support', 'pktblast.c')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cc pktblast.c failed: ${r.stderr}`);
  blaster = out;
  return out;
}
