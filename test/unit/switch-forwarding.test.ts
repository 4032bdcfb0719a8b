import { afterEach, describe, expect, it } from 'vitest';
import { OFPR } from '../../core/openflow/constants.js';
import { OFPP, OFPPC } from '../../core/openflow/port-desc.js';
import { matchValue } from '../../core/openflow/match.js';
import { Rig, apply, flowMod, gotoTable, ipv4Frame, MAC, output, setField, write } from './switch-harness.js';

let rig: Rig;
afterEach(() => rig?.close());

describe('switch forwarding', () => {
  it('forwards by in_port and by eth_dst', async () => {
    rig = new Rig(3);
    rig.ok(
      flowMod({ match: { in_port: 1 }, instructions: [apply(output(2))] }),
      flowMod({ priority: 200, match: { in_port: 2, eth_dst: MAC(3) }, instructions: [apply(output(3))] }),
    );
    const f = ipv4Frame({ src: 1, dst: 2 });
    await rig.send(1, f);
    expect(rig.host(2).frames).toEqual([new Uint8Array(f)]);
    expect(rig.host(3).frames).toHaveLength(0);
    await rig.send(2, ipv4Frame({ src: 2, dst: 3 }));
    expect(rig.host(3).frames).toHaveLength(1);
    // No match in table 0 and no table-miss entry: dropped, no packet-in.
    await rig.send(2, ipv4Frame({ src: 2, dst: 1 }));
    expect(rig.host(1).frames).toHaveLength(0);
    expect(rig.packetIns).toHaveLength(0);
  });

  it('never sends back out of the ingress port unless told IN_PORT', async () => {
    rig = new Rig(2);
    rig.ok(flowMod({ match: { in_port: 1 }, instructions: [apply(output(1))] }));
    await rig.send(1, ipv4Frame());
    expect(rig.host(1).frames).toHaveLength(0);
    rig.ok(flowMod({ priority: 200, match: { in_port: 1 }, instructions: [apply(output(OFPP.IN_PORT))] }));
    await rig.send(1, ipv4Frame());
    expect(rig.host(1).frames).toHaveLength(1);
  });

  it('floods to every port but the ingress and NO_FWD ones', async () => {
    rig = new Rig(4);
    rig.ok(flowMod({ instructions: [apply(output(OFPP.FLOOD))] }));
    const p3 = rig.dp.ports.get(3)!.desc();
    rig.ok({ type: 'PORT_MOD', xid: 1, portNo: 3, hwAddr: p3.hwAddr, config: OFPPC.NO_FWD, mask: OFPPC.NO_FWD, advertise: 0 });
    await rig.send(1, ipv4Frame());
    expect([1, 2, 3, 4].map((p) => rig.host(p).frames.length)).toEqual([0, 1, 0, 1]);
    rig.ok(flowMod({ priority: 200, instructions: [apply(output(OFPP.ALL))] }));
    await rig.send(2, ipv4Frame());
    expect([1, 2, 3, 4].map((p) => rig.host(p).frames.length)).toEqual([1, 1, 0, 2]);
  });

  it('drops what arrives on a NO_RECV port and counts it', async () => {
    rig = new Rig(2);
    rig.ok(flowMod({ instructions: [apply(output(OFPP.FLOOD))] }));
    const hw = rig.dp.ports.get(1)!.desc().hwAddr;
    rig.ok({ type: 'PORT_MOD', xid: 1, portNo: 1, hwAddr: hw, config: OFPPC.NO_RECV, mask: OFPPC.NO_RECV, advertise: 0 });
    await rig.send(1, ipv4Frame());
    expect(rig.host(2).frames).toHaveLength(0);
    expect(rig.dp.ports.get(1)!.stats(0).rxDropped).toBe(1n);
  });

  it('table-miss entry sends PACKET_IN with reason NO_MATCH, a flow output ACTION, with cookie and table', async () => {
    rig = new Rig(2);
    rig.ok(
      flowMod({ priority: 0, cookie: 0x77n, instructions: [apply(output(OFPP.CONTROLLER, 0xffff))] }),
      flowMod({ priority: 10, cookie: 0x99n, match: { eth_dst: MAC(9) }, instructions: [apply(output(OFPP.CONTROLLER, 20))] }),
    );
    const f = ipv4Frame();
    await rig.send(1, f);
    const pi = rig.packetIns[0]!;
    expect(pi.reason).toBe(OFPR.NO_MATCH);
    expect(pi.cookie).toBe(0x77n);
    expect(pi.tableId).toBe(0);
    expect(pi.bufferId).toBe(0xffffffff);
    expect(pi.totalLen).toBe(f.length);
    expect(Buffer.compare(pi.data, f)).toBe(0);
    expect(matchValue(pi.match, 'in_port')).toBe(1);
    await rig.send(2, ipv4Frame({ dst: 9 }));
    const pi2 = rig.packetIns[1]!;
    expect(pi2.reason).toBe(OFPR.ACTION);
    expect(pi2.cookie).toBe(0x99n);
    expect(pi2.data.length).toBe(20);
    expect(matchValue(pi2.match, 'in_port')).toBe(2);
  });

  it('NO_PACKET_IN on the ingress port suppresses packet-ins', async () => {
    rig = new Rig(1);
    rig.ok(flowMod({ priority: 0, instructions: [apply(output(OFPP.CONTROLLER))] }));
    const hw = rig.dp.ports.get(1)!.desc().hwAddr;
    rig.ok({ type: 'PORT_MOD', xid: 1, portNo: 1, hwAddr: hw, config: OFPPC.NO_PACKET_IN, mask: OFPPC.NO_PACKET_IN, advertise: 0 });
    await rig.send(1, ipv4Frame());
    expect(rig.packetIns).toHaveLength(0);
  });

  it('goto-table carries metadata (with mask) and the packet-in reports it', async () => {
    rig = new Rig(2);
    rig.ok(
      flowMod({ tableId: 0, instructions: [{ type: 'WRITE_METADATA', metadata: 0xff00n, metadataMask: 0x0f00n }, gotoTable(3)] }),
      flowMod({ tableId: 3, match: { metadata: [0x0f00n, 0xff00n] }, instructions: [apply(output(OFPP.CONTROLLER))] }),
    );
    await rig.send(1, ipv4Frame());
    expect(rig.packetIns).toHaveLength(1);
    expect(rig.packetIns[0]!.tableId).toBe(3);
    expect(matchValue(rig.packetIns[0]!.match, 'metadata')).toBe(0x0f00n);
  });

  it('runs the action set at the end in the spec order, whatever order it was written in', async () => {
    rig = new Rig(2);
    // Written: output first, then set-field, then push_vlan; executed: push_vlan, set-field, output.
    rig.ok(
      flowMod({ tableId: 0, instructions: [write(output(2)), gotoTable(1)] }),
      flowMod({ tableId: 1, instructions: [write(setField('vlan_vid', 0x1000 | 42), { type: 'PUSH_VLAN', ethertype: 0x8100 })] }),
    );
    await rig.send(1, ipv4Frame());
    const out = rig.host(2).frames[0]!;
    expect(out[12]).toBe(0x81);
    expect(((out[14]! << 8) | out[15]!) & 0xfff).toBe(42);
  });

  it('clear-actions empties the action set; a group in the set wins over output', async () => {
    rig = new Rig(3);
    rig.ok({ type: 'GROUP_MOD', xid: 1, command: 0, groupType: 0, groupId: 5, buckets: [{ weight: 0, watchPort: OFPP.ANY, watchGroup: 0xffffffff, actions: [output(3)] }] });
    rig.ok(
      flowMod({ tableId: 0, instructions: [write(output(2)), gotoTable(1)] }),
      flowMod({ tableId: 1, match: { in_port: 1 }, instructions: [{ type: 'CLEAR_ACTIONS' }] }),
      flowMod({ tableId: 1, match: { in_port: 2 }, instructions: [write({ type: 'GROUP', groupId: 5 })] }),
    );
    await rig.send(1, ipv4Frame());
    expect(rig.host(2).frames.length + rig.host(3).frames.length).toBe(0);
    await rig.send(2, ipv4Frame());
    expect(rig.host(3).frames).toHaveLength(1);
    expect(rig.host(2).frames).toHaveLength(0);
  });

  it('packet-out with OUTPUT:TABLE runs the pipeline; other outputs go straight out', async () => {
    rig = new Rig(3);
    rig.ok(flowMod({ match: { in_port: 1 }, instructions: [apply(output(3))] }));
    const f = ipv4Frame();
    rig.ok({ type: 'PACKET_OUT', xid: 2, bufferId: 0xffffffff, inPort: 1, actions: [output(OFPP.TABLE)], data: f });
    rig.ok({ type: 'PACKET_OUT', xid: 3, bufferId: 0xffffffff, inPort: OFPP.CONTROLLER, actions: [output(2)], data: f });
    await new Promise((r) => setTimeout(r, 5));
    expect(rig.host(3).frames).toHaveLength(1);
    expect(rig.host(2).frames).toHaveLength(1);
    // OUTPUT:TABLE in a flow is refused.
    expect(rig.error(flowMod({ instructions: [apply(output(OFPP.TABLE))] }))).toEqual({ type: 2, code: 4 });
    expect(rig.dp.flows.tables[0]!.size).toBe(1);
  });

  it('reports ports: ADD on addPort, MODIFY on link change and PORT_MOD, DELETE on unplug', async () => {
    rig = new Rig(2);
    expect(rig.portStatus.map((p) => [p.reason, p.desc.portNo])).toEqual([[0, 1], [0, 2]]);
    rig.host(2).cable.setLinkUp(false);
    const mod = rig.portStatus.at(-1)!;
    expect(mod.reason).toBe(2);
    expect(mod.desc.state & 1).toBe(1); // OFPPS_LINK_DOWN
    rig.host(2).cable.unplug();
    expect(rig.portStatus.at(-1)!.reason).toBe(1);
    expect(rig.dp.ports.has(2)).toBe(false);
  });
});
