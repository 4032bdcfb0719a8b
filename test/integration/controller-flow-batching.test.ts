/**
 * FlowService batching against a scripted switch over loopback TCP: installs and removes for one
 * switch that arrive in the same tick, or while its previous batch waits for the barrier reply,
 * go out as one batch closed by one barrier, in call order; a flow the switch refuses fails only
 * the call that asked for it (and leaves the intent), the other callers of the batch resolve.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/kernel/clock.js';
import { EventBus } from '../../core/kernel/event-bus.js';
import { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { OFPFC } from '../../core/openflow/constants.js';
import { OFPET, OFPFMFC } from '../../core/openflow/error-codes.js';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import { silentLogger } from '../../core/telemetry/logger.js';
import { MetricsRegistry } from '../../core/telemetry/metrics.js';
import { DatapathRegistry } from '../../controller/datapaths/datapath-registry.js';
import { FlowInstallError, FlowService } from '../../controller/flows/flow-service.js';
import { OpenFlowServer } from '../../controller/openflow/of-server.js';
import type { FlowSpec } from '../../controller/services/flows.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import { ScriptedSwitch, type ScriptedSwitchOptions } from './controller-scripted-switch.js';

const REFUSED_PRIORITY = 666;

let events: EventBus<SluiceEvents>;
let registry: DatapathRegistry;
let server: OpenFlowServer;
let flows: FlowService;
const switches: ScriptedSwitch[] = [];

beforeEach(async () => {
  const log = silentLogger();
  events = new EventBus<SluiceEvents>(log);
  registry = new DatapathRegistry({ events, packetIns: new PacketInChain<PacketInContext>(log), log, clock: systemClock, metrics: new MetricsRegistry() });
  server = new OpenFlowServer(registry, log, systemClock, { listen: { host: '127.0.0.1', port: 0 } });
  await server.start();
  flows = new FlowService(registry, events, log, { barrierTimeoutMs: 2000 });
});

afterEach(async () => {
  flows.dispose();
  for (const s of switches.splice(0)) s.close();
  await server.stop();
});

/** A connected, re-synced switch; `script` runs after the re-sync, for the test's own traffic. */
async function connectedSwitch(dpid: bigint, script?: ScriptedSwitchOptions['script']): Promise<ScriptedSwitch> {
  let live = false;
  const connected = events.waitFor('datapath.connected', { predicate: (e) => e.dpid === dpid, timeoutMs: 5000 });
  const s = await ScriptedSwitch.connect(server.address!.port, { dpid, script: (msg, sw) => live && script !== undefined && script(msg, sw) });
  switches.push(s);
  await connected;
  await flows.lastResync.get(dpid);
  live = true;
  s.received.length = 0;
  return s;
}

/** Refuses every FLOW_MOD with REFUSED_PRIORITY (OFPT_ERROR for its xid), as a switch would. */
function refusePriority(msg: OfpMessage, sw: ScriptedSwitch): boolean {
  if (msg.type !== 'FLOW_MOD' || msg.priority !== REFUSED_PRIORITY) return false;
  sw.send({ type: 'ERROR', xid: msg.xid, errorType: OFPET.FLOW_MOD_FAILED, code: OFPFMFC.TABLE_FULL, data: Buffer.alloc(0) });
  return true;
}

function spec(mac: string, priority = 100): FlowSpec {
  return { stage: 'l2', priority, match: { fields: [{ field: 'eth_dst', value: mac }] }, instructions: [] };
}

/** The eth_dst each flow matches on. */
function dsts(list: ReadonlyArray<{ match: FlowSpec['match'] }>): string[] {
  return list.map((f) => {
    const tlv = f.match.fields.find((t) => t.field === 'eth_dst');
    return tlv !== undefined && 'value' in tlv ? String(tlv.value) : '*';
  });
}

const settle = <T>(p: Promise<T>) => p.then(() => 'ok' as const, (e: unknown) => e);

function sequence(sw: ScriptedSwitch): string[] {
  return sw.received.flatMap((m) => {
    if (m.type === 'BARRIER_REQUEST') return ['barrier'];
    if (m.type !== 'FLOW_MOD') return [];
    return [`${m.command === OFPFC.ADD ? 'add' : 'del'} ${dsts([m])[0]}/${m.priority}`];
  });
}

describe('FlowService batching', () => {
  it('sends same-tick installs and removes of several callers as one batch with one barrier, in call order', async () => {
    const sw = await connectedSwitch(0xb1n, refusePriority);
    const a = flows.install('l2', 0xb1n, [spec('02:00:00:00:00:01'), spec('02:00:00:00:00:02')]);
    const b = flows.install('l3', 0xb1n, [spec('02:00:00:00:00:03'), spec('02:00:00:00:00:04', REFUSED_PRIORITY), spec('02:00:00:00:00:05')]);
    const r = flows.remove('l2', 0xb1n, { stage: 'l2', match: { fields: [{ field: 'eth_dst', value: '02:00:00:00:00:02' }] } });
    const c = flows.install('l2', 0xb1n, [spec('02:00:00:00:00:06', REFUSED_PRIORITY)]);
    const d = flows.install('l2', 0xb1n, [spec('02:00:00:00:00:07')]);
    const [ra, rb, rr, rc, rd] = await Promise.all([a, b, r, c, d].map(settle));

    expect(sequence(sw)).toEqual([
      'add 02:00:00:00:00:01/100', 'add 02:00:00:00:00:02/100',
      'add 02:00:00:00:00:03/100', `add 02:00:00:00:00:04/${REFUSED_PRIORITY}`, 'add 02:00:00:00:00:05/100',
      'del 02:00:00:00:00:02/0',
      `add 02:00:00:00:00:06/${REFUSED_PRIORITY}`,
      'add 02:00:00:00:00:07/100',
      'barrier',
    ]);
    expect([ra, rr, rd]).toEqual(['ok', 'ok', 'ok']);
    // Each refusal is the failure of the call that asked for that flow, and of no other.
    expect(rb).toBeInstanceOf(FlowInstallError);
    expect((rb as FlowInstallError).failures.map((f) => f.flowMod.priority)).toEqual([REFUSED_PRIORITY]);
    expect((rb as FlowInstallError).failures[0]!.flowMod.match.fields[0]).toMatchObject({ value: '02:00:00:00:00:04' });
    expect((rb as FlowInstallError).failures[0]!.error.errorType).toBe(OFPET.FLOW_MOD_FAILED);
    expect(rc).toBeInstanceOf(FlowInstallError);
    expect((rc as FlowInstallError).failures.map((f) => f.flowMod.match.fields[0])).toMatchObject([{ value: '02:00:00:00:00:06' }]);
    // The intent keeps what the switch took and drops what it refused (and what was removed).
    const intended = (owner: string) => dsts(flows.list({ dpid: 0xb1n, owner, stage: 'l2' })).sort();
    expect(intended('l2')).toEqual(['02:00:00:00:00:01', '02:00:00:00:00:07']);
    expect(intended('l3')).toEqual(['02:00:00:00:00:03', '02:00:00:00:00:05']);
  });

  it('gathers calls made while a batch waits for its barrier into the next batch', async () => {
    let held: (() => void) | undefined;
    const sw = await connectedSwitch(0xb2n, (msg, s) => {
      if (refusePriority(msg, s)) return true;
      if (msg.type !== 'BARRIER_REQUEST' || held !== undefined) return false;
      held = () => s.send({ type: 'BARRIER_REPLY', xid: msg.xid }); // the first batch's barrier waits
      return true;
    });
    const first = flows.install('l2', 0xb2n, [spec('02:00:00:00:00:11')]);
    await sw.waitFor(() => held !== undefined);
    // Different ticks, all while the first barrier is outstanding.
    const second = flows.install('l2', 0xb2n, [spec('02:00:00:00:00:12', REFUSED_PRIORITY)]);
    await new Promise((r) => setImmediate(r));
    const third = flows.install('l2', 0xb2n, [spec('02:00:00:00:00:13')]);
    await new Promise((r) => setTimeout(r, 20));
    const fourth = flows.remove('l2', 0xb2n, { stage: 'l2', priority: 100, match: { fields: [{ field: 'eth_dst', value: '02:00:00:00:00:11' }] } });
    expect(sequence(sw)).toEqual(['add 02:00:00:00:00:11/100', 'barrier']);
    held!();
    const results = await Promise.all([first, second, third, fourth].map(settle));
    expect(sequence(sw)).toEqual([
      'add 02:00:00:00:00:11/100', 'barrier',
      `add 02:00:00:00:00:12/${REFUSED_PRIORITY}`, 'add 02:00:00:00:00:13/100', 'del 02:00:00:00:00:11/100', 'barrier',
    ]);
    expect(results[0]).toBe('ok');
    expect(results[1]).toBeInstanceOf(FlowInstallError);
    expect(results.slice(2)).toEqual(['ok', 'ok']);
    expect(dsts(flows.list({ dpid: 0xb2n, owner: 'l2' }))).toEqual(['02:00:00:00:00:13']);
  });

  it('fails every caller of a batch whose barrier goes unanswered, and batches per switch', async () => {
    const quiet = await connectedSwitch(0xb3n, (msg) => msg.type === 'BARRIER_REQUEST');
    const other = await connectedSwitch(0xb4n);
    const short = new FlowService(registry, events, silentLogger(), { barrierTimeoutMs: 200 });
    try {
      const onQuiet = [
        short.install('l2', 0xb3n, [spec('02:00:00:00:00:21')]),
        short.install('l2', 0xb3n, [spec('02:00:00:00:00:22')]),
      ].map(settle);
      const onOther = short.install('l2', 0xb4n, [spec('02:00:00:00:00:23')]);
      const [x, y] = await Promise.all(onQuiet);
      expect(x).toBeInstanceOf(Error);
      expect(y).toBe(x);
      await expect(onOther).resolves.toBeUndefined();
      expect(sequence(quiet)).toEqual(['add 02:00:00:00:00:21/100', 'add 02:00:00:00:00:22/100', 'barrier']);
      expect(sequence(other)).toEqual(['add 02:00:00:00:00:23/100', 'barrier']);
    } finally {
      short.dispose();
    }
  });
});
