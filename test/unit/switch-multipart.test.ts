import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../core/openflow/codec.js';
import { OFPMPF_REPLY_MORE, OFPTT_ALL } from '../../core/openflow/constants.js';
import { OFPBRC, OFPET, OFPPMFC, OFPQOFC, OFPSCFC, OFPTFFC, OFPTMFC } from '../../core/openflow/error-codes.js';
import type { MultipartReply, MultipartRequestBody } from '../../core/openflow/messages/multipart.js';
import type { OfpMessage } from '../../core/openflow/messages/message.js';
import { OFPP, OFPPC } from '../../core/openflow/port-desc.js';
import { Rig, apply, flowMod, gotoTable, ipv4Frame, output } from './switch-harness.js';

let rig: Rig;
afterEach(() => rig?.close());

function request(body: MultipartRequestBody): MultipartReply[] {
  const replies = rig.handle({ type: 'MULTIPART_REQUEST', xid: 42, flags: 0, body });
  for (const r of replies) expect(r.type).toBe('MULTIPART_REPLY');
  return replies as MultipartReply[];
}
const flowReq = { tableId: OFPTT_ALL, outPort: OFPP.ANY, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: { fields: [] } };

describe('multipart statistics', () => {
  it('table, flow, aggregate and port counters are exact', async () => {
    rig = new Rig(2);
    rig.ok(
      flowMod({ tableId: 0, match: { in_port: 1 }, instructions: [gotoTable(1)] }),
      flowMod({ tableId: 1, match: { eth_type: 0x0800 }, instructions: [apply(output(2))] }),
    );
    const frames = [ipv4Frame(), ipv4Frame({ payload: 100 }), ipv4Frame({ payload: 200 })];
    for (const f of frames) await rig.send(1, f);
    await rig.send(2, ipv4Frame()); // misses table 0
    const bytes = BigInt(frames.reduce((n, f) => n + f.length, 0));
    const [table] = request({ mpType: 'TABLE' });
    expect(table!.body.mpType === 'TABLE' && table!.body.stats.slice(0, 3)).toEqual([
      { tableId: 0, activeCount: 1, lookupCount: 4n, matchedCount: 3n },
      { tableId: 1, activeCount: 1, lookupCount: 3n, matchedCount: 3n },
      { tableId: 2, activeCount: 0, lookupCount: 0n, matchedCount: 0n },
    ]);
    expect(table!.body.mpType === 'TABLE' && table!.body.stats).toHaveLength(254);
    const [flows] = request({ mpType: 'FLOW', ...flowReq });
    expect(flows!.body.mpType === 'FLOW' && flows!.body.stats.map((s) => [s.tableId, s.packetCount, s.byteCount])).toEqual([[0, 3n, bytes], [1, 3n, bytes]]);
    const [agg] = request({ mpType: 'AGGREGATE', ...flowReq, tableId: 1 });
    expect(agg!.body).toEqual({ mpType: 'AGGREGATE', packetCount: 3n, byteCount: bytes, flowCount: 1 });
    const [ports] = request({ mpType: 'PORT_STATS', portNo: OFPP.ANY });
    const st = ports!.body.mpType === 'PORT_STATS' ? ports!.body.stats : [];
    expect(st.map((s) => [s.portNo, s.rxPackets, s.txPackets, s.rxBytes])).toEqual([[1, 3n, 0n, bytes], [2, 1n, 3n, BigInt(ipv4Frame().length)]]);
    const [queues] = request({ mpType: 'QUEUE', portNo: 2, queueId: 0xffffffff });
    expect(queues!.body.mpType === 'QUEUE' && queues!.body.stats.map((q) => [q.portNo, q.queueId, q.txPackets])).toEqual([[2, 0, 3n]]);
  });

  it('splits large replies with REPLY_MORE; every part encodes within 64 KiB', () => {
    rig = new Rig(1);
    for (let i = 0; i < 1500; i++) rig.ok(flowMod({ priority: i, match: { eth_type: 0x0800, ipv4_dst: `10.0.${i >> 8}.${i & 255}` }, instructions: [apply(output(1))] }));
    const flowParts = request({ mpType: 'FLOW', ...flowReq });
    expect(flowParts.length).toBeGreaterThan(1);
    expect(flowParts.map((p) => p.flags)).toEqual([...flowParts.slice(1).map(() => OFPMPF_REPLY_MORE), 0]);
    expect(flowParts.reduce((n, p) => n + (p.body.mpType === 'FLOW' ? p.body.stats.length : 0), 0)).toBe(1500);
    const features = request({ mpType: 'TABLE_FEATURES', tables: [] });
    expect(features.length).toBeGreaterThan(1);
    const tables = features.flatMap((p) => (p.body.mpType === 'TABLE_FEATURES' ? p.body.tables : []));
    expect(tables.map((t) => t.tableId)).toEqual(Array.from({ length: 254 }, (_, i) => i));
    const next = tables[250]!.properties.find((p) => p.type === 'NEXT_TABLES');
    expect(next && 'tableIds' in next && next.tableIds).toEqual([251, 252, 253]);
    for (const part of [...flowParts, ...features]) {
      const wire = encodeMessage(part);
      expect(wire.length).toBeLessThanOrEqual(0xffff);
      expect(decodeMessage(wire)).toEqual(part);
    }
  });

  it('desc, port desc, group features, features, config, barrier, queue config', () => {
    rig = new Rig(2);
    const [desc] = request({ mpType: 'DESC' });
    expect(desc!.body).toMatchObject({ mpType: 'DESC', mfrDesc: 'sluice' });
    const [pd] = request({ mpType: 'PORT_DESC' });
    expect(pd!.body.mpType === 'PORT_DESC' && pd!.body.ports.map((p) => [p.portNo, p.name, p.state, p.currSpeed])).toEqual([[1, 's1-eth1', 4, 10_000_000], [2, 's1-eth2', 4, 10_000_000]]);
    const [gf] = request({ mpType: 'GROUP_FEATURES' });
    expect(gf!.body).toMatchObject({ mpType: 'GROUP_FEATURES', types: 15 });
    const one = (m: OfpMessage): OfpMessage => { const r = rig.handle(m); expect(r).toHaveLength(1); return r[0]!; };
    expect(one({ type: 'FEATURES_REQUEST', xid: 3 })).toEqual({ type: 'FEATURES_REPLY', xid: 3, datapathId: 0xabcn, nBuffers: 0, nTables: 254, auxiliaryId: 0, capabilities: 0x4f, reserved: 0 });
    rig.ok({ type: 'SET_CONFIG', xid: 1, flags: 1, missSendLen: 256 });
    expect(one({ type: 'GET_CONFIG_REQUEST', xid: 4 })).toEqual({ type: 'GET_CONFIG_REPLY', xid: 4, flags: 1, missSendLen: 256 });
    expect(one({ type: 'BARRIER_REQUEST', xid: 5 })).toEqual({ type: 'BARRIER_REPLY', xid: 5 });
    expect(one({ type: 'QUEUE_GET_CONFIG_REQUEST', xid: 6, port: OFPP.ANY })).toMatchObject({ queues: [{ queueId: 0, port: 1 }, { queueId: 0, port: 2 }] });
  });

  it('answers bad requests with the spec errors', () => {
    rig = new Rig(2);
    const hw = rig.dp.ports.get(1)!.desc().hwAddr;
    const e = (m: OfpMessage): unknown => rig.error(m);
    expect(e({ type: 'PORT_MOD', xid: 1, portNo: 9, hwAddr: hw, config: 0, mask: 0, advertise: 0 })).toEqual({ type: OFPET.PORT_MOD_FAILED, code: OFPPMFC.BAD_PORT });
    expect(e({ type: 'PORT_MOD', xid: 1, portNo: 1, hwAddr: '00:00:00:00:00:01', config: 0, mask: 0, advertise: 0 })).toEqual({ type: OFPET.PORT_MOD_FAILED, code: OFPPMFC.BAD_HW_ADDR });
    expect(e({ type: 'PORT_MOD', xid: 1, portNo: 1, hwAddr: hw, config: 1 << 3, mask: 1 << 3, advertise: 0 })).toEqual({ type: OFPET.PORT_MOD_FAILED, code: OFPPMFC.BAD_CONFIG });
    expect(e({ type: 'TABLE_MOD', xid: 1, tableId: 254, config: 0 })).toEqual({ type: OFPET.TABLE_MOD_FAILED, code: OFPTMFC.BAD_TABLE });
    expect(e({ type: 'TABLE_MOD', xid: 1, tableId: 0, config: 8 })).toEqual({ type: OFPET.TABLE_MOD_FAILED, code: OFPTMFC.BAD_CONFIG });
    expect(e({ type: 'SET_CONFIG', xid: 1, flags: 2, missSendLen: 128 })).toEqual({ type: OFPET.SWITCH_CONFIG_FAILED, code: OFPSCFC.BAD_FLAGS });
    expect(e({ type: 'QUEUE_GET_CONFIG_REQUEST', xid: 1, port: 7 })).toEqual({ type: OFPET.QUEUE_OP_FAILED, code: OFPQOFC.BAD_PORT });
    expect(e({ type: 'MULTIPART_REQUEST', xid: 1, flags: 0, body: { mpType: 'QUEUE', portNo: 1, queueId: 5 } })).toEqual({ type: OFPET.QUEUE_OP_FAILED, code: OFPQOFC.BAD_QUEUE });
    expect(e({ type: 'MULTIPART_REQUEST', xid: 1, flags: 0, body: { mpType: 'PORT_STATS', portNo: 7 } })).toEqual({ type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_PORT });
    expect(e({ type: 'MULTIPART_REQUEST', xid: 1, flags: 0, body: { mpType: 'FLOW', ...flowReq, tableId: 254 } })).toEqual({ type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TABLE_ID });
    expect(e({ type: 'MULTIPART_REQUEST', xid: 1, flags: 0, body: { mpType: 'TABLE_FEATURES', tables: [{ tableId: 0, name: 'x', metadataMatch: 0n, metadataWrite: 0n, config: 0, maxEntries: 1, properties: [] }] } }))
      .toEqual({ type: OFPET.TABLE_FEATURES_FAILED, code: OFPTFFC.EPERM });
    expect(e({ type: 'PACKET_OUT', xid: 1, bufferId: 3, inPort: 1, actions: [], data: Buffer.alloc(0) })).toEqual({ type: OFPET.BAD_REQUEST, code: OFPBRC.BUFFER_UNKNOWN });
    expect(e({ type: 'PACKET_OUT', xid: 1, bufferId: 0xffffffff, inPort: OFPP.FLOOD, actions: [], data: ipv4Frame() })).toEqual({ type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_PORT });
    expect(e({ type: 'ECHO_REQUEST', xid: 1, data: Buffer.alloc(0) })).toEqual({ type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE });
    // PORT_MOD that takes effect reports the new config.
    rig.ok({ type: 'PORT_MOD', xid: 1, portNo: 1, hwAddr: hw, config: OFPPC.PORT_DOWN, mask: OFPPC.PORT_DOWN, advertise: 0 });
    expect(rig.portStatus.at(-1)!.desc.config & OFPPC.PORT_DOWN).toBe(OFPPC.PORT_DOWN);
    expect(rig.portStatus.at(-1)!.desc.state & 4).toBe(0); // no longer LIVE
  });
});
