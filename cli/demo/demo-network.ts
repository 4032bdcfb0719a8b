/**
 * Builds the planned network out of in-process parts: a PatchCable per link (switch to switch,
 * switch to host), a sluice switch per planned switch — the real composition (`startSwitch`)
 * with the TypeScript datapath, its ports being memory ports, dialing the controller over
 * OpenFlow on loopback TCP — and an EmulatedHost on the far end of every host cable.
 */
import type { Logger } from '../../core/telemetry/logger.js';
import type { Metrics } from '../../core/telemetry/metrics.js';
import { Datapath } from '../../switch/pipeline/datapath.js';
import { type MemoryPort, PatchCable } from '../../switch/port/memory-port.js';
import { startSwitch, type RunningSwitch } from '../../switch/switch-main.js';
import type { DemoPlan } from './demo-topology.js';
import { EmulatedHost } from './emulated-host.js';

export interface DemoNetwork {
  readonly switches: ReadonlyMap<string, RunningSwitch>;
  readonly hosts: readonly EmulatedHost[];
  host(name: string): EmulatedHost;
  /** Hosts first (no more traffic), then switches (agent, datapath, ports), then the cables. */
  close(): Promise<void>;
}

export interface NetworkOptions {
  controller: { host: string; port: number };
  metrics: Metrics;
  logger: Logger;
}

export async function buildNetwork(plan: DemoPlan, opts: NetworkOptions): Promise<DemoNetwork> {
  const portsByName = new Map<string, MemoryPort>();
  const cables: PatchCable[] = [];
  const switchOf = new Map(plan.switches.map((s) => [s.name, s]));
  for (const l of plan.links) {
    const a = switchOf.get(l.a.switch)!;
    const b = switchOf.get(l.b.switch)!;
    const cable = new PatchCable(
      { name: a.ports.get(l.a.portNo)!, portNo: l.a.portNo },
      { name: b.ports.get(l.b.portNo)!, portNo: l.b.portNo },
    );
    cables.push(cable);
    portsByName.set(cable.a.name, cable.a).set(cable.b.name, cable.b);
  }
  const hosts: EmulatedHost[] = [];
  for (const h of plan.hosts) {
    const s = switchOf.get(h.switch)!;
    const cable = new PatchCable(
      { name: s.ports.get(h.portNo)!, portNo: h.portNo },
      { name: `${h.name}-eth0`, portNo: 1, hwAddr: h.mac.toBytes() },
    );
    cables.push(cable);
    portsByName.set(cable.a.name, cable.a);
    hosts.push(new EmulatedHost({ name: h.name, mac: h.mac, ip: h.ip, port: cable.b }));
  }

  const switches = new Map<string, RunningSwitch>();
  const closeAll = async (): Promise<void> => {
    for (const h of hosts) h.stop();
    await Promise.all([...switches.values()].map((s) => s.close()));
    for (const c of cables) {
      c.a.close();
      c.b.close();
    }
  };
  try {
    for (const s of plan.switches) {
      const running = await startSwitch({
        dpid: s.dpid,
        ports: [...s.ports].sort(([a], [b]) => a - b).map(([portNo, name]) => ({ name, portNo })),
        openPort: (name) => {
          const port = portsByName.get(name);
          if (!port) throw new Error(`demo wiring has no port named ${name}`);
          return port;
        },
        createDatapath: ({ dpid, nTables }) => new Datapath({ dpid, ...(nTables === undefined ? {} : { nTables }), description: `sluice demo ${s.name}` }),
        controllers: [{ kind: 'tcp', host: opts.controller.host, port: opts.controller.port }],
        // Fast reconnects: the demo's controller is up before any switch dials.
        backoff: { initialMs: 100, maxMs: 1000 },
        metrics: opts.metrics,
        logger: opts.logger.child({ switch: s.name }),
      });
      switches.set(s.name, running);
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  let closed: Promise<void> | undefined;
  const byName = new Map(hosts.map((h) => [h.name, h]));
  return {
    switches,
    hosts,
    host: (name) => {
      const h = byName.get(name);
      if (!h) throw new Error(`no host ${name}`);
      return h;
    },
    close: () => (closed ??= closeAll()),
  };
}
