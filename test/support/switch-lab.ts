/**
 * Our switch between two hosts: each host is a network namespace holding one end of a veth whose
 * other end, left in the root namespace, becomes a port of an in-process switch (AF_PACKET).
 */
import { createLogger } from '../../core/telemetry/index.js';
import { startSwitch, type RunningSwitch } from '../../switch/switch-main.js';
import type { NetLab } from './netns.js';
import { runCommand } from './ovs.js';

export interface TwoHosts {
  /** Host namespaces. */
  h1: string;
  h2: string;
  /** The hosts' interfaces (in h1, h2). */
  p1: string;
  p2: string;
  /** The switch's ends, in port order. */
  ports: { name: string }[];
}

/**
 * Namespaces `sw<x>1`, `sw<x>2` with interfaces `h<x>1`, `h<x>2` addressed `<net>.1/24` and
 * `<net>.2/24`; the switch's ends are `s<x>1`, `s<x>2` (each name made unique by the lab).
 */
export function addTwoHosts(lab: NetLab, x: string, net: string): TwoHosts {
  const h1 = lab.addNamespace(`sw${x}1`);
  const h2 = lab.addNamespace(`sw${x}2`);
  const [s1, p1] = lab.addVeth(lab.ifname(`s${x}1`), lab.ifname(`h${x}1`), undefined, h1);
  const [s2, p2] = lab.addVeth(lab.ifname(`s${x}2`), lab.ifname(`h${x}2`), undefined, h2);
  lab.exec(h1, 'ip', ['addr', 'add', `${net}.1/24`, 'dev', p1]);
  lab.exec(h2, 'ip', ['addr', 'add', `${net}.2/24`, 'dev', p2]);
  return { h1, h2, p1, p2, ports: [{ name: s1 }, { name: s2 }] };
}

/** The switch with no controller, managed through its passive listener on loopback. */
export async function startManagedSwitch(ports: { name: string }[], dpid: bigint): Promise<{ sw: RunningSwitch; target: string }> {
  const sw = await startSwitch({
    ports,
    dpid,
    controllers: [],
    passive: { kind: 'ptcp', host: '127.0.0.1', port: 0 },
    logger: createLogger({ level: 'warn' }),
  });
  return { sw, target: `tcp:127.0.0.1:${sw.passivePort}` };
}

/** `ovs-ofctl -O OpenFlow13 --no-names <cmd> <target> ...args`, resolving with its stdout. */
export async function ofctl13(target: string, cmd: string, ...args: string[]): Promise<string> {
  return (await runCommand('ovs-ofctl', ['-O', 'OpenFlow13', '--no-names', cmd, target, ...args], undefined, 15_000)).stdout;
}
