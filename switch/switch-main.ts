/**
 * Composition of the software switch: open the ports, build the datapath, attach the OpenFlow
 * agent. The CLI (`switch/cli.ts`), the system tests and the demo all start a switch through
 * `startSwitch`, so there is one place that decides port numbering, the default datapath id and
 * the order of shutdown.
 *
 * Everything that can be checked is checked before anything is opened: port names and numbers
 * here, interface existence by the CLI. A port that fails to open closes those already opened.
 */
import type { TcpEndpoint } from '../core/config/index.js';
import { MetricsRegistry, silentLogger, type Logger, type Metrics } from '../core/telemetry/index.js';
import { SwitchAgent, formatDpid, type DatapathLike, type FailMode } from './agent/index.js';
import { Datapath } from './pipeline/datapath.js';
import { AfPacketPort } from './port/af-packet-port.js';
import { LinkMonitor } from './port/link-monitor.js';
import type { Port } from './port/port.js';

/** An interface to open and, optionally, the OpenFlow port number it must get. */
export interface PortSpec {
  name: string;
  portNo?: number;
}

/** The datapath as the switch composition uses it: the agent's face plus port management. */
export interface SwitchDatapath extends DatapathLike {
  addPort(port: Port, portNo?: number): number;
  removePort(portNo: number): void;
  close(): void;
}

export interface SwitchOptions {
  ports: readonly PortSpec[];
  /** Default: the first port's MAC in the low 48 bits, as Open vSwitch does. */
  dpid?: bigint;
  controllers: readonly TcpEndpoint[];
  passive?: TcpEndpoint;
  failMode?: FailMode;
  standaloneAfterMs?: number;
  echoIntervalMs?: number;
  echoTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  nTables?: number;
  logger?: Logger;
  metrics?: Metrics;
  /** How a port is opened; AF_PACKET on the named Linux interface by default. */
  openPort?: (name: string, portNo: number) => Port;
  /** How the datapath is made; the TypeScript pipeline by default. */
  createDatapath?: (opts: { dpid: bigint; nTables?: number }) => SwitchDatapath;
}

export interface RunningSwitch {
  readonly dpid: bigint;
  readonly agent: SwitchAgent;
  readonly datapath: SwitchDatapath;
  readonly ports: readonly Port[];
  /** Bound port of the passive listener, when enabled. */
  readonly passivePort: number | undefined;
  /** Stops the agent (connections), then the datapath, then the ports. Idempotent. */
  close(): Promise<void>;
}

export class SwitchSetupError extends Error {
  override readonly name = 'SwitchSetupError';
}

/** OpenFlow numbers for `specs`: explicit ones as given, the rest 1, 2, … in order, skipping taken ones. */
export function assignPortNumbers(specs: readonly PortSpec[]): { name: string; portNo: number }[] {
  const taken = new Map<number, string>();
  const names = new Set<string>();
  for (const s of specs) {
    if (names.has(s.name)) throw new SwitchSetupError(`port ${s.name} is given twice`);
    names.add(s.name);
    if (s.portNo === undefined) continue;
    if (!Number.isInteger(s.portNo) || s.portNo < 1 || s.portNo > 0xffffff00) {
      throw new SwitchSetupError(`port ${s.name}: OpenFlow port number must be 1..${0xffffff00}, got ${s.portNo}`);
    }
    const other = taken.get(s.portNo);
    if (other !== undefined) throw new SwitchSetupError(`ports ${other} and ${s.name} both ask for OpenFlow port ${s.portNo}`);
    taken.set(s.portNo, s.name);
  }
  let next = 1;
  return specs.map((s) => {
    if (s.portNo !== undefined) return { name: s.name, portNo: s.portNo };
    while (taken.has(next)) next++;
    taken.set(next, s.name);
    return { name: s.name, portNo: next };
  });
}

/** The low 48 bits of the datapath id are the MAC, as in Open vSwitch's default. */
export function dpidFromMac(mac: Uint8Array): bigint {
  let v = 0n;
  for (const b of mac.subarray(0, 6)) v = (v << 8n) | BigInt(b);
  return v;
}

export async function startSwitch(options: SwitchOptions): Promise<RunningSwitch> {
  const logger = options.logger ?? silentLogger();
  const numbered = assignPortNumbers(options.ports);
  let monitor: LinkMonitor | undefined;
  const openPort = options.openPort ?? ((name: string, portNo: number): Port => {
    monitor ??= new LinkMonitor();
    return AfPacketPort.open(name, { portNo, linkMonitor: monitor });
  });

  const ports: Port[] = [];
  try {
    for (const { name, portNo } of numbered) ports.push(openPort(name, portNo));
  } catch (err) {
    for (const p of ports) p.close();
    monitor?.close();
    throw err;
  }

  const dpid = options.dpid ?? (ports[0] ? dpidFromMac(ports[0].hwAddr) : 1n);
  const createDatapath = options.createDatapath ?? ((o: { dpid: bigint; nTables?: number }): SwitchDatapath => new Datapath(o));
  const datapath = createDatapath({ dpid, ...(options.nTables === undefined ? {} : { nTables: options.nTables }) });
  for (const p of ports) datapath.addPort(p, p.portNo);

  const agent = new SwitchAgent({
    datapath, dpid,
    controllers: options.controllers,
    failMode: options.failMode ?? 'secure',
    logger,
    metrics: options.metrics ?? new MetricsRegistry(),
    ...(options.passive === undefined ? {} : { passive: options.passive }),
    ...(options.standaloneAfterMs === undefined ? {} : { standaloneAfterMs: options.standaloneAfterMs }),
    ...(options.echoIntervalMs === undefined ? {} : { echoIntervalMs: options.echoIntervalMs }),
    ...(options.echoTimeoutMs === undefined ? {} : { echoTimeoutMs: options.echoTimeoutMs }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
  });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      await agent.stop();
      datapath.close();
      for (const p of ports) p.close();
      monitor?.close();
      logger.info('switch stopped', { dpid: formatDpid(dpid) });
    })();
    return closed;
  };
  try {
    await agent.start();
  } catch (err) {
    await close();
    throw err;
  }
  logger.info('switch started', {
    dpid: formatDpid(dpid), ports: ports.map((p) => `${p.name}=${p.portNo}`),
  });
  return { dpid, agent, datapath, ports, passivePort: agent.passivePort, close };
}
