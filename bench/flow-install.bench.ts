/**
 * Flow-mod install rate, 100 k flows: the same `ovs-ofctl -O OpenFlow13 add-flows FILE` against
 * sluice (a `node dist/cli/sluice.js switch` child, through its passive listener) and against an
 * Open vSwitch bridge (its management socket), in the same run.
 *
 * Timed: the whole add-flows command, which sends every FLOW_MOD and ends with a BARRIER it waits
 * for, plus a `dump-aggregate` whose flow_count must equal the file's flow count (so "done"
 * means installed and visible). Also reported: RSS of the sluice process with the flows loaded,
 * and its growth per flow.
 *
 * What this measures: with OpenFlow 1.3 and no --bundle, ovs-ofctl (OVS 3.1,
 * vconn_transact_multiple_noreply) sends each FLOW_MOD followed by its own BARRIER_REQUEST and
 * waits for the BARRIER_REPLY before the next one, so the rate is one request round trip per flow
 * (switch wake-up + decode + install + barrier reply + ovs-ofctl's own work), not bulk throughput.
 * The in-process install rate of a flow table is in classifier.bench (installPerSec).
 *
 * The flows: `priority=P,ip,nw_dst=10.x.y.z[/len][,tcp,tp_dst=N],actions=output:2`, distinct,
 * over 8 masks. The OVS bridge uses datapath_type=dummy (the same ofproto code as netdev; flow
 * installation never reaches the datapath) so this benchmark does not wait for the machine-wide
 * netdev lock. Environment: BENCH_INSTALL_FLOWS (default 100000), BENCH_INSTALL_ROUNDS (default 3).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult } from './bench-result.js';
import { canRunSwitchBench, median, ofctl, startOvs, startSluice, TwoHostLab, type SwitchUnderTest } from './support/switch-lab.js';

const FLOWS = Math.max(1000, Math.min(1_000_000, Number(process.env.BENCH_INSTALL_FLOWS ?? 100_000)));
const ROUNDS = Math.max(1, Math.min(10, Number(process.env.BENCH_INSTALL_ROUNDS ?? 3)));
const TIMEOUT_MS = 300_000;

function flowFile(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = i % 8;
    const len = 32 - (t % 4) * 4; // /32, /28, /24, /20
    // Distinct prefixes: the index picks the network bits above the wildcarded ones.
    const net = (0x0a000000 + (i << (32 - len))) >>> 0;
    const ip = `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}`;
    const l4 = t >= 4 ? `,tcp,tp_dst=${1 + (i % 1000)}` : ',ip';
    lines.push(`priority=${100 + (i % 7)}${l4},nw_dst=${ip}${len === 32 ? '' : `/${len}`},actions=output:2`);
  }
  return `${lines.join('\n')}\n`;
}

interface Sample { secs: number; addSecs: number; count: number; rssBefore: number; rssAfter: number }

async function measure(peer: 'sluice' | 'ovs', file: string): Promise<Sample> {
  const lab = new TwoHostLab();
  let sw: SwitchUnderTest | undefined;
  try {
    sw = peer === 'sluice' ? await startSluice([lab.s1, lab.s2]) : await startOvs(lab.lab.tag, [lab.s1, lab.s2], 'dummy');
    const rssBefore = sw.rssBytes();
    const t0 = process.hrtime.bigint();
    await ofctl(sw, ['add-flows', file], TIMEOUT_MS);
    const t1 = process.hrtime.bigint();
    const agg = await ofctl(sw, ['dump-aggregate'], TIMEOUT_MS);
    const t2 = process.hrtime.bigint();
    const count = Number(/flow_count=(\d+)/.exec(agg)?.[1] ?? Number.NaN);
    if (count !== FLOWS) throw new Error(`${peer}: dump-aggregate flow_count=${count}, want ${FLOWS}`);
    return { secs: Number(t2 - t0) / 1e9, addSecs: Number(t1 - t0) / 1e9, count, rssBefore, rssAfter: sw.rssBytes() };
  } finally {
    await sw?.stop();
    lab.cleanup();
  }
}

export async function run(): Promise<BenchResult[]> {
  const why = canRunSwitchBench();
  if (why !== undefined) throw new Error(`flow-install: ${why}`);
  const dir = mkdtempSync(join(tmpdir(), 'sluice-flows-'));
  try {
    const file = join(dir, 'flows.txt');
    writeFileSync(file, flowFile(FLOWS));
    const samples: Record<'sluice' | 'ovs', Sample[]> = { sluice: [], ovs: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: ('sluice' | 'ovs')[] = round % 2 === 0 ? ['sluice', 'ovs'] : ['ovs', 'sluice'];
      for (const peer of order) {
        const s = await measure(peer, file);
        samples[peer].push(s);
        console.error(`flow-install round ${round + 1}/${ROUNDS} ${peer}: ${FLOWS} flows in ${s.secs.toFixed(2)} s (add-flows ${s.addSecs.toFixed(2)} s), RSS ${(s.rssAfter / 1e6).toFixed(0)} MB`);
      }
    }
    const rate = (p: 'sluice' | 'ovs'): number => median(samples[p].map((s) => FLOWS / s.secs));
    const rounds = (p: 'sluice' | 'ovs'): string => samples[p].map((s) => Math.round(FLOWS / s.secs)).join('/');
    const sl = samples.sluice;
    return [
      { name: `flow install ${FLOWS / 1000}k flows, sluice`, unit: 'flows/s', value: rate('sluice'), extra: { rounds: rounds('sluice'), addFlowsOnlyPerSec: Math.round(median(sl.map((s) => FLOWS / s.addSecs))) } },
      { name: `flow install ${FLOWS / 1000}k flows, OVS`, unit: 'flows/s', value: rate('ovs'), extra: { rounds: rounds('ovs'), datapath: 'dummy' } },
      { name: `flow install ${FLOWS / 1000}k flows, sluice/OVS`, unit: 'ratio', value: rate('sluice') / rate('ovs'), extra: { target: '>= 5', timed: 'ovs-ofctl add-flows (ends with a barrier) + dump-aggregate count check' } },
      {
        name: `sluice switch RSS with ${FLOWS / 1000}k flows`, unit: 'MB', value: median(sl.map((s) => s.rssAfter)) / 1e6,
        extra: {
          rssBeforeMB: Math.round(median(sl.map((s) => s.rssBefore)) / 1e5) / 10,
          bytesPerFlow: Math.round(median(sl.map((s) => (s.rssAfter - s.rssBefore) / FLOWS))),
          ovsVswitchdRssMB: Math.round(median(samples.ovs.map((s) => s.rssAfter)) / 1e5) / 10,
        },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void run().then((rs) => { for (const r of rs) console.log(`${r.name}: ${r.value.toFixed(3)} ${r.unit}`, JSON.stringify(r.extra)); });
}
