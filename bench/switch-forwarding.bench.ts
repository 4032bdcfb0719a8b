/**
 * Switch forwarding over veth: sluice (`node dist/cli/sluice.js switch`, a child process) against
 * Open vSwitch with `datapath_type=netdev`, in the same run, on identical fresh topologies
 * (bench/support/switch-lab.ts: h1 in namespace A — s1 — switch — s2 — h2 in namespace B, all
 * veth offloads off). Both switches get the same two flows through `ovs-ofctl -O OpenFlow13
 * add-flow`: in_port=1,actions=output:2 and in_port=2,actions=output:1.
 *
 * (a) 64-byte pps: pktblast (bench/support/pktblast.c, sendmmsg on AF_PACKET) in namespace A
 *     offers 60-byte frames (64 on the wire) to h1 for PPS_SECONDS, bounded by MAX_FRAMES too;
 *     forwarded pps = rx_packets delta on h2 / the sender's elapsed time.
 * (b) TCP: iperf3 -c h2 -t 5 from namespace A against a one-shot server (-1) in namespace B.
 *
 * ROUNDS rounds, each running sluice then OVS (order alternates per round); medians reported with
 * the sluice/OVS ratio. Every loop is bounded in count and time. Environment: BENCH_FWD_ROUNDS
 * (default 3), BENCH_FWD_PPS_SECONDS (default 4).
 */
import { spawn } from 'node:child_process';
import { type BenchResult } from './bench-result.js';
import {
  canRunSwitchBench, median, ofctl, pktblastBinary, sleep, startOvs, startSluice, TwoHostLab, type SwitchUnderTest,
} from './support/switch-lab.js';
import { runCommand } from '../test/support/ovs.js';

const ROUNDS = Math.max(1, Math.min(10, Number(process.env.BENCH_FWD_ROUNDS ?? 3)));
const PPS_SECONDS = Math.max(1, Math.min(20, Number(process.env.BENCH_FWD_PPS_SECONDS ?? 4)));
const MAX_FRAMES = 200_000_000;
const TCP_SECONDS = 5;

interface Sample { pps: number; offeredPps: number; tcpGbps: number; tcpRetrans: number }

async function measure(peer: 'sluice' | 'ovs'): Promise<Sample> {
  const lab = new TwoHostLab();
  let sw: SwitchUnderTest | undefined;
  try {
    sw = peer === 'sluice' ? await startSluice([lab.s1, lab.s2]) : await startOvs(lab.lab.tag, [lab.s1, lab.s2]);
    await ofctl(sw, ['add-flow', 'in_port=1,actions=output:2']);
    await ofctl(sw, ['add-flow', 'in_port=2,actions=output:1']);
    if (!(await lab.pingOk())) throw new Error(`${peer}: h1 cannot ping h2 through the switch`);

    // (a) 64-byte frames, one direction.
    const blast = pktblastBinary();
    const rx0 = lab.rxPackets();
    const tx0 = lab.txPackets();
    const out = (await runCommand('ip', ['netns', 'exec', lab.nsA, blast, lab.h1, lab.mac2, lab.mac1, String(MAX_FRAMES), String(PPS_SECONDS)],
      undefined, (PPS_SECONDS + 10) * 1000)).stdout;
    await sleep(300); // let queued frames drain through the switch
    const rx = lab.rxPackets() - rx0;
    const tx = lab.txPackets() - tx0;
    const secs = Number(/secs=([\d.]+)/.exec(out)?.[1] ?? PPS_SECONDS);

    // (b) TCP, bounded: one-shot server, client -t 5, both with timeouts.
    const server = spawn('ip', ['netns', 'exec', lab.nsB, 'iperf3', '-s', '-1', '-B', lab.ip2], { stdio: 'ignore' });
    let tcpGbps = Number.NaN;
    let tcpRetrans = Number.NaN;
    try {
      await sleep(300);
      const res = await runCommand('ip', ['netns', 'exec', lab.nsA, 'iperf3', '-c', lab.ip2, '-t', String(TCP_SECONDS), '-J', '--connect-timeout', '3000'],
        undefined, (TCP_SECONDS + 15) * 1000);
      const j = JSON.parse(res.stdout) as { end?: { sum_received?: { bits_per_second?: number }; sum_sent?: { retransmits?: number } } };
      tcpGbps = (j.end?.sum_received?.bits_per_second ?? Number.NaN) / 1e9;
      tcpRetrans = j.end?.sum_sent?.retransmits ?? Number.NaN;
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
    return { pps: rx / secs, offeredPps: tx / secs, tcpGbps, tcpRetrans };
  } finally {
    await sw?.stop();
    lab.cleanup();
  }
}

export async function run(): Promise<BenchResult[]> {
  const why = canRunSwitchBench();
  if (why !== undefined) throw new Error(`switch-forwarding: ${why}`);
  const samples: Record<'sluice' | 'ovs', Sample[]> = { sluice: [], ovs: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order: ('sluice' | 'ovs')[] = round % 2 === 0 ? ['sluice', 'ovs'] : ['ovs', 'sluice'];
    for (const peer of order) {
      const s = await measure(peer);
      samples[peer].push(s);
      console.error(`switch-forwarding round ${round + 1}/${ROUNDS} ${peer}: ${Math.round(s.pps)} pps (offered ${Math.round(s.offeredPps)}), TCP ${s.tcpGbps.toFixed(2)} Gbit/s (retrans ${s.tcpRetrans})`);
    }
  }
  const med = (p: 'sluice' | 'ovs', k: keyof Sample): number => median(samples[p].map((s) => s[k]));
  const list = (p: 'sluice' | 'ovs', k: keyof Sample, digits: number): string => samples[p].map((s) => s[k].toFixed(digits)).join('/');
  const note = 'veth, offloads off (tx/rx csum, tso, gso, gro); flows in_port=1→2, 2→1 via ovs-ofctl; OVS datapath_type=netdev';
  const results: BenchResult[] = [];
  for (const p of ['sluice', 'ovs'] as const) {
    results.push({
      name: `forwarding 64-byte frames, ${p}`, unit: 'pps', value: med(p, 'pps'),
      extra: { rounds: list(p, 'pps', 0), offeredPps: Math.round(med(p, 'offeredPps')), seconds: PPS_SECONDS },
    });
  }
  // Paired ratios (sluice and OVS of the same round ran back to back) are less exposed to load
  // that other processes put on the machine between rounds.
  const paired = (k: keyof Sample): string => samples.sluice.map((s, i) => (s[k] / samples.ovs[i]![k]).toFixed(2)).join('/');
  results.push({
    name: 'forwarding 64-byte frames, sluice/OVS', unit: 'ratio', value: med('sluice', 'pps') / med('ovs', 'pps'),
    extra: { target: '>= 1.0', perRound: paired('pps'), note },
  });
  for (const p of ['sluice', 'ovs'] as const) {
    results.push({
      name: `forwarding TCP (iperf3 -t ${TCP_SECONDS}), ${p}`, unit: 'Gbit/s', value: med(p, 'tcpGbps'),
      extra: { rounds: list(p, 'tcpGbps', 3), retransmits: list(p, 'tcpRetrans', 0) },
    });
  }
  results.push({
    name: 'forwarding TCP, sluice/OVS', unit: 'ratio', value: med('sluice', 'tcpGbps') / med('ovs', 'tcpGbps'),
    extra: { target: '>= 1.0', perRound: paired('tcpGbps'), note },
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void run().then((rs) => { for (const r of rs) console.log(`${r.name}: ${r.value.toFixed(3)} ${r.unit}`, JSON.stringify(r.extra)); });
}
