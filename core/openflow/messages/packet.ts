/**
 * Packet messages (OF1.3.5 §7.3.7 packet-out, §7.4.1 packet-in). These are the hot path of a
 * reactive controller, so the decoders do no more than read fields and copy the frame once.
 */
import { decodeActions, encodeActions, type Action } from '../actions.js';
import { decodeMatch, encodeMatch, type Match } from '../match.js';
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';

/** ofp_packet_in. */
export interface PacketIn {
  type: 'PACKET_IN';
  xid: number;
  /** OFP_NO_BUFFER when the whole frame is in `data`. */
  bufferId: number;
  /** Length of the frame on the switch; `data` may be shorter (miss_send_len / max_len). */
  totalLen: number;
  /** OFPR_*. */
  reason: number;
  tableId: number;
  cookie: bigint;
  /** Pipeline fields: in_port always, plus metadata and tunnel_id when set. */
  match: Match;
  data: Buffer;
}

/** ofp_packet_out. */
export interface PacketOut {
  type: 'PACKET_OUT';
  xid: number;
  bufferId: number;
  inPort: number;
  actions: readonly Action[];
  /** The frame when bufferId is OFP_NO_BUFFER; empty otherwise. */
  data: Buffer;
}

export function decodePacketIn(r: OfpReader, xid: number): PacketIn {
  const bufferId = r.u32('ofp_packet_in.buffer_id');
  const totalLen = r.u16('ofp_packet_in.total_len');
  const reason = r.u8('ofp_packet_in.reason');
  const tableId = r.u8('ofp_packet_in.table_id');
  const cookie = r.u64('ofp_packet_in.cookie');
  const match = decodeMatch(r);
  // Two pad bytes put the Ethernet frame's IP header on a 4-byte boundary (§7.4.1).
  r.skip(2, 'ofp_packet_in.pad');
  const data = r.bytes(r.remaining, 'ofp_packet_in.data');
  return { type: 'PACKET_IN', xid, bufferId, totalLen, reason, tableId, cookie, match, data };
}

export function encodePacketIn(w: OfpWriter, m: PacketIn): void {
  w.u32(m.bufferId);
  w.u16(m.totalLen);
  w.u8(m.reason);
  w.u8(m.tableId);
  w.u64(m.cookie);
  encodeMatch(w, m.match);
  w.zeros(2);
  w.bytes(m.data);
}

export function decodePacketOut(r: OfpReader, xid: number): PacketOut {
  const bufferId = r.u32('ofp_packet_out.buffer_id');
  const inPort = r.u32('ofp_packet_out.in_port');
  const actionsLen = r.u16('ofp_packet_out.actions_len');
  r.skip(6, 'ofp_packet_out.pad');
  const actions = decodeActions(r, actionsLen);
  const data = r.bytes(r.remaining, 'ofp_packet_out.data');
  return { type: 'PACKET_OUT', xid, bufferId, inPort, actions, data };
}

export function encodePacketOut(w: OfpWriter, m: PacketOut): void {
  w.u32(m.bufferId);
  w.u32(m.inPort);
  const lenAt = w.pos;
  w.u16(0); // actions_len, patched below
  w.zeros(6);
  const start = w.pos;
  encodeActions(w, m.actions);
  w.patchU16(lenAt, w.pos - start);
  w.bytes(m.data);
}
