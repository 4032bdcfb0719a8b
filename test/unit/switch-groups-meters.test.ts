import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../core/openflow/actions.js';
import { OFPG, OFPGC, OFPGT, OFPMC, OFPMF } from '../../core/openflow/constants.js';
import { OFPBAC, OFPET, OFPGMFC, OFPMMFC } from '../../core/openflow/error-codes.js';
import type { Bucket } from '../../core/openflow/group-bucket.js';
import type { GroupMod } from '../../core/openflow/messages/group.js';
import type { MeterMod } from '../../core/openflow/messages/meter.js';
import type { MultipartReply } from '../../core/openflow/messages/multipart.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { Rig, apply, flowMod, ipv4Frame, output } from './switch-harness.js';

let rig: Rig;
afterEach(() => rig?.close());

const bucket = (actions: Action[], o: Partial<Bucket> = {}): Bucket =>
  ({ weight: o.weight ?? 0, watchPort: o.watchPort ?? OFPP.ANY, watchGroup: o.watchGroup ?? OFPG.ANY, actions });
const groupMod = (groupId: number, groupType: number, buckets: Bucket[], command: number = OFPGC.ADD): GroupMod =>
  ({ type: 'GROUP_MOD', xid: 1, command, groupType, groupId, buckets });
const meterMod = (meterId: number, flags: number, bands: MeterMod['bands'], command: number = OFPMC.ADD): MeterMod =>
  ({ type: 'METER_MOD', xid: 1, command, flags, meterId, bands });

function mp(body: Parameters<Rig['handle']>[0] extends never ? never : MultipartReply['body']['mpType'], extra: object = {}): MultipartReply['body'] {
  const replies = rig.handle({ type: 'MULTIPART_REQUEST', xid: 1, flags: 0, body: { mpType: body, ...extra } as never }) as MultipartReply[];
  return replies[0]!.body;
}

describe('groups', () => {
  it('ALL copies to every bucket and counts per group and per bucket', async () => {
    rig = new Rig(3);
    rig.ok(groupMod(1, OFPGT.ALL, [bucket([output(2)]), bucket([output(3)])]), flowMod({ instructions: [apply({ type: 'GROUP', groupId: 1 })] }));
    const f = ipv4Frame();
    await rig.send(1, f);
    expect([rig.host(2).frames.length, rig.host(3).frames.length]).toEqual([1, 1]);
    const body = mp('GROUP', { groupId: OFPG.ALL });
    expect(body.mpType === 'GROUP' && body.stats[0]).toMatchObject({
      groupId: 1, refCount: 1, packetCount: 1n, byteCount: BigInt(f.length),
      bucketStats: [{ packetCount: 1n, byteCount: BigInt(f.length) }, { packetCount: 1n, byteCount: BigInt(f.length) }],
    });
  });

  it('SELECT keeps one flow on one bucket and spreads many flows by weight, skipping dead buckets', async () => {
    rig = new Rig(4);
    rig.ok(
      groupMod(1, OFPGT.SELECT, [bucket([output(2)], { weight: 1 }), bucket([output(3)], { weight: 1 }), bucket([output(4)], { weight: 2, watchPort: 4 })]),
      flowMod({ instructions: [apply({ type: 'GROUP', groupId: 1 })] }),
    );
    for (let i = 0; i < 5; i++) rig.dp.receive(1, ipv4Frame({ transport: { udp: { srcPort: 777, dstPort: 53 } } }));
    await new Promise((r) => setTimeout(r, 5));
    const counts = (): number[] => [2, 3, 4].map((p) => rig.host(p).frames.length);
    expect(counts().filter((n) => n > 0)).toEqual([5]);
    for (const h of [2, 3, 4]) rig.host(h).frames.length = 0;
    for (let i = 0; i < 400; i++) rig.dp.receive(1, ipv4Frame({ transport: { udp: { srcPort: 1000 + i, dstPort: 53 } } }));
    await new Promise((r) => setTimeout(r, 20));
    const spread = counts();
    expect(spread.reduce((a, b) => a + b)).toBe(400);
    // Weights 1:1:2 → about 100/100/200.
    expect(spread[0]).toBeGreaterThan(60); expect(spread[1]).toBeGreaterThan(60); expect(spread[2]).toBeGreaterThan(140);
    // Port 4 goes down: its bucket is dead and its flows move to the others.
    rig.host(4).cable.setLinkUp(false);
    for (const h of [2, 3, 4]) rig.host(h).frames.length = 0;
    for (let i = 0; i < 100; i++) rig.dp.receive(1, ipv4Frame({ transport: { udp: { srcPort: 1000 + i, dstPort: 53 } } }));
    await new Promise((r) => setTimeout(r, 10));
    expect(counts()[0]! + counts()[1]!).toBe(100);
  });

  it('FAST_FAILOVER uses the first live bucket and switches when its port goes down', async () => {
    rig = new Rig(3);
    rig.ok(
      groupMod(1, OFPGT.FF, [bucket([output(2)], { watchPort: 2 }), bucket([output(3)], { watchPort: 3 })]),
      flowMod({ instructions: [apply({ type: 'GROUP', groupId: 1 })] }),
    );
    await rig.send(1, ipv4Frame());
    expect([rig.host(2).frames.length, rig.host(3).frames.length]).toEqual([1, 0]);
    rig.host(2).cable.setLinkUp(false);
    await rig.send(1, ipv4Frame());
    expect([rig.host(2).frames.length, rig.host(3).frames.length]).toEqual([1, 1]);
    rig.host(2).cable.setLinkUp(true);
    await rig.send(1, ipv4Frame());
    expect([rig.host(2).frames.length, rig.host(3).frames.length]).toEqual([2, 1]);
  });

  it('INDIRECT and chained groups', async () => {
    rig = new Rig(3);
    rig.ok(groupMod(2, OFPGT.INDIRECT, [bucket([output(3)])]), groupMod(1, OFPGT.ALL, [bucket([output(2)]), bucket([{ type: 'GROUP', groupId: 2 }])]));
    rig.ok(flowMod({ instructions: [apply({ type: 'GROUP', groupId: 1 })] }));
    await rig.send(1, ipv4Frame());
    expect([rig.host(2).frames.length, rig.host(3).frames.length]).toEqual([1, 1]);
    const desc = mp('GROUP_DESC');
    expect(desc.mpType === 'GROUP_DESC' && desc.groups.map((g) => [g.groupId, g.groupType])).toEqual([[2, OFPGT.INDIRECT], [1, OFPGT.ALL]]);
  });

  it('GROUP_MOD errors', () => {
    rig = new Rig(2);
    const e = (m: GroupMod): unknown => rig.error(m);
    rig.ok(groupMod(1, OFPGT.ALL, [bucket([output(2)])]), groupMod(2, OFPGT.ALL, [bucket([{ type: 'GROUP', groupId: 1 }])]));
    expect(e(groupMod(1, OFPGT.ALL, []))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.GROUP_EXISTS });
    expect(e(groupMod(9, OFPGT.ALL, [], OFPGC.MODIFY))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.UNKNOWN_GROUP });
    expect(e(groupMod(1, OFPGT.ALL, [bucket([{ type: 'GROUP', groupId: 2 }])], OFPGC.MODIFY))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.LOOP });
    expect(e(groupMod(3, OFPGT.ALL, [bucket([{ type: 'GROUP', groupId: 3 }])]))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.LOOP });
    expect(e(groupMod(1, OFPGT.ALL, [], OFPGC.DELETE))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.CHAINED_GROUP });
    expect(e(groupMod(4, 7, []))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.BAD_TYPE });
    expect(e(groupMod(4, OFPGT.ALL, [], 9))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.BAD_COMMAND });
    expect(e(groupMod(OFPG.ALL, OFPGT.ALL, []))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.INVALID_GROUP });
    expect(e(groupMod(4, OFPGT.INDIRECT, []))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.INVALID_GROUP });
    expect(e(groupMod(4, OFPGT.FF, [bucket([output(2)])]))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.BAD_WATCH });
    expect(e(groupMod(4, OFPGT.ALL, [bucket([output(2)], { weight: 3 })]))).toEqual({ type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.WEIGHT_UNSUPPORTED });
    expect(e(groupMod(4, OFPGT.ALL, [bucket([{ type: 'GROUP', groupId: 99 }])]))).toEqual({ type: OFPET.BAD_ACTION, code: OFPBAC.BAD_OUT_GROUP });
    rig.ok(groupMod(OFPG.ALL, 0, [], OFPGC.DELETE));
    expect(rig.dp.groups.groups.size).toBe(0);
  });
});

describe('meters', () => {
  it('drops packets above the rate, refilling with the clock; band stats count what the band hit', async () => {
    rig = new Rig(2);
    rig.ok(meterMod(1, OFPMF.PKTPS | OFPMF.BURST | OFPMF.STATS, [{ type: 'DROP', rate: 10, burstSize: 5 }]));
    rig.ok(flowMod({ instructions: [{ type: 'METER', meterId: 1 }, apply(output(2))] }));
    for (let i = 0; i < 8; i++) rig.dp.receive(1, ipv4Frame());
    await new Promise((r) => setTimeout(r, 5));
    expect(rig.host(2).frames).toHaveLength(5); // burst of 5, then the bucket is empty
    rig.clock.advance(300); // 10 pkt/s × 0.3 s = 3 tokens
    for (let i = 0; i < 8; i++) rig.dp.receive(1, ipv4Frame());
    await new Promise((r) => setTimeout(r, 5));
    expect(rig.host(2).frames).toHaveLength(8);
    const body = mp('METER', { meterId: 0xffffffff });
    expect(body.mpType === 'METER' && body.stats[0]).toMatchObject({
      meterId: 1, flowCount: 1, packetInCount: 16n, bandStats: [{ packetBandCount: 8n }],
    });
  });

  it('KBPS meters count bits; DSCP_REMARK raises drop precedence instead of dropping', async () => {
    rig = new Rig(2);
    const f = ipv4Frame({ payload: 58 }); // 100 bytes = 800 bits
    expect(f.length).toBe(100);
    // 8 kbit/s, burst 2 kbit: two frames pass, the rest is remarked (AF11 → AF13 at prec 2).
    rig.ok(meterMod(1, OFPMF.KBPS | OFPMF.BURST, [{ type: 'DSCP_REMARK', rate: 8, burstSize: 2, precLevel: 2 }]));
    rig.ok(flowMod({ instructions: [{ type: 'METER', meterId: 1 }, apply(output(2))] }));
    const af11 = Buffer.from(f);
    af11[15] = 10 << 2; // DSCP 10 (AF11)
    af11.writeUInt16BE(0, 24);
    let sum = 0;
    for (let i = 14; i < 34; i += 2) sum += af11.readUInt16BE(i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    af11.writeUInt16BE(~sum & 0xffff, 24);
    for (let i = 0; i < 3; i++) rig.dp.receive(1, af11);
    await new Promise((r) => setTimeout(r, 5));
    expect(rig.host(2).frames.map((fr) => fr[15]! >> 2)).toEqual([10, 10, 14]);
  });

  it('METER_MOD errors and features', () => {
    rig = new Rig(1);
    const drop = [{ type: 'DROP' as const, rate: 100, burstSize: 0 }];
    rig.ok(meterMod(1, OFPMF.KBPS, drop));
    const e = (m: MeterMod): unknown => rig.error(m);
    expect(e(meterMod(1, OFPMF.KBPS, drop))).toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.METER_EXISTS });
    expect(e(meterMod(2, OFPMF.KBPS, drop, OFPMC.MODIFY))).toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.UNKNOWN_METER });
    expect(e(meterMod(2, OFPMF.KBPS, drop, OFPMC.DELETE))).toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.UNKNOWN_METER });
    expect(e(meterMod(0, OFPMF.KBPS, drop))).toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.INVALID_METER });
    expect(e(meterMod(2, OFPMF.KBPS | OFPMF.PKTPS, drop))).toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.BAD_FLAGS });
    expect(e(meterMod(2, OFPMF.KBPS, [{ type: 'DROP', rate: 0, burstSize: 0 }]))).toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.BAD_RATE });
    expect(e(meterMod(2, OFPMF.KBPS, drop, 5))).toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.BAD_COMMAND });
    expect(e(meterMod(2, OFPMF.KBPS, [{ type: 'EXPERIMENTER', rate: 1, burstSize: 0, experimenter: 1, data: Buffer.alloc(0) }]))).toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.BAD_BAND });
    const cfg = mp('METER_CONFIG', { meterId: 0xffffffff });
    expect(cfg.mpType === 'METER_CONFIG' && cfg.configs).toEqual([{ flags: OFPMF.KBPS, meterId: 1, bands: drop }]);
    const feat = mp('METER_FEATURES');
    expect(feat).toMatchObject({ mpType: 'METER_FEATURES', bandTypes: 0b110, maxBands: 8 });
  });
});
