/**
 * Multipart messages (OF1.3.5 §7.3.5): ofp_multipart_request/reply and every body they carry.
 *
 * The body is a union discriminated by `mpType` (the OFPMP_ name without its prefix). One table,
 * MULTIPART_BODIES, pairs each multipart type with its request and reply body codecs, so decoding
 * dispatch and encoding read the same facts.
 */
import { OFPMP, type OfpMultipartTypeName } from '../constants.js';
import { OFPBRC, OFPET } from '../error-codes.js';
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';
import { decodePortDesc, encodePortDesc, type PortDesc } from '../port-desc.js';
import { decodeTableFeatures, encodeTableFeatures, type TableFeatures } from '../table-features.js';
import {
  decodeAggregateStats, decodeFlowStats, decodeFlowStatsRequest, encodeAggregateStats, encodeFlowStats,
  encodeFlowStatsRequest, type AggregateStats, type FlowStats, type FlowStatsRequest,
} from './flow.js';
import {
  decodeGroupDesc, decodeGroupFeatures, decodeGroupStats, encodeGroupDesc, encodeGroupFeatures,
  encodeGroupStats, type GroupDesc, type GroupFeatures, type GroupStats,
} from './group.js';
import {
  decodeMeterConfig, decodeMeterFeatures, decodeMeterStats, encodeMeterConfig, encodeMeterFeatures,
  encodeMeterStats, type MeterConfig, type MeterFeatures, type MeterStats,
} from './meter.js';
import {
  decodePortStats, decodePortStatsRequest, encodePortStats, encodePortStatsRequest, type PortStats,
  type PortStatsRequest,
} from './port.js';
import {
  decodeQueueStats, decodeQueueStatsRequest, encodeQueueStats, encodeQueueStatsRequest, type QueueStats,
  type QueueStatsRequest,
} from './queue.js';
import { decodeDesc, encodeDesc, type Desc } from './switch-config.js';
import { decodeTableStats, encodeTableStats, type TableStats } from './table.js';

/** Body of an OFPMP_EXPERIMENTER request or reply (ofp_experimenter_multipart_header + data). */
export interface ExperimenterMultipart {
  experimenter: number;
  expType: number;
  data: Buffer;
}

export type MultipartRequestBody =
  | { mpType: 'DESC' }
  | ({ mpType: 'FLOW' } & FlowStatsRequest)
  | ({ mpType: 'AGGREGATE' } & FlowStatsRequest)
  | { mpType: 'TABLE' }
  | ({ mpType: 'PORT_STATS' } & PortStatsRequest)
  | ({ mpType: 'QUEUE' } & QueueStatsRequest)
  | { mpType: 'GROUP'; groupId: number }
  | { mpType: 'GROUP_DESC' }
  | { mpType: 'GROUP_FEATURES' }
  | { mpType: 'METER'; meterId: number }
  | { mpType: 'METER_CONFIG'; meterId: number }
  | { mpType: 'METER_FEATURES' }
  /** An empty list asks for the current features; a non-empty one sets them (§7.3.5.5.1). */
  | { mpType: 'TABLE_FEATURES'; tables: readonly TableFeatures[] }
  | { mpType: 'PORT_DESC' }
  | ({ mpType: 'EXPERIMENTER' } & ExperimenterMultipart);

export type MultipartReplyBody =
  | ({ mpType: 'DESC' } & Desc)
  | { mpType: 'FLOW'; stats: readonly FlowStats[] }
  | ({ mpType: 'AGGREGATE' } & AggregateStats)
  | { mpType: 'TABLE'; stats: readonly TableStats[] }
  | { mpType: 'PORT_STATS'; stats: readonly PortStats[] }
  | { mpType: 'QUEUE'; stats: readonly QueueStats[] }
  | { mpType: 'GROUP'; stats: readonly GroupStats[] }
  | { mpType: 'GROUP_DESC'; groups: readonly GroupDesc[] }
  | ({ mpType: 'GROUP_FEATURES' } & GroupFeatures)
  | { mpType: 'METER'; stats: readonly MeterStats[] }
  | { mpType: 'METER_CONFIG'; configs: readonly MeterConfig[] }
  | ({ mpType: 'METER_FEATURES' } & MeterFeatures)
  | { mpType: 'TABLE_FEATURES'; tables: readonly TableFeatures[] }
  | { mpType: 'PORT_DESC'; ports: readonly PortDesc[] }
  | ({ mpType: 'EXPERIMENTER' } & ExperimenterMultipart);

export interface MultipartRequest {
  type: 'MULTIPART_REQUEST';
  xid: number;
  /** OFPMPF_REQ_MORE when further requests of the same xid follow. */
  flags: number;
  body: MultipartRequestBody;
}

export interface MultipartReply {
  type: 'MULTIPART_REPLY';
  xid: number;
  /** OFPMPF_REPLY_MORE when further replies of the same xid follow. */
  flags: number;
  body: MultipartReplyBody;
}

interface BodyCodec<B> {
  /** Reads the whole body; `r` ends where the message ends. */
  decode(r: OfpReader): B;
  encode(w: OfpWriter, body: B): void;
}

type RequestOf<K extends OfpMultipartTypeName> = Extract<MultipartRequestBody, { mpType: K }>;
type ReplyOf<K extends OfpMultipartTypeName> = Extract<MultipartReplyBody, { mpType: K }>;

const nothing = <K extends OfpMultipartTypeName>(mpType: K): BodyCodec<{ mpType: K }> => ({
  decode: () => ({ mpType }),
  encode: () => {},
});

/** Entries back to back until the body ends; each decoder bounds itself by its own length. */
function entries<T>(r: OfpReader, decodeOne: (r: OfpReader) => T): T[] {
  const out: T[] = [];
  while (r.remaining > 0) out.push(decodeOne(r));
  return out;
}

/** A body that is one list of entries under `key` (`stats`, `ports` ...), each bounded by its own length. */
function listBody<K extends OfpMultipartTypeName, F extends string, T>(
  mpType: K, key: F, decodeOne: (r: OfpReader) => T, encodeOne: (w: OfpWriter, entry: T) => void,
): BodyCodec<{ mpType: K } & { [P in F]: readonly T[] }> {
  type B = { mpType: K } & { [P in F]: readonly T[] };
  return {
    decode: (r) => ({ mpType, [key]: entries(r, decodeOne) }) as B,
    encode: (w, b) => { for (const e of b[key] as readonly T[]) encodeOne(w, e); },
  };
}

function decodeExperimenterMultipart(r: OfpReader): ExperimenterMultipart {
  const experimenter = r.u32('ofp_experimenter_multipart_header.experimenter');
  const expType = r.u32('ofp_experimenter_multipart_header.exp_type');
  return { experimenter, expType, data: r.bytes(r.remaining, 'ofp_experimenter_multipart.data') };
}

function encodeExperimenterMultipart(w: OfpWriter, b: ExperimenterMultipart): void {
  w.u32(b.experimenter);
  w.u32(b.expType);
  w.bytes(b.data);
}

/** ofp_group_stats_request and ofp_meter_multipart_request: one u32 id (under `key`), then 4 pad bytes. */
function idBody<K extends OfpMultipartTypeName, F extends string>(
  mpType: K, key: F, struct: string, field: string,
): BodyCodec<{ mpType: K } & { [P in F]: number }> {
  type B = { mpType: K } & { [P in F]: number };
  const idName = `${struct}.${field}`;
  const padName = `${struct}.pad`;
  return {
    decode: (r) => {
      const id = r.u32(idName);
      r.skip(4, padName);
      return { mpType, [key]: id } as B;
    },
    encode: (w, b) => { w.u32(b[key] as number); w.zeros(4); },
  };
}

/** The multipart table: per OFPMP_ type, how its request and reply bodies go on the wire. */
const MULTIPART_BODIES: {
  [K in OfpMultipartTypeName]: { request: BodyCodec<RequestOf<K>>; reply: BodyCodec<ReplyOf<K>> };
} = {
  DESC: {
    request: nothing('DESC'),
    reply: { decode: (r) => ({ mpType: 'DESC', ...decodeDesc(r) }), encode: encodeDesc },
  },
  FLOW: {
    request: { decode: (r) => ({ mpType: 'FLOW', ...decodeFlowStatsRequest(r) }), encode: encodeFlowStatsRequest },
    reply: listBody('FLOW', 'stats', decodeFlowStats, encodeFlowStats),
  },
  AGGREGATE: {
    request: { decode: (r) => ({ mpType: 'AGGREGATE', ...decodeFlowStatsRequest(r) }), encode: encodeFlowStatsRequest },
    reply: { decode: (r) => ({ mpType: 'AGGREGATE', ...decodeAggregateStats(r) }), encode: encodeAggregateStats },
  },
  TABLE: {
    request: nothing('TABLE'),
    reply: listBody('TABLE', 'stats', decodeTableStats, encodeTableStats),
  },
  PORT_STATS: {
    request: { decode: (r) => ({ mpType: 'PORT_STATS', ...decodePortStatsRequest(r) }), encode: encodePortStatsRequest },
    reply: listBody('PORT_STATS', 'stats', decodePortStats, encodePortStats),
  },
  QUEUE: {
    request: { decode: (r) => ({ mpType: 'QUEUE', ...decodeQueueStatsRequest(r) }), encode: encodeQueueStatsRequest },
    reply: listBody('QUEUE', 'stats', decodeQueueStats, encodeQueueStats),
  },
  GROUP: {
    request: idBody('GROUP', 'groupId', 'ofp_group_stats_request', 'group_id'),
    reply: listBody('GROUP', 'stats', decodeGroupStats, encodeGroupStats),
  },
  GROUP_DESC: {
    request: nothing('GROUP_DESC'),
    reply: listBody('GROUP_DESC', 'groups', decodeGroupDesc, encodeGroupDesc),
  },
  GROUP_FEATURES: {
    request: nothing('GROUP_FEATURES'),
    reply: { decode: (r) => ({ mpType: 'GROUP_FEATURES', ...decodeGroupFeatures(r) }), encode: encodeGroupFeatures },
  },
  METER: {
    request: idBody('METER', 'meterId', 'ofp_meter_multipart_request', 'meter_id'),
    reply: listBody('METER', 'stats', decodeMeterStats, encodeMeterStats),
  },
  METER_CONFIG: {
    request: idBody('METER_CONFIG', 'meterId', 'ofp_meter_multipart_request', 'meter_id'),
    reply: listBody('METER_CONFIG', 'configs', decodeMeterConfig, encodeMeterConfig),
  },
  METER_FEATURES: {
    request: nothing('METER_FEATURES'),
    reply: { decode: (r) => ({ mpType: 'METER_FEATURES', ...decodeMeterFeatures(r) }), encode: encodeMeterFeatures },
  },
  TABLE_FEATURES: {
    request: listBody('TABLE_FEATURES', 'tables', decodeTableFeatures, encodeTableFeatures),
    reply: listBody('TABLE_FEATURES', 'tables', decodeTableFeatures, encodeTableFeatures),
  },
  PORT_DESC: {
    request: nothing('PORT_DESC'),
    reply: listBody('PORT_DESC', 'ports', decodePortDesc, encodePortDesc),
  },
  EXPERIMENTER: {
    request: {
      decode: (r) => ({ mpType: 'EXPERIMENTER', ...decodeExperimenterMultipart(r) }),
      encode: encodeExperimenterMultipart,
    },
    reply: {
      decode: (r) => ({ mpType: 'EXPERIMENTER', ...decodeExperimenterMultipart(r) }),
      encode: encodeExperimenterMultipart,
    },
  },
};

const MULTIPART_NAMES = new Map<number, OfpMultipartTypeName>(
  Object.entries(OFPMP).map(([name, code]) => [code, name as OfpMultipartTypeName]),
);

/** Reads ofp_multipart_request/reply after the ofp_header: type, flags, pad, body. */
function decodeMultipartHeader(r: OfpReader): { name: OfpMultipartTypeName; flags: number } {
  const mpType = r.u16('ofp_multipart.type');
  const flags = r.u16('ofp_multipart.flags');
  r.skip(4, 'ofp_multipart.pad');
  const name = MULTIPART_NAMES.get(mpType);
  if (name === undefined) {
    r.pos -= 8;
    throw r.error('ofp_multipart.type', `unknown multipart type ${mpType}`,
      { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_MULTIPART });
  }
  return { name, flags };
}

export function decodeMultipartRequest(r: OfpReader, xid: number): MultipartRequest {
  const { name, flags } = decodeMultipartHeader(r);
  return { type: 'MULTIPART_REQUEST', xid, flags, body: MULTIPART_BODIES[name].request.decode(r) };
}

export function decodeMultipartReply(r: OfpReader, xid: number): MultipartReply {
  const { name, flags } = decodeMultipartHeader(r);
  return { type: 'MULTIPART_REPLY', xid, flags, body: MULTIPART_BODIES[name].reply.decode(r) };
}

export function encodeMultipartRequest(w: OfpWriter, m: MultipartRequest): void {
  w.u16(OFPMP[m.body.mpType]);
  w.u16(m.flags);
  w.zeros(4);
  // The table is indexed by the body's own mpType, so the pairing is right by construction;
  // TypeScript cannot correlate the two union lookups, hence the widening.
  (MULTIPART_BODIES[m.body.mpType].request as BodyCodec<MultipartRequestBody>).encode(w, m.body);
}

export function encodeMultipartReply(w: OfpWriter, m: MultipartReply): void {
  w.u16(OFPMP[m.body.mpType]);
  w.u16(m.flags);
  w.zeros(4);
  (MULTIPART_BODIES[m.body.mpType].reply as BodyCodec<MultipartReplyBody>).encode(w, m.body);
}
