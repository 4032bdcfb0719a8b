/**
 * A minimal MAC-learning packet-in processor, the behaviour ovs-testcontroller's learning
 * switch has, so the benchmark compares like with like when the L2 plugin is not installed.
 * Known destination: a FLOW_MOD in the l2 stage (carrying the packet's buffer id, so the switch
 * forwards the buffered packet itself); unknown: a flooding PACKET_OUT.
 */
import { type PacketInChain, packetInPriority } from '../../core/kernel/packet-in-chain.js';
import { OFP_NO_BUFFER, OFPFC, OFPG } from '../../core/openflow/constants.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import type { Disposable } from '../../core/kernel/disposable.js';
import { cookieFor } from '../../controller/pipeline/cookie-owners.js';
import { tableOf } from '../../controller/pipeline/stages.js';
import type { Dpid } from '../../controller/services/datapaths.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';

export function registerLearningProcessor(chain: PacketInChain<PacketInContext>): Disposable {
  const tables = new Map<Dpid, Map<number, number>>();
  const l2Table = tableOf('l2');
  const cookie = cookieFor('l2', 0xbe7cn);
  return chain.register('bench.learning', packetInPriority('forwarding', 50), (c) => {
    const dp = c.datapath;
    let macs = tables.get(dp.dpid);
    if (macs === undefined) tables.set(dp.dpid, (macs = new Map()));
    macs.set(c.packet.eth.src.value, c.inPort);
    const msg = c.message;
    const buffered = msg.bufferId !== OFP_NO_BUFFER;
    const outPort = macs.get(c.packet.eth.dst.value);
    if (outPort !== undefined && outPort !== c.inPort) {
      dp.send({
        type: 'FLOW_MOD', xid: 0, cookie, cookieMask: 0n, tableId: l2Table, command: OFPFC.ADD, idleTimeout: 60, hardTimeout: 0,
        priority: 100, bufferId: msg.bufferId, outPort: OFPP.ANY, outGroup: OFPG.ANY, flags: 0,
        match: { fields: [{ field: 'in_port', value: c.inPort }, { field: 'eth_dst', value: c.packet.eth.dst.toString() }] },
        instructions: [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: outPort, maxLen: 0 }] }],
      });
      if (buffered) return 'consume';
    }
    dp.send({
      type: 'PACKET_OUT', xid: 0, bufferId: msg.bufferId, inPort: c.inPort,
      actions: [{ type: 'OUTPUT', port: outPort !== undefined && outPort !== c.inPort ? outPort : OFPP.FLOOD, maxLen: 0 }],
      data: buffered ? Buffer.alloc(0) : msg.data,
    });
    return 'consume';
  });
}
