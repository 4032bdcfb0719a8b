/**
 * Topology: the switches and the switch-to-switch links LLDP discovered, as the rest of the
 * controller and the plugins see them.
 *
 * Links are directed (a cable is two links, each direction discovered by its own probe) and
 * carry OpenFlow port numbers. The service keeps a `TopologyGraph` (controller/paths) in step
 * with every change, and a `PathComputer` over it, so path queries and the flooding tree always
 * answer for the topology the last event described.
 *
 * Invariants a reader may rely on:
 * - `snapshot()` is one consistent view: every link's ends are in `switches`, and `version`
 *   changes whenever anything in it changes.
 * - An event (`topology.*` on the bus) is emitted after the state, graph included, already
 *   reflects it, so a listener that queries sees the new topology.
 * - An edge port is a port with no switch link; a port that has not yet had a chance to be
 *   probed is not an edge port yet (see `isEdgePort`), so host learning and flooding never
 *   treat a not-yet-discovered inter-switch port as host-facing.
 */
import { Topology as TopologyToken } from '../../core/kernel/tokens.js';
import type { PortRef } from '../paths/link.js';
import type { PathComputer } from '../paths/path-computer.js';
import type { TopologyGraph } from '../paths/topology-graph.js';
import type { Dpid } from '../services/datapaths.js';

export interface SwitchLink {
  readonly src: PortRef;
  readonly dst: PortRef;
  /** Wall-clock ms when the link was first verified. */
  readonly discoveredAt: number;
}

export interface TopologySnapshot {
  /** Changes whenever switches or links change. */
  readonly version: number;
  /** Ascending. */
  readonly switches: readonly Dpid[];
  /** Ordered by source (dpid, port). */
  readonly links: readonly SwitchLink[];
}

export interface Topology {
  snapshot(): TopologySnapshot;
  /** The link leaving this port, if one is known. */
  linkFrom(port: PortRef): SwitchLink | undefined;
  /** True when the port is up, has been probed, and no link leaves or enters it. */
  isEdgePort(dpid: Dpid, port: number): boolean;
  /** The switch's edge ports, ascending. */
  edgePorts(dpid: Dpid): number[];
  /** Live ports with a link, ascending. */
  switchPorts(dpid: Dpid): number[];
  /** Read-only for callers: the service mutates it. */
  readonly graph: TopologyGraph;
  /** Paths and the flooding tree over `graph`. */
  readonly paths: PathComputer;
}
export const Topology = TopologyToken;

export type LinkRemovedReason = 'timeout' | 'port-down' | 'port-deleted' | 'switch-removed' | 'replaced';

export interface LinkAddedEvent { link: SwitchLink }
export interface LinkRemovedEvent { link: SwitchLink; reason: LinkRemovedReason }
export interface SwitchEvent { dpid: Dpid }

declare module '../../core/kernel/sluice-events.js' {
  interface SluiceEvents {
    'topology.link-added': LinkAddedEvent;
    'topology.link-removed': LinkRemovedEvent;
    'topology.switch-added': SwitchEvent;
    'topology.switch-removed': SwitchEvent;
  }
}
