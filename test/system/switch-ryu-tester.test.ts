/**
 * The Ryu / os-ken OpenFlow 1.3 switch tester (an independent conformance suite, see
 * ../shared/conformance/ryu-switch-of13/README.md) against our switch, run as a separate process
 * the way an operator would: `node dist/cli/sluice.js switch --port … --controller …`.
 *
 * A fast subset runs here; each case's verdict must be at least as good as Open vSwitch 3.1's on
 * the same machine (ovs-3.1-verdicts.tsv), so a regression in the pipeline shows up as a case
 * that OVS passes and we do not.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNativeBindingAvailable } from '../../switch/port/native-binding.js';
import { canUseNetns, trySh } from '../support/netns.js';
import { REPO, SLUICE_ENTRY as ENTRY, sluiceBuildStale } from '../support/sluice-build.js';
import { CONFORMANCE_DIR } from '../support/conformance-dir.js';

const CONFORMANCE = CONFORMANCE_DIR;
const HARNESS = join(CONFORMANCE, 'run-switch-tester.sh');
const BASELINE = join(CONFORMANCE, 'ryu-switch-of13', 'ovs-3.1-verdicts.tsv');

const READY = canUseNetns() && isNativeBindingAvailable() && existsSync(HARNESS)
  && trySh('osken-manager', ['--version']).status === 0 && trySh('ovs-vsctl', ['--version']).status === 0;
if (!READY) console.warn('switch-ryu-tester skipped: need root, netns, the native addon, python3-os-ken and openvswitch-switch');

/** Fast subsets: a few dozen cases covering in_port, L2, IPv4/IPv6 and L4 matches and table-miss. */
const SUBSETS = ['match/00_IN_PORT.json', 'match/03_ETH_DST.json', 'match/05_ETH_TYPE.json', 'match/10_IP_PROTO_IPv4.json', 'match/14_TCP_DST_IPv4.json'];

interface Verdict { file: string; name: string; verdict: string; reason: string }

function readVerdicts(path: string): Verdict[] {
  return readFileSync(path, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => {
    const [, file, name, verdict, reason] = l.split('\t');
    return { file: file!, name: name!, verdict: verdict!, reason: reason ?? '' };
  });
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out });
    });
  });
}

describe.skipIf(!READY)('Ryu OpenFlow 1.3 switch tester against sluice switch', () => {
  it('passes every case of the fast subset that Open vSwitch 3.1 passes', async () => {
    if (sluiceBuildStale()) {
      const build = await run('npx', ['tsc', '-p', 'tsconfig.build.json'], 180_000);
      expect(existsSync(ENTRY), build.out).toBe(true);
    }
    const out = mkdtempSync(join(tmpdir(), 'sluice-ryu-'));
    try {
      const target = `exec node ${ENTRY} switch --dpid "$TARGET_DPID" $(for p in $TARGET_PORTS; do printf -- "--port %s " $p; done) `
        + '--controller "$CONTROLLER" --metrics off --log-level warn';
      const args = [...SUBSETS.flatMap((s) => ['--subset', s]), '--out', out, '--baseline', BASELINE, '--timeout', '540', '--', 'sh', '-c', target];
      const r = await run(HARNESS, args, 580_000);
      expect(r.code, r.out.slice(-4000)).toBe(0);
      const ours = readVerdicts(join(out, 'results.tsv'));
      const ovs = new Map(readVerdicts(BASELINE).map((v) => [`${v.file}\t${v.name}`, v]));
      expect(ours.length).toBeGreaterThan(30);
      const worse = ours.filter((v) => v.verdict !== 'OK' && ovs.get(`${v.file}\t${v.name}`)?.verdict === 'OK');
      const ok = ours.filter((v) => v.verdict === 'OK').length;
      console.info(`ryu switch tester: ${ok}/${ours.length} OK on ${SUBSETS.join(', ')}`);
      expect(worse.map((v) => `${v.file} ${v.name}: ${v.verdict} ${v.reason}`)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
