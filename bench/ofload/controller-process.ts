/**
 * The sluice controller as its own process for the packet-in benchmark, so it gets an event
 * loop to itself exactly as ovs-testcontroller does (the load generator runs in the parent).
 * Argument `l2` runs the L2 plugin (when installed); `bench` (default) runs without plugins and
 * with the minimal learning processor, which isolates the controller core's cost.
 * Prints `{"port":N,"learner":"l2"|"bench"}` on stdout once listening; stops on SIGTERM.
 * SLUICE_BENCH_STATS=1 adds, on stderr (at SIGUSR2, else at exit), GC pause time against the process's CPU time.
 * SLUICE_BENCH_PROFILE=cpu|heap with SLUICE_BENCH_PROFILE_DIR writes a CPU profile, or a sampling
 * heap profile that keeps collected objects too (what was allocated, not what survived), of the
 * run up to SIGTERM (`--cpu-prof` is written at exit, which a slow shutdown may never reach).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import { silentLogger } from '../../core/telemetry/logger.js';
import { startController } from '../../controller/controller-main.js';
import { PLUGIN_REGISTRY } from '../../controller/plugin-registry.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import { registerLearningProcessor } from './learning-processor.js';

const hasL2 = process.argv[2] === 'l2' && PLUGIN_REGISTRY.some((p) => p.name === 'l2' && p.enabledByDefault);
const ctl = await startController({
  listen: { host: '127.0.0.1', port: 0 }, metrics: false, logger: silentLogger(), topology: { probeIntervalMs: 3_600_000 },
  registry: hasL2 ? PLUGIN_REGISTRY : [],
});
if (!hasL2) registerLearningProcessor(ctl.packetIns as PacketInChain<PacketInContext>);
const events: Record<string, number> = {};
// GC pause time against the process's CPU time: the share per-packet-in allocation costs.
let gcMs = 0;
let gcCount = 0;
/** Pause time by kind: minor (scavenge) is what short-lived per-packet objects cost, major the retained heap. */
const gcKindMs: Record<string, number> = {};
const GC_KIND: Record<number, string> = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
if (process.env.SLUICE_BENCH_STATS) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
      const kind = GC_KIND[(e as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
      gcKindMs[kind] = Math.round((gcKindMs[kind] ?? 0) + e.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  for (const name of ['hosts.added', 'hosts.moved', 'hosts.removed', 'hosts.updated', 'topology.link-added', 'datapath.connected'] as const) {
    ctl.kernel.events.on(name, () => {
      events[name] = (events[name] ?? 0) + 1;
    });
  }
}
const profile = process.env.SLUICE_BENCH_PROFILE;
const session = profile === 'cpu' || profile === 'heap' ? new Session() : undefined;
if (session !== undefined) {
  session.connect();
  if (profile === 'cpu') {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  } else {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
}

async function writeProfile(): Promise<void> {
  if (session === undefined) return;
  const file = join(process.env.SLUICE_BENCH_PROFILE_DIR ?? '.', `${hasL2 ? 'l2' : 'bench'}-${process.pid}.${profile}profile`);
  const result = profile === 'cpu' ? (await session.post('Profiler.stop')).profile : (await session.post('HeapProfiler.stopSampling')).profile;
  writeFileSync(file, JSON.stringify(result));
  process.stderr.write(`profile written to ${file}\n`);
}

process.stdout.write(`${JSON.stringify({ port: ctl.listenAddress!.port, learner: hasL2 ? 'l2' : 'bench' })}\n`);
/**
 * Stats and profile, once: on SIGUSR2 (the bench asks right after its measured window, before
 * the switches disconnect and the controller tears their state down) or else at SIGTERM.
 */
let dumped: Promise<void> | undefined;
function dump(): Promise<void> {
  dumped ??= (async () => {
    // SLUICE_BENCH_STATS=1: what the controller did, on stderr (processors' seen/consumed, hosts).
    if (process.env.SLUICE_BENCH_STATS) {
      const cpu = process.cpuUsage();
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const gc = { gcMs: Math.round(gcMs), gcCount, cpuMs: Math.round(cpuMs), gcPctOfCpu: Number(((100 * gcMs) / cpuMs).toFixed(1)), gcKindMs };
      process.stderr.write(`${JSON.stringify({ learner: hasL2 ? 'l2' : 'bench', hosts: ctl.hosts.list().length, ...gc, events, processors: ctl.packetIns.list() })}\n`);
    }
    await writeProfile();
  })();
  return dumped;
}
process.on('SIGUSR2', () => {
  void dump().then(() => process.stdout.write(`${JSON.stringify({ dumped: true })}\n`));
});
process.once('SIGTERM', () => {
  void dump().then(() => ctl.stop()).then(() => process.exit(0));
});
