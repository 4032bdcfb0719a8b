/**
 * Group messages (OF1.3.5 §7.3.4.3 group-mod, §7.3.5.9–7.3.5.11 group statistics, description
 * and features).
 */
import { decodeBuckets, encodeBuckets, type Bucket } from '../group-bucket.js';
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';

/** ofp_group_mod. */
export interface GroupMod {
  type: 'GROUP_MOD';
  xid: number;
  /** OFPGC_*. */
  command: number;
  /** ofp_group_mod.type (OFPGT_*). */
  groupType: number;
  groupId: number;
  buckets: readonly Bucket[];
}

export interface BucketCounter {
  packetCount: bigint;
  byteCount: bigint;
}

/** One ofp_group_stats entry. */
export interface GroupStats {
  groupId: number;
  refCount: number;
  packetCount: bigint;
  byteCount: bigint;
  durationSec: number;
  durationNsec: number;
  bucketStats: readonly BucketCounter[];
}

/** One ofp_group_desc entry. */
export interface GroupDesc {
  groupType: number;
  groupId: number;
  buckets: readonly Bucket[];
}

/** ofp_group_features. Arrays are indexed by OFPGT_* (ALL, SELECT, INDIRECT, FF). */
export interface GroupFeatures {
  /** Bitmap of 1 << OFPGT_* supported. */
  types: number;
  /** OFPGFC_* bits. */
  capabilities: number;
  maxGroups: [number, number, number, number];
  /** Bitmaps of 1 << OFPAT_* supported, per group type. */
  actions: [number, number, number, number];
}

export function decodeGroupMod(r: OfpReader, xid: number): GroupMod {
  const command = r.u16('ofp_group_mod.command');
  const groupType = r.u8('ofp_group_mod.type');
  r.skip(1, 'ofp_group_mod.pad');
  const groupId = r.u32('ofp_group_mod.group_id');
  const buckets = decodeBuckets(r, r.remaining);
  return { type: 'GROUP_MOD', xid, command, groupType, groupId, buckets };
}

export function encodeGroupMod(w: OfpWriter, m: GroupMod): void {
  w.u16(m.command);
  w.u8(m.groupType);
  w.zeros(1);
  w.u32(m.groupId);
  encodeBuckets(w, m.buckets);
}

/** Reads one ofp_group_stats, bounded by its own length field. */
export function decodeGroupStats(r: OfpReader): GroupStats {
  const length = r.u16('ofp_group_stats.length');
  if (length < 40 || (length - 40) % 16 !== 0) {
    throw r.error('ofp_group_stats.length', `length ${length} is not 40 + 16n`);
  }
  const s = r.sub(length - 2, 'ofp_group_stats');
  s.skip(2, 'ofp_group_stats.pad');
  const groupId = s.u32('ofp_group_stats.group_id');
  const refCount = s.u32('ofp_group_stats.ref_count');
  s.skip(4, 'ofp_group_stats.pad2');
  const packetCount = s.u64('ofp_group_stats.packet_count');
  const byteCount = s.u64('ofp_group_stats.byte_count');
  const durationSec = s.u32('ofp_group_stats.duration_sec');
  const durationNsec = s.u32('ofp_group_stats.duration_nsec');
  const bucketStats: BucketCounter[] = [];
  while (s.remaining > 0) {
    const bucketPackets = s.u64('ofp_bucket_counter.packet_count');
    bucketStats.push({ packetCount: bucketPackets, byteCount: s.u64('ofp_bucket_counter.byte_count') });
  }
  return { groupId, refCount, packetCount, byteCount, durationSec, durationNsec, bucketStats };
}

export function encodeGroupStats(w: OfpWriter, g: GroupStats): void {
  w.u16(40 + 16 * g.bucketStats.length);
  w.zeros(2);
  w.u32(g.groupId);
  w.u32(g.refCount);
  w.zeros(4);
  w.u64(g.packetCount);
  w.u64(g.byteCount);
  w.u32(g.durationSec);
  w.u32(g.durationNsec);
  for (const b of g.bucketStats) {
    w.u64(b.packetCount);
    w.u64(b.byteCount);
  }
}

/** Reads one ofp_group_desc, bounded by its own length field. */
export function decodeGroupDesc(r: OfpReader): GroupDesc {
  const length = r.u16('ofp_group_desc.length');
  if (length < 8) throw r.error('ofp_group_desc.length', `length ${length} < 8`);
  const s = r.sub(length - 2, 'ofp_group_desc');
  const groupType = s.u8('ofp_group_desc.type');
  s.skip(1, 'ofp_group_desc.pad');
  const groupId = s.u32('ofp_group_desc.group_id');
  const buckets = decodeBuckets(s, s.remaining);
  return { groupType, groupId, buckets };
}

export function encodeGroupDesc(w: OfpWriter, g: GroupDesc): void {
  const start = w.pos;
  w.u16(0); // length, patched below
  w.u8(g.groupType);
  w.zeros(1);
  w.u32(g.groupId);
  encodeBuckets(w, g.buckets);
  w.patchU16(start, w.pos - start);
}

export function decodeGroupFeatures(r: OfpReader): GroupFeatures {
  const types = r.u32('ofp_group_features.types');
  const capabilities = r.u32('ofp_group_features.capabilities');
  const four = (field: string): [number, number, number, number] =>
    [r.u32(`${field}[0]`), r.u32(`${field}[1]`), r.u32(`${field}[2]`), r.u32(`${field}[3]`)];
  const maxGroups = four('ofp_group_features.max_groups');
  const actions = four('ofp_group_features.actions');
  return { types, capabilities, maxGroups, actions };
}

export function encodeGroupFeatures(w: OfpWriter, g: GroupFeatures): void {
  w.u32(g.types);
  w.u32(g.capabilities);
  for (const v of g.maxGroups) w.u32(v);
  for (const v of g.actions) w.u32(v);
}
