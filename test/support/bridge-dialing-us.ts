/**
 * A private Open vSwitch bridge (dummy datapath) whose controller is a TCP listener of ours, with
 * one port whose far end is a host interface in a namespace: the fixture of the codec-vs-OVS tests.
 * `stop()` undoes whatever `start()` got to, so it belongs in afterAll even when start failed.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { NetLab } from './netns.js';
import { OvsInstance, type BridgeOptions } from './ovs.js';

export interface BridgeDialingUsOptions {
  bridge: string;
  dpid: bigint;
  protocols?: BridgeOptions['protocols'];
  /** Namespace prefix for the host. */
  hostNs: string;
  /** Host and switch ends of the veth. */
  hostIf: string;
  portIf: string;
  /** The host interface's address, with prefix length. */
  hostAddr: string;
}

export class BridgeDialingUs {
  ovs: OvsInstance | undefined;
  /** The bridge's connection to us. */
  sock: Socket | undefined;
  /** The OpenFlow port number of the host's link. */
  port = 0;
  hostNs = '';
  private server: Server | undefined;

  async start(lab: NetLab, o: BridgeDialingUsOptions): Promise<Socket> {
    const server = createServer();
    this.server = server;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new Error('no TCP address');
    const accepted = once(server, 'connection');

    this.ovs = await OvsInstance.start({ datapathType: 'dummy' });
    this.hostNs = lab.addNamespace(o.hostNs);
    const [hostIf, swIf] = lab.addVeth(o.hostIf, o.portIf, this.hostNs);
    lab.exec(this.hostNs, 'ip', ['addr', 'add', o.hostAddr, 'dev', hostIf]);
    await this.ovs.addBridge(o.bridge, {
      dpid: o.dpid, controller: `tcp:127.0.0.1:${addr.port}`, ...(o.protocols === undefined ? {} : { protocols: o.protocols }),
    });
    this.port = await this.ovs.addPort(o.bridge, swIf);
    const [sock] = (await accepted) as [Socket];
    this.sock = sock;
    return sock;
  }

  async stop(): Promise<void> {
    this.sock?.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.ovs?.stop();
  }
}
