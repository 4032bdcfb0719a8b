/**
 * OpenFlow codec throughput: decode + encode of the three messages that dominate a controller's
 * and a switch's channel (PACKET_IN in, FLOW_MOD out, FLOW_STATS replies in bulk).
 * Each case decodes the wire bytes and re-encodes the result with a reused writer.
 */
import { decodeMessage, encodeMessage } from '../core/openflow/codec.js';
import type { OfpMessage } from '../core/openflow/messages/index.js';
import type { FlowStats } from '../core/openflow/messages/flow.js';
import type { Match } from '../core/openflow/match.js';
import type { Instruction } from '../core/openflow/instructions.js';
import { OfpWriter } from '../core/openflow/ofp-writer.js';
import { type BenchResult, timeLoop } from './bench-result.js';

const NO_BUFFER = 0xffffffff;

const fiveOxms: Match = {
  fields: [
    { field: 'in_port', value: 3 },
    { field: 'eth_type', value: 0x0800 },
    { field: 'ipv4_src', value: '10.0.0.0', mask: '255.255.255.0' },
    { field: 'ip_proto', value: 6 },
    { field: 'tcp_dst', value: 443 },
  ],
};

const twoInstructions: Instruction[] = [
  { type: 'APPLY_ACTIONS', actions: [{ type: 'SET_FIELD', field: { field: 'eth_dst', value: '02:00:00:00:00:09' } }, { type: 'OUTPUT', port: 7, maxLen: 0 }] },
  { type: 'GOTO_TABLE', tableId: 4 },
];

// A 98-byte ICMP echo frame as an OVS packet-in would carry it.
const frame = Buffer.alloc(98, 0xab);

const packetIn: OfpMessage = {
  type: 'PACKET_IN', xid: 0, bufferId: NO_BUFFER, totalLen: frame.length, reason: 0, tableId: 0, cookie: 0n,
  match: { fields: [{ field: 'in_port', value: 1 }] }, data: frame,
};

const flowMod: OfpMessage = {
  type: 'FLOW_MOD', xid: 7, cookie: 0x0001_0000_0000_0042n, cookieMask: 0n, tableId: 0, command: 0, idleTimeout: 0,
  hardTimeout: 0, priority: 100, bufferId: NO_BUFFER, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 1,
  match: fiveOxms, instructions: twoInstructions,
};

const stats: FlowStats[] = Array.from({ length: 100 }, (_, i) => ({
  tableId: i % 6, durationSec: i, durationNsec: 0, priority: 100 + i, idleTimeout: 0, hardTimeout: 0, flags: 0,
  cookie: BigInt(i), packetCount: BigInt(i * 10), byteCount: BigInt(i * 1500),
  match: { fields: [{ field: 'in_port', value: (i % 48) + 1 }, { field: 'eth_dst', value: '02:00:00:00:00:01' }] },
  instructions: [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: (i % 48) + 2, maxLen: 0 }] }],
}));
const flowStatsReply: OfpMessage = { type: 'MULTIPART_REPLY', xid: 9, flags: 0, body: { mpType: 'FLOW', stats } };

function roundTrip(name: string, msg: OfpMessage, iterations: number): BenchResult {
  const wire = encodeMessage(msg);
  const w = new OfpWriter(wire.length * 2);
  const t = timeLoop(() => {
    const decoded = decodeMessage(wire);
    encodeMessage(decoded, w.reset());
  }, iterations);
  return { name: `${name} decode+encode`, unit: 'msgs/s', value: t.opsPerSec, nsPerOp: t.nsPerOp, extra: { bytes: wire.length } };
}

function decodeOnly(name: string, msg: OfpMessage, iterations: number): BenchResult {
  const wire = encodeMessage(msg);
  const t = timeLoop(() => { decodeMessage(wire); }, iterations);
  return { name: `${name} decode`, unit: 'msgs/s', value: t.opsPerSec, nsPerOp: t.nsPerOp, extra: { bytes: wire.length } };
}

export async function run(): Promise<BenchResult[]> {
  return [
    roundTrip('PACKET_IN', packetIn, 500_000),
    decodeOnly('PACKET_IN', packetIn, 500_000),
    roundTrip('FLOW_MOD (5 OXM, 2 instr)', flowMod, 300_000),
    roundTrip('FLOW_STATS reply (100 entries)', flowStatsReply, 5_000),
  ];
}
