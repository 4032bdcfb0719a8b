import { afterEach, describe, expect, it } from 'vitest';
import { OFPFC, OFPFF, OFPRR, OFPTT_ALL } from '../../core/openflow/constants.js';
import { OFPBAC, OFPBIC, OFPBMC, OFPBRC, OFPET, OFPFMFC, OFPMMFC } from '../../core/openflow/error-codes.js';
import type { MultipartReply } from '../../core/openflow/messages/multipart.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { Rig, apply, flowMod, gotoTable, ipv4Frame, MAC, output, setField } from './switch-harness.js';

let rig: Rig;
afterEach(() => rig?.close());

function flows(): { priority: number; cookie: bigint; packets: bigint; table: number }[] {
  const replies = rig.handle({ type: 'MULTIPART_REQUEST', xid: 9, flags: 0, body: {
    mpType: 'FLOW', tableId: OFPTT_ALL, outPort: OFPP.ANY, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: { fields: [] },
  } }) as MultipartReply[];
  return replies.flatMap((r) => (r.body.mpType === 'FLOW' ? r.body.stats : []))
    .map((s) => ({ priority: s.priority, cookie: s.cookie, packets: s.packetCount, table: s.tableId }));
}

const err = (type: number, code: number): { type: number; code: number } => ({ type, code });

describe('flow-mod semantics', () => {
  it('CHECK_OVERLAP refuses an overlapping flow of the same priority only', () => {
    rig = new Rig(2);
    rig.ok(flowMod({ priority: 10, match: { in_port: 1 }, instructions: [apply(output(2))] }));
    expect(rig.error(flowMod({ priority: 10, flags: OFPFF.CHECK_OVERLAP, match: { eth_dst: MAC(2) } })))
      .toEqual(err(OFPET.FLOW_MOD_FAILED, OFPFMFC.OVERLAP));
    // Disjoint (different in_port) or different priority: fine.
    rig.ok(flowMod({ priority: 10, flags: OFPFF.CHECK_OVERLAP, match: { in_port: 2, eth_dst: MAC(2) } }));
    rig.ok(flowMod({ priority: 11, flags: OFPFF.CHECK_OVERLAP, match: { eth_dst: MAC(2) } }));
    expect(flows()).toHaveLength(3);
  });

  it('ADD of an identical flow replaces it, keeping counters unless RESET_COUNTS', async () => {
    rig = new Rig(2);
    rig.ok(flowMod({ match: { in_port: 1 }, cookie: 1n, instructions: [apply(output(2))] }));
    await rig.send(1, ipv4Frame());
    await rig.send(1, ipv4Frame());
    rig.ok(flowMod({ match: { in_port: 1 }, cookie: 2n, instructions: [apply(output(2))] }));
    expect(flows()).toEqual([{ priority: 100, cookie: 2n, packets: 2n, table: 0 }]);
    rig.ok(flowMod({ match: { in_port: 1 }, cookie: 3n, flags: OFPFF.RESET_COUNTS, instructions: [] }));
    expect(flows()).toEqual([{ priority: 100, cookie: 3n, packets: 0n, table: 0 }]);
  });

  it('MODIFY changes instructions of every covered flow and keeps counters; MODIFY_STRICT only the identical one', async () => {
    rig = new Rig(3);
    rig.ok(
      flowMod({ priority: 10, match: { in_port: 1 }, instructions: [apply(output(2))] }),
      flowMod({ priority: 20, match: { in_port: 1, eth_dst: MAC(2) }, instructions: [apply(output(2))] }),
    );
    await rig.send(1, ipv4Frame());
    rig.ok(flowMod({ command: OFPFC.MODIFY, match: { in_port: 1 }, instructions: [apply(output(3))] }));
    await rig.send(1, ipv4Frame());
    expect(rig.host(2).frames).toHaveLength(1);
    expect(rig.host(3).frames).toHaveLength(1);
    expect(flows().find((f) => f.priority === 20)!.packets).toBe(2n);
    rig.ok(flowMod({ command: OFPFC.MODIFY_STRICT, priority: 20, match: { in_port: 1 }, instructions: [apply(output(2))] }));
    await rig.send(1, ipv4Frame());
    expect(rig.host(3).frames).toHaveLength(2); // nothing matched strictly: priority 20 flow unchanged
  });

  it('DELETE is non-strict, DELETE_STRICT exact; cookie mask and out_port filter; FLOW_REMOVED reason DELETE', () => {
    rig = new Rig(3);
    rig.ok(
      flowMod({ priority: 1, cookie: 0x100n, match: { in_port: 1 }, flags: OFPFF.SEND_FLOW_REM, instructions: [apply(output(2))] }),
      flowMod({ priority: 2, cookie: 0x101n, match: { in_port: 1, eth_dst: MAC(2) }, instructions: [apply(output(3))] }),
      flowMod({ priority: 3, cookie: 0x200n, match: { in_port: 2 }, instructions: [apply(output(3))] }),
      flowMod({ tableId: 5, priority: 4, cookie: 0x100n, instructions: [] }),
    );
    // Strict: priority must match too.
    rig.ok(flowMod({ command: OFPFC.DELETE_STRICT, priority: 2, match: { in_port: 1 } }));
    expect(flows()).toHaveLength(4);
    // out_port 3 among in_port=1 flows: only the priority-2 one.
    rig.ok(flowMod({ command: OFPFC.DELETE, match: { in_port: 1 }, outPort: 3 }));
    expect(flows().map((f) => f.priority)).toEqual([1, 3, 4]);
    // Cookie 0x1xx under mask 0xf00, all tables: priority 1 (table 0) and 4 (table 5).
    rig.ok(flowMod({ command: OFPFC.DELETE, tableId: OFPTT_ALL, cookie: 0x100n, cookieMask: 0xf00n }));
    expect(flows().map((f) => f.priority)).toEqual([3]);
    expect(rig.flowRemoved.map((f) => [f.priority, f.reason])).toEqual([[1, OFPRR.DELETE]]);
  });

  it('idle and hard timeouts on the fake clock send FLOW_REMOVED with the right reason and counters', async () => {
    rig = new Rig(2);
    rig.ok(
      flowMod({ priority: 1, idleTimeout: 10, flags: OFPFF.SEND_FLOW_REM, match: { in_port: 1 }, instructions: [apply(output(2))] }),
      flowMod({ priority: 2, hardTimeout: 30, flags: OFPFF.SEND_FLOW_REM, match: { in_port: 2 }, instructions: [] }),
    );
    rig.clock.advance(8_000);
    await rig.send(1, ipv4Frame());
    rig.clock.advance(8_000);
    rig.dp.tick();
    expect(rig.flowRemoved).toHaveLength(0); // used 8 s ago, idle timeout 10 s
    rig.clock.advance(2_500);
    rig.dp.tick();
    expect(rig.flowRemoved.map((f) => [f.priority, f.reason, f.packetCount, f.durationSec])).toEqual([[1, OFPRR.IDLE_TIMEOUT, 1n, 18]]);
    rig.clock.advance(11_500);
    rig.dp.tick();
    expect(rig.flowRemoved.at(-1)!.reason).toBe(OFPRR.HARD_TIMEOUT);
    expect(rig.flowRemoved.at(-1)!.durationSec).toBe(30);
    expect(flows()).toHaveLength(0);
  });

  it('answers every flow-mod error with the spec type/code and the request as data', () => {
    rig = new Rig(2);
    const cases: [Parameters<typeof flowMod>[0], { type: number; code: number }][] = [
      [{ tableId: 254 }, err(OFPET.FLOW_MOD_FAILED, OFPFMFC.BAD_TABLE_ID)],
      [{ tableId: OFPTT_ALL }, err(OFPET.FLOW_MOD_FAILED, OFPFMFC.BAD_TABLE_ID)],
      [{ command: 7 }, err(OFPET.FLOW_MOD_FAILED, OFPFMFC.BAD_COMMAND)],
      [{ flags: 1 << 9 }, err(OFPET.FLOW_MOD_FAILED, OFPFMFC.BAD_FLAGS)],
      [{ tableId: 3, instructions: [gotoTable(3)] }, err(OFPET.BAD_INSTRUCTION, OFPBIC.BAD_TABLE_ID)],
      [{ tableId: 3, instructions: [gotoTable(1)] }, err(OFPET.BAD_INSTRUCTION, OFPBIC.BAD_TABLE_ID)],
      [{ instructions: [apply(output(0))] }, err(OFPET.BAD_ACTION, OFPBAC.BAD_OUT_PORT)],
      [{ instructions: [apply(output(OFPP.ANY))] }, err(OFPET.BAD_ACTION, OFPBAC.BAD_OUT_PORT)],
      [{ instructions: [apply({ type: 'GROUP', groupId: 77 })] }, err(OFPET.BAD_ACTION, OFPBAC.BAD_OUT_GROUP)],
      [{ instructions: [{ type: 'METER', meterId: 5 }] }, err(OFPET.METER_MOD_FAILED, OFPMMFC.UNKNOWN_METER)],
      [{ instructions: [apply({ type: 'PUSH_VLAN', ethertype: 0x0800 })] }, err(OFPET.BAD_ACTION, OFPBAC.BAD_ARGUMENT)],
      [{ instructions: [apply({ type: 'SET_QUEUE', queueId: 3 })] }, err(OFPET.BAD_ACTION, OFPBAC.BAD_QUEUE)],
      [{ instructions: [apply(setField('in_port', 3))] }, err(OFPET.BAD_ACTION, OFPBAC.BAD_SET_TYPE)],
      [{ instructions: [apply(setField('reg0', 3))] }, err(OFPET.BAD_ACTION, OFPBAC.BAD_SET_TYPE)],
      [{ instructions: [apply(setField('ip_dscp', 64))] }, err(OFPET.BAD_ACTION, OFPBAC.BAD_SET_ARGUMENT)],
      [{ instructions: [apply(output(2)), apply(output(2))] }, err(OFPET.BAD_INSTRUCTION, OFPBIC.UNSUP_INST)],
      [{ match: { tcp_dst: 80 } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_PREREQ)],
      [{ match: { eth_type: 0x0806, tcp_dst: 80, ip_proto: 6 } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_PREREQ)],
      [{ match: { eth_type: 0x0800, ip_proto: 17, tcp_dst: 80 } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_PREREQ)],
      [{ match: { vlan_pcp: 3 } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_PREREQ)],
      [{ match: { vlan_vid: 0, vlan_pcp: 3 } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_PREREQ)],
      [{ match: { reg3: 1 } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_FIELD)],
      [{ match: { eth_type: 0x0800, ip_dscp: 64 } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_VALUE)],
      [{ match: { vlan_vid: 5 } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_VALUE)],
      [{ match: { eth_dst: ['02:00:00:00:00:ff', 'ff:ff:ff:ff:ff:00'] } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_WILDCARDS)],
      [{ match: { in_port: [1, 1] } }, err(OFPET.BAD_MATCH, OFPBMC.BAD_MASK)],
      [{ bufferId: 5, instructions: [] }, err(OFPET.BAD_REQUEST, OFPBRC.BUFFER_UNKNOWN)],
    ];
    for (const [spec, expected] of cases) {
      const msg = flowMod(spec);
      const [reply] = rig.handle(msg);
      expect({ spec: JSON.stringify(spec, (_k, v) => (typeof v === 'bigint' ? String(v) : v)), e: reply && reply.type === 'ERROR' ? { type: reply.errorType, code: 'code' in reply ? reply.code : -1 } : reply })
        .toEqual({ spec: JSON.stringify(spec, (_k, v) => (typeof v === 'bigint' ? String(v) : v)), e: expected });
    }
    // DUP_FIELD: a match built by hand with a field twice.
    const dup = flowMod({ match: { fields: [{ field: 'in_port', value: 1 }, { field: 'in_port', value: 2 }] } });
    expect(rig.error(dup)).toEqual(err(OFPET.BAD_MATCH, OFPBMC.DUP_FIELD));
    // Error data: the first 64 bytes of the request.
    const [e] = rig.dp.handle(flowMod({ tableId: 254 }), Buffer.alloc(100, 7));
    expect(e!.type === 'ERROR' && e!.data.equals(Buffer.alloc(64, 7))).toBe(true);
    expect(flows()).toHaveLength(1); // only the BUFFER_UNKNOWN flow-mod took effect (as OVS does)
  });

  it('deleting a group or meter removes the flows that use it', () => {
    rig = new Rig(2);
    rig.ok(
      { type: 'GROUP_MOD', xid: 1, command: 0, groupType: 0, groupId: 1, buckets: [] },
      { type: 'METER_MOD', xid: 1, command: 0, flags: 2, meterId: 1, bands: [{ type: 'DROP', rate: 10, burstSize: 0 }] },
      flowMod({ priority: 1, flags: OFPFF.SEND_FLOW_REM, instructions: [apply({ type: 'GROUP', groupId: 1 })] }),
      flowMod({ priority: 2, instructions: [{ type: 'METER', meterId: 1 }] }),
      flowMod({ priority: 3, instructions: [] }),
    );
    rig.ok({ type: 'GROUP_MOD', xid: 1, command: 2, groupType: 0, groupId: 1, buckets: [] });
    expect(rig.flowRemoved.map((f) => f.reason)).toEqual([OFPRR.GROUP_DELETE]);
    rig.ok({ type: 'METER_MOD', xid: 1, command: 2, flags: 0, meterId: 1, bands: [] });
    expect(flows().map((f) => f.priority)).toEqual([3]);
  });
});
