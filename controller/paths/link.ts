/**
 * Links between switches, as the path code models them.
 *
 * A link is directed: traffic leaves `src` (dpid, port) and arrives at `dst` (dpid, port). A
 * physical cable is two links, one per direction, because LLDP discovers each direction on its
 * own and because load and latency differ per direction.
 */
import { type Dpid, dpidToHex } from './dpid.js';

/** A switch port. Port numbers are OpenFlow `ofp_port_no` values (uint32). */
export interface PortRef {
  readonly dpid: Dpid;
  readonly port: number;
}

/** Metrics a weight function may read. Every field is optional; weights choose their fallback. */
export interface LinkAttrs {
  /** Administratively configured metric (like an OSPF interface cost). */
  readonly cost?: number;
  /** Measured one-way latency in microseconds (e.g. from LLDP probe timestamps). */
  readonly latencyUs?: number;
  /** Link speed in bits/s (OFPMP_PORT_DESC `curr_speed` is in kb/s: multiply by 1000). */
  readonly capacityBps?: number;
  /** Capacity not in use, bits/s, from port statistics; read by the min-bandwidth constraint. */
  readonly availableBps?: number;
}

/** `<src dpid hex>:<src port>-<dst dpid hex>:<dst port>`, unique per directed link. */
export type LinkId = string;

export interface Link {
  readonly id: LinkId;
  readonly src: PortRef;
  readonly dst: PortRef;
  readonly attrs: LinkAttrs;
}

export function portKey(p: PortRef): string {
  return `${dpidToHex(p.dpid)}:${p.port}`;
}

export function linkId(src: PortRef, dst: PortRef): LinkId {
  return `${portKey(src)}-${portKey(dst)}`;
}

export function isValidPortNo(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= 0xffffffff;
}
