/**
 * Ryu JSON for MULTIPART_REQUEST/REPLY and every body, both ways (see ryu-messages.ts for the
 * conventions). ONF flow monitor requests (experimenter ONF, exp_type 1870) are an opaque
 * OFPMP_EXPERIMENTER body to the codec; Ryu parses them into ONFFlowMonitorStatsRequest, and so
 * does this adapter.
 */
import {
  OFPMP, OXM_EXPERIMENTER, OfpReader, OfpWriter, decodeOxm, encodeOxm, oxmLength,
  type MultipartReply, type MultipartReplyBody, type MultipartRequest, type MultipartRequestBody, type OfpMessage,
  type OfpMultipartTypeName, type OxmTlv,
} from '../../core/openflow/index.js';
import { encodeFlowStats, encodeGroupDesc, encodeMeterConfig } from '../../core/openflow/messages/index.js';
import {
  asMessage, asReplyBody, asRequestBody, b64, bytes, flatFrom, flatTo, list, str, wireLength, wrap, type Obj,
} from './ryu-flat-fields.js';
import {
  bucketFromRyu, bucketToRyu, instructionFromRyu, instructionToRyu, matchFromRyu, matchToRyu, meterBandFromRyu,
  meterBandToRyu, portDescFromRyu, portDescToRyu, tableFeaturesFromRyu, tableFeaturesToRyu, unwrap, type RyuJson,
} from './ryu-structures.js';

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


export function multipartToRyu(m: MultipartRequest | MultipartReply): RyuJson {
  if (m.type === 'MULTIPART_REQUEST') {
    const [cls, fields] = requestBodyToRyu(m.body);
    return wrap(cls, { ...fields, flags: m.flags, type: OFPMP[m.body.mpType] });
  }
  const [name, body] = replyBodyToRyu(m.body);
  return wrap(MP_CLASSES[name][1], { body, flags: m.flags, type: OFPMP[name] });
}

/** The multipart message of Ryu class `cls`, or undefined when `cls` is not a multipart class. */
export function multipartFromRyu(cls: string, j: Obj): OfpMessage | undefined {
  const xid = 0;
  if (cls === 'ONFFlowMonitorStatsRequest') {
    return asMessage({
      type: 'MULTIPART_REQUEST', xid, ...flatFrom(j, ['flags']),
      body: { mpType: 'EXPERIMENTER', ...flatFrom(j, ['experimenter', 'expType']), data: onfMonitorsFromRyu(list(j, 'body')) },
    });
  }
  const mp = MP_BY_CLASS.get(cls);
  if (mp === undefined) return undefined;
  const [name, dir] = mp;
  const { flags } = flatFrom(j, ['flags']) as { flags: number };
  return dir === 'request'
    ? { type: 'MULTIPART_REQUEST', xid, flags, body: requestBodyFromRyu(name, j) }
    : { type: 'MULTIPART_REPLY', xid, flags, body: replyBodyFromRyu(name, j.body) };
}
