import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { OfpDecodeError } from '../../core/openflow/decode-error.js';
import { OFPBAC, OFPBRC, OFPET } from '../../core/openflow/error-codes.js';
import {
  OFP10_VERSION, OFPP10, decodeOf10Message, encodeOf10Message, type Of10Message,
} from '../../core/openflow/of10.js';
import { OFPFW10, of10MatchAll, type Of10Match } from '../../core/openflow/of10-match.js';

/** Open vSwitch's own OpenFlow printer: an independent reading of our bytes. */
function ovsPrint(bytes: Buffer): string {
  return execFileSync('ovs-ofctl', ['ofp-print', bytes.toString('hex')], { encoding: 'utf8' });
}

const tcpMatch: Of10Match = {
  ...of10MatchAll(),
  wildcards: OFPFW10.ALL & ~(OFPFW10.IN_PORT | OFPFW10.DL_TYPE | OFPFW10.NW_PROTO | OFPFW10.TP_DST | OFPFW10.NW_DST_MASK)
    | (8 << OFPFW10.NW_DST_SHIFT),
  inPort: 3, dlType: 0x0800, nwProto: 6, nwDst: '10.1.2.0', tpDst: 80,
};

const port1 = {
  portNo: 1, hwAddr: '02:00:00:00:00:01', name: 'eth1', config: 0, state: 0, curr: 0x2a0,
  advertised: 0, supported: 0, peer: 0,
};

const samples: Of10Message[] = [
  { type: 'HELLO', xid: 1, version: 1, data: Buffer.alloc(0) },
  { type: 'ERROR', xid: 2, errorType: 1, code: 1, data: Buffer.from('0110000800000002', 'hex') },
  { type: 'ECHO_REQUEST', xid: 3, data: Buffer.from('ping') },
  { type: 'ECHO_REPLY', xid: 3, data: Buffer.from('ping') },
  { type: 'VENDOR', xid: 4, vendor: 0x2320, data: Buffer.from([0, 0, 0, 9]) },
  { type: 'FEATURES_REQUEST', xid: 5 },
  {
    type: 'FEATURES_REPLY', xid: 5, datapathId: 0x0000_0000_0000_00abn, nBuffers: 256, nTables: 1,
    capabilities: 0x87, actions: 0xfff, ports: [port1, { ...port1, portNo: OFPP10.LOCAL, name: 'br0', hwAddr: '02:00:00:00:00:ff' }],
  },
  { type: 'GET_CONFIG_REQUEST', xid: 6 },
  { type: 'GET_CONFIG_REPLY', xid: 6, flags: 0, missSendLen: 128 },
  { type: 'SET_CONFIG', xid: 7, flags: 0, missSendLen: 0xffff },
  { type: 'PACKET_IN', xid: 0, bufferId: 0xffffffff, totalLen: 60, inPort: 2, reason: 0, data: Buffer.alloc(60, 0xab) },
  {
    type: 'FLOW_REMOVED', xid: 0, match: tcpMatch, cookie: 7n, priority: 100, reason: 0, durationSec: 3,
    durationNsec: 5, idleTimeout: 10, packetCount: 11n, byteCount: 1234n,
  },
  { type: 'PORT_STATUS', xid: 0, reason: 2, desc: port1 },
  {
    type: 'PACKET_OUT', xid: 8, bufferId: 0xffffffff, inPort: OFPP10.CONTROLLER,
    actions: [{ type: 'OUTPUT', port: OFPP10.FLOOD, maxLen: 0 }], data: Buffer.alloc(42, 1),
  },
  {
    type: 'FLOW_MOD', xid: 9, match: tcpMatch, cookie: 0x1234n, command: 0, idleTimeout: 10, hardTimeout: 0,
    priority: 0x8000, bufferId: 0xffffffff, outPort: OFPP10.NONE, flags: 1,
    actions: [
      { type: 'SET_VLAN_VID', vlanVid: 10 }, { type: 'SET_VLAN_PCP', vlanPcp: 3 }, { type: 'STRIP_VLAN' },
      { type: 'SET_DL_SRC', dlAddr: '02:00:00:00:00:0a' }, { type: 'SET_DL_DST', dlAddr: '02:00:00:00:00:0b' },
      { type: 'SET_NW_SRC', nwAddr: '192.0.2.1' }, { type: 'SET_NW_DST', nwAddr: '192.0.2.2' },
      { type: 'SET_NW_TOS', nwTos: 0x20 }, { type: 'SET_TP_SRC', tpPort: 1000 }, { type: 'SET_TP_DST', tpPort: 2000 },
      { type: 'ENQUEUE', port: 2, queueId: 1 }, { type: 'OUTPUT', port: 2, maxLen: 0 },
    ],
  },
  { type: 'BARRIER_REQUEST', xid: 10 },
  { type: 'BARRIER_REPLY', xid: 10 },
];

describe('OpenFlow 1.0 codec', () => {
  for (const msg of samples) {
    it(`round-trips ${msg.type}`, () => {
      const bytes = encodeOf10Message(msg);
      expect(bytes[0]).toBe(OFP10_VERSION);
      expect(bytes.readUInt16BE(2)).toBe(bytes.length);
      const back = decodeOf10Message(bytes);
      expect(back).toEqual(msg);
      expect(encodeOf10Message(back).equals(bytes)).toBe(true);
    });
  }

  it('lays out FLOW_MOD as OF1.0 says: 40-byte match, 72-byte fixed part, as Open vSwitch reads it', () => {
    const fm = samples.find((m) => m.type === 'FLOW_MOD')!;
    const bytes = encodeOf10Message(fm);
    expect(bytes.length).toBe(72 + 8 * 4 + 16 * 3 + 8 * 5);
    const text = ovsPrint(bytes);
    expect(text).toMatch(/^OFPT_FLOW_MOD \(xid=0x9\): ADD/);
    expect(text).toContain('tcp,in_port=3,nw_dst=10.1.2.0/24,tp_dst=80');
    expect(text).toContain('idle:10');
    expect(text).toContain('mod_vlan_vid:10,mod_vlan_pcp:3,strip_vlan,mod_dl_src:02:00:00:00:00:0a');
    expect(text).toContain('mod_nw_src:192.0.2.1,mod_nw_dst:192.0.2.2,mod_nw_tos:32,mod_tp_src:1000,mod_tp_dst:2000');
    expect(text).toContain('enqueue:2:1,output:2');
  });

  it('encodes FEATURES_REPLY, PACKET_IN and PACKET_OUT that Open vSwitch parses', () => {
    const text = samples.filter((m) => ['FEATURES_REPLY', 'PACKET_IN', 'PACKET_OUT'].includes(m.type))
      .map((m) => ovsPrint(encodeOf10Message(m))).join('\n');
    expect(text).toContain('OFPT_FEATURES_REPLY (xid=0x5): dpid:00000000000000ab');
    expect(text).toContain('1(eth1): addr:02:00:00:00:00:01');
    expect(text).toContain('LOCAL(br0): addr:02:00:00:00:00:ff');
    expect(text).toMatch(/OFPT_PACKET_IN \(xid=0x0\): total_len=60 in_port=2/);
    expect(text).toMatch(/OFPT_PACKET_OUT \(xid=0x8\): in_port=CONTROLLER actions=FLOOD/);
    expect(text).not.toContain('***');
  });

  it('decodes a HELLO of a newer version for negotiation, and nothing else of it', () => {
    const hello13 = Buffer.from('04000010000000010001000800000010', 'hex');
    expect(decodeOf10Message(hello13)).toMatchObject({ type: 'HELLO', version: 4 });
    const echo13 = Buffer.from('0402000800000001', 'hex');
    expect(() => decodeOf10Message(echo13)).toThrow(expect.objectContaining({
      ofpError: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_VERSION },
    }));
  });

  it('decodes an ERROR sent in another version (Open vSwitch answers an OF1.3 message in OF1.3)', () => {
    const err13 = Buffer.from('0401001000000063000100000414000800000063'.slice(0, 32), 'hex');
    const msg = decodeOf10Message(err13);
    expect(msg).toMatchObject({ type: 'ERROR', version: 4, errorType: 1, code: 0 });
    expect(encodeOf10Message(msg).equals(err13)).toBe(true);
  });

  it('answers unsupported OF1.0 types (STATS_REQUEST) with OFPBRC_BAD_TYPE', () => {
    const stats = Buffer.from('0110000c000000070000000000000000'.slice(0, 24), 'hex');
    expect(() => decodeOf10Message(stats)).toThrow(expect.objectContaining({
      name: 'OfpDecodeError', field: 'ofp_header.type', ofpError: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE },
    }));
  });

  it('rejects a bad action length and an unknown action type with OFPET_BAD_ACTION', () => {
    const po = Buffer.from(encodeOf10Message(samples.find((m) => m.type === 'PACKET_OUT')!));
    const badLen = Buffer.from(po);
    badLen.writeUInt16BE(12, 8 + 8 + 2); // ofp_action_output.len
    expect(() => decodeOf10Message(badLen)).toThrow(expect.objectContaining({ ofpError: { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_LEN } }));
    const badType = Buffer.from(po);
    badType.writeUInt16BE(77, 8 + 8);
    expect(() => decodeOf10Message(badType)).toThrow(expect.objectContaining({ ofpError: { type: OFPET.BAD_ACTION, code: OFPBAC.BAD_TYPE } }));
  });

  it('reports a short buffer as truncated and trailing body bytes as BAD_LEN', () => {
    const fm = encodeOf10Message(samples.find((m) => m.type === 'FLOW_MOD')!);
    const short = (() => { try { decodeOf10Message(fm.subarray(0, 50)); } catch (e) { return e; } })();
    expect(short).toBeInstanceOf(OfpDecodeError);
    expect(short).toMatchObject({ truncated: true, ofpError: { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN } });
    const cfg = Buffer.from('0109000d000000070000008000', 'hex');
    expect(() => decodeOf10Message(cfg)).toThrow(/1 bytes after the end/);
  });
});
