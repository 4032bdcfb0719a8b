/**
 * Flow-key extraction throughput: frames per second through `extractFlowKey` with one reused key,
 * for the three frame shapes the switch sees most (TCP/IPv4, UDP/IPv6, ARP).
 *
 * Each case warms up first (so V8 has optimised the extractor), then runs batches until a time
 * budget is spent or an iteration cap is reached, whichever comes first: bounded either way.
 */
import { Ipv4Address, Ipv6Address, MacAddress } from '../core/net/index.js';
import { FlowKey, buildFrame, extractFlowKey } from '../core/packet/index.js';
import type { BenchResult } from './bench-result.js';

const WARMUP_ITERATIONS = 200_000;
const BATCH = 100_000;
const MAX_ITERATIONS = 20_000_000;
const BUDGET_NS = 500_000_000n;

const H1 = MacAddress.parse('02:00:00:00:00:01');
const H2 = MacAddress.parse('02:00:00:00:00:02');

function frames(): Array<{ name: string; frame: Buffer }> {
  return [
    {
      name: 'tcp-ipv4',
      frame: buildFrame({
        dst: H2, src: H1,
        network: {
          ipv4: { src: Ipv4Address.parse('10.0.0.1'), dst: Ipv4Address.parse('10.0.0.2') },
          transport: { tcp: { srcPort: 40000, dstPort: 80, options: [{ kind: 'mss', mss: 1460 }] } },
          payload: Buffer.alloc(6),
        },
      }),
    },
    {
      name: 'udp-ipv6',
      frame: buildFrame({
        dst: H2, src: H1,
        network: {
          ipv6: { src: Ipv6Address.parse('2001:db8::1'), dst: Ipv6Address.parse('2001:db8::2'), flowLabel: 0x12345 },
          transport: { udp: { srcPort: 5353, dstPort: 53 } },
          payload: Buffer.alloc(18),
        },
      }),
    },
    {
      name: 'arp',
      frame: buildFrame({
        dst: MacAddress.BROADCAST, src: H1,
        network: { arp: { op: 1, sha: H1, spa: Ipv4Address.parse('10.0.0.1'), tha: MacAddress.ZERO, tpa: Ipv4Address.parse('10.0.0.2') } },
      }),
    },
  ];
}

function measure(frame: Uint8Array): { ops: number; ns: bigint } {
  const key = new FlowKey();
  let sink = 0;
  for (let i = 0; i < WARMUP_ITERATIONS; i++) sink += extractFlowKey(frame, 1 + (i & 3), key).l3Offset;
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < BUDGET_NS && ops < MAX_ITERATIONS) {
    for (let i = 0; i < BATCH; i++) sink += extractFlowKey(frame, 1 + (i & 3), key).l3Offset;
    ops += BATCH;
    elapsed = process.hrtime.bigint() - start;
  }
  // Keeps the loop's result observable so the work cannot be optimised away.
  if (sink === -1) console.log(sink);
  return { ops, ns: elapsed };
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const { name, frame } of frames()) {
    const { ops, ns } = measure(frame);
    const nsPerOp = Number(ns) / ops;
    results.push({
      name: `flow-key extract ${name}`,
      unit: 'frames/s',
      value: Math.round(1e9 / nsPerOp),
      nsPerOp,
      extra: { frameBytes: frame.length, iterations: ops },
    });
  }
  return results;
}
