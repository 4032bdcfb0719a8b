/**
 * The northbound's Topology face: switches and LLDP links from the Topology service, hosts from
 * the Hosts service, live port numbers and link speeds from the Datapaths service.
 *
 * Changes come from the bus events those services emit after their state changed, so a
 * snapshot taken inside a listener already includes the change (the contract the northbound's
 * Watch relies on to neither miss nor repeat anything).
 *
 * The API has no "host updated" type: a host that gained an address is reported as
 * host-added again, with its full current record, which a watcher keyed by MAC simply replaces.
 */
import type { EventBus } from '../../core/kernel/event-bus.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { OFPP, OFPPC, OFPPS } from '../../core/openflow/port-desc.js';
import type { Host, Hosts } from '../hosts/hosts.js';
import type {
  Dpid, HostInfo, SwitchNode, TopologyBackend, TopologyChange, TopologyLink, TopologySnapshot, Unsubscribe,
} from '../northbound/backend.js';
import type { Datapaths } from '../services/datapaths.js';
import type { SwitchLink, Topology } from '../topology/topology.js';

export function hostInfoOf(h: Host): HostInfo {
  return {
    mac: h.mac.toString(),
    ips: [...h.ipv4, ...h.ipv6],
    vlanVid: h.vlan,
    location: { dpid: h.location.dpid, portNo: h.location.port },
    lastSeen: new Date(h.lastSeen),
  };
}

export class TopologyAdapter implements TopologyBackend {
  constructor(
    private readonly topology: Topology,
    private readonly hosts: Hosts | undefined,
    private readonly datapaths: Datapaths,
    private readonly events: EventBus<SluiceEvents>,
  ) {}

  snapshot(): TopologySnapshot {
    const snap = this.topology.snapshot();
    return {
      switches: snap.switches.map((dpid) => this.switchNode(dpid)),
      links: snap.links.map((l) => this.link(l)),
      hosts: (this.hosts?.list() ?? []).map(hostInfoOf),
    };
  }

  subscribe(listener: (change: TopologyChange) => void): Unsubscribe {
    const e = this.events;
    const now = () => new Date();
    const subs = [
      e.on('topology.switch-added', ({ dpid }) => listener({ type: 'switch-added', switch: this.switchNode(dpid), time: now() })),
      e.on('topology.switch-removed', ({ dpid }) => listener({ type: 'switch-removed', switch: { dpid, portNos: [] }, time: now() })),
      e.on('topology.link-added', ({ link }) => listener({ type: 'link-added', link: this.link(link), time: now() })),
      e.on('topology.link-removed', ({ link }) => listener({ type: 'link-removed', link: this.link(link), time: now() })),
      e.on('hosts.added', ({ host }) => listener({ type: 'host-added', host: hostInfoOf(host), time: now() })),
      e.on('hosts.updated', ({ host }) => listener({ type: 'host-added', host: hostInfoOf(host), time: now() })),
      e.on('hosts.moved', ({ host, previous }) => listener({ type: 'host-moved', host: hostInfoOf(host), previous: hostInfoOf(previous), time: now() })),
      e.on('hosts.removed', ({ host }) => listener({ type: 'host-removed', host: hostInfoOf(host), time: now() })),
    ];
    let done = false;
    return () => {
      if (done) return;
      done = true;
      for (const s of subs) s.dispose();
    };
  }

  /** Live ports as the switch reports them; LOCAL and other reserved ports are not links or host ports. */
  private switchNode(dpid: Dpid): SwitchNode {
    const dp = this.datapaths.get(dpid);
    if (!dp) return { dpid, portNos: [...this.topology.edgePorts(dpid), ...this.topology.switchPorts(dpid)].sort((a, b) => a - b) };
    const portNos: number[] = [];
    for (const p of dp.info.ports.values()) {
      if (p.portNo > OFPP.MAX) continue;
      if (p.config & OFPPC.PORT_DOWN || p.state & OFPPS.LINK_DOWN) continue;
      portNos.push(p.portNo);
    }
    return { dpid, portNos: portNos.sort((a, b) => a - b) };
  }

  private link(l: SwitchLink): TopologyLink {
    // ofp_port.curr_speed is kbps; the API speaks bits per second.
    const speedKbps = this.datapaths.get(l.src.dpid)?.info.ports.get(l.src.port)?.currSpeed ?? 0;
    return {
      src: { dpid: l.src.dpid, portNo: l.src.port },
      dst: { dpid: l.dst.dpid, portNo: l.dst.port },
      bandwidthBps: BigInt(speedKbps) * 1000n,
      discoveredAt: new Date(l.discoveredAt),
    };
  }
}
