/**
 * Controller packet-in → flow-mod throughput and latency, cbench-style: 16 emulated OF1.3
 * switches over loopback TCP, each cycling PACKET_INs over 1000 MACs, against the sluice
 * controller (own process) twice — with a minimal learning processor (the controller core's
 * cost) and with the L2 plugin when installed — and against ovs-testcontroller (C,
 * `-O OpenFlow13`) in the same run. Ratio = sluice / peer on answered packet-ins per second
 * (DESIGN target: ≥ 1.0×).
 *
 * Every controller is measured in its steady state: the warm-up lasts until each switch had
 * three rounds of its MACs answered (learning), so the window sees the same workload for all.
 * `floodOuts` counts flooding PACKET_OUTs, `dropped` packet-ins never answered (each holds a
 * window slot for good). The L2 plugin answers an installed pair's packet-in with a PACKET_OUT
 * (its flow went out once, on the pair's first packet); the learners answer every packet-in
 * with a FLOW_MOD carrying the buffer id, as ovs-testcontroller does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { OvsTestController } from '../test/support/ovs.js';
import type { BenchResult } from './bench-result.js';
import { runLoad, type LoadOptions, type LoadResult } from './ofload/load-run.js';

const SWITCHES = 16;
const MACS = 1000;
const LOAD: Omit<LoadOptions, 'port'> = { host: '127.0.0.1', switches: SWITCHES, macs: MACS, window: 64, warmupMs: 1000, durationMs: 5000 };

async function startSluice(learner: 'bench' | 'l2'): Promise<{ child: ChildProcess; port: number; learner: string; dump: () => Promise<void> }> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = fileURLToPath(new URL(`./ofload/controller-process${ext}`, import.meta.url));
  // Compiled (.js): plain node. From source (.ts): keep only the loader flags this process runs
  // with; never -e/-p, whose code would run again in the child.
  const loaderFlags = ext === '.ts' ? process.execArgv.filter((a) => /^--(import|loader|require|experimental-)/.test(a)) : [];
  // SLUICE_BENCH_CONTROLLER_FLAGS: extra node flags for the controller process only (profiling:
  // `--cpu-prof --cpu-prof-dir=DIR`, `--trace-gc`), so the load generator is not profiled too.
  const extra = (process.env.SLUICE_BENCH_CONTROLLER_FLAGS ?? '').split(/\s+/).filter((a) => a !== '');
  const child = spawn(process.execPath, [...extra, ...loaderFlags, script, learner], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sluice controller process exited (${code}) before listening`)));
    setTimeout(() => reject(new Error('sluice controller process did not start in 20 s')), 20_000).unref();
  });
  const info = JSON.parse(line) as { port: number; learner: string };
  // SLUICE_BENCH_STATS / SLUICE_BENCH_PROFILE: the child reports right after the measured window
  // (SIGUSR2, answered by a line), before the switches disconnect.
  const dump = async () => {
    if (!process.env.SLUICE_BENCH_STATS && !process.env.SLUICE_BENCH_PROFILE) return;
    const done = new Promise<void>((resolve) => {
      rl.once('line', () => resolve());
      setTimeout(resolve, 30_000).unref();
    });
    child.kill('SIGUSR2');
    await done;
  };
  return { child, ...info, dump };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

function row(name: string, r: LoadResult, extra: Record<string, unknown>): BenchResult {
  return {
    name, unit: 'packet-ins/s', value: r.answeredPerSec,
    extra: {
      responsesPerSec: Math.round(r.responsesPerSec), flowMods: r.flowMods, packetOuts: r.packetOuts, floodOuts: r.floodOuts, dropped: r.dropped,
      p50us: Number(r.latencyP50Us.toFixed(1)), p99us: Number(r.latencyP99Us.toFixed(1)), warmupMs: r.warmupMs, ...extra,
    },
  };
}

async function runSluice(learner: 'bench' | 'l2'): Promise<{ learner: string; result: LoadResult }> {
  const sluice = await startSluice(learner);
  try {
    return { learner: sluice.learner, result: await runLoad({ ...LOAD, port: sluice.port, afterWindow: sluice.dump }) };
  } finally {
    await stopChild(sluice.child);
  }
}

export async function run(): Promise<BenchResult[]> {
  const core = await runSluice('bench');
  const l2 = await runSluice('l2');
  const tc = await OvsTestController.start({ protocols: 'OpenFlow13' });
  let peer: LoadResult;
  try {
    peer = await runLoad({ ...LOAD, port: tc.port });
  } finally {
    await tc.stop();
  }
  const shape = `${SWITCHES}sw x ${MACS}mac`;
  const ratio = (r: LoadResult) => ({ ratioVsOvsTestcontroller: Number((r.answeredPerSec / peer.answeredPerSec).toFixed(2)) });
  const rows = [row(`sluice controller + minimal learner ${shape}`, core.result, ratio(core.result))];
  if (l2.learner === 'l2') rows.push(row(`sluice controller + L2 plugin ${shape}`, l2.result, ratio(l2.result)));
  rows.push(row(`ovs-testcontroller ${shape}`, peer, {}));
  return rows;
}
