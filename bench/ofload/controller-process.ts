/**
 * The sluice controller as its own process for the packet-in benchmark, so it gets an event
 * loop to itself exactly as ovs-testcontroller does (the load generator runs in the parent).
 * Argument `l2` runs the L2 plugin (when installed); `bench` (default) runs without plugins and
 * with the minimal learning processor, which isolates the controller core's cost.
 * Prints `{"port":N,"learner":"l2"|"bench"}` on stdout once listening; stops on SIGTERM.
 */
import 'reflect-metadata';
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
if (process.env.SLUICE_BENCH_STATS) {
  for (const name of ['hosts.added', 'hosts.moved', 'hosts.removed', 'hosts.updated', 'topology.link-added', 'datapath.connected'] as const) {
    ctl.kernel.events.on(name, () => {
      events[name] = (events[name] ?? 0) + 1;
    });
  }
}
process.stdout.write(`${JSON.stringify({ port: ctl.listenAddress!.port, learner: hasL2 ? 'l2' : 'bench' })}\n`);
process.once('SIGTERM', () => {
  // SLUICE_BENCH_STATS=1: what the controller did, on stderr (processors' seen/consumed, hosts).
  if (process.env.SLUICE_BENCH_STATS) {
    process.stderr.write(`${JSON.stringify({ learner: hasL2 ? 'l2' : 'bench', hosts: ctl.hosts.list().length, events, processors: ctl.packetIns.list() })}\n`);
  }
  void ctl.stop().then(() => process.exit(0));
});
