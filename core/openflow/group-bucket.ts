/**
 * ofp_bucket (OpenFlow 1.3.5 §7.3.4.2): one action bucket of a group, as carried by GROUP_MOD and
 * the GROUP_DESC multipart reply.
 */
import { decodeActions, encodeActions, type Action } from './actions.js';
import { OfpEncodeError } from './encode-error.js';
import { OFPET, OFPGMFC } from './error-codes.js';
import { readList } from './tlv-list.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';

/** Bytes of ofp_bucket before its actions. */
export const OFP_BUCKET_HEADER_LEN = 16;

export interface Bucket {
  /** Relative weight for OFPGT_SELECT groups; 0 for the other types. */
  readonly weight: number;
  /** Port whose liveness gates this bucket (OFPGT_FF); OFPP_ANY when unused. */
  readonly watchPort: number;
  /** Group whose liveness gates this bucket (OFPGT_FF); OFPG_ANY when unused. */
  readonly watchGroup: number;
  readonly actions: readonly Action[];
}

const BAD_BUCKET = { type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.BAD_BUCKET } as const;

/** Reads exactly `len` bytes of buckets. A bucket length under 16 or past the list is OFPGMFC_BAD_BUCKET. */
export function decodeBuckets(r: OfpReader, len: number): Bucket[] {
  return readList(r, len, 'buckets', decodeBucket);
}

export function decodeBucket(r: OfpReader, index = 0): Bucket {
  const where = `ofp_bucket[${index}]`;
  if (r.remaining < OFP_BUCKET_HEADER_LEN) {
    throw r.error(where, `needs ${OFP_BUCKET_HEADER_LEN} bytes, ${r.remaining} left`, BAD_BUCKET);
  }
  const len = r.buf.readUInt16BE(r.pos);
  if (len < OFP_BUCKET_HEADER_LEN || len > r.remaining) {
    throw r.error(`${where}.len`, `bucket length ${len} is not within ${OFP_BUCKET_HEADER_LEN}..${r.remaining}`, BAD_BUCKET);
  }
  r.pos += 2;
  const weight = r.u16(`${where}.weight`);
  const watchPort = r.u32(`${where}.watch_port`);
  const watchGroup = r.u32(`${where}.watch_group`);
  r.skip(4, `${where}.pad`);
  const actions = decodeActions(r, len - OFP_BUCKET_HEADER_LEN);
  return { weight, watchPort, watchGroup, actions };
}

export function encodeBuckets(w: OfpWriter, list: readonly Bucket[]): void {
  for (const b of list) encodeBucket(w, b);
}

export function encodeBucket(w: OfpWriter, b: Bucket): void {
  const start = w.pos;
  w.u16(0);
  w.u16(b.weight);
  w.u32(b.watchPort);
  w.u32(b.watchGroup);
  w.zeros(4);
  encodeActions(w, b.actions);
  const len = w.pos - start;
  if (len > 0xffff) throw new OfpEncodeError('ofp_bucket.len', `${len} > 65535`);
  w.patchU16(start, len);
}
