/**
 * Port messages (OF1.3.5 §7.4.3 port-status, §7.3.4.5 port-mod, §7.3.5.6 port statistics,
 * §7.3.5.7 port description).
 */
import { OfpEncodeError } from '../encode-error.js';
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';
import { macBytes, macText } from '../../net/index.js';
import { decodePortDesc, encodePortDesc, type PortDesc } from '../port-desc.js';

/** ofp_port_status. */
export interface PortStatus {
  type: 'PORT_STATUS';
  xid: number;
  /** OFPPR_*. */
  reason: number;
  desc: PortDesc;
}

/** ofp_port_mod. */
export interface PortMod {
  type: 'PORT_MOD';
  xid: number;
  portNo: number;
  /** The port's MAC, "aa:bb:cc:dd:ee:ff"; it guards against modifying the wrong port (§7.3.4.5). */
  hwAddr: string;
  /** OFPPC_* bits to set, under `mask`. */
  config: number;
  mask: number;
  /** OFPPF_* bits to advertise; 0 leaves advertisement unchanged. */
  advertise: number;
}

/** ofp_port_stats_request. */
export interface PortStatsRequest {
  /** A port number or OFPP_ANY. */
  portNo: number;
}

/** One ofp_port_stats entry. */
export interface PortStats {
  portNo: number;
  rxPackets: bigint;
  txPackets: bigint;
  rxBytes: bigint;
  txBytes: bigint;
  rxDropped: bigint;
  txDropped: bigint;
  rxErrors: bigint;
  txErrors: bigint;
  rxFrameErr: bigint;
  rxOverErr: bigint;
  rxCrcErr: bigint;
  collisions: bigint;
  durationSec: number;
  durationNsec: number;
}

export function decodePortStatus(r: OfpReader, xid: number): PortStatus {
  const reason = r.u8('ofp_port_status.reason');
  r.skip(7, 'ofp_port_status.pad');
  return { type: 'PORT_STATUS', xid, reason, desc: decodePortDesc(r) };
}

export function encodePortStatus(w: OfpWriter, m: PortStatus): void {
  w.u8(m.reason);
  w.zeros(7);
  encodePortDesc(w, m.desc);
}

export function decodePortMod(r: OfpReader, xid: number): PortMod {
  const portNo = r.u32('ofp_port_mod.port_no');
  r.skip(4, 'ofp_port_mod.pad');
  r.need(6, 'ofp_port_mod.hw_addr');
  const hwAddr = macText(r.buf, r.pos);
  r.skip(6, 'ofp_port_mod.hw_addr');
  r.skip(2, 'ofp_port_mod.pad2');
  const config = r.u32('ofp_port_mod.config');
  const mask = r.u32('ofp_port_mod.mask');
  const advertise = r.u32('ofp_port_mod.advertise');
  r.skip(4, 'ofp_port_mod.pad3');
  return { type: 'PORT_MOD', xid, portNo, hwAddr, config, mask, advertise };
}

export function encodePortMod(w: OfpWriter, m: PortMod): void {
  w.u32(m.portNo);
  w.zeros(4);
  const at = w.pos;
  w.zeros(6);
  if (!macBytes(m.hwAddr, w.buf, at)) throw new OfpEncodeError('ofp_port_mod.hw_addr', `${JSON.stringify(m.hwAddr)} is not a MAC`);
  w.zeros(2);
  w.u32(m.config);
  w.u32(m.mask);
  w.u32(m.advertise);
  w.zeros(4);
}

export function decodePortStatsRequest(r: OfpReader): PortStatsRequest {
  const portNo = r.u32('ofp_port_stats_request.port_no');
  r.skip(4, 'ofp_port_stats_request.pad');
  return { portNo };
}

export function encodePortStatsRequest(w: OfpWriter, q: PortStatsRequest): void {
  w.u32(q.portNo);
  w.zeros(4);
}

export function decodePortStats(r: OfpReader): PortStats {
  const portNo = r.u32('ofp_port_stats.port_no');
  r.skip(4, 'ofp_port_stats.pad');
  const c = (name: string): bigint => r.u64(`ofp_port_stats.${name}`);
  const rxPackets = c('rx_packets');
  const txPackets = c('tx_packets');
  const rxBytes = c('rx_bytes');
  const txBytes = c('tx_bytes');
  const rxDropped = c('rx_dropped');
  const txDropped = c('tx_dropped');
  const rxErrors = c('rx_errors');
  const txErrors = c('tx_errors');
  const rxFrameErr = c('rx_frame_err');
  const rxOverErr = c('rx_over_err');
  const rxCrcErr = c('rx_crc_err');
  const collisions = c('collisions');
  const durationSec = r.u32('ofp_port_stats.duration_sec');
  const durationNsec = r.u32('ofp_port_stats.duration_nsec');
  return {
    portNo, rxPackets, txPackets, rxBytes, txBytes, rxDropped, txDropped, rxErrors, txErrors,
    rxFrameErr, rxOverErr, rxCrcErr, collisions, durationSec, durationNsec,
  };
}

export function encodePortStats(w: OfpWriter, p: PortStats): void {
  w.u32(p.portNo);
  w.zeros(4);
  for (const v of [p.rxPackets, p.txPackets, p.rxBytes, p.txBytes, p.rxDropped, p.txDropped,
    p.rxErrors, p.txErrors, p.rxFrameErr, p.rxOverErr, p.rxCrcErr, p.collisions]) w.u64(v);
  w.u32(p.durationSec);
  w.u32(p.durationNsec);
}
