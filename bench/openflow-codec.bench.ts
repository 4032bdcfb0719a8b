/**
 * OpenFlow 1.3 codec throughput on the messages that dominate a channel: PACKET_IN (switch →
 * controller, once per missed packet), PACKET_OUT and FLOW_MOD (controller → switch), a FLOW_STATS
 * reply of 100 entries (bulk polling), and stream framing of the Ryu corpus in 1460-byte TCP
 * segments.
 *
 * Per message: decode from wire bytes, encode into a reused writer (the connection's hot path),
 * and decode+encode of the same bytes; msgs/s and ns/msg for each.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeLoop, type BenchResult } from './bench-result.js';
import {
  OfpFramer, OfpWriter, decodeMessage, encodeMessage, type FlowStats, type OfpMessage,
} from '../core/openflow/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = here.includes(join('dist', 'bench')) ? resolve(here, '..', '..') : resolve(here, '..');
const CORPUS = resolve(root, '..', 'shared', 'conformance', 'ryu-of13');
const corpusPacket = (name: string): Buffer => readFileSync(join(CORPUS, `${name}.packet`));

const NO_BUFFER = 0xffffffff;
/** Longest a single loop may run; the table is a comparison, not an endurance test. */
const MAX_MS = 1_500;

// A 98-byte ICMP echo frame, as an OVS packet-in on a table miss carries it (match: in_port only).
const frame = Buffer.alloc(98, 0xab);
const packetIn: OfpMessage = {
  type: 'PACKET_IN', xid: 0, bufferId: NO_BUFFER, totalLen: frame.length, reason: 0, tableId: 0, cookie: 0n,
  match: { fields: [{ field: 'in_port', value: 1 }] }, data: frame,
};

const packetOut: OfpMessage = {
  type: 'PACKET_OUT', xid: 0, bufferId: NO_BUFFER, inPort: 1, actions: [{ type: 'OUTPUT', port: 2, maxLen: 0 }], data: frame,
};

const flowMod: OfpMessage = {
  type: 'FLOW_MOD', xid: 7, cookie: 0x0001_0000_0000_0042n, cookieMask: 0n, tableId: 0, command: 0, idleTimeout: 0,
  hardTimeout: 0, priority: 100, bufferId: NO_BUFFER, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 1,
  match: {
    fields: [
      { field: 'in_port', value: 3 },
      { field: 'eth_type', value: 0x0800 },
      { field: 'ipv4_src', value: '10.0.0.0', mask: '255.255.255.0' },
      { field: 'ip_proto', value: 6 },
      { field: 'tcp_dst', value: 443 },
    ],
  },
  instructions: [
    {
      type: 'APPLY_ACTIONS',
      actions: [{ type: 'SET_FIELD', field: { field: 'eth_dst', value: '02:00:00:00:00:09' } }, { type: 'OUTPUT', port: 7, maxLen: 0 }],
    },
    { type: 'GOTO_TABLE', tableId: 4 },
  ],
};

const stats: FlowStats[] = Array.from({ length: 100 }, (_, i) => ({
  tableId: i % 6, durationSec: i, durationNsec: 0, priority: 100 + i, idleTimeout: 0, hardTimeout: 0, flags: 0,
  cookie: BigInt(i), packetCount: BigInt(i * 10), byteCount: BigInt(i * 1500),
  match: { fields: [{ field: 'in_port', value: (i % 48) + 1 }, { field: 'eth_dst', value: '02:00:00:00:00:01' }] },
  instructions: [{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: (i % 48) + 2, maxLen: 0 }] }],
}));
const flowStatsReply: OfpMessage = { type: 'MULTIPART_REPLY', xid: 9, flags: 0, body: { mpType: 'FLOW', stats } };

/** decode, encode (reused writer) and decode+encode of one message. */
function messageCases(label: string, wire: Buffer, iterations: number, extra: Record<string, unknown> = {}): BenchResult[] {
  const decoded = decodeMessage(wire);
  const w = new OfpWriter(wire.length * 2);
  const row = (mode: string, op: () => void): BenchResult => {
    const t = timeLoop(op, iterations, MAX_MS);
    return { name: `${label} ${mode}`, unit: 'msgs/s', value: t.opsPerSec, nsPerOp: t.nsPerOp, extra: { bytes: wire.length, ...extra } };
  };
  return [
    row('decode', () => { decodeMessage(wire); }),
    row('encode', () => { encodeMessage(decoded, w.reset()); }),
    row('decode+encode', () => { encodeMessage(decodeMessage(wire), w.reset()); }),
  ];
}

function framing(): BenchResult {
  const stream = Buffer.concat(readdirSync(CORPUS).filter((f) => f.endsWith('.packet')).sort().map((f) => readFileSync(join(CORPUS, f))));
  const segments: Buffer[] = [];
  for (let at = 0; at < stream.length; at += 1460) segments.push(stream.subarray(at, at + 1460));
  const t = timeLoop(() => {
    const framer = new OfpFramer();
    for (const s of segments) framer.push(s);
  }, 20_000, MAX_MS);
  return {
    name: 'framing, Ryu corpus in 1460-byte segments', unit: 'MB/s', value: (t.opsPerSec * stream.length) / 1e6,
    nsPerOp: t.nsPerOp, extra: { streamBytes: stream.length, segments: segments.length },
  };
}

export async function run(): Promise<BenchResult[]> {
  const ryuPacketIn = '4-4-ofp_packet_in';
  return [
    ...messageCases('PACKET_IN (1 OXM, 98 B frame)', encodeMessage(packetIn), 500_000),
    ...messageCases('PACKET_IN (9 OXMs, Ryu corpus)', corpusPacket(ryuPacketIn), 500_000, { file: ryuPacketIn }),
    ...messageCases('PACKET_OUT (1 action, 98 B frame)', encodeMessage(packetOut), 500_000),
    ...messageCases('FLOW_MOD (5 OXMs, 2 instructions)', encodeMessage(flowMod), 300_000),
    ...messageCases('FLOW_STATS reply (100 entries)', encodeMessage(flowStatsReply), 5_000),
    framing(),
  ];
}
