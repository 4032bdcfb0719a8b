/**
 * Conversions between OfpMessage and Ryu's `to_jsondict()` JSON at the message level, both ways,
 * for the conformance corpus. Nested structures (match, actions, buckets, ...) go through
 * ryu-structures.ts.
 *
 * toRyu drops the xid (Ryu's JSON has none; the corpus's are 0) and gives every len/length the
 * value the encoder would write, measured by encoding. fromRyu ignores len/length keys (the
 * encoder recomputes them) and sets xid 0.
 *
 * Two Ryu forms need interpretation the codec itself does not do, and this adapter does it:
 * - ONF flow monitor requests (experimenter ONF, exp_type 1870) are an opaque OFPMP_EXPERIMENTER
 *   body to the codec; Ryu parses them into ONFFlowMonitorStatsRequest.
 * - a PACKET_OUT whose data Ryu built with its packet library shows the frame as `{Packet: ...}`;
 *   the caller asks for that form with `packetData: true` (see ryu-packet.ts).
 */
import {
  OFPMP, OXM_EXPERIMENTER, OfpReader, OfpWriter, decodeOxm, encodeActions, encodeOxm, oxmLength,
  type MultipartReplyBody, type MultipartRequestBody, type OfpMessage, type OfpMultipartTypeName, type OxmTlv,
} from '../../core/openflow/index.js';
import { encodeFlowStats, encodeGroupDesc, encodeMeterConfig } from '../../core/openflow/messages/index.js';
import { packetFromRyu, packetToRyu } from './ryu-packet.js';
import {
  actionFromRyu, actionToRyu, bucketFromRyu, bucketToRyu, helloElementFromRyu, helloElementToRyu, instructionFromRyu,
  instructionToRyu, matchFromRyu, matchToRyu, meterBandFromRyu, meterBandToRyu, packetQueueFromRyu, packetQueueToRyu,
  portDescFromRyu, portDescToRyu, ryuInt, tableFeaturesFromRyu, tableFeaturesToRyu, unwrap, type RyuJson,
} from './ryu-structures.js';

type Obj = Record<string, unknown>;

export interface ToRyuOptions {
  /** Show PACKET_OUT data as Ryu's packet-library JSON instead of base64. */
  packetData?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Flat fields: our camelCase names are the spec's snake_case names, so one rule maps them.

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Copies `keys` of `o` under their snake_case names; u64 values as loadRyuJson would give them. */
function flatTo(o: object, keys: readonly string[]): Obj {
  const src = o as Obj;
  const out: Obj = {};
  for (const k of keys) {
    const v = src[k];
    out[snake(k)] = typeof v === 'bigint' ? ryuInt(v) : v;
  }
  return out;
}

/** Reads `ints` (numbers) and `bigs` (bigint) from their snake_case names in `j`. */
function flatFrom(j: Obj, ints: readonly string[], bigs: readonly string[] = []): Obj {
  const out: Obj = {};
  for (const k of ints) {
    const v = j[snake(k)];
    if (typeof v !== 'number') throw new Error(`${snake(k)}: expected a number, got ${String(v)}`);
    out[k] = v;
  }
  for (const k of bigs) {
    const v = j[snake(k)];
    if (typeof v !== 'number' && typeof v !== 'bigint') throw new Error(`${snake(k)}: expected an integer`);
    out[k] = BigInt(v);
  }
  return out;
}

function list(j: Obj, k: string): unknown[] {
  const v = j[k];
  if (!Array.isArray(v)) throw new Error(`${k}: expected an array`);
  return v;
}

function bytes(j: Obj, k: string): Buffer {
  const v = j[k];
  if (typeof v === 'string') return Buffer.from(v, 'base64');
  if (Array.isArray(v)) return Buffer.from(v as number[]);
  throw new Error(`${k}: expected base64 data`);
}

function str(j: Obj, k: string): string {
  const v = j[k];
  if (typeof v !== 'string') throw new Error(`${k}: expected a string`);
  return v;
}

const b64 = (b: Buffer): string => b.toString('base64');
const wrap = (cls: string, body: Obj): RyuJson => ({ [cls]: body });

function wireLength(encode: (w: OfpWriter) => void): number {
  const w = new OfpWriter(64);
  encode(w);
  return w.pos;
}

// Built from untyped JSON; the byte comparison in the conformance test is what checks the shape.
const asMessage = (m: object): OfpMessage => m as OfpMessage;
const asRequestBody = (b: object): MultipartRequestBody => b as MultipartRequestBody;
const asReplyBody = (b: object): MultipartReplyBody => b as MultipartReplyBody;

// ---------------------------------------------------------------------------------------------
// Multipart bodies

const FLOW_STATS_REQUEST = ['tableId', 'outPort', 'outGroup'] as const;
const FLOW_STATS = ['tableId', 'durationSec', 'durationNsec', 'priority', 'idleTimeout', 'hardTimeout', 'flags'];
const FLOW_STATS_U64 = ['cookie', 'packetCount', 'byteCount'];
const PORT_STATS = ['portNo', 'durationSec', 'durationNsec'];
const PORT_STATS_U64 = ['rxPackets', 'txPackets', 'rxBytes', 'txBytes', 'rxDropped', 'txDropped', 'rxErrors', 'txErrors',
  'rxFrameErr', 'rxOverErr', 'rxCrcErr', 'collisions'];
const QUEUE_STATS = ['portNo', 'queueId', 'durationSec', 'durationNsec'];
const QUEUE_STATS_U64 = ['txBytes', 'txPackets', 'txErrors'];
const GROUP_STATS = ['groupId', 'refCount', 'durationSec', 'durationNsec'];
const METER_STATS = ['meterId', 'flowCount', 'durationSec', 'durationNsec'];
const METER_STATS_U64 = ['packetInCount', 'byteInCount'];
const METER_FEATURES = ['maxMeter', 'bandTypes', 'capabilities', 'maxBands', 'maxColor'];
const DESC = ['mfrDesc', 'hwDesc', 'swDesc', 'serialNum', 'dpDesc'];

/** Ryu's class per multipart type: [request, reply]. */
const MP_CLASSES: Record<OfpMultipartTypeName, [string, string]> = {
  DESC: ['OFPDescStatsRequest', 'OFPDescStatsReply'],
  FLOW: ['OFPFlowStatsRequest', 'OFPFlowStatsReply'],
  AGGREGATE: ['OFPAggregateStatsRequest', 'OFPAggregateStatsReply'],
  TABLE: ['OFPTableStatsRequest', 'OFPTableStatsReply'],
  PORT_STATS: ['OFPPortStatsRequest', 'OFPPortStatsReply'],
  QUEUE: ['OFPQueueStatsRequest', 'OFPQueueStatsReply'],
  GROUP: ['OFPGroupStatsRequest', 'OFPGroupStatsReply'],
  GROUP_DESC: ['OFPGroupDescStatsRequest', 'OFPGroupDescStatsReply'],
  GROUP_FEATURES: ['OFPGroupFeaturesStatsRequest', 'OFPGroupFeaturesStatsReply'],
  METER: ['OFPMeterStatsRequest', 'OFPMeterStatsReply'],
  METER_CONFIG: ['OFPMeterConfigStatsRequest', 'OFPMeterConfigStatsReply'],
  METER_FEATURES: ['OFPMeterFeaturesStatsRequest', 'OFPMeterFeaturesStatsReply'],
  TABLE_FEATURES: ['OFPTableFeaturesStatsRequest', 'OFPTableFeaturesStatsReply'],
  PORT_DESC: ['OFPPortDescStatsRequest', 'OFPPortDescStatsReply'],
  EXPERIMENTER: ['OFPExperimenterStatsRequest', 'OFPExperimenterStatsReply'],
};
const MP_BY_CLASS = new Map<string, [OfpMultipartTypeName, 'request' | 'reply']>(
  Object.entries(MP_CLASSES).flatMap(([name, [req, rep]]) => [
    [req, [name as OfpMultipartTypeName, 'request'] as [OfpMultipartTypeName, 'request']],
    [rep, [name as OfpMultipartTypeName, 'reply'] as [OfpMultipartTypeName, 'reply']],
  ]),
);

const ONF_FLOW_MONITOR = 1870;

function requestBodyToRyu(b: MultipartRequestBody): [string, Obj] {
  const cls = MP_CLASSES[b.mpType][0];
  switch (b.mpType) {
    case 'FLOW': case 'AGGREGATE':
      return [cls, { ...flatTo(b, [...FLOW_STATS_REQUEST, 'cookie', 'cookieMask']), match: matchToRyu(b.match) }];
    case 'PORT_STATS': return [cls, flatTo(b, ['portNo'])];
    case 'QUEUE': return [cls, flatTo(b, ['portNo', 'queueId'])];
    case 'GROUP': return [cls, flatTo(b, ['groupId'])];
    case 'METER': case 'METER_CONFIG': return [cls, flatTo(b, ['meterId'])];
    case 'TABLE_FEATURES': return [cls, { body: b.tables.map(tableFeaturesToRyu) }];
    case 'EXPERIMENTER':
      if (b.experimenter === OXM_EXPERIMENTER.ONF && b.expType === ONF_FLOW_MONITOR) {
        return ['ONFFlowMonitorStatsRequest', { ...flatTo(b, ['experimenter', 'expType']), body: onfMonitorsToRyu(b.data) }];
      }
      return [cls, { ...flatTo(b, ['experimenter', 'expType']), data: b64(b.data) }];
    default: return [cls, {}];
  }
}

function requestBodyFromRyu(name: OfpMultipartTypeName, j: Obj): MultipartRequestBody {
  switch (name) {
    case 'FLOW': case 'AGGREGATE':
      return asRequestBody({ mpType: name, ...flatFrom(j, FLOW_STATS_REQUEST, ['cookie', 'cookieMask']), match: matchFromRyu(j.match) });
    case 'PORT_STATS': return asRequestBody({ mpType: name, ...flatFrom(j, ['portNo']) });
    case 'QUEUE': return asRequestBody({ mpType: name, ...flatFrom(j, ['portNo', 'queueId']) });
    case 'GROUP': return asRequestBody({ mpType: name, ...flatFrom(j, ['groupId']) });
    case 'METER': case 'METER_CONFIG': return asRequestBody({ mpType: name, ...flatFrom(j, ['meterId']) });
    case 'TABLE_FEATURES': return { mpType: name, tables: list(j, 'body').map(tableFeaturesFromRyu) };
    case 'EXPERIMENTER':
      return asRequestBody({ mpType: name, ...flatFrom(j, ['experimenter', 'expType']), data: bytes(j, 'data') });
    default: return asRequestBody({ mpType: name });
  }
}

function replyBodyToRyu(b: MultipartReplyBody): [OfpMultipartTypeName, unknown] {
  switch (b.mpType) {
    case 'DESC': return [b.mpType, wrap('OFPDescStats', flatTo(b, DESC))];
    case 'FLOW':
      return [b.mpType, b.stats.map((s) => wrap('OFPFlowStats', {
        ...flatTo(s, [...FLOW_STATS, ...FLOW_STATS_U64]), length: wireLength((w) => encodeFlowStats(w, s)),
        match: matchToRyu(s.match), instructions: s.instructions.map(instructionToRyu),
      }))];
    case 'AGGREGATE': return [b.mpType, wrap('OFPAggregateStats', flatTo(b, ['packetCount', 'byteCount', 'flowCount']))];
    case 'TABLE':
      return [b.mpType, b.stats.map((s) => wrap('OFPTableStats', flatTo(s, ['tableId', 'activeCount', 'lookupCount', 'matchedCount'])))];
    case 'PORT_STATS': return [b.mpType, b.stats.map((s) => wrap('OFPPortStats', flatTo(s, [...PORT_STATS, ...PORT_STATS_U64])))];
    case 'QUEUE': return [b.mpType, b.stats.map((s) => wrap('OFPQueueStats', flatTo(s, [...QUEUE_STATS, ...QUEUE_STATS_U64])))];
    case 'GROUP':
      return [b.mpType, b.stats.map((s) => wrap('OFPGroupStats', {
        ...flatTo(s, [...GROUP_STATS, 'packetCount', 'byteCount']), length: 40 + 16 * s.bucketStats.length,
        bucket_stats: s.bucketStats.map((c) => wrap('OFPBucketCounter', flatTo(c, ['packetCount', 'byteCount']))),
      }))];
    case 'GROUP_DESC':
      return [b.mpType, b.groups.map((g) => wrap('OFPGroupDescStats', {
        type: g.groupType, group_id: g.groupId, length: wireLength((w) => encodeGroupDesc(w, g)),
        buckets: g.buckets.map(bucketToRyu),
      }))];
    case 'GROUP_FEATURES':
      return [b.mpType, wrap('OFPGroupFeaturesStats', { ...flatTo(b, ['types', 'capabilities']), max_groups: [...b.maxGroups], actions: [...b.actions] })];
    case 'METER':
      return [b.mpType, b.stats.map((s) => wrap('OFPMeterStats', {
        ...flatTo(s, [...METER_STATS, ...METER_STATS_U64]), len: 40 + 16 * s.bandStats.length,
        band_stats: s.bandStats.map((c) => wrap('OFPMeterBandStats', flatTo(c, ['packetBandCount', 'byteBandCount']))),
      }))];
    case 'METER_CONFIG':
      return [b.mpType, b.configs.map((c) => wrap('OFPMeterConfigStats', {
        ...flatTo(c, ['flags', 'meterId']), length: wireLength((w) => encodeMeterConfig(w, c)), bands: c.bands.map(meterBandToRyu),
      }))];
    // Ryu reads the single ofp_meter_features as a list of them.
    case 'METER_FEATURES': return [b.mpType, [wrap('OFPMeterFeaturesStats', flatTo(b, METER_FEATURES))]];
    case 'TABLE_FEATURES': return [b.mpType, b.tables.map(tableFeaturesToRyu)];
    case 'PORT_DESC': return [b.mpType, b.ports.map(portDescToRyu)];
    case 'EXPERIMENTER':
      return [b.mpType, wrap('OFPExperimenterMultipart', { ...flatTo(b, ['experimenter', 'expType']), data: b64(b.data) })];
  }
}

function replyBodyFromRyu(name: OfpMultipartTypeName, body: unknown): MultipartReplyBody {
  const one = (cls: string): Obj => {
    const [c, o] = unwrap(Array.isArray(body) ? body[0] : body, 'body');
    if (c !== cls) throw new Error(`body: expected ${cls}, got ${c}`);
    return o;
  };
  const each = (cls: string, f: (o: Obj) => unknown): unknown[] => {
    if (!Array.isArray(body)) throw new Error('body: expected an array');
    return body.map((e) => {
      const [c, o] = unwrap(e, 'body[]');
      if (c !== cls) throw new Error(`body[]: expected ${cls}, got ${c}`);
      return f(o);
    });
  };
  switch (name) {
    case 'DESC': {
      const o = one('OFPDescStats');
      return { mpType: name, mfrDesc: str(o, 'mfr_desc'), hwDesc: str(o, 'hw_desc'), swDesc: str(o, 'sw_desc'),
        serialNum: str(o, 'serial_num'), dpDesc: str(o, 'dp_desc') };
    }
    case 'FLOW':
      return asReplyBody({ mpType: name, stats: each('OFPFlowStats', (o) => ({
        ...flatFrom(o, FLOW_STATS, FLOW_STATS_U64), match: matchFromRyu(o.match), instructions: list(o, 'instructions').map(instructionFromRyu),
      })) });
    case 'AGGREGATE':
      return asReplyBody({ mpType: name, ...flatFrom(one('OFPAggregateStats'), ['flowCount'], ['packetCount', 'byteCount']) });
    case 'TABLE':
      return asReplyBody({ mpType: name, stats: each('OFPTableStats', (o) => flatFrom(o, ['tableId', 'activeCount'], ['lookupCount', 'matchedCount'])) });
    case 'PORT_STATS':
      return asReplyBody({ mpType: name, stats: each('OFPPortStats', (o) => flatFrom(o, PORT_STATS, PORT_STATS_U64)) });
    case 'QUEUE':
      return asReplyBody({ mpType: name, stats: each('OFPQueueStats', (o) => flatFrom(o, QUEUE_STATS, QUEUE_STATS_U64)) });
    case 'GROUP':
      return asReplyBody({ mpType: name, stats: each('OFPGroupStats', (o) => ({
        ...flatFrom(o, GROUP_STATS, ['packetCount', 'byteCount']),
        bucketStats: list(o, 'bucket_stats').map((c) => flatFrom(unwrap(c)[1], [], ['packetCount', 'byteCount'])),
      })) });
    case 'GROUP_DESC':
      return asReplyBody({ mpType: name, groups: each('OFPGroupDescStats', (o) => ({
        ...flatFrom(o, ['groupId']), groupType: flatFrom(o, ['type']).type, buckets: list(o, 'buckets').map(bucketFromRyu),
      })) });
    case 'GROUP_FEATURES': {
      const o = one('OFPGroupFeaturesStats');
      return asReplyBody({ mpType: name, ...flatFrom(o, ['types', 'capabilities']), maxGroups: list(o, 'max_groups'), actions: list(o, 'actions') });
    }
    case 'METER':
      return asReplyBody({ mpType: name, stats: each('OFPMeterStats', (o) => ({
        ...flatFrom(o, METER_STATS, METER_STATS_U64),
        bandStats: list(o, 'band_stats').map((c) => flatFrom(unwrap(c)[1], [], ['packetBandCount', 'byteBandCount'])),
      })) });
    case 'METER_CONFIG':
      return asReplyBody({ mpType: name, configs: each('OFPMeterConfigStats', (o) => ({
        ...flatFrom(o, ['flags', 'meterId']), bands: list(o, 'bands').map(meterBandFromRyu),
      })) });
    case 'METER_FEATURES': return asReplyBody({ mpType: name, ...flatFrom(one('OFPMeterFeaturesStats'), METER_FEATURES) });
    case 'TABLE_FEATURES': {
      if (!Array.isArray(body)) throw new Error('body: expected an array');
      return { mpType: name, tables: body.map(tableFeaturesFromRyu) };
    }
    case 'PORT_DESC': {
      if (!Array.isArray(body)) throw new Error('body: expected an array');
      return { mpType: name, ports: body.map(portDescFromRyu) };
    }
    case 'EXPERIMENTER': {
      const o = one('OFPExperimenterMultipart');
      return asReplyBody({ mpType: name, ...flatFrom(o, ['experimenter', 'expType']), data: bytes(o, 'data') });
    }
  }
}

// ONF flow monitor request entries (ONF EXT-187, as Open vSwitch's nx_flow_monitor_request but
// with OXM): id u32, flags u16, match_len u16, out_port u32, table_id u8, pad[3], OXMs padded to 8.

function onfMonitorsToRyu(data: Buffer): RyuJson[] {
  const r = new OfpReader(data);
  const out: RyuJson[] = [];
  while (r.remaining > 0) {
    const id = r.u32('id');
    const flags = r.u16('flags');
    const matchLen = r.u16('match_len');
    const outPort = r.u32('out_port');
    const tableId = r.u8('table_id');
    r.skip(3, 'pad');
    const oxms = r.sub(matchLen, 'match');
    const fields: OxmTlv[] = [];
    while (oxms.remaining > 0) fields.push(decodeOxm(oxms));
    r.skip(((matchLen + 7) & ~7) - matchLen, 'pad');
    out.push(wrap('ONFFlowMonitorRequest', {
      flags, id, match: matchToRyu({ fields }), match_len: matchLen, out_port: outPort, table_id: tableId,
    }));
  }
  return out;
}

function onfMonitorsFromRyu(entries: unknown[]): Buffer {
  const w = new OfpWriter();
  for (const e of entries) {
    const [, o] = unwrap(e, 'ONFFlowMonitorRequest');
    const f = flatFrom(o, ['id', 'flags', 'outPort', 'tableId']) as { id: number; flags: number; outPort: number; tableId: number };
    const { fields } = matchFromRyu(o.match);
    const matchLen = fields.reduce((n, t) => n + oxmLength(t), 0);
    w.u32(f.id);
    w.u16(f.flags);
    w.u16(matchLen);
    w.u32(f.outPort);
    w.u8(f.tableId);
    w.zeros(3);
    const start = w.pos;
    for (const t of fields) encodeOxm(w, t);
    w.padTo(start, 8);
  }
  return w.toBuffer();
}

// ---------------------------------------------------------------------------------------------
// Messages

const FLOW_MOD = ['tableId', 'command', 'idleTimeout', 'hardTimeout', 'priority', 'bufferId', 'outPort', 'outGroup', 'flags'];
const FLOW_REMOVED = ['priority', 'reason', 'tableId', 'durationSec', 'durationNsec', 'idleTimeout', 'hardTimeout'];
const PACKET_IN = ['bufferId', 'totalLen', 'reason', 'tableId'];
const ASYNC = ['packetInMask', 'portStatusMask', 'flowRemovedMask'];

export function messageToRyu(m: OfpMessage, opts: ToRyuOptions = {}): RyuJson {
  switch (m.type) {
    case 'HELLO': return wrap('OFPHello', { elements: m.elements.map(helloElementToRyu) });
    case 'ERROR':
      if ('experimenter' in m) {
        return wrap('OFPErrorMsg', { type: m.errorType, code: null, ...flatTo(m, ['expType', 'experimenter']), data: b64(m.data) });
      }
      return wrap('OFPErrorMsg', { type: m.errorType, code: m.code, data: b64(m.data) });
    case 'ECHO_REQUEST': return wrap('OFPEchoRequest', { data: b64(m.data) });
    case 'ECHO_REPLY': return wrap('OFPEchoReply', { data: b64(m.data) });
    case 'EXPERIMENTER': return wrap('OFPExperimenter', { ...flatTo(m, ['experimenter', 'expType']), data: b64(m.data) });
    case 'FEATURES_REQUEST': return wrap('OFPFeaturesRequest', {});
    case 'FEATURES_REPLY':
      return wrap('OFPSwitchFeatures', flatTo(m, ['datapathId', 'nBuffers', 'nTables', 'auxiliaryId', 'capabilities']));
    case 'GET_CONFIG_REQUEST': return wrap('OFPGetConfigRequest', {});
    case 'GET_CONFIG_REPLY': return wrap('OFPGetConfigReply', flatTo(m, ['flags', 'missSendLen']));
    case 'SET_CONFIG': return wrap('OFPSetConfig', flatTo(m, ['flags', 'missSendLen']));
    case 'PACKET_IN':
      return wrap('OFPPacketIn', { ...flatTo(m, [...PACKET_IN, 'cookie']), match: matchToRyu(m.match), data: b64(m.data) });
    case 'FLOW_REMOVED':
      return wrap('OFPFlowRemoved', {
        ...flatTo(m, [...FLOW_REMOVED, 'cookie', 'packetCount', 'byteCount']), match: matchToRyu(m.match),
      });
    case 'PORT_STATUS': return wrap('OFPPortStatus', { reason: m.reason, desc: portDescToRyu(m.desc) });
    case 'PACKET_OUT':
      return wrap('OFPPacketOut', {
        ...flatTo(m, ['bufferId', 'inPort']), actions: m.actions.map(actionToRyu),
        actions_len: wireLength((w) => encodeActions(w, m.actions)),
        data: opts.packetData ? packetToRyu(m.data) : b64(m.data),
      });
    case 'FLOW_MOD':
      return wrap('OFPFlowMod', {
        ...flatTo(m, [...FLOW_MOD, 'cookie', 'cookieMask']), match: matchToRyu(m.match),
        instructions: m.instructions.map(instructionToRyu),
      });
    case 'GROUP_MOD':
      return wrap('OFPGroupMod', { command: m.command, type: m.groupType, group_id: m.groupId, buckets: m.buckets.map(bucketToRyu) });
    case 'PORT_MOD': return wrap('OFPPortMod', flatTo(m, ['portNo', 'hwAddr', 'config', 'mask', 'advertise']));
    case 'TABLE_MOD': return wrap('OFPTableMod', flatTo(m, ['tableId', 'config']));
    case 'MULTIPART_REQUEST': {
      const [cls, fields] = requestBodyToRyu(m.body);
      return wrap(cls, { ...fields, flags: m.flags, type: OFPMP[m.body.mpType] });
    }
    case 'MULTIPART_REPLY': {
      const [name, body] = replyBodyToRyu(m.body);
      return wrap(MP_CLASSES[name][1], { body, flags: m.flags, type: OFPMP[name] });
    }
    case 'BARRIER_REQUEST': return wrap('OFPBarrierRequest', {});
    case 'BARRIER_REPLY': return wrap('OFPBarrierReply', {});
    case 'QUEUE_GET_CONFIG_REQUEST': return wrap('OFPQueueGetConfigRequest', { port: m.port });
    case 'QUEUE_GET_CONFIG_REPLY': return wrap('OFPQueueGetConfigReply', { port: m.port, queues: m.queues.map(packetQueueToRyu) });
    case 'ROLE_REQUEST': return wrap('OFPRoleRequest', flatTo(m, ['role', 'generationId']));
    case 'ROLE_REPLY': return wrap('OFPRoleReply', flatTo(m, ['role', 'generationId']));
    case 'GET_ASYNC_REQUEST': return wrap('OFPGetAsyncRequest', {});
    case 'GET_ASYNC_REPLY': return wrap('OFPGetAsyncReply', flatTo(m, ASYNC));
    case 'SET_ASYNC': return wrap('OFPSetAsync', flatTo(m, ASYNC));
    case 'METER_MOD':
      return wrap('OFPMeterMod', { ...flatTo(m, ['command', 'flags', 'meterId']), bands: m.bands.map(meterBandToRyu) });
  }
}

function pair(j: Obj, k: string): [number, number] {
  const v = list(j, k);
  if (v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') throw new Error(`${k}: expected two numbers`);
  return [v[0], v[1]];
}

export function messageFromRyu(json: RyuJson): OfpMessage {
  const [cls, j] = unwrap(json, 'message');
  const xid = 0;
  switch (cls) {
    case 'OFPHello': return { type: 'HELLO', xid, elements: list(j, 'elements').map(helloElementFromRyu) };
    case 'OFPErrorMsg': {
      const { type: errorType } = flatFrom(j, ['type']) as { type: number };
      if (errorType === 0xffff) {
        return asMessage({ type: 'ERROR', xid, errorType, ...flatFrom(j, ['expType', 'experimenter']), data: bytes(j, 'data') });
      }
      return asMessage({ type: 'ERROR', xid, errorType, ...flatFrom(j, ['code']), data: bytes(j, 'data') });
    }
    case 'OFPEchoRequest': return { type: 'ECHO_REQUEST', xid, data: bytes(j, 'data') };
    case 'OFPEchoReply': return { type: 'ECHO_REPLY', xid, data: bytes(j, 'data') };
    case 'OFPExperimenter':
      return asMessage({ type: 'EXPERIMENTER', xid, ...flatFrom(j, ['experimenter', 'expType']), data: bytes(j, 'data') });
    case 'OFPFeaturesRequest': return { type: 'FEATURES_REQUEST', xid };
    case 'OFPSwitchFeatures':
      return asMessage({ type: 'FEATURES_REPLY', xid, ...flatFrom(j, ['nBuffers', 'nTables', 'auxiliaryId', 'capabilities'], ['datapathId']), reserved: 0 });
    case 'OFPGetConfigRequest': return { type: 'GET_CONFIG_REQUEST', xid };
    case 'OFPGetConfigReply': return asMessage({ type: 'GET_CONFIG_REPLY', xid, ...flatFrom(j, ['flags', 'missSendLen']) });
    case 'OFPSetConfig': return asMessage({ type: 'SET_CONFIG', xid, ...flatFrom(j, ['flags', 'missSendLen']) });
    case 'OFPPacketIn':
      return asMessage({ type: 'PACKET_IN', xid, ...flatFrom(j, PACKET_IN, ['cookie']), match: matchFromRyu(j.match), data: bytes(j, 'data') });
    case 'OFPFlowRemoved':
      return asMessage({ type: 'FLOW_REMOVED', xid, ...flatFrom(j, FLOW_REMOVED, ['cookie', 'packetCount', 'byteCount']), match: matchFromRyu(j.match) });
    case 'OFPPortStatus': return asMessage({ type: 'PORT_STATUS', xid, ...flatFrom(j, ['reason']), desc: portDescFromRyu(j.desc) });
    case 'OFPPacketOut': {
      const data = typeof j.data === 'object' && j.data !== null && !Array.isArray(j.data) ? packetFromRyu(j.data) : bytes(j, 'data');
      return asMessage({ type: 'PACKET_OUT', xid, ...flatFrom(j, ['bufferId', 'inPort']), actions: list(j, 'actions').map(actionFromRyu), data });
    }
    case 'OFPFlowMod':
      return asMessage({
        type: 'FLOW_MOD', xid, ...flatFrom(j, FLOW_MOD, ['cookie', 'cookieMask']), match: matchFromRyu(j.match),
        instructions: list(j, 'instructions').map(instructionFromRyu),
      });
    case 'OFPGroupMod':
      return asMessage({
        type: 'GROUP_MOD', xid, ...flatFrom(j, ['command', 'groupId']), groupType: flatFrom(j, ['type']).type,
        buckets: list(j, 'buckets').map(bucketFromRyu),
      });
    case 'OFPPortMod':
      return asMessage({ type: 'PORT_MOD', xid, ...flatFrom(j, ['portNo', 'config', 'mask', 'advertise']), hwAddr: str(j, 'hw_addr') });
    case 'OFPTableMod': return asMessage({ type: 'TABLE_MOD', xid, ...flatFrom(j, ['tableId', 'config']) });
    case 'OFPBarrierRequest': return { type: 'BARRIER_REQUEST', xid };
    case 'OFPBarrierReply': return { type: 'BARRIER_REPLY', xid };
    case 'OFPQueueGetConfigRequest': return asMessage({ type: 'QUEUE_GET_CONFIG_REQUEST', xid, ...flatFrom(j, ['port']) });
    case 'OFPQueueGetConfigReply':
      return asMessage({ type: 'QUEUE_GET_CONFIG_REPLY', xid, ...flatFrom(j, ['port']), queues: list(j, 'queues').map(packetQueueFromRyu) });
    case 'OFPRoleRequest': return asMessage({ type: 'ROLE_REQUEST', xid, ...flatFrom(j, ['role'], ['generationId']) });
    case 'OFPRoleReply': return asMessage({ type: 'ROLE_REPLY', xid, ...flatFrom(j, ['role'], ['generationId']) });
    case 'OFPGetAsyncRequest': return { type: 'GET_ASYNC_REQUEST', xid };
    case 'OFPGetAsyncReply': case 'OFPSetAsync': {
      const masks = { packetInMask: pair(j, 'packet_in_mask'), portStatusMask: pair(j, 'port_status_mask'), flowRemovedMask: pair(j, 'flow_removed_mask') };
      return cls === 'OFPSetAsync' ? { type: 'SET_ASYNC', xid, ...masks } : { type: 'GET_ASYNC_REPLY', xid, ...masks };
    }
    case 'OFPMeterMod':
      return asMessage({ type: 'METER_MOD', xid, ...flatFrom(j, ['command', 'flags', 'meterId']), bands: list(j, 'bands').map(meterBandFromRyu) });
    case 'ONFFlowMonitorStatsRequest':
      return asMessage({
        type: 'MULTIPART_REQUEST', xid, ...flatFrom(j, ['flags']),
        body: { mpType: 'EXPERIMENTER', ...flatFrom(j, ['experimenter', 'expType']), data: onfMonitorsFromRyu(list(j, 'body')) },
      });
    default: {
      const mp = MP_BY_CLASS.get(cls);
      if (mp === undefined) throw new Error(`messageFromRyu: unknown class ${cls}`);
      const [name, dir] = mp;
      const { flags } = flatFrom(j, ['flags']) as { flags: number };
      return dir === 'request'
        ? { type: 'MULTIPART_REQUEST', xid, flags, body: requestBodyFromRyu(name, j) }
        : { type: 'MULTIPART_REPLY', xid, flags, body: replyBodyFromRyu(name, j.body) };
    }
  }
}
