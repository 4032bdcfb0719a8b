/**
 * Raw port I/O through the native addon: 64-byte frames per second sent and received over a
 * veth pair (both ends in a namespace-free pair made for the run and deleted after).
 *
 * - tx: one AfPacketPort sends bursts as fast as sendmmsg takes them.
 * - rx: a child Node process sends (second core), this process receives through onFrames and
 *   touches every frame, as the switch pipeline would. Reports received frames/s, loss and the
 *   mean burst size actually delivered. When run from TypeScript sources (no compiled child
 *   module), sender and receiver share this process's event loop instead (extra.mode says which).
 *
 * Every loop is bounded by a frame count and a time limit. Needs root; without it the results
 * say so instead of failing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { BenchResult } from './bench-result.js';
import { AfPacketPort } from '../switch/port/af-packet-port.js';
import { loadNativeBinding } from '../switch/port/native-binding.js';

const FRAME_LEN = 64;
const MAX_FRAMES = 5_000_000;
const RUN_MS = 2_000;

function ip(args: string[]): void {
  execFileSync('ip', args, { stdio: 'ignore' });
}

function testFrame(): Uint8Array {
  const f = new Uint8Array(FRAME_LEN);
  f.set([0x02, 0, 0, 0, 0xbe, 0x02, 0x02, 0, 0, 0, 0xbe, 0x01, 0x88, 0xb5]);  // local MACs, experimental ethertype
  return f;
}

function makeVethPair(): [string, string] {
  const tag = `${process.pid.toString(36)}${Date.now().toString(36).slice(-3)}`;
  const a = `pba${tag}`.slice(0, 15);
  const b = `pbb${tag}`.slice(0, 15);
  ip(['link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
  for (const x of [a, b]) {
    try {
      execFileSync('sysctl', ['-qw', `net.ipv6.conf.${x}.disable_ipv6=1`], { stdio: 'ignore' });
    } catch { /* only noise reduction */ }
    ip(['link', 'set', x, 'up']);
  }
  return [a, b];
}

function benchTx(ifname: string): BenchResult {
  const port = AfPacketPort.open(ifname, { portNo: 1 });
  const burst = loadNativeBinding().BURST;
  const frames = Array.from({ length: burst }, testFrame);
  try {
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(RUN_MS) * 1_000_000n;
    let sent = 0;
    let calls = 0;
    while (sent < MAX_FRAMES) {
      sent += port.sendBurst(frames);
      calls++;
      if ((calls & 63) === 0 && process.hrtime.bigint() > deadline) break;
    }
    const ns = Number(process.hrtime.bigint() - start);
    const c = port.counters();
    return {
      name: 'port-io tx 64B frames',
      unit: 'frames/s',
      value: (sent * 1e9) / ns,
      nsPerOp: ns / sent,
      extra: { burst, frames: sent, sendBurstCalls: calls, txDropped: c.txDropped, txErrors: c.txErrors },
    };
  } finally {
    port.close();
  }
}

/** Source of the child sender: opens the port through the compiled TypeScript wrapper. */
const CHILD = `
const { AfPacketPort } = await import(process.env.SLUICE_PORT_MODULE);
const port = AfPacketPort.open(process.env.SLUICE_IFNAME, { portNo: 1 });
const frame = new Uint8Array(Number(process.env.SLUICE_FRAME_LEN));
frame.set([0x02, 0, 0, 0, 0xbe, 0x02, 0x02, 0, 0, 0, 0xbe, 0x01, 0x88, 0xb5]);
const frames = Array.from({ length: 64 }, () => frame);
const max = Number(process.env.SLUICE_MAX_FRAMES);
const deadline = Date.now() + Number(process.env.SLUICE_RUN_MS);
let sent = 0;
while (sent < max && Date.now() < deadline) sent += port.sendBurst(frames);
port.close();
process.stdout.write(JSON.stringify({ sent }));
`;

interface RxTally {
  cpuAtStart: NodeJS.CpuUsage;
  frames: number;
  bursts: number;
  first: bigint;
  last: bigint;
  checksum: number;
}

function receiver(ifname: string): { port: AfPacketPort; tally: RxTally } {
  const port = AfPacketPort.open(ifname, { portNo: 2 });
  const tally: RxTally = { cpuAtStart: process.cpuUsage(), frames: 0, bursts: 0, first: 0n, last: 0n, checksum: 0 };
  port.onFrames((b) => {
    const now = process.hrtime.bigint();
    if (tally.frames === 0) tally.first = now;
    tally.last = now;
    tally.bursts++;
    tally.frames += b.count;
    // Touch each frame's ethertype, as a parser would, so the data is really read.
    for (let i = 0; i < b.count; i++) tally.checksum += b.data[b.offset(i) + 12]!;
  });
  return { port, tally };
}

async function benchRxWithChild(sender: string, rxIf: string, portModule: string): Promise<BenchResult[]> {
  const { port, tally } = receiver(rxIf);
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SLUICE_PORT_MODULE: portModule,
      SLUICE_IFNAME: sender,
      SLUICE_FRAME_LEN: String(FRAME_LEN),
      SLUICE_MAX_FRAMES: String(MAX_FRAMES),
      SLUICE_RUN_MS: String(RUN_MS),
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const killTimer = setTimeout(() => child.kill('SIGKILL'), RUN_MS + 10_000);
  try {
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`sender exited ${code}: ${err.trim()}`);
    await new Promise((r) => setTimeout(r, 200));  // let the receiver drain its socket
    const sent = (JSON.parse(out) as { sent: number }).sent;
    const result = rxResult(tally, sent, port, 'child sender process');
    // The receiver usually outruns one sending process, so frames/s above is the sender's rate;
    // this process's CPU time per frame says what the receive path itself costs.
    const cpu = process.cpuUsage(tally.cpuAtStart);
    const cpuNsPerFrame = tally.frames > 0 ? ((cpu.user + cpu.system) * 1000) / tally.frames : 0;
    return [
      result,
      {
        name: 'port-io rx 64B CPU-bound capacity',
        unit: 'frames/s',
        value: cpuNsPerFrame > 0 ? 1e9 / cpuNsPerFrame : 0,
        nsPerOp: cpuNsPerFrame,
        extra: { basis: 'receiver process CPU time (user+system) per frame received', frames: tally.frames },
      },
    ];
  } finally {
    clearTimeout(killTimer);
    port.close();
  }
}

/** Sender and receiver on one event loop: a send phase per turn, then the receiver drains. */
async function benchRxInProcess(sender: string, rxIf: string): Promise<BenchResult> {
  const { port, tally } = receiver(rxIf);
  const tx = AfPacketPort.open(sender, { portNo: 1 });
  const frames = Array.from({ length: loadNativeBinding().BURST }, testFrame);
  try {
    let sent = 0;
    const deadline = Date.now() + RUN_MS;
    while (sent < MAX_FRAMES && Date.now() < deadline) {
      for (let i = 0; i < 8; i++) sent += tx.sendBurst(frames);
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 200));
    return rxResult(tally, sent, port, 'same event loop as sender');
  } finally {
    tx.close();
    port.close();
  }
}

function rxResult(tally: RxTally, sent: number, port: AfPacketPort, mode: string): BenchResult {
  const ns = Number(tally.last - tally.first);
  const c = port.counters();
  return {
    name: 'port-io rx 64B frames',
    unit: 'frames/s',
    value: ns > 0 ? (tally.frames * 1e9) / ns : 0,
    ...(tally.frames > 0 && ns > 0 ? { nsPerOp: ns / tally.frames } : {}),
    extra: {
      mode,
      burst: loadNativeBinding().BURST,
      sent,
      received: tally.frames,
      lossPercent: sent > 0 ? Number((100 * (1 - tally.frames / sent)).toFixed(2)) : 0,
      meanBurst: tally.bursts > 0 ? Number((tally.frames / tally.bursts).toFixed(1)) : 0,
      kernelRxDropped: c.rxDropped,
    },
  };
}

export async function run(): Promise<BenchResult[]> {
  if (process.getuid?.() !== 0) {
    return [{ name: 'port-io', unit: 'skipped', value: 0, extra: { reason: 'needs root for AF_PACKET and veth' } }];
  }
  const [a, b] = makeVethPair();
  try {
    const results = [benchTx(a)];
    const here = fileURLToPath(import.meta.url);
    const compiled = extname(here) === '.js';
    if (compiled) {
      results.push(...(await benchRxWithChild(a, b, new URL('../switch/port/af-packet-port.js', import.meta.url).href)));
    } else {
      results.push(await benchRxInProcess(a, b));
    }
    return results;
  } finally {
    try {
      ip(['link', 'del', a]);
    } catch { /* already gone */ }
  }
}
