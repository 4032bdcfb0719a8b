/**
 * One load run: N emulated switches against one controller, a warm-up, then a measured window.
 * Throughput is packet-ins answered per second (every answer pairs with its packet-in by
 * buffer id); latency is sampled per answered packet-in (every 16th) while the window keeps
 * each switch's outstanding packet-ins bounded.
 */
import { EmulatedSwitch } from './emulated-switch.js';

export interface LoadOptions {
  host: string;
  port: number;
  switches: number;
  macs: number;
  /** Outstanding packet-ins per switch. */
  window: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  answeredPerSec: number;
  /** FLOW_MOD + PACKET_OUT messages per second. */
  responsesPerSec: number;
  flowMods: number;
  packetOuts: number;
  packetIns: number;
  latencyP50Us: number;
  latencyP99Us: number;
  connected: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const switches: EmulatedSwitch[] = [];
  try {
    for (let i = 0; i < o.switches; i++) switches.push(await EmulatedSwitch.connect(o.host, o.port, i + 1, o.macs, o.window));
    await Promise.race([Promise.all(switches.map((s) => s.ready)), sleep(10_000)]);
    await sleep(500); // handshakes and pipeline installs settle before traffic
    for (const s of switches) s.start();
    await sleep(o.warmupMs);
    for (const s of switches) s.measure();
    const t0 = process.hrtime.bigint();
    await sleep(o.durationMs);
    for (const s of switches) s.stop();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const sum = (f: (s: EmulatedSwitch) => number) => switches.reduce((a, s) => a + f(s), 0);
    const lat = switches.flatMap((s) => s.counters.latencyNs).sort((a, b) => a - b);
    const flowMods = sum((s) => s.counters.flowMods);
    const packetOuts = sum((s) => s.counters.packetOuts);
    return {
      answeredPerSec: sum((s) => s.counters.answered) / seconds,
      responsesPerSec: (flowMods + packetOuts) / seconds,
      flowMods, packetOuts,
      packetIns: sum((s) => s.counters.packetIns),
      latencyP50Us: percentile(lat, 50) / 1000,
      latencyP99Us: percentile(lat, 99) / 1000,
      connected: switches.length,
    };
  } finally {
    for (const s of switches) s.close();
  }
}
