/**
 * The host table as state: no I/O and no clock (every method takes `now`), each change
 * returned as the event it causes, for the tracker to emit (ONOS's HostStore shape).
 *
 * Ageing uses `lastSeen`, refreshed by every sighting; `expire` removes hosts silent for
 * longer than the configured age.
 */
import { MacAddress } from '../../core/net/mac-address.js';
import type { PortRef } from '../paths/link.js';
import type { Dpid } from '../services/datapaths.js';
import type { Host, HostRemovedReason } from './hosts.js';

export interface Sighting {
  mac: MacAddress;
  vlan: number;
  ipv4?: string | undefined;
  ipv6?: string | undefined;
  location: PortRef;
}

export type HostChange =
  | { type: 'added' | 'updated'; host: Host }
  | { type: 'moved'; host: Host; previous: Host }
  | { type: 'removed'; host: Host; reason: HostRemovedReason };

/** A host as the table holds it: `lastSeen` is refreshed in place by every plain sighting. */
type StoredHost = Omit<Host, 'lastSeen'> & { lastSeen: number };

/**
 * Table key: the 48-bit MAC plus the VLAN id above it, a string only for tagged hosts (a
 * number key is exact only up to 2^53; the VLAN needs 12 more bits). Untagged — the common
 * case, and every packet-in refreshes one — costs no string building or hashing.
 */
type HostKey = number | string;
const keyOf = (mac: MacAddress, vlan: number): HostKey => (vlan === 0 ? mac.value : `${vlan}/${mac.value}`);

export class HostTable {
  private readonly hosts = new Map<HostKey, StoredHost>();
  private readonly byAddress = new Map<string, HostKey>();

  /** Records a sighting; returns what changed, or undefined for a plain refresh. */
  seen(s: Sighting, now: number): HostChange | undefined {
    const key = keyOf(s.mac, s.vlan);
    const prev = this.hosts.get(key);
    if (
      prev !== undefined && prev.location.dpid === s.location.dpid && prev.location.port === s.location.port &&
      (s.ipv4 === undefined || prev.ipv4.includes(s.ipv4)) && (s.ipv6 === undefined || prev.ipv6.includes(s.ipv6))
    ) {
      // Plain refresh, the packet-in hot path: same place, no new address. Nothing to emit.
      prev.lastSeen = now;
      return undefined;
    }
    const location = { dpid: s.location.dpid, port: s.location.port };
    if (prev === undefined) {
      const host: StoredHost = { mac: s.mac, vlan: s.vlan, ipv4: s.ipv4 ? [s.ipv4] : [], ipv6: s.ipv6 ? [s.ipv6] : [], location, firstSeen: now, lastSeen: now };
      this.store(key, host);
      return { type: 'added', host };
    }
    const moved = prev.location.dpid !== location.dpid || prev.location.port !== location.port;
    const newV4 = s.ipv4 !== undefined && !prev.ipv4.includes(s.ipv4);
    const newV6 = s.ipv6 !== undefined && !prev.ipv6.includes(s.ipv6);
    // A change makes a new object, so a `previous` handed out with an event stays as it was.
    const host: StoredHost = {
      ...prev,
      ipv4: newV4 ? [...prev.ipv4, s.ipv4!] : prev.ipv4,
      ipv6: newV6 ? [...prev.ipv6, s.ipv6!] : prev.ipv6,
      location: moved ? location : prev.location,
      lastSeen: now,
    };
    this.store(key, host);
    if (moved) return { type: 'moved', host, previous: prev };
    if (newV4 || newV6) return { type: 'updated', host };
    return undefined;
  }

  get(mac: MacAddress, vlan?: number): Host | undefined {
    if (vlan !== undefined) return this.hosts.get(keyOf(mac, vlan));
    for (const h of this.hosts.values()) if (h.mac.equals(mac)) return h;
    return undefined;
  }

  byIp(ip: string): Host | undefined {
    const key = this.byAddress.get(ip.toLowerCase());
    return key === undefined ? undefined : this.hosts.get(key);
  }

  list(): Host[] {
    return [...this.hosts.values()].sort((a, b) => a.mac.compare(b.mac) || a.vlan - b.vlan);
  }

  at(dpid: Dpid, port?: number): Host[] {
    return this.list().filter((h) => h.location.dpid === dpid && (port === undefined || h.location.port === port));
  }

  expire(now: number, maxAgeMs: number): HostChange[] {
    return this.removeWhere((h) => now - h.lastSeen > maxAgeMs, 'aged');
  }

  removeAt(dpid: Dpid, port: number | undefined, reason: HostRemovedReason): HostChange[] {
    return this.removeWhere((h) => h.location.dpid === dpid && (port === undefined || h.location.port === port), reason);
  }

  private removeWhere(pred: (h: Host) => boolean, reason: HostRemovedReason): HostChange[] {
    const out: HostChange[] = [];
    for (const [key, h] of [...this.hosts]) {
      if (!pred(h)) continue;
      this.hosts.delete(key);
      this.unindex(key, h);
      out.push({ type: 'removed', host: h, reason });
    }
    return out;
  }

  private store(key: HostKey, host: StoredHost): void {
    const prev = this.hosts.get(key);
    if (prev !== undefined) this.unindex(key, prev);
    this.hosts.set(key, host);
    // An address belongs to the host that used it last (DHCP reassignments, VRRP-style moves).
    for (const ip of [...host.ipv4, ...host.ipv6]) this.byAddress.set(ip, key);
  }

  private unindex(key: HostKey, host: Host): void {
    for (const ip of [...host.ipv4, ...host.ipv6]) if (this.byAddress.get(ip) === key) this.byAddress.delete(ip);
  }
}
