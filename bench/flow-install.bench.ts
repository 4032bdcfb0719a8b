/**
 * Flow-mod install rate, 100 k flows, sluice (a `node dist/cli/sluice.js switch` child) against an
 * Open vSwitch bridge (datapath_type=dummy), fresh switch per measurement, same run. Two clients:
 *
 * - `ofctl`: `ovs-ofctl -O OpenFlow13 add-flows FILE` (sluice through its passive listener
 *   tcp:127.0.0.1:P, OVS through its management socket unix:DIR/br.mgmt). With OpenFlow 1.3 and
 *   no --bundle (1.4+ only), ovs-ofctl (OVS 3.1, vconn_transact_multiple_noreply) sends each
 *   FLOW_MOD followed by its own BARRIER_REQUEST and waits for the BARRIER_REPLY before the next
 *   one: one request round trip per flow, so the rate is mostly ovs-ofctl's own per-flow work,
 *   two wake-ups and the switch's per-message latency, not install throughput. Timed: the whole
 *   add-flows command plus a `dump-aggregate` (`ofctlPerSec`, the historical definition);
 *   `addFlowsOnlyPerSec` stops at add-flows' last barrier reply.
 * - `pipelined` (bench/support/of-pipeline.ts): all FLOW_MODs written back-to-back, then one
 *   BARRIER_REQUEST, timed from the first byte to the BARRIER_REPLY — the way a controller's flow
 *   service installs in bulk, ours included. Both switches over loopback TCP (OVS: a `ptcp:`
 *   controller listener set with ovs-vsctl set-controller). Any OFPT_ERROR fails the run.
 *
 * Every measurement ends with a `dump-aggregate` whose flow_count must equal the flow count, so
 * "done" means installed and visible. Ratios printed:
 * - sluice pipelined / OVS ofctl (add-flows to its last barrier): the DESIGN target's comparison
 *   ("flow-mod install, 100 k flows | OVS via ovs-ofctl add-flows | >= 5x"): the peer is OVS as an
 *   operator loads it with ovs-ofctl, sluice as its controller loads it;
 * - sluice ofctl / OVS ofctl: the same client into both (bounded by ovs-ofctl's round trips);
 * - sluice pipelined / OVS pipelined: the same pipelined client into both (bulk install speed).
 * Also reported: RSS of the sluice process with the flows loaded, and its growth per flow.
 * The in-process install rate of a flow table is in classifier.bench (installPerSec).
 *
 * The flows: `priority=P,ip,nw_dst=10.x.y.z[/len][,tcp,tp_dst=N],actions=output:2`, distinct,
 * over 8 masks. datapath_type=dummy is the same ofproto code as netdev (flow installation never
 * reaches the datapath) without the machine-wide netdev lock. Environment: BENCH_INSTALL_FLOWS
 * (default 100000), BENCH_INSTALL_ROUNDS (default 3), BENCH_INSTALL_MODES (default
 * "ofctl,pipelined").
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult } from './bench-result.js';
import { encodeFlowLoad, flowText, pipelinedLoad, type BenchFlow } from './support/of-pipeline.js';
import { canRunSwitchBench, median, ofctl, startOvs, startSluice, TwoHostLab, type SwitchUnderTest } from './support/switch-lab.js';

const FLOWS = Math.max(1000, Math.min(1_000_000, Number(process.env.BENCH_INSTALL_FLOWS ?? 100_000)));
const ROUNDS = Math.max(1, Math.min(10, Number(process.env.BENCH_INSTALL_ROUNDS ?? 3)));
const TIMEOUT_MS = 300_000;

function benchFlows(n: number): BenchFlow[] {
  const flows: BenchFlow[] = [];
  for (let i = 0; i < n; i++) {
    const t = i % 8;
    const prefixLen = 32 - (t % 4) * 4; // /32, /28, /24, /20
    // Distinct prefixes: the index picks the network bits above the wildcarded ones.
    const nwDst = (0x0a000000 + (i << (32 - prefixLen))) >>> 0;
    flows.push({ priority: 100 + (i % 7), nwDst, prefixLen, tcpDst: t >= 4 ? 1 + (i % 1000) : undefined, outPort: 2 });
  }
  return flows;
}

type Peer = 'sluice' | 'ovs';
type Mode = 'ofctl' | 'pipelined';
const MODES: Mode[] = (process.env.BENCH_INSTALL_MODES ?? 'ofctl,pipelined').split(',').filter((m): m is Mode => m === 'ofctl' || m === 'pipelined');

interface Sample {
  /** Install, to the last barrier reply. */
  installSecs: number;
  /** ofctl: add-flows plus dump-aggregate (the historical timing). */
  withCountSecs: number;
  count: number;
  rssBefore: number;
  rssAfter: number;
}

interface Load { file: string; pipelined: ReturnType<typeof encodeFlowLoad> }

async function measure(peer: Peer, mode: Mode, load: Load): Promise<Sample> {
  const lab = new TwoHostLab();
  let sw: SwitchUnderTest | undefined;
  try {
    sw = peer === 'sluice'
      ? await startSluice([lab.s1, lab.s2])
      : await startOvs(lab.lab.tag, [lab.s1, lab.s2], 'dummy', { openflowTcp: mode === 'pipelined' });
    const rssBefore = sw.rssBytes();
    const t0 = process.hrtime.bigint();
    let installSecs: number;
    if (mode === 'ofctl') {
      await ofctl(sw, ['add-flows', load.file], TIMEOUT_MS);
      installSecs = Number(process.hrtime.bigint() - t0) / 1e9;
    } else {
      installSecs = (await pipelinedLoad(sw.openflow, load.pipelined, TIMEOUT_MS)).secs;
    }
    const t1 = process.hrtime.bigint();
    const agg = await ofctl(sw, ['dump-aggregate'], TIMEOUT_MS);
    const t2 = process.hrtime.bigint();
    const count = Number(/flow_count=(\d+)/.exec(agg)?.[1] ?? Number.NaN);
    if (count !== FLOWS) throw new Error(`${peer} ${mode}: dump-aggregate flow_count=${count}, want ${FLOWS}`);
    const withCountSecs = mode === 'ofctl' ? Number(t2 - t0) / 1e9 : installSecs + Number(t2 - t1) / 1e9;
    return { installSecs, withCountSecs, count, rssBefore, rssAfter: sw.rssBytes() };
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
    const flows = benchFlows(FLOWS);
    const file = join(dir, 'flows.txt');
    writeFileSync(file, `${flows.map(flowText).join('\n')}\n`);
    const load: Load = { file, pipelined: encodeFlowLoad(flows) };
    const cases = MODES.flatMap((mode) => (['sluice', 'ovs'] as const).map((peer) => ({ peer, mode })));
    const samples = new Map<string, Sample[]>(cases.map((c) => [`${c.peer}/${c.mode}`, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so neither switch always runs first (noisy shared cores).
      const order = round % 2 === 0 ? cases : [...cases].reverse();
      for (const { peer, mode } of order) {
        const s = await measure(peer, mode, load);
        samples.get(`${peer}/${mode}`)!.push(s);
        console.error(`flow-install round ${round + 1}/${ROUNDS} ${peer} ${mode}: ${FLOWS} flows, install ${s.installSecs.toFixed(2)} s (${Math.round(FLOWS / s.installSecs)}/s), with count check ${s.withCountSecs.toFixed(2)} s, RSS ${(s.rssAfter / 1e6).toFixed(0)} MB`);
      }
    }
    const get = (peer: Peer, mode: Mode): Sample[] => samples.get(`${peer}/${mode}`) ?? [];
    const rate = (peer: Peer, mode: Mode, f: (s: Sample) => number = (s) => s.installSecs): number => median(get(peer, mode).map((s) => FLOWS / f(s)));
    const rounds = (peer: Peer, mode: Mode): string => get(peer, mode).map((s) => Math.round(FLOWS / s.installSecs)).join('/');
    const k = `${FLOWS / 1000}k flows`;
    const out: BenchResult[] = [];
    for (const mode of MODES) {
      for (const peer of ['sluice', 'ovs'] as const) {
        out.push({
          name: `flow install ${k}, ${peer}, ${mode}`, unit: 'flows/s', value: rate(peer, mode),
          extra: {
            rounds: rounds(peer, mode), withCountCheckPerSec: Math.round(rate(peer, mode, (s) => s.withCountSecs)),
            ...(peer === 'ovs' ? { datapath: 'dummy', via: mode === 'ofctl' ? 'unix mgmt socket' : 'ptcp controller listener' } : { via: 'tcp passive listener' }),
          },
        });
      }
    }
    const has = (m: Mode): boolean => MODES.includes(m);
    if (has('pipelined') && has('ofctl')) {
      out.push({
        name: `flow install ${k}, sluice pipelined / OVS ofctl`, unit: 'ratio', value: rate('sluice', 'pipelined') / rate('ovs', 'ofctl'),
        extra: { target: '>= 5 (DESIGN: OVS via ovs-ofctl add-flows)', timed: 'to the last barrier reply; count checked after' },
      });
    }
    if (has('ofctl')) {
      out.push({
        name: `flow install ${k}, sluice/OVS both ovs-ofctl`, unit: 'ratio', value: rate('sluice', 'ofctl', (s) => s.withCountSecs) / rate('ovs', 'ofctl', (s) => s.withCountSecs),
        extra: { addFlowsOnlyRatio: Number((rate('sluice', 'ofctl') / rate('ovs', 'ofctl')).toFixed(3)), timed: 'add-flows (a barrier per flow) + dump-aggregate', note: 'same client; one round trip per flow' },
      });
    }
    if (has('pipelined')) {
      out.push({
        name: `flow install ${k}, sluice/OVS both pipelined`, unit: 'ratio', value: rate('sluice', 'pipelined') / rate('ovs', 'pipelined'),
        extra: { timed: 'all FLOW_MODs + one barrier, to the barrier reply', note: 'same client; bulk install speed' },
      });
    }
    const all = cases.filter((c) => c.peer === 'sluice').flatMap((c) => get('sluice', c.mode));
    const ovsAll = cases.filter((c) => c.peer === 'ovs').flatMap((c) => get('ovs', c.mode));
    out.push({
      name: `sluice switch RSS with ${k}`, unit: 'MB', value: median(all.map((s) => s.rssAfter)) / 1e6,
      extra: {
        rssBeforeMB: Math.round(median(all.map((s) => s.rssBefore)) / 1e5) / 10,
        bytesPerFlow: Math.round(median(all.map((s) => (s.rssAfter - s.rssBefore) / FLOWS))),
        ovsVswitchdRssMB: Math.round(median(ovsAll.map((s) => s.rssAfter)) / 1e5) / 10,
      },
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void run().then((rs) => { for (const r of rs) console.log(`${r.name}: ${r.value.toFixed(3)} ${r.unit}`, JSON.stringify(r.extra)); });
}
