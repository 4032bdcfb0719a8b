/**
 * Every OF1.3 message type and multipart body built by hand (not from the corpus), round-tripped
 * through the codec and read back by Open vSwitch's own decoder (`ovs-ofctl ofp-print`), which
 * is the independent judge of whether our bytes are what the spec says.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../core/openflow/codec.js';
import {
  OFP_NO_BUFFER, OFPC, OFPCR_ROLE, OFPFC, OFPFF, OFPG, OFPGC, OFPGT, OFPM, OFPMC, OFPMF, OFPMPF_REPLY_MORE, OFPPR, OFPR,
  OFPRR, OFPTT_ALL,
} from '../../core/openflow/constants.js';
import { OFPBRC, OFPET } from '../../core/openflow/error-codes.js';
import type { Match } from '../../core/openflow/match.js';
import type { MultipartReplyBody, MultipartRequestBody, OfpMessage } from '../../core/openflow/messages/index.js';
import { OfpWriter } from '../../core/openflow/ofp-writer.js';
import { OFPP, type PortDesc } from '../../core/openflow/port-desc.js';
import { oxmId, type TableFeatures } from '../../core/openflow/table-features.js';

function ovsPrint(bytes: Buffer): string {
  return execFileSync('ovs-ofctl', ['ofp-print', bytes.toString('hex')], { encoding: 'utf8' });
}

const match: Match = {
  fields: [
    { field: 'in_port', value: 1 },
    { field: 'eth_type', value: 0x0800 },
    { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.0.0.0' },
  ],
};
const port: PortDesc = {
  portNo: 1, hwAddr: '02:00:00:00:00:01', name: 'eth1', config: 0, state: 4, curr: 0x2820, advertised: 0,
  supported: 0, peer: 0, currSpeed: 10_000_000, maxSpeed: 10_000_000,
};
const features: TableFeatures = {
  tableId: 0, name: 'classifier', metadataMatch: 0xffffffffffffffffn, metadataWrite: 0xffffffffffffffffn, config: 0,
  maxEntries: 1_000_000,
  properties: [
    // Open vSwitch insists on every non-miss property being present (else OFPTFFC_BAD_FEATURES).
    { type: 'INSTRUCTIONS', instructionIds: [{ type: 1 }, { type: 4 }] },
    { type: 'NEXT_TABLES', tableIds: [1, 2] },
    { type: 'WRITE_ACTIONS', actionIds: [{ type: 0 }] },
    { type: 'APPLY_ACTIONS', actionIds: [{ type: 0 }, { type: 25 }] },
    { type: 'MATCH', oxmIds: [oxmId('in_port'), oxmId('eth_dst', true)] },
    { type: 'WILDCARDS', oxmIds: [oxmId('eth_dst')] },
    { type: 'WRITE_SETFIELD', oxmIds: [] },
    { type: 'APPLY_SETFIELD', oxmIds: [oxmId('eth_src')] },
  ],
};

const requests: MultipartRequestBody[] = [
  { mpType: 'DESC' },
  { mpType: 'FLOW', tableId: OFPTT_ALL, outPort: OFPP.ANY, outGroup: OFPG.ANY, cookie: 0n, cookieMask: 0n, match },
  { mpType: 'AGGREGATE', tableId: 1, outPort: 2, outGroup: OFPG.ANY, cookie: 5n, cookieMask: 0xffn, match: { fields: [] } },
  { mpType: 'TABLE' },
  { mpType: 'PORT_STATS', portNo: OFPP.ANY },
  { mpType: 'QUEUE', portNo: 1, queueId: 0xffffffff },
  { mpType: 'GROUP', groupId: OFPG.ALL },
  { mpType: 'GROUP_DESC' },
  { mpType: 'GROUP_FEATURES' },
  { mpType: 'METER', meterId: OFPM.ALL },
  { mpType: 'METER_CONFIG', meterId: 7 },
  { mpType: 'METER_FEATURES' },
  { mpType: 'TABLE_FEATURES', tables: [] },
  { mpType: 'TABLE_FEATURES', tables: [features] },
  { mpType: 'PORT_DESC' },
  { mpType: 'EXPERIMENTER', experimenter: 0x2320, expType: 99, data: Buffer.from('abcd') },
];

const replies: MultipartReplyBody[] = [
  { mpType: 'DESC', mfrDesc: 'sluice', hwDesc: 'software', swDesc: '0.1.0', serialNum: 'none', dpDesc: 'dp 1' },
  {
    mpType: 'FLOW',
    stats: [{
      tableId: 0, durationSec: 10, durationNsec: 500, priority: 100, idleTimeout: 0, hardTimeout: 0, flags: OFPFF.SEND_FLOW_REM,
      cookie: 0xabn, packetCount: 3n, byteCount: 180n, match,
      instructions: [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: 2, maxLen: 0 }] }, { type: 'GOTO_TABLE', tableId: 1 }],
    }],
  },
  { mpType: 'AGGREGATE', packetCount: 10n, byteCount: 1000n, flowCount: 4 },
  { mpType: 'TABLE', stats: [{ tableId: 0, activeCount: 4, lookupCount: 100n, matchedCount: 90n }] },
  {
    mpType: 'PORT_STATS',
    stats: [{
      portNo: 1, rxPackets: 1n, txPackets: 2n, rxBytes: 3n, txBytes: 4n, rxDropped: 5n, txDropped: 6n, rxErrors: 7n,
      txErrors: 8n, rxFrameErr: 9n, rxOverErr: 10n, rxCrcErr: 11n, collisions: 12n, durationSec: 13, durationNsec: 14,
    }],
  },
  { mpType: 'QUEUE', stats: [{ portNo: 1, queueId: 2, txBytes: 3n, txPackets: 4n, txErrors: 5n, durationSec: 6, durationNsec: 7 }] },
  {
    mpType: 'GROUP',
    stats: [{ groupId: 1, refCount: 2, packetCount: 3n, byteCount: 4n, durationSec: 5, durationNsec: 6,
      bucketStats: [{ packetCount: 1n, byteCount: 2n }, { packetCount: 3n, byteCount: 4n }] }],
  },
  {
    mpType: 'GROUP_DESC',
    groups: [{ groupType: OFPGT.SELECT, groupId: 9,
      buckets: [{ weight: 1, watchPort: OFPP.ANY, watchGroup: OFPG.ANY, actions: [{ type: 'OUTPUT', port: 3, maxLen: 0 }] }] }],
  },
  { mpType: 'GROUP_FEATURES', types: 0xf, capabilities: 0x5, maxGroups: [1, 2, 3, 4], actions: [1, 1, 1, 1] },
  {
    mpType: 'METER',
    stats: [{ meterId: 1, flowCount: 2, packetInCount: 3n, byteInCount: 4n, durationSec: 5, durationNsec: 6,
      bandStats: [{ packetBandCount: 7n, byteBandCount: 8n }] }],
  },
  { mpType: 'METER_CONFIG', configs: [{ flags: OFPMF.KBPS, meterId: 1, bands: [{ type: 'DROP', rate: 1000, burstSize: 0 }] }] },
  { mpType: 'METER_FEATURES', maxMeter: 100, bandTypes: 0x6, capabilities: 0xf, maxBands: 4, maxColor: 0 },
  { mpType: 'TABLE_FEATURES', tables: [features] },
  { mpType: 'PORT_DESC', ports: [port, { ...port, portNo: OFPP.LOCAL, name: 'br0' }] },
  { mpType: 'EXPERIMENTER', experimenter: 0x2320, expType: 99, data: Buffer.alloc(0) },
];

/** How ovs-ofctl names each multipart type in its output. */
const OVS_MP_NAMES: Record<MultipartRequestBody['mpType'], string> = {
  DESC: 'DESC', FLOW: 'FLOW', AGGREGATE: 'AGGREGATE', TABLE: 'TABLE', PORT_STATS: 'PORT', QUEUE: 'QUEUE',
  GROUP: 'GROUP', GROUP_DESC: 'GROUP_DESC', GROUP_FEATURES: 'GROUP_FEATURES', METER: 'METER',
  METER_CONFIG: 'METER_CONFIG', METER_FEATURES: 'METER_FEATURES', TABLE_FEATURES: 'TABLE_FEATURES',
  PORT_DESC: 'PORT_DESC', EXPERIMENTER: '',
};

/**
 * [message, text ovs-ofctl must print for it]; null where the content is vendor-defined and Open
 * vSwitch only knows its own vendors' (it then answers OFPBRC_BAD_VENDOR / BAD_SUBTYPE).
 */
const samples: [OfpMessage, RegExp | null][] = [
  [{ type: 'HELLO', xid: 1, elements: [{ type: 'VERSIONBITMAP', bitmaps: [0x12] }] }, /OFPT_HELLO \(OF1.3\) \(xid=0x1\):\n version bitmap: 0x01, 0x04/],
  [{ type: 'ERROR', xid: 2, errorType: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE, data: Buffer.from('0414000800000002', 'hex') }, /OFPT_ERROR \(OF1.3\) \(xid=0x2\): OFPBRC_BAD_TYPE/],
  [{ type: 'ERROR', xid: 3, errorType: OFPET.EXPERIMENTER, expType: 1, experimenter: 0x2320, data: Buffer.alloc(0) }, null],
  [{ type: 'ECHO_REQUEST', xid: 4, data: Buffer.from('hi') }, /OFPT_ECHO_REQUEST \(OF1.3\) \(xid=0x4\): 2 bytes of payload/],
  [{ type: 'ECHO_REPLY', xid: 4, data: Buffer.alloc(0) }, /OFPT_ECHO_REPLY \(OF1.3\) \(xid=0x4\): 0 bytes of payload/],
  [{ type: 'EXPERIMENTER', xid: 5, experimenter: 0x00abcdef, expType: 1, data: Buffer.from('xy') }, null],
  [{ type: 'FEATURES_REQUEST', xid: 6 }, /OFPT_FEATURES_REQUEST \(OF1.3\) \(xid=0x6\)/],
  [{ type: 'FEATURES_REPLY', xid: 6, datapathId: 0xabn, nBuffers: 0, nTables: 6, auxiliaryId: 0,
    capabilities: OFPC.FLOW_STATS | OFPC.PORT_STATS, reserved: 0 }, /OFPT_FEATURES_REPLY \(OF1.3\) \(xid=0x6\): dpid:00000000000000ab\nn_tables:6, n_buffers:0\ncapabilities: FLOW_STATS PORT_STATS/],
  [{ type: 'GET_CONFIG_REQUEST', xid: 7 }, /OFPT_GET_CONFIG_REQUEST/],
  [{ type: 'GET_CONFIG_REPLY', xid: 7, flags: 0, missSendLen: 128 }, /OFPT_GET_CONFIG_REPLY.*frags=normal miss_send_len=128/],
  [{ type: 'SET_CONFIG', xid: 8, flags: 0, missSendLen: 0xffff }, /OFPT_SET_CONFIG.*miss_send_len=65535/],
  [{ type: 'PACKET_IN', xid: 0, bufferId: OFP_NO_BUFFER, totalLen: 60, reason: OFPR.NO_MATCH, tableId: 3, cookie: 0x10n,
    match: { fields: [{ field: 'in_port', value: 7 }] }, data: Buffer.alloc(60) }, /OFPT_PACKET_IN \(OF1.3\) \(xid=0x0\): table_id=3 cookie=0x10 total_len=60 in_port=7 \(via no_match\)/],
  [{ type: 'FLOW_REMOVED', xid: 0, cookie: 1n, priority: 5, reason: OFPRR.IDLE_TIMEOUT, tableId: 2, durationSec: 1,
    durationNsec: 0, idleTimeout: 10, hardTimeout: 0, packetCount: 2n, byteCount: 3n, match }, /OFPT_FLOW_REMOVED.*priority=5,ip,in_port=1,nw_dst=10.0.0.0\/8 reason=idle table_id=2/],
  [{ type: 'PORT_STATUS', xid: 0, reason: OFPPR.MODIFY, desc: port }, /OFPT_PORT_STATUS.*MOD: 1\(eth1\): addr:02:00:00:00:00:01/s],
  [{ type: 'PACKET_OUT', xid: 9, bufferId: OFP_NO_BUFFER, inPort: OFPP.CONTROLLER,
    actions: [{ type: 'OUTPUT', port: OFPP.FLOOD, maxLen: 0 }], data: Buffer.alloc(14) }, /OFPT_PACKET_OUT \(OF1.3\) \(xid=0x9\): in_port=CONTROLLER actions=FLOOD data_len=14/],
  [{ type: 'FLOW_MOD', xid: 10, cookie: 0x5n, cookieMask: 0n, tableId: 1, command: OFPFC.ADD, idleTimeout: 30,
    hardTimeout: 0, priority: 200, bufferId: OFP_NO_BUFFER, outPort: OFPP.ANY, outGroup: OFPG.ANY, flags: OFPFF.SEND_FLOW_REM,
    match, instructions: [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: 2, maxLen: 0 }] }] }, /OFPT_FLOW_MOD \(OF1.3\) \(xid=0xa\): ADD table:1 priority=200,ip,in_port=1,nw_dst=10.0.0.0\/8 cookie:0x5 idle:30 send_flow_rem actions=output:2/],
  [{ type: 'GROUP_MOD', xid: 11, command: OFPGC.ADD, groupType: OFPGT.ALL, groupId: 1,
    buckets: [{ weight: 0, watchPort: OFPP.ANY, watchGroup: OFPG.ANY, actions: [{ type: 'OUTPUT', port: 1, maxLen: 0 }] }] }, /OFPT_GROUP_MOD.*ADD group_id=1,type=all,bucket=actions=output:1/s],
  [{ type: 'PORT_MOD', xid: 12, portNo: 1, hwAddr: '02:00:00:00:00:01', config: 1, mask: 1, advertise: 0 }, /OFPT_PORT_MOD.*port: 1: addr:02:00:00:00:00:01\n\s+config: PORT_DOWN\n\s+mask:\s+PORT_DOWN/],
  [{ type: 'TABLE_MOD', xid: 13, tableId: 2, config: 0 }, /OFPT_TABLE_MOD \(OF1.3\) \(xid=0xd\): table_id=2/],
  ...requests.map((body, i): [OfpMessage, RegExp | null] => [
    { type: 'MULTIPART_REQUEST', xid: 100 + i, flags: 0, body },
    body.mpType === 'EXPERIMENTER' ? null : new RegExp(`^OFPST_${OVS_MP_NAMES[body.mpType]} request \\(OF1.3\\) \\(xid=0x${(100 + i).toString(16)}\\)`),
  ]),
  ...replies.map((body, i): [OfpMessage, RegExp | null] => [
    { type: 'MULTIPART_REPLY', xid: 200 + i, flags: i === 0 ? 0 : OFPMPF_REPLY_MORE, body },
    body.mpType === 'EXPERIMENTER' ? null
      : new RegExp(`^OFPST_${OVS_MP_NAMES[body.mpType]} reply \\(OF1.3\\) \\(xid=0x${(200 + i).toString(16)}\\)${i === 0 ? ':' : ': flags=\\[more\\]'}`),
  ]),
  [{ type: 'BARRIER_REQUEST', xid: 14 }, /OFPT_BARRIER_REQUEST \(OF1.3\) \(xid=0xe\)/],
  [{ type: 'BARRIER_REPLY', xid: 14 }, /OFPT_BARRIER_REPLY \(OF1.3\) \(xid=0xe\)/],
  [{ type: 'QUEUE_GET_CONFIG_REQUEST', xid: 15, port: 1 }, /OFPT_QUEUE_GET_CONFIG_REQUEST.*port=1/],
  [{ type: 'QUEUE_GET_CONFIG_REPLY', xid: 15, port: 1,
    queues: [{ queueId: 1, port: 1, properties: [{ type: 'MIN_RATE', rate: 100 }, { type: 'MAX_RATE', rate: 500 }] }] }, /OFPT_QUEUE_GET_CONFIG_REPLY.*port=1\nqueue 1:\s+min_rate:10.0%\s+max_rate:50.0%/s],
  [{ type: 'ROLE_REQUEST', xid: 16, role: OFPCR_ROLE.MASTER, generationId: 7n }, /OFPT_ROLE_REQUEST.*role=(master|primary) generation_id=7/],
  [{ type: 'ROLE_REPLY', xid: 16, role: OFPCR_ROLE.SLAVE, generationId: 7n }, /OFPT_ROLE_REPLY.*role=(slave|secondary) generation_id=7/],
  [{ type: 'GET_ASYNC_REQUEST', xid: 17 }, /OFPT_GET_ASYNC_REQUEST/],
  [{ type: 'GET_ASYNC_REPLY', xid: 17, packetInMask: [3, 0], portStatusMask: [7, 7], flowRemovedMask: [0xf, 0] }, /OFPT_GET_ASYNC_REPLY/],
  [{ type: 'SET_ASYNC', xid: 18, packetInMask: [3, 0], portStatusMask: [7, 7], flowRemovedMask: [0xf, 0] }, /OFPT_SET_ASYNC/],
  [{ type: 'METER_MOD', xid: 19, command: OFPMC.ADD, flags: OFPMF.KBPS | OFPMF.BURST, meterId: 1,
    bands: [{ type: 'DROP', rate: 1000, burstSize: 100 }, { type: 'DSCP_REMARK', rate: 2000, burstSize: 100, precLevel: 1 }] }, /OFPT_METER_MOD.*ADD meter=1 kbps burst bands=\ntype=drop rate=1000 burst_size=100\ntype=dscp_remark rate=2000 burst_size=100 prec_level=1/s],
];

describe('OF1.3 messages built by hand', () => {
  it('cover every OFPT_ type and every multipart body both ways', () => {
    const types = new Set(samples.map(([m]) => m.type));
    expect(types.size).toBe(30);
    expect(new Set(requests.map((b) => b.mpType)).size).toBe(15);
    expect(new Set(replies.map((b) => b.mpType)).size).toBe(15);
  });

  for (const [msg, expected] of samples) {
    const label = msg.type.startsWith('MULTIPART') && 'body' in msg ? `${msg.type} ${msg.body.mpType}` : msg.type;
    it(`round-trips ${label} and Open vSwitch reads it`, () => {
      const bytes = encodeMessage(msg);
      expect(bytes.readUInt16BE(2)).toBe(bytes.length);
      const back = decodeMessage(bytes);
      expect(back).toEqual(msg.type === 'HELLO' ? { ...msg, version: 4 } : msg);
      expect(encodeMessage(back).equals(bytes)).toBe(true);
      if (expected === null) return;
      const text = ovsPrint(bytes);
      expect(text).not.toMatch(/\*\*\*|decode error/);
      expect(text).toMatch(expected);
    });
  }

  it('appends to a caller writer, batching messages and returning views', () => {
    const w = new OfpWriter(16);
    const a = encodeMessage({ type: 'BARRIER_REQUEST', xid: 1 }, w);
    const b = encodeMessage({ type: 'ECHO_REQUEST', xid: 2, data: Buffer.alloc(100, 1) }, w);
    expect(w.pos).toBe(8 + 108);
    expect(decodeMessage(w.view(), 0)).toEqual({ type: 'BARRIER_REQUEST', xid: 1 });
    expect(decodeMessage(w.view(), 8)).toEqual({ type: 'ECHO_REQUEST', xid: 2, data: Buffer.alloc(100, 1) });
    expect(a.length).toBe(8);
    expect(b.length).toBe(108);
  });

  it('keeps port names that are not UTF-8 or fill all 16 bytes, byte for byte', () => {
    const status = encodeMessage({ type: 'PORT_STATUS', xid: 0, reason: OFPPR.ADD, desc: port });
    const nameAt = 8 + 8 + 16;
    for (const name of [Buffer.from('caf\xe9-\xff\xc3', 'latin1'), Buffer.from('sixteen-bytes-xx'), Buffer.from('私のポート\xe3\x83', 'latin1')]) {
      const wire = Buffer.from(status);
      wire.fill(0, nameAt, nameAt + 16);
      name.copy(wire, nameAt, 0, 16);
      const msg = decodeMessage(wire);
      expect(encodeMessage(msg).equals(wire)).toBe(true);
    }
  });
});
