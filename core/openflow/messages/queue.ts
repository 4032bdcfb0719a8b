/**
 * Queue messages (OF1.3.5 §7.3.6 queue configuration, §7.3.5.8 queue statistics).
 */
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';
import { decodePacketQueue, encodePacketQueue, type PacketQueue } from '../queue-props.js';

/** ofp_queue_get_config_request. */
export interface QueueGetConfigRequest {
  type: 'QUEUE_GET_CONFIG_REQUEST';
  xid: number;
  /** Port to query; OFPP_ANY for all ports. */
  port: number;
}

/** ofp_queue_get_config_reply. */
export interface QueueGetConfigReply {
  type: 'QUEUE_GET_CONFIG_REPLY';
  xid: number;
  port: number;
  queues: readonly PacketQueue[];
}

/** ofp_queue_stats_request. */
export interface QueueStatsRequest {
  portNo: number;
  /** OFPQ_ALL for every queue. */
  queueId: number;
}

/** One ofp_queue_stats entry. */
export interface QueueStats {
  portNo: number;
  queueId: number;
  txBytes: bigint;
  txPackets: bigint;
  txErrors: bigint;
  durationSec: number;
  durationNsec: number;
}

export function decodeQueueGetConfigRequest(r: OfpReader, xid: number): QueueGetConfigRequest {
  const port = r.u32('ofp_queue_get_config_request.port');
  r.skip(4, 'ofp_queue_get_config_request.pad');
  return { type: 'QUEUE_GET_CONFIG_REQUEST', xid, port };
}

export function encodeQueueGetConfigRequest(w: OfpWriter, m: QueueGetConfigRequest): void {
  w.u32(m.port);
  w.zeros(4);
}

export function decodeQueueGetConfigReply(r: OfpReader, xid: number): QueueGetConfigReply {
  const port = r.u32('ofp_queue_get_config_reply.port');
  r.skip(4, 'ofp_queue_get_config_reply.pad');
  const queues: PacketQueue[] = [];
  while (r.remaining > 0) queues.push(decodePacketQueue(r));
  return { type: 'QUEUE_GET_CONFIG_REPLY', xid, port, queues };
}

export function encodeQueueGetConfigReply(w: OfpWriter, m: QueueGetConfigReply): void {
  w.u32(m.port);
  w.zeros(4);
  for (const q of m.queues) encodePacketQueue(w, q);
}

export function decodeQueueStatsRequest(r: OfpReader): QueueStatsRequest {
  const portNo = r.u32('ofp_queue_stats_request.port_no');
  const queueId = r.u32('ofp_queue_stats_request.queue_id');
  return { portNo, queueId };
}

export function encodeQueueStatsRequest(w: OfpWriter, q: QueueStatsRequest): void {
  w.u32(q.portNo);
  w.u32(q.queueId);
}

export function decodeQueueStats(r: OfpReader): QueueStats {
  const portNo = r.u32('ofp_queue_stats.port_no');
  const queueId = r.u32('ofp_queue_stats.queue_id');
  const txBytes = r.u64('ofp_queue_stats.tx_bytes');
  const txPackets = r.u64('ofp_queue_stats.tx_packets');
  const txErrors = r.u64('ofp_queue_stats.tx_errors');
  const durationSec = r.u32('ofp_queue_stats.duration_sec');
  const durationNsec = r.u32('ofp_queue_stats.duration_nsec');
  return { portNo, queueId, txBytes, txPackets, txErrors, durationSec, durationNsec };
}

export function encodeQueueStats(w: OfpWriter, q: QueueStats): void {
  w.u32(q.portNo);
  w.u32(q.queueId);
  w.u64(q.txBytes);
  w.u64(q.txPackets);
  w.u64(q.txErrors);
  w.u32(q.durationSec);
  w.u32(q.durationNsec);
}
