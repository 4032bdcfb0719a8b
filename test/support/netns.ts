/**
 * Network-namespace and veth fixtures for system tests.
 *
 * Every name is unique per test run (prefix + pid + counter) so parallel or leftover runs never
 * collide, and everything made is recorded so `cleanup()` removes it even when a test fails.
 * Interface names are kept within IFNAMSIZ (15 chars).
 */
import { execFileSync, spawnSync } from 'node:child_process';

let counter = 0;

/** A short unique token for names: pid in base36 plus a counter. */
export function uniqueTag(): string {
  return `${process.pid.toString(36)}${(counter++).toString(36)}`;
}

export function sh(cmd: string, args: string[], opts: { input?: string } = {}): string {
  return execFileSync(cmd, args, { encoding: 'utf8', input: opts.input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs and returns status + output instead of throwing (for probes and cleanup). */
export function trySh(cmd: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** True when this process may create namespaces (root with iproute2). */
export function canUseNetns(): boolean {
  return process.getuid?.() === 0 && trySh('ip', ['netns', 'list']).status === 0;
}

export class NetLab {
  readonly tag = uniqueTag();
  private namespaces: string[] = [];
  private links: string[] = [];
  private cleanups: Array<() => void> = [];

  /** Creates a namespace named `<prefix>-<tag>` with loopback up. */
  addNamespace(prefix: string): string {
    const name = `${prefix}-${this.tag}`;
    sh('ip', ['netns', 'add', name]);
    this.namespaces.push(name);
    sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  /**
   * Creates a veth pair; each end is moved into `nsA`/`nsB` when given (else stays in the root
   * namespace), brought up, with offloads off so checksums are complete on the wire.
   */
  addVeth(a: string, b: string, nsA?: string, nsB?: string): [string, string] {
    sh('ip', ['link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
    this.links.push(a);
    for (const [ifname, ns] of [[a, nsA], [b, nsB]] as const) {
      if (ns) sh('ip', ['link', 'set', ifname, 'netns', ns]);
      const pre = ns ? ['-n', ns] : [];
      sh('ip', [...pre, 'link', 'set', ifname, 'up']);
      const eth = ns ? ['ip', 'netns', 'exec', ns, 'ethtool'] : ['ethtool'];
      trySh(eth[0]!, [...eth.slice(1), '-K', ifname, 'tx', 'off', 'rx', 'off', 'tso', 'off', 'gso', 'off', 'gro', 'off']);
    }
    return [a, b];
  }

  /** A unique interface name (≤ 15 chars) from a short role like "h1". */
  ifname(role: string): string {
    return `${role}${this.tag}`.slice(0, 15);
  }

  exec(ns: string, cmd: string, args: string[]): string {
    return sh('ip', ['netns', 'exec', ns, cmd, ...args]);
  }

  tryExec(ns: string, cmd: string, args: string[]): { status: number; stdout: string; stderr: string } {
    return trySh('ip', ['netns', 'exec', ns, cmd, ...args]);
  }

  /** Registers extra teardown (processes, OVS) to run before namespaces go. */
  onCleanup(fn: () => void): void {
    this.cleanups.push(fn);
  }

  cleanup(): void {
    for (const fn of this.cleanups.reverse()) {
      try { fn(); } catch { /* keep tearing down */ }
    }
    this.cleanups = [];
    for (const l of this.links) trySh('ip', ['link', 'del', l]);
    for (const ns of this.namespaces) trySh('ip', ['netns', 'del', ns]);
    this.links = [];
    this.namespaces = [];
  }
}
