/**
 * The OpenFlow codec on the controller's hot messages: PACKET_IN decode (Ryu corpus, a 9-OXM
 * ARP packet-in and a 4-OXM one), FLOW_MOD encode and decode, PACKET_OUT encode into a reused
 * writer, and stream framing of the whole corpus in 1460-byte TCP segments.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeLoop, type BenchResult } from './bench-result.js';
import { OfpFramer, OfpWriter, decodeMessage, encodeMessage } from '../core/openflow/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = here.includes(join('dist', 'bench')) ? resolve(here, '..', '..') : resolve(here, '..');
const CORPUS = resolve(root, '..', 'shared', 'conformance', 'ryu-of13');
const packet = (name: string): Buffer => readFileSync(join(CORPUS, `${name}.packet`));

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const perOp = (name: string, op: () => void, extra: Record<string, unknown>): void => {
    const t = timeLoop(op, 500_000, 3_000);
    out.push({ name, unit: 'msgs/s', value: t.opsPerSec, nsPerOp: t.nsPerOp, extra });
  };

  for (const [label, file] of [['PACKET_IN decode (9 OXMs)', '4-4-ofp_packet_in'], ['PACKET_IN decode (4 OXMs)', 'libofproto-OFP13-packet_in']] as const) {
    const wire = packet(file);
    perOp(label, () => decodeMessage(wire), { bytes: wire.length, file });
  }

  const flowModWire = packet('4-46-ofp_flow_mod');
  const flowMod = decodeMessage(flowModWire);
  const w = new OfpWriter(4096);
  perOp('FLOW_MOD decode', () => decodeMessage(flowModWire), { bytes: flowModWire.length });
  perOp('FLOW_MOD encode (fresh Buffer)', () => encodeMessage(flowMod), { bytes: flowModWire.length });
  perOp('FLOW_MOD encode (reused writer)', () => { w.reset(); encodeMessage(flowMod, w); }, { bytes: flowModWire.length });

  const packetOut = decodeMessage(packet('4-1-ofp_packet_out'));
  perOp('PACKET_OUT encode (reused writer)', () => { w.reset(); encodeMessage(packetOut, w); }, { bytes: 138 });

  const stream = Buffer.concat(readdirSync(CORPUS).filter((f) => f.endsWith('.packet')).sort().map((f) => readFileSync(join(CORPUS, f))));
  const segments: Buffer[] = [];
  for (let at = 0; at < stream.length; at += 1460) segments.push(stream.subarray(at, at + 1460));
  const t = timeLoop(() => {
    const framer = new OfpFramer();
    for (const s of segments) framer.push(s);
  }, 20_000, 3_000);
  out.push({
    name: 'framing, corpus in 1460-byte segments', unit: 'MB/s', value: (t.opsPerSec * stream.length) / 1e6,
    nsPerOp: t.nsPerOp, extra: { streamBytes: stream.length, segments: segments.length },
  });
  return out;
}
