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
  /** Minimum warm-up. */
  warmupMs: number;
  /**
   * Warm-up also lasts until every switch had this many rounds of its MACs answered (the
   * learning rounds: unknown destinations, then new pairs), so a slower controller is not
   * measured while still learning when a faster one is not. Default 3; capped by maxWarmupMs.
   */
  warmupRounds?: number;
  /** Default 20 000. */
  maxWarmupMs?: number;
  durationMs: number;
  /** Runs after the measured window, while the switches are still connected. */
  afterWindow?: () => Promise<void>;
}

export interface LoadResult {
  answeredPerSec: number;
  /** FLOW_MOD + PACKET_OUT messages per second. */
  responsesPerSec: number;
  flowMods: number;
  packetOuts: number;
  /** PACKET_OUTs that flooded (FLOOD/ALL or several ports). */
  floodOuts: number;
  packetIns: number;
  /** Packet-ins still unanswered a second after they were sent, when the run stopped. */
  dropped: number;
  latencyP50Us: number;
  latencyP99Us: number;
  connected: number;
  /** How long the warm-up took. */
  warmupMs: number;
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
    const w0 = Date.now();
    for (const s of switches) s.start();
    await sleep(o.warmupMs);
    const rounds = (o.warmupRounds ?? 3) * o.macs;
    while (Date.now() - w0 < (o.maxWarmupMs ?? 20_000) && switches.some((s) => s.answeredTotal < rounds)) await sleep(50);
    const warmupMs = Date.now() - w0;
    for (const s of switches) s.measure();
    const t0 = process.hrtime.bigint();
    await sleep(o.durationMs);
    const dropped = switches.reduce((a, s) => a + s.stop(), 0);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const sum = (f: (s: EmulatedSwitch) => number) => switches.reduce((a, s) => a + f(s), 0);
    await o.afterWindow?.();
    const lat = switches.flatMap((s) => s.counters.latencyNs).sort((a, b) => a - b);
    const flowMods = sum((s) => s.counters.flowMods);
    const packetOuts = sum((s) => s.counters.packetOuts);
    return {
      answeredPerSec: sum((s) => s.counters.answered) / seconds,
      responsesPerSec: (flowMods + packetOuts) / seconds,
      flowMods, packetOuts, floodOuts: sum((s) => s.counters.floodOuts), dropped,
      packetIns: sum((s) => s.counters.packetIns),
      latencyP50Us: percentile(lat, 50) / 1000,
      latencyP99Us: percentile(lat, 99) / 1000,
      connected: switches.length,
      warmupMs,
    };
  } finally {
    for (const s of switches) s.close();
  }
}
