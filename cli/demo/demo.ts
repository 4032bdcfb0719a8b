/**
 * `sluice demo`: the whole system in one process, no root, no setup. A controller listening on
 * loopback, a ring of sluice switches (with a chord) made of memory ports and patch cables,
 * each dialing the controller over real OpenFlow 1.3 on TCP, two emulated hosts per switch,
 * the gRPC northbound and a Prometheus endpoint. Once the controller has learned the topology
 * and the hosts, the hosts ARP, ping every pair and open TCP connections, and the demo says
 * what happened in plain lines. Then it keeps running for `sluice ctl` until Ctrl-C.
 */
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../core/config/load-config.js';
import { sluiceConfigSchema } from '../../core/config/sluice-config.js';
import { createLogger, type LogLevel } from '../../core/telemetry/logger.js';
import { type MetricsServer, startMetricsServer } from '../../core/telemetry/metrics-server.js';
import { MetricsRegistry } from '../../core/telemetry/metrics.js';
import { startController, type ControllerHandle } from '../../controller/controller-main.js';
import { startNorthbound, type Northbound } from '../../controller/northbound-backends/start-northbound.js';
import { buildNetwork, type DemoNetwork } from './demo-network.js';
import { linkText, ringWithChord, type DemoPlan } from './demo-topology.js';
import { pingAllPairs, pingLine, tcpFlows, tcpLine, type PairPing, type TcpFlow } from './demo-traffic.js';
import { PortMetrics, scrapedMetrics } from './port-metrics.js';
import { onPreferredPort } from './port-fallback.js';
import { waitUntil } from './wait-until.js';

export interface DemoOptions {
  /** Ring size (≥ 4). Default 4. */
  switches?: number;
  /** Default 2. */
  hostsPerSwitch?: number;
  /** Loopback address everything listens on. Default 127.0.0.1. */
  host?: string;
  /** Preferred ports; taken ones fall back to a free port. 0 = any. Defaults 6653, 50051, 9464. */
  openflowPort?: number;
  grpcPort?: number;
  metricsPort?: number;
  /** Echo requests per host pair. Default 3. */
  pingCount?: number;
  /** TCP connections to open (client and server on different switches). Default 4. */
  tcpFlows?: number;
  /** How long to wait for switches, links and hosts. Default 30 s. */
  convergeTimeoutMs?: number;
  /** Controller and switch log level on stderr. Default warn. */
  logLevel?: LogLevel | 'silent';
  /** Where the demo's own lines go. Default stdout. */
  out?: (line: string) => void;
}

export interface DemoReport {
  switchesConnected: number;
  /** Directed links the controller learned. */
  linksLearned: number;
  hostsLearned: number;
  convergedMs: number;
  pings: PairPing[];
  tcp: TcpFlow[];
  flowsByOwner: Record<string, number>;
}

export interface DemoHandle {
  readonly plan: DemoPlan;
  readonly controller: ControllerHandle;
  readonly network: DemoNetwork;
  readonly northbound: Northbound;
  readonly metricsServer: MetricsServer;
  /** "127.0.0.1:6653" */
  readonly openflowAddress: string;
  /** "127.0.0.1:50051" */
  readonly grpcAddress: string;
  readonly metricsUrl: string;
  /** The scripted traffic: resolves when hosts have pinged and exchanged TCP; rejects if the network never converged. */
  readonly traffic: Promise<DemoReport>;
  /** Stops traffic, switches, northbound, metrics, controller, in that order. Idempotent. */
  stop(): Promise<void>;
}

export async function startDemo(opts: DemoOptions = {}): Promise<DemoHandle> {
  const out = opts.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const host = opts.host ?? '127.0.0.1';
  const plan = ringWithChord({
    ...(opts.switches === undefined ? {} : { switches: opts.switches }),
    ...(opts.hostsPerSwitch === undefined ? {} : { hostsPerSwitch: opts.hostsPerSwitch }),
  });
  const logger = createLogger({ level: opts.logLevel ?? 'warn', format: 'text' });
  // One registry for the controller and every switch: the switches' series carry a dpid label.
  const metrics = new MetricsRegistry();
  const config = loadConfig(undefined, sluiceConfigSchema);
  const undo: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const step of undo.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        logger.error('demo: error while stopping', { err });
      }
    }
  };

  try {
    const { value: controller, preferred: ofPreferred } = await onPreferredPort(opts.openflowPort ?? 6653, (port) =>
      startController({
        config, logger, metricsRegistry: metrics, metrics: false,
        listen: { host, port },
        // Probe twice a second: the demo should converge while the reader is still looking.
        topology: { probeIntervalMs: 500 },
      }));
    undo.push(() => controller.stop());
    const ofPort = controller.listenAddress?.port ?? 0;
    const openflowAddress = `${host}:${ofPort}`;
    out(`controller: OpenFlow 1.3 on tcp:${openflowAddress}${ofPreferred ? '' : ' (6653 was taken)'}`);
    // A plugin that failed to start (forwarding above all) explains a silent network; say so up front.
    const plugins = controller.kernel.plugins.list().map((p) =>
      `${p.name} ${p.state}${p.state === 'failed' && p.reason ? ` (${p.reason.split('\n', 1)[0]})` : ''}`);
    out(`plugins: ${plugins.length > 0 ? plugins.join(', ') : 'none'}`);

    const { value: northbound, preferred: grpcPreferred } = await onPreferredPort(opts.grpcPort ?? 50051, (port) =>
      startNorthbound(controller, config.value.northbound, { host, port }));
    undo.push(() => northbound.stop());
    const grpcAddress = `${host}:${northbound.server.port}`;

    const network = await buildNetwork(plan, { controller: { host, port: ofPort }, metrics, logger });
    undo.push(() => network.close());
    out(`switches: ${plan.switches.map((s) => `${s.name} (dpid ${s.dpid}, ${s.ports.size} ports)`).join(', ')}`);
    out(`wiring: ${plan.links.map(linkText).join(', ')}; ${plan.hosts.length} hosts`);

    const portMetrics = new PortMetrics(metrics, () => [...network.switches.values()].map((s) => ({ dpid: s.dpid, ports: s.ports })));
    const { value: metricsServer, preferred: metricsPreferred } = await onPreferredPort(opts.metricsPort ?? 9464, (port) =>
      startMetricsServer(scrapedMetrics(metrics, portMetrics), { host, port, path: '/metrics' }));
    undo.push(() => metricsServer.stop());

    out(`gRPC northbound: ${grpcAddress}${grpcPreferred ? '' : ' (50051 was taken)'} — try: sluice ctl --server ${grpcAddress} switches | links | hosts | flows | path 10.0.0.1 10.0.0.${plan.hosts.length}`);
    out(`metrics: ${metricsServer.url}${metricsPreferred ? '' : ' (9464 was taken)'}`);

    const abort = new AbortController();
    const traffic = runScenario(plan, controller, network, {
      out, signal: abort.signal,
      pingCount: opts.pingCount ?? 3,
      tcpFlows: opts.tcpFlows ?? 4,
      convergeTimeoutMs: opts.convergeTimeoutMs ?? 30_000,
    });
    traffic.catch(() => undefined);  // the caller decides whether a failed scenario matters
    undo.push(async () => {
      // Stopping the hosts ends whatever they are waiting for (ARP, echo replies, TCP ACKs) at once.
      abort.abort();
      for (const h of network.hosts) h.stop();
      await traffic.catch(() => undefined);
    });

    let stopped: Promise<void> | undefined;
    return {
      plan, controller, network, northbound, metricsServer, openflowAddress, grpcAddress,
      metricsUrl: metricsServer.url, traffic,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function runScenario(
  plan: DemoPlan,
  controller: ControllerHandle,
  network: DemoNetwork,
  opts: { out: (line: string) => void; signal: AbortSignal; pingCount: number; tcpFlows: number; convergeTimeoutMs: number },
): Promise<DemoReport> {
  const { out, signal } = opts;
  const started = Date.now();
  const wait = { timeoutMs: opts.convergeTimeoutMs, signal };
  const nameOf = new Map(plan.switches.map((s) => [s.dpid, s.name]));
  const portText = (dpid: bigint, port: number) => `${nameOf.get(dpid) ?? dpid.toString(16)}:${port}`;

  await waitUntil('switches connected', () => controller.datapaths.list().length === plan.switches.length, {
    ...wait, progress: () => `${controller.datapaths.list().length}/${plan.switches.length}`,
  });
  out(`switches connected: ${controller.datapaths.list().length}/${plan.switches.length} (OpenFlow handshake done) after ${Date.now() - started} ms`);

  const wantLinks = plan.links.length * 2;
  await waitUntil('topology learned', () => {
    const s = controller.topology.snapshot();
    return s.switches.length === plan.switches.length && s.links.length === wantLinks;
  }, { ...wait, progress: () => `${controller.topology.snapshot().links.length}/${wantLinks} directed links` });
  const snap = controller.topology.snapshot();
  const cables = snap.links.filter((l) => l.src.dpid < l.dst.dpid).map((l) => `${portText(l.src.dpid, l.src.port)} <-> ${portText(l.dst.dpid, l.dst.port)}`);
  out(`topology learned by LLDP: ${snap.switches.length} switches, ${snap.links.length / 2} links (${snap.links.length} directed): ${cables.join(', ')}`);

  // Hosts are learned only on edge ports, and a port becomes one only after LLDP probed it and
  // heard nothing back: a host that speaks earlier is not learned from that frame.
  const dpidOf = new Map(plan.switches.map((s) => [s.name, s.dpid]));
  const edgeReady = () => plan.hosts.filter((h) => controller.topology.isEdgePort(dpidOf.get(h.switch)!, h.portNo)).length;
  await waitUntil('host ports known as edge ports', () => edgeReady() === plan.hosts.length, {
    ...wait, progress: () => `${edgeReady()}/${plan.hosts.length} host ports`,
  });

  // Hosts speak first (gratuitous ARP) so the controller learns where they are before traffic.
  for (const h of network.hosts) h.announce();
  const hosts = controller.hosts;
  const unlearned = () => network.hosts.filter((h) => !hosts.list().some((k) => k.mac.equals(h.mac)));
  // Re-announce the ones not learned yet, as a host would on a link that just came up.
  const reannounce = setInterval(() => { for (const h of unlearned()) h.announce(); }, 500);
  try {
    await waitUntil('hosts learned', () => unlearned().length === 0, {
      ...wait, progress: () => `${plan.hosts.length - unlearned().length}/${plan.hosts.length} hosts`,
    });
  } finally {
    clearInterval(reannounce);
  }
  const hostsLearned = hosts.list().length;
  const found = hosts.list().map((h) => `${h.mac} ${h.ipv4.join(',')} at ${portText(h.location.dpid, h.location.port)}`);
  out(`hosts found: ${hostsLearned}/${plan.hosts.length}: ${found.join('; ')}`);
  const convergedMs = Date.now() - started;

  const ipOf = new Map(plan.hosts.map((h) => [h.name, h.ip.toString()]));
  const pings = await pingAllPairs(network.hosts, { count: opts.pingCount, report: (p) => out(pingLine(p, (n) => ipOf.get(n) ?? '?')), signal });
  const answered = pings.filter((p) => p.result && p.result.received > 0).length;
  const replies = pings.reduce((n, p) => n + (p.result?.received ?? 0), 0);
  out(`pings: ${answered}/${pings.length} host pairs answered, ${replies}/${pings.length * opts.pingCount} replies`);

  // TCP between hosts on different switches, as far apart as the ring allows.
  const hostsList = network.hosts;
  const pairs: (readonly [typeof hostsList[number], typeof hostsList[number]])[] = [];
  for (let i = 0; i < Math.min(opts.tcpFlows, hostsList.length); i++) {
    pairs.push([hostsList[i]!, hostsList[(i + Math.floor(hostsList.length / 2)) % hostsList.length]!]);
  }
  for (const [a, b] of pairs) {
    const pa = plan.hosts.find((h) => h.name === a.name)!;
    const pb = plan.hosts.find((h) => h.name === b.name)!;
    const path = controller.paths.shortest({ dpid: dpidOf.get(pa.switch)!, port: pa.portNo }, { dpid: dpidOf.get(pb.switch)!, port: pb.portNo });
    if (path.ok) {
      const hops = path.value.hops.map((h) => `${nameOf.get(h.dpid) ?? h.dpid.toString(16)} (in ${h.inPort ?? '-'}, out ${h.outPort ?? '-'})`);
      out(`shortest path ${a.name} -> ${b.name}: ${hops.join(' -> ')}`);
    }
  }
  const chunks = [Buffer.from('GET /demo HTTP/1.1\r\nHost: sluice\r\n\r\n'), Buffer.alloc(2000, 0x2e), Buffer.from('done\n')];
  const tcp = await tcpFlows(pairs, { chunks, report: (f) => out(tcpLine(f)), signal });
  out(`tcp: ${tcp.filter((f) => f.result).length}/${tcp.length} connections completed`);

  const flowsByOwner: Record<string, number> = {};
  for (const f of controller.flows.list()) flowsByOwner[f.owner] = (flowsByOwner[f.owner] ?? 0) + 1;
  out(`flows installed (controller intent, by owner): ${Object.entries(flowsByOwner).map(([o, n]) => `${o} ${n}`).join(', ')}`);

  return {
    switchesConnected: controller.datapaths.list().length,
    linksLearned: snap.links.length,
    hostsLearned,
    convergedMs,
    pings,
    tcp,
    flowsByOwner,
  };
}

function positiveInt(min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be an integer >= ${min}`);
    return n;
  };
}

function portNumber(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0-65535');
  return n;
}

/** `sluice demo`, for cli/sluice.ts to add. */
export function demoCommand(): Command {
  return new Command('demo')
    .description('run the embedded demo: a controller, a ring of in-process switches and emulated hosts over loopback OpenFlow')
    .option('--switches <n>', 'switches in the ring (>= 4)', positiveInt(4), 4)
    .option('--hosts-per-switch <n>', 'emulated hosts on each switch', positiveInt(1), 2)
    .option('--openflow-port <port>', 'preferred OpenFlow port (taken: any free one)', portNumber, 6653)
    .option('--grpc-port <port>', 'preferred gRPC northbound port', portNumber, 50051)
    .option('--metrics-port <port>', 'preferred Prometheus port', portNumber, 9464)
    .option('--ping-count <n>', 'echo requests per host pair', positiveInt(1), 3)
    .option('--log-level <level>', 'controller and switch log level on stderr', 'warn')
    .option('--exit', 'stop after the scripted traffic instead of running until Ctrl-C')
    .action(async (o: {
      switches: number; hostsPerSwitch: number; openflowPort: number; grpcPort: number; metricsPort: number;
      pingCount: number; logLevel: LogLevel | 'silent'; exit?: boolean;
    }) => {
      const demo = await startDemo({
        switches: o.switches, hostsPerSwitch: o.hostsPerSwitch, openflowPort: o.openflowPort, grpcPort: o.grpcPort,
        metricsPort: o.metricsPort, pingCount: o.pingCount, logLevel: o.logLevel,
      });
      let stopping = false;
      const stop = (why: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`\n${why}: stopping the demo\n`);
        demo.stop().then(() => process.stdout.write('demo stopped\n'), (err: unknown) => {
          process.stderr.write(`error while stopping: ${String(err)}\n`);
          process.exitCode = 1;
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      try {
        const report = await demo.traffic;
        const ok = report.pings.every((p) => p.result && p.result.received > 0) && report.tcp.every((f) => f.result);
        process.exitCode = ok ? 0 : 1;
      } catch (err) {
        process.stderr.write(`demo scenario failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      }
      if (o.exit) stop('--exit');
      else process.stdout.write(`running; the network stays up for sluice ctl --server ${demo.grpcAddress} … (Ctrl-C to stop)\n`);
    });
}
