/**
 * Per-connection asynchronous message filters (OF1.3.5 §6.1.1, §7.3.10). Index 0 of each mask
 * applies while the connection is MASTER or EQUAL, index 1 while it is SLAVE; bit n of a mask
 * enables reason n (OFPR_*, OFPPR_*, OFPRR_*).
 */
import { OFPCR_ROLE, OFPPR, OFPR, OFPRR } from '../../core/openflow/constants.js';
import type { AsyncConfig } from '../../core/openflow/index.js';

const bit = (n: number): number => 1 << n;

const ALL_PACKET_IN = bit(OFPR.NO_MATCH) | bit(OFPR.ACTION) | bit(OFPR.INVALID_TTL);
const ALL_PORT_STATUS = bit(OFPPR.ADD) | bit(OFPPR.DELETE) | bit(OFPPR.MODIFY);
const ALL_FLOW_REMOVED = bit(OFPRR.IDLE_TIMEOUT) | bit(OFPRR.HARD_TIMEOUT) | bit(OFPRR.DELETE) | bit(OFPRR.GROUP_DELETE);

/**
 * The spec's defaults: a master or equal controller gets every packet-in, port-status and
 * flow-removed; a slave gets port-status only.
 */
export function defaultAsyncConfig(): AsyncConfig {
  return {
    packetInMask: [ALL_PACKET_IN, 0],
    portStatusMask: [ALL_PORT_STATUS, ALL_PORT_STATUS],
    flowRemovedMask: [ALL_FLOW_REMOVED, 0],
  };
}

export type AsyncKind = 'PACKET_IN' | 'PORT_STATUS' | 'FLOW_REMOVED';

/** Whether a connection in `role` with `config` wants an async message of `kind` for `reason`. */
export function asyncWanted(config: AsyncConfig, role: number, kind: AsyncKind, reason: number): boolean {
  if (reason < 0 || reason > 31) return false;
  const index = role === OFPCR_ROLE.SLAVE ? 1 : 0;
  const mask = kind === 'PACKET_IN' ? config.packetInMask : kind === 'PORT_STATUS' ? config.portStatusMask : config.flowRemovedMask;
  return ((mask[index] >>> reason) & 1) === 1;
}

export function copyAsyncConfig(c: AsyncConfig): AsyncConfig {
  return {
    packetInMask: [c.packetInMask[0], c.packetInMask[1]],
    portStatusMask: [c.portStatusMask[0], c.portStatusMask[1]],
    flowRemovedMask: [c.flowRemovedMask[0], c.flowRemovedMask[1]],
  };
}
