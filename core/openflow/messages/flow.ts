/**
 * Flow messages (OF1.3.5 §7.3.4.2 flow-mod, §7.4.2 flow-removed, §7.3.5.2–7.3.5.3 individual and
 * aggregate flow statistics).
 */
import { decodeInstructions, encodeInstructions, type Instruction } from '../instructions.js';
import { decodeMatch, encodeMatch, type Match } from '../match.js';
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';

/** ofp_flow_mod. */
export interface FlowMod {
  type: 'FLOW_MOD';
  xid: number;
  cookie: bigint;
  /** Restricts MODIFY/DELETE to flows whose cookie matches under this mask; 0 = no restriction. */
  cookieMask: bigint;
  tableId: number;
  /** OFPFC_*. */
  command: number;
  idleTimeout: number;
  hardTimeout: number;
  priority: number;
  bufferId: number;
  /** DELETE only: restrict to flows that output to this port (OFPP_ANY = no restriction). */
  outPort: number;
  /** DELETE only: restrict to flows that output to this group (OFPG_ANY = no restriction). */
  outGroup: number;
  /** OFPFF_* bits. */
  flags: number;
  match: Match;
  instructions: readonly Instruction[];
}

/** ofp_flow_removed. */
export interface FlowRemoved {
  type: 'FLOW_REMOVED';
  xid: number;
  cookie: bigint;
  priority: number;
  /** OFPRR_*. */
  reason: number;
  tableId: number;
  durationSec: number;
  durationNsec: number;
  idleTimeout: number;
  hardTimeout: number;
  packetCount: bigint;
  byteCount: bigint;
  match: Match;
}

/** ofp_flow_stats_request; ofp_aggregate_stats_request has the same layout. */
export interface FlowStatsRequest {
  tableId: number;
  outPort: number;
  outGroup: number;
  cookie: bigint;
  cookieMask: bigint;
  match: Match;
}

/** One ofp_flow_stats entry of a flow statistics reply. */
export interface FlowStats {
  tableId: number;
  durationSec: number;
  durationNsec: number;
  priority: number;
  idleTimeout: number;
  hardTimeout: number;
  flags: number;
  cookie: bigint;
  packetCount: bigint;
  byteCount: bigint;
  match: Match;
  instructions: readonly Instruction[];
}

/** ofp_aggregate_stats_reply. */
export interface AggregateStats {
  packetCount: bigint;
  byteCount: bigint;
  flowCount: number;
}

export function decodeFlowMod(r: OfpReader, xid: number): FlowMod {
  const cookie = r.u64('ofp_flow_mod.cookie');
  const cookieMask = r.u64('ofp_flow_mod.cookie_mask');
  const tableId = r.u8('ofp_flow_mod.table_id');
  const command = r.u8('ofp_flow_mod.command');
  const idleTimeout = r.u16('ofp_flow_mod.idle_timeout');
  const hardTimeout = r.u16('ofp_flow_mod.hard_timeout');
  const priority = r.u16('ofp_flow_mod.priority');
  const bufferId = r.u32('ofp_flow_mod.buffer_id');
  const outPort = r.u32('ofp_flow_mod.out_port');
  const outGroup = r.u32('ofp_flow_mod.out_group');
  const flags = r.u16('ofp_flow_mod.flags');
  r.skip(2, 'ofp_flow_mod.pad');
  const match = decodeMatch(r);
  const instructions = decodeInstructions(r, r.remaining);
  return {
    type: 'FLOW_MOD', xid, cookie, cookieMask, tableId, command, idleTimeout, hardTimeout,
    priority, bufferId, outPort, outGroup, flags, match, instructions,
  };
}

export function encodeFlowMod(w: OfpWriter, m: FlowMod): void {
  w.u64(m.cookie);
  w.u64(m.cookieMask);
  w.u8(m.tableId);
  w.u8(m.command);
  w.u16(m.idleTimeout);
  w.u16(m.hardTimeout);
  w.u16(m.priority);
  w.u32(m.bufferId);
  w.u32(m.outPort);
  w.u32(m.outGroup);
  w.u16(m.flags);
  w.zeros(2);
  encodeMatch(w, m.match);
  encodeInstructions(w, m.instructions);
}

export function decodeFlowRemoved(r: OfpReader, xid: number): FlowRemoved {
  const cookie = r.u64('ofp_flow_removed.cookie');
  const priority = r.u16('ofp_flow_removed.priority');
  const reason = r.u8('ofp_flow_removed.reason');
  const tableId = r.u8('ofp_flow_removed.table_id');
  const durationSec = r.u32('ofp_flow_removed.duration_sec');
  const durationNsec = r.u32('ofp_flow_removed.duration_nsec');
  const idleTimeout = r.u16('ofp_flow_removed.idle_timeout');
  const hardTimeout = r.u16('ofp_flow_removed.hard_timeout');
  const packetCount = r.u64('ofp_flow_removed.packet_count');
  const byteCount = r.u64('ofp_flow_removed.byte_count');
  const match = decodeMatch(r);
  return {
    type: 'FLOW_REMOVED', xid, cookie, priority, reason, tableId, durationSec, durationNsec,
    idleTimeout, hardTimeout, packetCount, byteCount, match,
  };
}

export function encodeFlowRemoved(w: OfpWriter, m: FlowRemoved): void {
  w.u64(m.cookie);
  w.u16(m.priority);
  w.u8(m.reason);
  w.u8(m.tableId);
  w.u32(m.durationSec);
  w.u32(m.durationNsec);
  w.u16(m.idleTimeout);
  w.u16(m.hardTimeout);
  w.u64(m.packetCount);
  w.u64(m.byteCount);
  encodeMatch(w, m.match);
}

export function decodeFlowStatsRequest(r: OfpReader): FlowStatsRequest {
  const tableId = r.u8('ofp_flow_stats_request.table_id');
  r.skip(3, 'ofp_flow_stats_request.pad');
  const outPort = r.u32('ofp_flow_stats_request.out_port');
  const outGroup = r.u32('ofp_flow_stats_request.out_group');
  r.skip(4, 'ofp_flow_stats_request.pad2');
  const cookie = r.u64('ofp_flow_stats_request.cookie');
  const cookieMask = r.u64('ofp_flow_stats_request.cookie_mask');
  const match = decodeMatch(r);
  return { tableId, outPort, outGroup, cookie, cookieMask, match };
}

export function encodeFlowStatsRequest(w: OfpWriter, q: FlowStatsRequest): void {
  w.u8(q.tableId);
  w.zeros(3);
  w.u32(q.outPort);
  w.u32(q.outGroup);
  w.zeros(4);
  w.u64(q.cookie);
  w.u64(q.cookieMask);
  encodeMatch(w, q.match);
}

/** Reads one ofp_flow_stats, bounded by its own length field. */
export function decodeFlowStats(r: OfpReader): FlowStats {
  const length = r.u16('ofp_flow_stats.length');
  if (length < 48) throw r.error('ofp_flow_stats.length', `length ${length} < 48`);
  r.need(length - 2, 'ofp_flow_stats');
  // `r` itself is bounded to the entry while it is read (no sub-reader per entry of a reply).
  const outerEnd = r.end;
  r.end = r.pos + length - 2;
  try {
    const tableId = r.u8('ofp_flow_stats.table_id');
    r.skip(1, 'ofp_flow_stats.pad');
    const durationSec = r.u32('ofp_flow_stats.duration_sec');
    const durationNsec = r.u32('ofp_flow_stats.duration_nsec');
    const priority = r.u16('ofp_flow_stats.priority');
    const idleTimeout = r.u16('ofp_flow_stats.idle_timeout');
    const hardTimeout = r.u16('ofp_flow_stats.hard_timeout');
    const flags = r.u16('ofp_flow_stats.flags');
    r.skip(4, 'ofp_flow_stats.pad2');
    const cookie = r.u64('ofp_flow_stats.cookie');
    const packetCount = r.u64('ofp_flow_stats.packet_count');
    const byteCount = r.u64('ofp_flow_stats.byte_count');
    const match = decodeMatch(r);
    const instructions = decodeInstructions(r, r.remaining);
    return {
      tableId, durationSec, durationNsec, priority, idleTimeout, hardTimeout, flags, cookie,
      packetCount, byteCount, match, instructions,
    };
  } finally {
    r.end = outerEnd;
  }
}

export function encodeFlowStats(w: OfpWriter, f: FlowStats): void {
  const start = w.pos;
  w.u16(0); // length, patched below
  w.u8(f.tableId);
  w.zeros(1);
  w.u32(f.durationSec);
  w.u32(f.durationNsec);
  w.u16(f.priority);
  w.u16(f.idleTimeout);
  w.u16(f.hardTimeout);
  w.u16(f.flags);
  w.zeros(4);
  w.u64(f.cookie);
  w.u64(f.packetCount);
  w.u64(f.byteCount);
  encodeMatch(w, f.match);
  encodeInstructions(w, f.instructions);
  w.patchU16(start, w.pos - start);
}

export function decodeAggregateStats(r: OfpReader): AggregateStats {
  const packetCount = r.u64('ofp_aggregate_stats_reply.packet_count');
  const byteCount = r.u64('ofp_aggregate_stats_reply.byte_count');
  const flowCount = r.u32('ofp_aggregate_stats_reply.flow_count');
  r.skip(4, 'ofp_aggregate_stats_reply.pad');
  return { packetCount, byteCount, flowCount };
}

export function encodeAggregateStats(w: OfpWriter, a: AggregateStats): void {
  w.u64(a.packetCount);
  w.u64(a.byteCount);
  w.u32(a.flowCount);
  w.zeros(4);
}
