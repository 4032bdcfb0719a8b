/**
 * The L2 plugin through the real kernel: enabled with no config, its services injected by
 * token, its packet-in processor in the forwarding band, and stop() removing exactly its flows.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/load-config.js';
import { sluiceConfigSchema } from '../../core/config/sluice-config.js';
import { Kernel } from '../../core/kernel/kernel.js';
import * as tokens from '../../core/kernel/tokens.js';
import { PathComputer } from '../../controller/paths/path-computer.js';
import { TopologyGraph } from '../../controller/paths/topology-graph.js';
import type { Datapaths } from '../../controller/services/datapaths.js';
import type { Flows } from '../../controller/services/flows.js';
import type { Hosts } from '../../controller/hosts/hosts.js';
import type { Topology } from '../../controller/topology/topology.js';
import l2 from '../../plugins/l2/index.js';

describe('l2 plugin', () => {
  it('starts by default with an empty config and removes only its own flows on stop', async () => {
    const kernel = new Kernel({ config: loadConfig(undefined, sluiceConfigSchema), registry: [l2], logSink: () => {} });
    const removedAll: string[] = [];
    const flows: Flows = { install: () => Promise.resolve(), remove: () => Promise.resolve(), removeAll: (o) => { removedAll.push(o); return Promise.resolve(); }, list: () => [] };
    const datapaths: Datapaths = { list: () => [], get: () => undefined };
    const hosts: Hosts = { list: () => [], byMac: () => undefined, byIp: () => undefined, at: () => [] };
    const graph = new TopologyGraph();
    const topology: Topology = {
      snapshot: () => ({ version: 0, switches: [], links: [] }), linkFrom: () => undefined, isEdgePort: () => false,
      edgePorts: () => [], switchPorts: () => [], graph, paths: new PathComputer(graph),
    };
    kernel.root.bind(tokens.Flows).toConstantValue(flows);
    kernel.root.bind(tokens.Datapaths).toConstantValue(datapaths);
    kernel.root.bind(tokens.Hosts).toConstantValue(hosts);
    kernel.root.bind(tokens.Topology).toConstantValue(topology);
    await kernel.start();
    expect(kernel.plugins.status('l2')?.state).toBe('started');
    expect(kernel.packetIns.list().map((p) => [p.name, p.stage])).toEqual([['l2.forward', 'forwarding']]);
    await kernel.stop();
    expect(removedAll).toEqual(['l2']);
    expect(kernel.packetIns.list()).toEqual([]);
  });

  it('rejects an unknown or out-of-range option with its path', () => {
    expect(l2.configSchema.safeParse({ floodDedupMs: -1 }).success).toBe(false);
    expect(l2.configSchema.safeParse({ flood: 1 }).success).toBe(false);
    expect(l2.configSchema.parse({})).toEqual({ floodDedupMs: 200 });
  });
});
