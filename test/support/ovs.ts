/**
 * A private Open vSwitch for system tests, and a helper for `ovs-testcontroller`.
 *
 * What: `OvsInstance.start()` creates a temp dir, an OVSDB there (`ovsdb-tool create`), an
 * `ovsdb-server` on `punix:DIR/db.sock` and an `ovs-vswitchd` against it, each with its own
 * pidfile, log file and `--unixctl` socket in DIR, and the OVS_*DIR variables pointing at DIR
 * for every command we run, so nothing reads or writes the system instance's files under
 * /var/run/openvswitch or /etc/openvswitch. Bridges use the userspace datapath; `stop()` ends
 * only the pids recorded in its own pidfiles and removes DIR.
 *
 * Findings about running without the kernel module (OVS 3.1, checked on this machine):
 * - `ovs-vswitchd` starts fine; it logs once that the `ovs_datapath` netlink family is missing.
 *   Bridges of datapath_type `system` would fail; `netdev` (dpif-netdev) bridges work, and
 *   veth ends added as ports are read and written through AF_PACKET sockets.
 * - dpif-netdev creates real tap devices in the network namespace of `ovs-vswitchd`: one named
 *   `ovs-netdev` for the datapath, plus one per bridge named like the bridge (its LOCAL port).
 *   So bridge names must be unique machine-wide and ≤ 15 chars (IFNAMSIZ), and TWO
 *   `ovs-vswitchd`s with netdev bridges cannot share a namespace: the second one's
 *   `ovs-netdev` tap fails with EBUSY and its bridges are not created. This harness therefore
 *   serializes `netdev` instances with a kernel `flock` that the daemon itself holds for its
 *   whole life (see `startVswitchd`): it is released exactly when that vswitchd exits or dies,
 *   so a crashed test never leaves a stale lock. A second netdev instance waits for it.
 * - For tests that need several switches at once, `datapathType: 'dummy'` (with
 *   `--enable-dummy`) runs the same dpif-netdev forwarding code under another class name whose
 *   internal ports are in-memory `dummy-internal` devices: no taps, so any number of instances
 *   run side by side, and real veth ports still work. Benchmarks against "OVS netdev" should
 *   use `netdev`.
 * - The taps are made persistent (TUNSETPERSIST): a SIGKILLed vswitchd leaves `ovs-netdev`
 *   and its bridge taps behind. `stop()` first asks the daemon to `exit --cleanup`, which
 *   deletes them; if it had to kill instead, it deletes its own bridges' taps. A leftover
 *   `ovs-netdev` is harmless: the next netdev vswitchd re-attaches to it.
 * - `fail-mode=secure` matters: in the default `standalone` mode a bridge that has no
 *   controller connection behaves as a learning switch, which would let a broken test pass.
 *   `other-config:disable-in-band=true` keeps OVS from adding hidden in-band flows.
 * - `ovs-ofctl` must be told `-O OpenFlow13` when the bridge only allows OpenFlow13, else
 *   version negotiation fails. `--no-names` keeps port numbers (not names) in its output.
 * - The daemons are detached (reparented to init). In containers where pid 1 does not reap,
 *   they linger as zombies after exiting; liveness checks here treat a zombie as gone.
 * - Ports are opened by name in vswitchd's network namespace (the root one here): add the
 *   root-side end of a veth pair, never an interface already moved into a test namespace.
 * - Unix socket paths are limited to 107 bytes, so DIR is a short `mkdtemp` under the tmpdir.
 * - If the test process dies without `stop()` (crash, timeout, vitest ending a worker with a
 *   signal), a detached watchdog per instance notices within a second and tears it down.
 */
import { execFile as execFileCb, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFile = promisify(execFileCb);

const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';
/** One lock per network namespace would be exact; the harness runs in the root namespace. */
const NETDEV_LOCK = join(tmpdir(), 'sluice-ovs-netdev.lock');
const OFP_DEFAULT_PRIORITY = 0x8000;

/**
 * A watchdog per instance: a tiny shell loop, detached from us, that waits for this Node
 * process to go away and then tears the instance down exactly as `stop()` would (asking the
 * daemons to exit, killing the given pids, removing DIR). It covers the cases an exit hook
 * cannot: vitest ending a worker with a signal, a crash, a timeout. `stop()` kills it first.
 */
const WATCHDOG = `parent=$1; dir=$2; shift 2
while kill -0 "$parent" 2>/dev/null; do sleep 1; done
[ -S "$dir/ovs-vswitchd.ctl" ] && timeout 5 ovs-appctl -t "$dir/ovs-vswitchd.ctl" exit --cleanup >/dev/null 2>&1
[ -S "$dir/ovsdb-server.ctl" ] && timeout 5 ovs-appctl -t "$dir/ovsdb-server.ctl" exit >/dev/null 2>&1
kill "$@" 2>/dev/null
rm -rf "$dir"`;

function startWatchdog(dir: string, pids: readonly number[]): number | undefined {
  const child = spawn('sh', ['-c', WATCHDOG, 'sluice-ovs-watchdog', String(process.pid), dir, ...pids.map(String)], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child.pid;
}

function stopWatchdog(pid: number | undefined): void {
  if (pid === undefined) return;
  // detached made it a process-group leader: the group is the shell and its `sleep`.
  try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
}

export type DatapathType = 'netdev' | 'dummy';

export interface OvsOptions {
  /** Default `netdev` (exclusive per namespace, see the file header); `dummy` runs concurrently. */
  readonly datapathType?: DatapathType;
  /** How long a `netdev` instance waits for another one to stop. Default 45 s, under vitest's 60 s hook timeout so the error names the lock. */
  readonly lockTimeoutMs?: number;
}

export interface BridgeOptions {
  /** Datapath id as a bigint or 16 hex digits. OVS picks one from the MAC when absent. */
  readonly dpid?: bigint | string;
  /** Default `OpenFlow13`. */
  readonly protocols?: string;
  /** Controller target(s), e.g. `tcp:127.0.0.1:6653`. */
  readonly controller?: string | readonly string[];
  /** Default `secure`: no flows means drop, never fallback learning. */
  readonly failMode?: 'secure' | 'standalone';
}

/** One line of `ovs-ofctl dump-flows`, parsed. */
export interface FlowEntry {
  readonly cookie: bigint;
  readonly table: number;
  readonly priority: number;
  /** The match fields as ovs-ofctl prints them, without `priority=`; empty for match-all. */
  readonly match: string;
  readonly actions: string;
  readonly nPackets: number;
  readonly nBytes: number;
  readonly raw: string;
}

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; rejects with its stderr in the message. */
export async function runCommand(cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await execFile(cmd, [...args], { env: env ?? process.env, timeout: timeoutMs, encoding: 'utf8' });
    return { stdout, stderr };
  } catch (e) {
    const err = e as { stderr?: string; code?: number | string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed (${err.code ?? 'error'}): ${(err.stderr ?? '').trim() || err.message}`);
  }
}

/** Alive and not a zombie. `comm` guards against a recycled pid. */
export function processAlive(pid: number, comm?: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    if (comm !== undefined) return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm.slice(0, 15);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Ends a daemon we started: SIGTERM, then SIGKILL if it lingers. Only if `comm` still matches. */
async function terminate(pid: number, comm: string): Promise<void> {
  if (!processAlive(pid, comm)) return;
  try { process.kill(pid, 'SIGTERM'); } catch { return; }
  if (await waitUntil(() => !processAlive(pid, comm), 3000)) return;
  try { process.kill(pid, 'SIGKILL'); } catch { return; }
  await waitUntil(() => !processAlive(pid, comm), 2000);
}

function readPid(file: string): number {
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`bad pidfile ${file}`);
  return pid;
}

const BRIDGE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

function dpidHex(dpid: bigint | string): string {
  const n = typeof dpid === 'bigint' ? dpid : BigInt(`0x${dpid.replace(/^0x/i, '').replaceAll(':', '')}`);
  if (n < 0n || n >= 1n << 64n) throw new RangeError(`dpid out of range: ${dpid}`);
  return n.toString(16).padStart(16, '0');
}

/** Parses `ovs-ofctl dump-flows` output (any OpenFlow version's text form). */
export function parseDumpFlows(text: string): FlowEntry[] {
  const flows: FlowEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const at = line.indexOf(' actions=');
    if (!line.startsWith('cookie=') || at < 0) continue;
    const actions = line.slice(at + ' actions='.length);
    // Stats are ", "-separated; then come flow-mod flags and the match, separated by single
    // spaces ("send_flow_rem priority=0,ip"); the match itself is ","-separated without spaces.
    let head = line.slice(0, at);
    let match = '';
    if (head.endsWith(',')) {
      head = head.slice(0, -1);
    } else {
      const cut = head.lastIndexOf(', ');
      const words = head.slice(cut + 2).split(' ');
      if (!STAT_KEY.test(words[0]!)) {
        head = head.slice(0, cut);
        match = words.filter((w) => !FLOW_FLAG.test(w)).join('');
      }
    }
    const stats = new Map(head.split(', ').map((kv) => {
      const eq = kv.indexOf('=');
      return eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
    }));
    let priority = OFP_DEFAULT_PRIORITY;
    const fields = match === '' ? [] : match.split(',');
    const pIdx = fields.findIndex((f) => f.startsWith('priority='));
    if (pIdx >= 0) {
      priority = Number(fields[pIdx]!.slice('priority='.length));
      fields.splice(pIdx, 1);
    }
    flows.push({
      cookie: BigInt(stats.get('cookie') ?? '0'),
      table: Number(stats.get('table') ?? 0),
      priority,
      match: fields.join(','),
      actions,
      nPackets: Number(stats.get('n_packets') ?? 0),
      nBytes: Number(stats.get('n_bytes') ?? 0),
      raw: line,
    });
  }
  return flows;
}

/** ", "-separated fields ovs-ofctl prints before the flags and the match. */
const STAT_KEY = /^(cookie|duration|table|n_packets|n_bytes|idle_timeout|hard_timeout|idle_age|hard_age|importance)=/;
/** OFPFF_* flags as ovs-ofctl prints them, space-separated before the match. */
const FLOW_FLAG = /^(send_flow_rem|check_overlap|reset_counts|no_packet_counts|no_byte_counts)$/;

export class OvsInstance {
  private readonly bridges = new Set<string>();
  private vswitchdPid: number | undefined;
  private ovsdbPid: number | undefined;
  private watchdogPid: number | undefined;
  private stopped = false;

  private constructor(
    readonly dir: string,
    readonly datapathType: DatapathType,
  ) {}

  /** The environment every OVS command of this instance runs with. */
  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      OVS_RUNDIR: this.dir,
      OVS_DBDIR: this.dir,
      OVS_LOGDIR: this.dir,
      OVS_SYSCONFDIR: this.dir,
      OVS_PKGDATADIR: '/usr/share/openvswitch',
    };
  }

  get dbSocket(): string {
    return `unix:${join(this.dir, 'db.sock')}`;
  }

  /** The pids this instance owns (from its pidfiles), for tests that check cleanup. */
  get pids(): number[] {
    return [this.ovsdbPid, this.vswitchdPid].filter((p): p is number => p !== undefined);
  }

  static async start(opts: OvsOptions = {}): Promise<OvsInstance> {
    const ovs = new OvsInstance(mkdtempSync(join(tmpdir(), 'sluice-ovs-')), opts.datapathType ?? 'netdev');
    try {
      await ovs.startOvsdb();
      ovs.watchdogPid = startWatchdog(ovs.dir, ovs.pids);
      await ovs.startVswitchd(opts.lockTimeoutMs ?? 45_000);
      // Restart the watchdog so it knows vswitchd's pid too.
      stopWatchdog(ovs.watchdogPid);
      ovs.watchdogPid = startWatchdog(ovs.dir, ovs.pids);
    } catch (e) {
      await ovs.stop();
      throw e;
    }
    return ovs;
  }

  private async startOvsdb(): Promise<void> {
    const d = this.dir;
    await runCommand('ovsdb-tool', ['create', join(d, 'conf.db'), SCHEMA], this.env);
    await runCommand('ovsdb-server', [
      join(d, 'conf.db'),
      `--remote=punix:${join(d, 'db.sock')}`,
      `--pidfile=${join(d, 'ovsdb-server.pid')}`,
      `--unixctl=${join(d, 'ovsdb-server.ctl')}`,
      `--log-file=${join(d, 'ovsdb-server.log')}`,
      '--no-chdir',
      '--detach',
    ], this.env);
    this.ovsdbPid = readPid(join(d, 'ovsdb-server.pid'));
    await this.vsctl('--no-wait', 'init');
  }

  /**
   * For `netdev`, vswitchd is started under `flock LOCK`: flock(1) opens the lock file, waits
   * for the exclusive lock, and execs vswitchd with that descriptor open; `--detach` forks
   * the daemon, which inherits it. The lock thus lives exactly as long as the daemon.
   */
  private async startVswitchd(lockTimeoutMs: number): Promise<void> {
    const d = this.dir;
    const args = [
      this.dbSocket,
      `--pidfile=${join(d, 'ovs-vswitchd.pid')}`,
      `--unixctl=${join(d, 'ovs-vswitchd.ctl')}`,
      `--log-file=${join(d, 'ovs-vswitchd.log')}`,
      '--no-chdir',
      '--detach',
    ];
    if (this.datapathType === 'dummy') {
      await runCommand('ovs-vswitchd', ['--enable-dummy', ...args], this.env);
    } else {
      const waitS = Math.max(1, Math.ceil(lockTimeoutMs / 1000));
      try {
        await runCommand('flock', ['-w', String(waitS), NETDEV_LOCK, 'ovs-vswitchd', ...args], this.env, lockTimeoutMs + 10_000);
      } catch (e) {
        throw new Error(`could not start a netdev ovs-vswitchd (another instance may hold ${NETDEV_LOCK}): ${(e as Error).message}`);
      }
    }
    this.vswitchdPid = readPid(join(d, 'ovs-vswitchd.pid'));
  }

  async vsctl(...args: string[]): Promise<string> {
    return (await runCommand('ovs-vsctl', [`--db=${this.dbSocket}`, '--timeout=20', ...args], this.env)).stdout;
  }

  async appctl(...args: string[]): Promise<string> {
    return (await runCommand('ovs-appctl', ['-t', join(this.dir, 'ovs-vswitchd.ctl'), ...args], this.env)).stdout;
  }

  /** `unix:DIR/<bridge>.mgmt`, the bridge's OpenFlow management socket. */
  mgmtSocket(bridge: string): string {
    return `unix:${join(this.dir, `${bridge}.mgmt`)}`;
  }

  async addBridge(name: string, opts: BridgeOptions = {}): Promise<void> {
    if (!BRIDGE_NAME.test(name)) throw new Error(`bridge name "${name}" must be 1-15 chars of [A-Za-z0-9_.-]`);
    if (this.datapathType === 'netdev' && existsSync(`/sys/class/net/${name}`)) {
      throw new Error(`an interface named "${name}" already exists; netdev bridges create a tap of their name`);
    }
    const set = [
      `datapath_type=${this.datapathType}`,
      `protocols=${opts.protocols ?? 'OpenFlow13'}`,
      `fail-mode=${opts.failMode ?? 'secure'}`,
      'other-config:disable-in-band=true',
    ];
    if (opts.dpid !== undefined) set.push(`other-config:datapath-id=${dpidHex(opts.dpid)}`);
    const cmd = ['add-br', name, '--', 'set', 'bridge', name, ...set];
    const targets = opts.controller === undefined ? [] : typeof opts.controller === 'string' ? [opts.controller] : [...opts.controller];
    if (targets.length > 0) cmd.push('--', 'set-controller', name, ...targets);
    this.bridges.add(name);
    await this.vsctl(...cmd);
  }

  /** Adds an existing interface as a port; returns the OpenFlow port number OVS assigned. */
  async addPort(bridge: string, ifname: string, ofport?: number): Promise<number> {
    const cmd = ['add-port', bridge, ifname];
    if (ofport !== undefined) cmd.push('--', 'set', 'interface', ifname, `ofport_request=${ofport}`);
    await this.vsctl(...cmd);
    const assigned = Number((await this.vsctl('get', 'interface', ifname, 'ofport')).trim());
    if (!(assigned > 0)) {
      const error = (await this.vsctl('get', 'interface', ifname, 'error')).trim();
      throw new Error(`port ${ifname} on ${bridge} has no ofport (${error})`);
    }
    return assigned;
  }

  /** `ovs-ofctl -O OpenFlow13 --no-names COMMAND unix:DIR/BRIDGE.mgmt ARGS…` */
  async ofctl(command: string, bridge: string, ...args: string[]): Promise<string> {
    return (await runCommand('ovs-ofctl', ['-O', 'OpenFlow13', '--no-names', command, this.mgmtSocket(bridge), ...args], this.env)).stdout;
  }

  /**
   * Parsed `dump-flows`. OpenFlow counters lag the datapath: packets handled by cached
   * datapath flows are credited to OpenFlow rules only when a revalidator pass runs (every
   * ~500 ms). With `fresh` (the default) this first waits for one pass (`revalidator/wait`),
   * so counts include every packet sent before the call.
   */
  async dumpFlows(bridge: string, opts: { filter?: string; fresh?: boolean } = {}): Promise<FlowEntry[]> {
    if (opts.fresh ?? true) await this.appctl('revalidator/wait');
    return parseDumpFlows(await this.ofctl('dump-flows', bridge, ...(opts.filter ? [opts.filter] : [])));
  }

  /**
   * Resolves when vswitchd is connected to every controller of the bridge. OVSDB's
   * `Controller.is_connected` is only refreshed every ~5 s, so for `tcp:` targets this looks at
   * the socket table instead (`ss`: an established connection owned by our vswitchd pid), which
   * sees the connection within milliseconds; other targets fall back to OVSDB.
   */
  async waitForController(bridge: string, timeoutMs = 10_000): Promise<void> {
    const targets = (await this.vsctl('get-controller', bridge)).split('\n').map((t) => t.trim()).filter(Boolean);
    if (targets.length === 0) throw new Error(`bridge ${bridge} has no controller`);
    const pid = this.vswitchdPid;
    const connected = async (): Promise<boolean> => {
      for (const target of targets) {
        const tcp = /^tcp:([0-9.]+):(\d+)$/.exec(target);
        if (tcp && pid !== undefined) {
          const ss = await runCommand('ss', ['-tnpH', 'state', 'established', 'dst', `${tcp[1]}:${tcp[2]}`]);
          if (!ss.stdout.includes(`pid=${pid},`)) return false;
        } else {
          const ok = (await this.vsctl('--bare', '--columns=is_connected', 'find', 'controller', `target="${target}"`)).includes('true');
          if (!ok) return false;
        }
      }
      return true;
    };
    if (!(await waitUntil(connected, timeoutMs, 50))) throw new Error(`bridge ${bridge}: controller not connected after ${timeoutMs} ms`);
  }

  /** The last lines of a daemon's log, for failure messages. */
  logTail(daemon: 'ovs-vswitchd' | 'ovsdb-server', lines = 30): string {
    try {
      return readFileSync(join(this.dir, `${daemon}.log`), 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** Stops both daemons (only our pids), removes leftover taps of our bridges and DIR. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    stopWatchdog(this.watchdogPid);
    const vs = this.vswitchdPid;
    if (vs !== undefined && processAlive(vs, 'ovs-vswitchd')) {
      // A clean exit deletes the datapath and with it the persistent taps.
      await this.appctl('exit', '--cleanup').catch(() => undefined);
      if (!(await waitUntil(() => !processAlive(vs, 'ovs-vswitchd'), 5000))) await terminate(vs, 'ovs-vswitchd');
    }
    const db = this.ovsdbPid;
    if (db !== undefined && processAlive(db, 'ovsdb-server')) {
      await runCommand('ovs-appctl', ['-t', join(this.dir, 'ovsdb-server.ctl'), 'exit'], this.env).catch(() => undefined);
      if (!(await waitUntil(() => !processAlive(db, 'ovsdb-server'), 3000))) await terminate(db, 'ovsdb-server');
    }
    if (this.datapathType === 'netdev') {
      for (const b of this.bridges) {
        if (existsSync(`/sys/class/net/${b}`)) await runCommand('ip', ['link', 'del', b]).catch(() => undefined);
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the usual bind-to-0 probe). */
export async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestControllerOptions {
  /** Default: a free port. */
  readonly port?: number;
  /** Default `OpenFlow13`. */
  readonly protocols?: string;
  /** Extra flags, e.g. `['--normal']` or `['--hub']`. */
  readonly args?: readonly string[];
}

/**
 * `ovs-testcontroller` (a learning-switch controller in C, Debian `openvswitch-testcontroller`)
 * listening on 127.0.0.1, with its pidfile, log and control socket in its own temp dir.
 */
export class OvsTestController {
  private stopped = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly pid: number,
    private readonly watchdogPid: number | undefined,
  ) {}

  /** The target to give a switch: `tcp:127.0.0.1:PORT`. */
  get target(): string {
    return `tcp:127.0.0.1:${this.port}`;
  }

  static async start(opts: TestControllerOptions = {}): Promise<OvsTestController> {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-ovstc-'));
    const env = { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir };
    const port = opts.port ?? (await freeTcpPort());
    try {
      await runCommand('ovs-testcontroller', [
        `ptcp:${port}:127.0.0.1`,
        '-O', opts.protocols ?? 'OpenFlow13',
        `--pidfile=${join(dir, 'ovs-testcontroller.pid')}`,
        `--unixctl=${join(dir, 'ovs-testcontroller.ctl')}`,
        `--log-file=${join(dir, 'ovs-testcontroller.log')}`,
        '--no-chdir',
        '--detach',
        ...(opts.args ?? []),
      ], env);
      const pid = readPid(join(dir, 'ovs-testcontroller.pid'));
      return new OvsTestController(dir, port, pid, startWatchdog(dir, [pid]));
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    stopWatchdog(this.watchdogPid);
    await terminate(this.pid, 'ovs-testcontroller');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
