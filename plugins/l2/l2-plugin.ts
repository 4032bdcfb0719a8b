/**
 * The L2 plugin's lifecycle: wires an L2Forwarder to the controller's services. stop() undoes
 * start() and removes exactly L2's flows (cookie owner `l2`).
 */
import { inject, injectable } from 'inversify';
import type { PluginLifecycle } from '../../core/kernel/plugin.js';
import { Clock, EventBus, PacketIns, PluginConfig, PluginLogger } from '../../core/kernel/tokens.js';
import type { Logger } from '../../core/telemetry/logger.js';
import { Hosts } from '../../controller/hosts/hosts.js';
import { Datapaths } from '../../controller/services/datapaths.js';
import { Flows } from '../../controller/services/flows.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import { Topology } from '../../controller/topology/topology.js';
import type { L2Config } from './l2-config.js';
import { L2Forwarder } from './l2-forwarder.js';

@injectable()
export class L2Plugin implements PluginLifecycle {
  readonly forwarder: L2Forwarder;

  constructor(
    @inject(PluginConfig) config: L2Config,
    @inject(PluginLogger) logger: Logger,
    @inject(Flows) flows: Flows,
    @inject(Datapaths) datapaths: Datapaths,
    @inject(Hosts) hosts: Hosts,
    @inject(Topology) topology: Topology,
    @inject(EventBus) events: EventBus,
    @inject(PacketIns) packetIns: PacketIns<PacketInContext>,
    @inject(Clock) clock: Clock,
  ) {
    this.forwarder = new L2Forwarder({ flows, datapaths, hosts, topology, events, packetIns, clock, logger }, config);
  }

  start(): void {
    this.forwarder.start();
  }

  async stop(): Promise<void> {
    await this.forwarder.stop();
  }
}
