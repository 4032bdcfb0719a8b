/**
 * The demo network as data: which switch port connects to what. Kept apart from building it so
 * the wiring can be printed, checked by tests against what the controller learned, and changed
 * in one place.
 *
 * The shape is a ring of N switches with one chord across it (s1 — s(N/2+1)): small enough to
 * read, but with loops (so flooding needs the spanning tree) and with two different path
 * lengths between opposite switches (so the chord is visibly the shortest path).
 * Hosts hang off every switch on ports 1..hostsPerSwitch; switch links use the ports after them.
 */
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { MacAddress } from '../../core/net/mac-address.js';

export interface PlannedSwitch {
  name: string;
  dpid: bigint;
  /** Port names by OpenFlow port number. */
  ports: Map<number, string>;
}

export interface PlannedLink {
  a: { switch: string; portNo: number };
  b: { switch: string; portNo: number };
}

export interface PlannedHost {
  name: string;
  mac: MacAddress;
  ip: Ipv4Address;
  switch: string;
  portNo: number;
}

export interface DemoPlan {
  switches: PlannedSwitch[];
  links: PlannedLink[];
  hosts: PlannedHost[];
}

export interface PlanOptions {
  /** Ring size; at least 4. Default 4. */
  switches?: number;
  /** Default 2. */
  hostsPerSwitch?: number;
}

export function ringWithChord(opts: PlanOptions = {}): DemoPlan {
  const n = opts.switches ?? 4;
  const perSwitch = opts.hostsPerSwitch ?? 2;
  if (!Number.isInteger(n) || n < 4 || n > 64) throw new RangeError(`switches must be 4..64, got ${n}`);
  if (!Number.isInteger(perSwitch) || perSwitch < 1 || perSwitch > 32) throw new RangeError(`hostsPerSwitch must be 1..32, got ${perSwitch}`);

  const switches: PlannedSwitch[] = [];
  for (let i = 1; i <= n; i++) switches.push({ name: `s${i}`, dpid: BigInt(i), ports: new Map() });
  const nextPort = new Map<string, number>(switches.map((s) => [s.name, perSwitch + 1]));
  const links: PlannedLink[] = [];
  const connect = (x: PlannedSwitch, y: PlannedSwitch): void => {
    const px = nextPort.get(x.name)!;
    const py = nextPort.get(y.name)!;
    nextPort.set(x.name, px + 1);
    nextPort.set(y.name, py + 1);
    x.ports.set(px, `${x.name}-${y.name}`);
    y.ports.set(py, `${y.name}-${x.name}`);
    links.push({ a: { switch: x.name, portNo: px }, b: { switch: y.name, portNo: py } });
  };
  for (let i = 0; i < n; i++) connect(switches[i]!, switches[(i + 1) % n]!);
  connect(switches[0]!, switches[Math.floor(n / 2)]!);

  const hosts: PlannedHost[] = [];
  let h = 0;
  for (const s of switches) {
    for (let p = 1; p <= perSwitch; p++) {
      h++;
      const name = `h${h}`;
      s.ports.set(p, `${s.name}-${name}`);
      hosts.push({
        name,
        // Locally administered, and readable: 02:00:00:00:<switch>:<host>.
        mac: MacAddress.fromNumber(0x02_00_00_00_00_00 + Number(s.dpid) * 256 + h),
        ip: Ipv4Address.fromNumber((10 << 24) + h),
        switch: s.name,
        portNo: p,
      });
    }
  }
  return { switches, links, hosts };
}

/** "s1:3 <-> s2:3" */
export function linkText(l: PlannedLink): string {
  return `${l.a.switch}:${l.a.portNo} <-> ${l.b.switch}:${l.b.portNo}`;
}
