/**
 * Hosts: where each end host is attached, learned from the traffic it sends.
 *
 * A host is identified by (MAC, VLAN) and sits at one switch edge port at a time. Its IPv4 and
 * IPv6 addresses are the ones it has been seen using as a source (ARP sender, IP source,
 * Neighbor Discovery). Hosts are only ever learned at edge ports (ports with no switch link),
 * so a frame passing between switches never moves a host onto the fabric.
 *
 * Events, emitted after the table changed: `hosts.added`, `hosts.updated` (new address),
 * `hosts.moved` (another edge port; `previous` has the old location) and `hosts.removed`
 * (aged out, its port went down, its switch left, or its port turned out to be a switch link).
 */
import { Hosts as HostsToken } from '../../core/kernel/tokens.js';
import type { MacAddress } from '../../core/net/mac-address.js';
import type { PortRef } from '../paths/link.js';
import type { Dpid } from '../services/datapaths.js';

export interface Host {
  readonly mac: MacAddress;
  /** 0 when untagged. */
  readonly vlan: number;
  /** Dotted-quad text, in the order first seen. */
  readonly ipv4: readonly string[];
  /** Canonical (RFC 5952) text, in the order first seen. */
  readonly ipv6: readonly string[];
  readonly location: PortRef;
  /** Wall-clock ms. */
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface Hosts {
  /** Every host, by MAC then VLAN. */
  list(): Host[];
  byMac(mac: MacAddress, vlan?: number): Host | undefined;
  /** IPv4 or IPv6 address text. */
  byIp(ip: string): Host | undefined;
  /** Hosts on a switch, or on one of its ports. */
  at(dpid: Dpid, port?: number): Host[];
}
export const Hosts = HostsToken;

export type HostRemovedReason = 'aged' | 'port-down' | 'switch-removed' | 'switch-link';

export interface HostEvent { host: Host }
export interface HostMovedEvent { host: Host; previous: Host }
export interface HostRemovedEvent { host: Host; reason: HostRemovedReason }

declare module '../../core/kernel/sluice-events.js' {
  interface SluiceEvents {
    'hosts.added': HostEvent;
    'hosts.updated': HostEvent;
    'hosts.moved': HostMovedEvent;
    'hosts.removed': HostRemovedEvent;
  }
}
