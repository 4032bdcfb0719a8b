/**
 * The controller's OpenFlow server against scripted switches over loopback TCP: handshake,
 * version negotiation and refusal, keepalive, request errors and timeouts, multipart
 * assembly, reconnect, port status and packet-in dispatch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/kernel/clock.js';
import { EventBus } from '../../core/kernel/event-bus.js';
import { PacketInChain } from '../../core/kernel/packet-in-chain.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import { OFPCML_NO_BUFFER } from '../../core/openflow/actions.js';
import { OFPFC } from '../../core/openflow/constants.js';
import { OFPBRC, OFPET, OFPFMFC, OFPHFC } from '../../core/openflow/error-codes.js';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { silentLogger } from '../../core/telemetry/logger.js';
import { MetricsRegistry } from '../../core/telemetry/metrics.js';
import { DatapathRegistry } from '../../controller/datapaths/datapath-registry.js';
import { OpenFlowServer } from '../../controller/openflow/of-server.js';
import { DatapathRequestError } from '../../controller/services/datapaths.js';
import type { PacketInContext } from '../../controller/services/packet-in-context.js';
import { port, ScriptedSwitch, type ScriptedSwitchOptions } from './controller-scripted-switch.js';

interface Harness {
  events: EventBus<SluiceEvents>;
  chain: PacketInChain<PacketInContext>;
  registry: DatapathRegistry;
  server: OpenFlowServer;
  seen: string[];
  port: number;
}

let h: Harness;
const switches: ScriptedSwitch[] = [];

async function startHarness(timers: Partial<{ echoIntervalMs: number; echoTimeoutMs: number; requestTimeoutMs: number }> = {}): Promise<Harness> {
  const log = silentLogger();
  const events = new EventBus<SluiceEvents>(log);
  const chain = new PacketInChain<PacketInContext>(log);
  const registry = new DatapathRegistry({ events, packetIns: chain, log, clock: systemClock, metrics: new MetricsRegistry() });
  const server = new OpenFlowServer(registry, log, systemClock, { listen: { host: '127.0.0.1', port: 0 }, timers });
  await server.start();
  const seen: string[] = [];
  events.on('datapath.connected', (e) => void seen.push(`connected ${e.dpid}`));
  events.on('datapath.disconnected', (e) => void seen.push(`disconnected ${e.dpid}`));
  return { events, chain, registry, server, seen, port: server.address!.port };
}

async function sw(opts: ScriptedSwitchOptions): Promise<ScriptedSwitch> {
  const s = await ScriptedSwitch.connect(h.port, opts);
  switches.push(s);
  return s;
}

async function connected(dpid: bigint): Promise<void> {
  await h.events.waitFor('datapath.connected', { predicate: (e) => e.dpid === dpid, timeoutMs: 5000 });
}

async function handshaken(opts: ScriptedSwitchOptions): Promise<ScriptedSwitch> {
  const wait = connected(opts.dpid);
  const s = await sw(opts);
  await wait;
  return s;
}

async function stopHarness(): Promise<void> {
  for (const s of switches.splice(0)) s.close();
  await h?.server.stop();
}

describe('controller OpenFlow server', () => {
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(stopHarness);

  it('completes the OF1.3 handshake: features, port desc, SET_CONFIG with OFPCML_NO_BUFFER, barrier', async () => {
    const s = await handshaken({ dpid: 0xa1n, ports: [port(1), port(2), port(7)] });
    const dp = h.registry.get(0xa1n)!;
    expect(dp.connected).toBe(true);
    expect(dp.info.nTables).toBe(254);
    expect([...dp.info.ports.keys()].sort()).toEqual([1, 2, 7]);
    const types = s.received.map((m) => m.type);
    expect(types.slice(0, 5)).toEqual(['HELLO', 'FEATURES_REQUEST', 'MULTIPART_REQUEST', 'SET_CONFIG', 'BARRIER_REQUEST']);
    const hello = s.messages('HELLO')[0]!;
    expect(hello.version).toBe(4);
    expect(hello.elements[0]).toEqual({ type: 'VERSIONBITMAP', bitmaps: [1 << 4] });
    expect(s.messages('SET_CONFIG')[0]!.missSendLen).toBe(OFPCML_NO_BUFFER);
  });

  it('negotiates down to 1.3 from an OF1.5 HELLO without a bitmap and from an OF1.4/1.5 bitmap', async () => {
    await handshaken({ dpid: 0xb1n, helloVersion: 6, bitmap: undefined });
    await handshaken({ dpid: 0xb2n, helloVersion: 6, bitmap: [4, 5, 6] });
    expect(h.registry.list().map((d) => d.dpid).sort()).toEqual([0xb1n, 0xb2n]);
  });

  it('refuses a peer whose bitmap lacks 1.3 with OFPET_HELLO_FAILED/OFPHFC_INCOMPATIBLE and closes', async () => {
    const s = await sw({ dpid: 0xc1n, helloVersion: 6, bitmap: [5, 6] });
    await s.waitFor(() => s.closed);
    const err = s.messages('ERROR')[0]!;
    expect(err.errorType).toBe(OFPET.HELLO_FAILED);
    expect('code' in err && err.code).toBe(OFPHFC.INCOMPATIBLE);
    expect(h.registry.list()).toEqual([]);
  });

  it('refuses an OF1.0-only peer with an error in its own version', async () => {
    const s = await sw({ dpid: 0xc2n, helloVersion: 1, bitmap: undefined });
    await s.waitFor(() => s.closed);
    // The HELLO is decodable, the ERROR (version 1) is not by the OF1.3 codec: check the raw bytes.
    const raw = s.rawReceived.find((b) => b[1] === 1)!;
    expect(raw[0]).toBe(1);
    expect(raw.readUInt16BE(8)).toBe(OFPET.HELLO_FAILED);
    expect(raw.readUInt16BE(10)).toBe(OFPHFC.INCOMPATIBLE);
  });

  it('assembles a multipart reply sent in several REPLY_MORE parts', async () => {
    const ports = Array.from({ length: 9 }, (_, i) => port(i + 1));
    await handshaken({ dpid: 0xd1n, ports, portDescParts: 3 });
    const dp = h.registry.get(0xd1n)!;
    expect(dp.info.ports.size).toBe(9);
    const parts = await dp.request({ type: 'MULTIPART_REQUEST', xid: 0, flags: 0, body: { mpType: 'PORT_DESC' } });
    expect(parts).toHaveLength(3);
    expect(parts.flatMap((p) => (p.type === 'MULTIPART_REPLY' && p.body.mpType === 'PORT_DESC' ? p.body.ports : [])).length).toBe(9);
  });

  it('maps a switch OFPT_ERROR to DatapathRequestError(error) and an unanswered request to timeout', async () => {
    await handshaken({
      dpid: 0xe1n,
      script: (msg, s) => {
        if (msg.type === 'MULTIPART_REQUEST' && msg.body.mpType === 'TABLE') {
          s.send({ type: 'ERROR', xid: msg.xid, errorType: OFPET.BAD_REQUEST, code: OFPBRC.BAD_MULTIPART, data: Buffer.alloc(0) });
          return true;
        }
        return msg.type === 'GET_CONFIG_REQUEST'; // swallowed: never answered
      },
    });
    const dp = h.registry.get(0xe1n)!;
    const failed = await dp.request({ type: 'MULTIPART_REQUEST', xid: 0, flags: 0, body: { mpType: 'TABLE' } }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DatapathRequestError);
    expect((failed as DatapathRequestError).kind).toBe('error');
    expect((failed as DatapathRequestError).error?.errorType).toBe(OFPET.BAD_REQUEST);
    expect((failed as DatapathRequestError).request.type).toBe('MULTIPART_REQUEST');
    const t0 = Date.now();
    const timedOut = await dp.request({ type: 'GET_CONFIG_REQUEST', xid: 0 }, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect((timedOut as DatapathRequestError).kind).toBe('timeout');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('surfaces an error for a fire-and-forget FLOW_MOD as datapath.error with the FLOW_MOD that caused it', async () => {
    await handshaken({
      dpid: 0xe2n,
      script: (msg, s) => {
        if (msg.type !== 'FLOW_MOD') return false;
        s.send({ type: 'ERROR', xid: msg.xid, errorType: OFPET.FLOW_MOD_FAILED, code: OFPFMFC.BAD_TABLE_ID, data: Buffer.alloc(0) });
        return true;
      },
    });
    const dp = h.registry.get(0xe2n)!;
    const errorSeen = h.events.waitFor('datapath.error', { timeoutMs: 3000 });
    const flowMod: OfpMessage = {
      type: 'FLOW_MOD', xid: 0, cookie: 7n, cookieMask: 0n, tableId: 200, command: OFPFC.ADD, idleTimeout: 0, hardTimeout: 0,
      priority: 1, bufferId: 0xffffffff, outPort: OFPP.ANY, outGroup: 0xffffffff, flags: 0, match: { fields: [] }, instructions: [],
    };
    const xid = dp.send(flowMod);
    const ev = await errorSeen;
    expect(ev.dpid).toBe(0xe2n);
    expect(ev.error.xid).toBe(xid);
    expect(ev.request).toBe(flowMod);
  });

  it('answers undecodable input with OFPT_ERROR and keeps the connection', async () => {
    const s = await handshaken({ dpid: 0xf1n });
    // Unknown message type 99 with a valid header.
    s.writeRaw(Buffer.from([4, 99, 0, 8, 0, 0, 0x12, 0x34]));
    await s.waitFor(() => s.messages('ERROR').length > 0);
    const err = s.messages('ERROR')[0]!;
    expect(err.xid).toBe(0x1234);
    expect(err.errorType).toBe(OFPET.BAD_REQUEST);
    expect('code' in err && err.code).toBe(OFPBRC.BAD_TYPE);
    const dp = h.registry.get(0xf1n)!;
    await dp.barrier();
    expect(dp.connected).toBe(true);
  });

  it('replaces state when the same DPID reconnects: old closed, its requests rejected as disconnected', async () => {
    const first = await handshaken({ dpid: 0x42n, script: (m) => m.type === 'GET_CONFIG_REQUEST' });
    const oldHandle = h.registry.get(0x42n)!;
    const pending = oldHandle.request({ type: 'GET_CONFIG_REQUEST', xid: 0 }, { timeoutMs: 5000 }).catch((e: unknown) => e);
    await handshaken({ dpid: 0x42n, ports: [port(5)] });
    const rejected = await pending;
    expect((rejected as DatapathRequestError).kind).toBe('disconnected');
    await first.waitFor(() => first.closed);
    const current = h.registry.get(0x42n)!;
    expect(current).not.toBe(oldHandle);
    expect(oldHandle.connected).toBe(false);
    expect([...current.info.ports.keys()]).toEqual([5]);
    expect(h.seen).toEqual(['connected 66', 'disconnected 66', 'connected 66']);
    expect(h.registry.list()).toHaveLength(1);
  });

  it('keeps ports current from PORT_STATUS and emits datapath.port-status', async () => {
    const s = await handshaken({ dpid: 0x51n, ports: [port(1)] });
    const events: string[] = [];
    h.events.on('datapath.port-status', (e) => void events.push(`${e.reason} ${e.port.portNo}`));
    s.send({ type: 'PORT_STATUS', xid: 0, reason: 0, desc: port(3) });
    s.send({ type: 'PORT_STATUS', xid: 0, reason: 1, desc: port(1) });
    s.send({ type: 'PORT_STATUS', xid: 0, reason: 2, desc: { ...port(3), state: 1 } });
    const dp = h.registry.get(0x51n)!;
    await dp.barrier();
    expect(events).toEqual(['add 3', 'delete 1', 'modify 3']);
    expect([...dp.info.ports.keys()]).toEqual([3]);
    expect(dp.info.ports.get(3)!.state).toBe(1);
  });

  it('decodes a PACKET_IN once and dispatches it through the PacketIns chain', async () => {
    const s = await handshaken({ dpid: 0x61n });
    const got: PacketInContext[] = [];
    h.chain.register('test', 410, (c) => {
      got.push(c);
      return 'consume';
    });
    const frame = Buffer.alloc(60);
    Buffer.from('ffffffffffff', 'hex').copy(frame, 0);
    Buffer.from('020000000009', 'hex').copy(frame, 6);
    frame.writeUInt16BE(0x0806, 12);
    s.send({ type: 'PACKET_IN', xid: 0, bufferId: 0xffffffff, totalLen: 60, reason: 0, tableId: 5, cookie: 0n, match: { fields: [{ field: 'in_port', value: 3 }] }, data: frame });
    await h.registry.get(0x61n)!.barrier();
    expect(got).toHaveLength(1);
    expect(got[0]!.inPort).toBe(3);
    expect(got[0]!.datapath.dpid).toBe(0x61n);
    expect(got[0]!.packet.eth.src.toString()).toBe('02:00:00:00:00:09');
  });

  it('sends role requests and records the confirmed role', async () => {
    await handshaken({ dpid: 0x71n });
    const dp = h.registry.get(0x71n)!;
    const r = await dp.requestRole('master', 5n);
    expect(r).toEqual({ role: 'master', generationId: 5n });
    expect(dp.info.role).toBe('master');
    const s2 = await dp.requestRole('slave');
    expect(s2.role).toBe('slave');
    expect(s2.generationId).toBeGreaterThan(5n);
  });
});

describe('controller OpenFlow keepalive', () => {
  beforeEach(async () => {
    h = await startHarness({ echoIntervalMs: 100, echoTimeoutMs: 200 });
  });
  afterEach(stopHarness);

  it('closes a switch that stops answering ECHO_REQUEST', async () => {
    const s = await handshaken({ dpid: 0x81n, answerEcho: false });
    await h.events.waitFor('datapath.disconnected', { predicate: (e) => e.dpid === 0x81n, timeoutMs: 3000 });
    expect(s.messages('ECHO_REQUEST').length).toBeGreaterThanOrEqual(1);
    await s.waitFor(() => s.closed);
  });

  it('keeps a switch that answers ECHO_REQUEST', async () => {
    const s = await handshaken({ dpid: 0x82n });
    await s.waitFor(() => s.messages('ECHO_REQUEST').length >= 3, 3000);
    expect(h.registry.get(0x82n)?.connected).toBe(true);
  });
});
