/**
 * The switch's OpenFlow agent against a small OpenFlow 1.3 controller written here, over real
 * loopback TCP: handshake, keepalive, roles, async filtering, reconnect with backoff, and seeded
 * fuzzing of the channel. The datapath behind the agent is a recording double (the agent's
 * contract with the pipeline is only `DatapathLike`), so what is checked is the agent's own
 * behaviour on the wire.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OFPBRC, OFPCR_ROLE, OFPET, OFPHFC, OFPPR, OFPR, OFPRRFC, OFP_NO_BUFFER, OfpFramer, decodeMessage,
  encodeMessage, helloVersions, versionBitmapElement, type FlowRemoved, type OfpMessage, type PacketIn,
  type PortStatus,
} from '../../core/openflow/index.js';
import { MetricsRegistry } from '../../core/telemetry/index.js';
import { SwitchAgent, type DatapathLike } from '../../switch/agent/index.js';
import { Datapath } from '../../switch/pipeline/datapath.js';
import { seededRandom } from '../support/seeded-random.js';
import { RYU_OF13_DIR } from '../support/conformance-dir.js';

// ---------------------------------------------------------------------------------------------
// Test peers

/** Records what reaches the datapath and answers the few requests the tests need. */
class RecordingDatapath implements DatapathLike {
  readonly handled: OfpMessage[] = [];
  private pi: ((pi: PacketIn) => void) | undefined;
  private fr: ((fr: FlowRemoved) => void) | undefined;
  private ps: ((ps: PortStatus) => void) | undefined;

  constructor(readonly dpid: bigint) {}

  handle(msg: OfpMessage): OfpMessage[] {
    this.handled.push(msg);
    switch (msg.type) {
      case 'FEATURES_REQUEST':
        return [{ type: 'FEATURES_REPLY', xid: msg.xid, datapathId: this.dpid, nBuffers: 0, nTables: 254, auxiliaryId: 0, capabilities: 0, reserved: 0 }];
      case 'BARRIER_REQUEST':
        // A wrong xid on purpose: the agent must answer with the request's.
        return [{ type: 'BARRIER_REPLY', xid: 0 }];
      default:
        return [];
    }
  }
  onPacketIn(cb: (pi: PacketIn) => void): void { this.pi = cb; }
  onFlowRemoved(cb: (fr: FlowRemoved) => void): void { this.fr = cb; }
  onPortStatus(cb: (ps: PortStatus) => void): void { this.ps = cb; }

  emitPacketIn(reason: number): void {
    this.pi?.({ type: 'PACKET_IN', xid: 0, bufferId: OFP_NO_BUFFER, totalLen: 60, reason, tableId: 0, cookie: 0n,
      match: { fields: [{ field: 'in_port', value: 1 }] }, data: Buffer.alloc(60, 0xab) });
  }
  emitPortStatus(reason: number): void {
    this.ps?.({ type: 'PORT_STATUS', xid: 0, reason, desc: {
      portNo: 1, hwAddr: '02:00:00:00:00:01', name: 'p1', config: 0, state: 0, curr: 0, advertised: 0,
      supported: 0, peer: 0, currSpeed: 0, maxSpeed: 0 } } as PortStatus);
  }
  emitFlowRemoved(reason: number): void {
    this.fr?.({ type: 'FLOW_REMOVED', xid: 0, cookie: 1n, priority: 1, reason, tableId: 0, durationSec: 1, durationNsec: 0,
      idleTimeout: 0, hardTimeout: 0, packetCount: 0n, byteCount: 0n, match: { fields: [] } });
  }
}

/** One switch connection as the test controller sees it. */
class PeerConnection {
  readonly received: { msg: OfpMessage | undefined; raw: Buffer }[] = [];
  private readonly framer = new OfpFramer();
  private waiters: (() => void)[] = [];
  closed = false;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const raw of this.framer.push(chunk)) {
        let msg: OfpMessage | undefined;
        try { msg = decodeMessage(raw); } catch { msg = undefined; }
        this.received.push({ msg, raw: Buffer.from(raw) });
      }
      this.wake();
    });
    socket.on('error', () => {});
    socket.on('close', () => { this.closed = true; this.wake(); });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(msg: OfpMessage): void { this.socket.write(encodeMessage(msg)); }
  sendRaw(buf: Buffer): void { this.socket.write(buf); }

  /** Removes and returns the first received message satisfying `pred`, waiting up to `ms`. */
  async next<T extends OfpMessage['type']>(type: T, pred: (m: Extract<OfpMessage, { type: T }>) => boolean = () => true, ms = 3000): Promise<Extract<OfpMessage, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = this.received.findIndex((r) => r.msg?.type === type && pred(r.msg as Extract<OfpMessage, { type: T }>));
      if (i >= 0) return this.received.splice(i, 1)[0]!.msg as Extract<OfpMessage, { type: T }>;
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) throw new Error(`no ${type} within ${ms} ms (closed=${this.closed})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Resolves true if nothing of `type` arrives within `ms`. */
  async none(type: OfpMessage['type'], ms = 300): Promise<boolean> {
    await new Promise((r) => setTimeout(r, ms));
    return !this.received.some((r) => r.msg?.type === type);
  }

  async waitClosed(ms = 3000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (!this.closed) throw new Error('connection still open');
  }

  /** Controller side of the HELLO exchange, then FEATURES_REQUEST; returns the reply's dpid. */
  async handshake(): Promise<bigint> {
    const hello = await this.next('HELLO');
    expect(hello.elements.some((e) => e.type === 'VERSIONBITMAP' && helloVersions(e).includes(4))).toBe(true);
    this.send({ type: 'HELLO', xid: 1, elements: [versionBitmapElement([1, 4])] });
    this.send({ type: 'FEATURES_REQUEST', xid: 77 });
    const features = await this.next('FEATURES_REPLY');
    expect(features.xid).toBe(77);
    return features.datapathId;
  }
}

/** A tiny OpenFlow controller: accepts switches, exposes their connections. */
class TestController {
  readonly connections: PeerConnection[] = [];
  private server: Server | undefined;
  private waiters: (() => void)[] = [];
  port = 0;

  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => {
      this.connections.push(new PeerConnection(socket));
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  async connection(index: number, ms = 5000): Promise<PeerConnection> {
    const deadline = Date.now() + ms;
    while (this.connections.length <= index) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`switch connection #${index} did not arrive within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    return this.connections[index]!;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.destroy();
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function controller(): Promise<TestController> {
  const c = new TestController();
  await c.listen();
  cleanups.push(() => c.close());
  return c;
}

function agent(dpid: bigint, ports: number[], extra: Partial<ConstructorParameters<typeof SwitchAgent>[0]> = {}): { agent: SwitchAgent; dp: RecordingDatapath; metrics: MetricsRegistry } {
  const dp = new RecordingDatapath(dpid);
  const metrics = new MetricsRegistry();
  const a = new SwitchAgent({
    datapath: dp, dpid, metrics,
    controllers: ports.map((port) => ({ kind: 'tcp' as const, host: '127.0.0.1', port })),
    backoff: { initialMs: 50, maxMs: 400 },
    ...extra,
  });
  cleanups.push(() => a.stop());
  return { agent: a, dp, metrics };
}

/** An agent (dpid 1) dialing two controllers, started; `a` and `b` are its connections to them, past the handshake. */
async function agentWithTwoControllers(): Promise<{ a: PeerConnection; b: PeerConnection; dp: RecordingDatapath }> {
  const ctlA = await controller();
  const ctlB = await controller();
  const { agent: ag, dp } = agent(1n, [ctlA.port, ctlB.port]);
  await ag.start();
  const a = await ctlA.connection(0);
  const b = await ctlB.connection(0);
  await a.handshake();
  await b.handshake();
  return { a, b, dp };
}

describe('switch agent with an OpenFlow 1.3 controller over loopback', () => {
  it('two agents complete the handshake and answer FEATURES, BARRIER and ECHO with the request xid', async () => {
    const ctl = await controller();
    const a = agent(0xa1n, [ctl.port]);
    const b = agent(0xb2n, [ctl.port]);
    await a.agent.start();
    await b.agent.start();
    const dpids = [await (await ctl.connection(0)).handshake(), await (await ctl.connection(1)).handshake()];
    expect(dpids.sort()).toEqual([0xa1n, 0xb2n]);

    const c = await ctl.connection(0);
    c.send({ type: 'BARRIER_REQUEST', xid: 0x1234 });
    expect((await c.next('BARRIER_REPLY')).xid).toBe(0x1234);
    c.send({ type: 'ECHO_REQUEST', xid: 0xdead, data: Buffer.from('ping') });
    const echo = await c.next('ECHO_REPLY');
    expect(echo.xid).toBe(0xdead);
    expect(echo.data.toString()).toBe('ping');

    const text = await a.metrics.metricsText();
    expect(text).toMatch(/sluice_switch_controller_connections\{dpid="00000000000000a1",kind="active"\} 1/);
    expect(text).toMatch(/sluice_switch_openflow_messages_received_total\{dpid="00000000000000a1",type="BARRIER_REQUEST"\} 1/);
  });

  it('refuses a peer without OpenFlow 1.3 with HELLO_FAILED/INCOMPATIBLE and closes', async () => {
    const ctl = await controller();
    const a = agent(1n, [ctl.port], { backoff: { initialMs: 5000, maxMs: 5000 } });
    await a.agent.start();
    const c = await ctl.connection(0);
    await c.next('HELLO');
    // An OpenFlow 1.0-only controller: header version 1, bitmap {1}.
    c.send({ type: 'HELLO', xid: 9, version: 1, elements: [versionBitmapElement([1])] });
    const err = await c.next('ERROR');
    expect(err).toMatchObject({ xid: 9, errorType: OFPET.HELLO_FAILED, code: OFPHFC.INCOMPATIBLE });
    expect('data' in err && err.data.toString('ascii')).toMatch(/1\.3/);
    await c.waitClosed();
  });

  it('probes an idle controller with ECHO_REQUEST and reconnects when it never answers', async () => {
    const ctl = await controller();
    const a = agent(1n, [ctl.port], { echoIntervalMs: 150, echoTimeoutMs: 150 });
    await a.agent.start();
    const first = await ctl.connection(0);
    await first.handshake();
    const probe = await first.next('ECHO_REQUEST', () => true, 2000);
    expect(probe.xid).not.toBe(0);
    // Stay silent: the switch must give up on this connection and dial again.
    await first.waitClosed(2000);
    const second = await ctl.connection(1, 3000);
    await second.handshake();
    // Answering keeps the connection up across several intervals.
    for (let i = 0; i < 3; i++) {
      const req = await second.next('ECHO_REQUEST', () => true, 2000);
      second.send({ type: 'ECHO_REPLY', xid: req.xid, data: req.data });
    }
    expect(second.closed).toBe(false);
  });

  it('arbitrates roles: one MASTER, stale generation refused, slave writes rejected, bad role refused', async () => {
    const { a, b, dp } = await agentWithTwoControllers();

    a.send({ type: 'ROLE_REQUEST', xid: 10, role: OFPCR_ROLE.MASTER, generationId: 5n });
    expect(await a.next('ROLE_REPLY')).toMatchObject({ xid: 10, role: OFPCR_ROLE.MASTER, generationId: 5n });
    b.send({ type: 'ROLE_REQUEST', xid: 11, role: OFPCR_ROLE.MASTER, generationId: 6n });
    expect(await b.next('ROLE_REPLY')).toMatchObject({ xid: 11, role: OFPCR_ROLE.MASTER, generationId: 6n });
    // A was demoted by B's promotion.
    a.send({ type: 'ROLE_REQUEST', xid: 12, role: OFPCR_ROLE.NOCHANGE, generationId: 0n });
    expect(await a.next('ROLE_REPLY')).toMatchObject({ xid: 12, role: OFPCR_ROLE.SLAVE, generationId: 6n });

    // Stale: 4 is older than 6.
    a.send({ type: 'ROLE_REQUEST', xid: 13, role: OFPCR_ROLE.MASTER, generationId: 4n });
    expect(await a.next('ERROR')).toMatchObject({ xid: 13, errorType: OFPET.ROLE_REQUEST_FAILED, code: OFPRRFC.STALE });
    // Generation ids compare as a wrapping signed distance: 2^64-1 is "just before" 6.
    a.send({ type: 'ROLE_REQUEST', xid: 14, role: OFPCR_ROLE.SLAVE, generationId: 0xffffffffffffffffn });
    expect(await a.next('ERROR')).toMatchObject({ xid: 14, code: OFPRRFC.STALE });
    a.send({ type: 'ROLE_REQUEST', xid: 15, role: 7, generationId: 0n });
    expect(await a.next('ERROR')).toMatchObject({ xid: 15, errorType: OFPET.ROLE_REQUEST_FAILED, code: OFPRRFC.BAD_ROLE });

    // The slave may read but not write; the rejected write never reaches the datapath.
    const flowMod: OfpMessage = {
      type: 'FLOW_MOD', xid: 20, cookie: 0n, cookieMask: 0n, tableId: 0, command: 0, idleTimeout: 0, hardTimeout: 0,
      priority: 1, bufferId: OFP_NO_BUFFER, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, match: { fields: [] }, instructions: [],
    };
    a.send(flowMod);
    const err = await a.next('ERROR');
    expect(err).toMatchObject({ xid: 20, errorType: OFPET.BAD_REQUEST, code: OFPBRC.IS_SLAVE });
    expect('data' in err && err.data.subarray(0, 8)).toEqual(encodeMessage(flowMod).subarray(0, 8));
    a.send({ type: 'PACKET_OUT', xid: 21, bufferId: OFP_NO_BUFFER, inPort: 0xfffffffd, actions: [], data: Buffer.alloc(14) });
    expect(await a.next('ERROR')).toMatchObject({ xid: 21, code: OFPBRC.IS_SLAVE });
    a.send({ type: 'BARRIER_REQUEST', xid: 22 });
    expect((await a.next('BARRIER_REPLY')).xid).toBe(22);
    expect(dp.handled.filter((m) => m.type === 'FLOW_MOD' || m.type === 'PACKET_OUT')).toEqual([]);

    // The master's write goes through; EQUAL demotes nobody and carries no generation check.
    b.send({ ...flowMod, xid: 30 });
    b.send({ type: 'BARRIER_REQUEST', xid: 31 });
    await b.next('BARRIER_REPLY');
    expect(dp.handled.filter((m) => m.type === 'FLOW_MOD')).toHaveLength(1);
    a.send({ type: 'ROLE_REQUEST', xid: 32, role: OFPCR_ROLE.EQUAL, generationId: 0n });
    expect(await a.next('ROLE_REPLY')).toMatchObject({ role: OFPCR_ROLE.EQUAL });
    b.send({ type: 'ROLE_REQUEST', xid: 33, role: OFPCR_ROLE.NOCHANGE, generationId: 0n });
    expect(await b.next('ROLE_REPLY')).toMatchObject({ role: OFPCR_ROLE.MASTER });
  });

  it('fans out async messages by role and SET_ASYNC masks; GET_ASYNC reports them', async () => {
    const { a, b, dp } = await agentWithTwoControllers();
    a.send({ type: 'ROLE_REQUEST', xid: 1, role: OFPCR_ROLE.SLAVE, generationId: 1n });
    await a.next('ROLE_REPLY');
    b.send({ type: 'ROLE_REQUEST', xid: 1, role: OFPCR_ROLE.MASTER, generationId: 1n });
    await b.next('ROLE_REPLY');

    // Spec defaults: the slave gets port-status only.
    a.send({ type: 'GET_ASYNC_REQUEST', xid: 40 });
    expect(await a.next('GET_ASYNC_REPLY')).toMatchObject({ xid: 40, packetInMask: [7, 0], portStatusMask: [7, 7], flowRemovedMask: [15, 0] });
    dp.emitPacketIn(OFPR.NO_MATCH);
    dp.emitPortStatus(OFPPR.MODIFY);
    dp.emitFlowRemoved(0);
    expect((await b.next('PACKET_IN')).reason).toBe(OFPR.NO_MATCH);
    expect((await b.next('PORT_STATUS')).xid).toBe(0);
    await b.next('FLOW_REMOVED');
    await a.next('PORT_STATUS');
    expect(await a.none('PACKET_IN')).toBe(true);
    expect(await a.none('FLOW_REMOVED', 0)).toBe(true);

    // The slave asks for table-miss packet-ins only; the master turns port-status off.
    a.send({ type: 'SET_ASYNC', xid: 41, packetInMask: [0, 1 << OFPR.NO_MATCH], portStatusMask: [0, 0], flowRemovedMask: [0, 0] });
    b.send({ type: 'SET_ASYNC', xid: 42, packetInMask: [1 << OFPR.ACTION, 0], portStatusMask: [0, 0], flowRemovedMask: [0, 0] });
    a.send({ type: 'GET_ASYNC_REQUEST', xid: 43 });
    expect(await a.next('GET_ASYNC_REPLY')).toMatchObject({ xid: 43, packetInMask: [0, 1], portStatusMask: [0, 0] });
    b.send({ type: 'BARRIER_REQUEST', xid: 44 });
    await b.next('BARRIER_REPLY');
    dp.emitPacketIn(OFPR.NO_MATCH);
    dp.emitPacketIn(OFPR.ACTION);
    dp.emitPortStatus(OFPPR.ADD);
    expect((await a.next('PACKET_IN')).reason).toBe(OFPR.NO_MATCH);
    expect((await b.next('PACKET_IN')).reason).toBe(OFPR.ACTION);
    expect(await a.none('PACKET_IN')).toBe(true);
    expect(await b.none('PACKET_IN', 0)).toBe(true);
    expect(await a.none('PORT_STATUS', 0)).toBe(true);
    expect(await b.none('PORT_STATUS', 0)).toBe(true);
  });

  it('redials with exponential backoff while the controller is down, then reconnects when it returns', async () => {
    // A port that accepts and hangs up at once: each dial is counted, none gets through HELLO,
    // so the backoff is never reset and the gaps must grow 50 → 100 → 200 → 400 (capped).
    const stamps: number[] = [];
    const refuser = createServer((s) => { stamps.push(Date.now()); s.destroy(); });
    await new Promise<void>((r) => refuser.listen(0, '127.0.0.1', () => r()));
    const port = (refuser.address() as { port: number }).port;
    const { agent: ag } = agent(1n, [port], { backoff: { initialMs: 50, maxMs: 400 } });
    await ag.start();
    const deadline = Date.now() + 4000;
    while (stamps.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise<void>((r) => refuser.close(() => r()));
    expect(stamps.length).toBeGreaterThanOrEqual(6);
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    // Jitter adds at most 10 %; timers may fire late, never early.
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeGreaterThanOrEqual(190);
    expect(gaps[3]).toBeGreaterThanOrEqual(380);
    expect(gaps[4]).toBeGreaterThanOrEqual(380);
    expect(gaps[4]).toBeLessThan(1000);

    // The real controller comes back on the same port: the agent finds it.
    const ctl = new TestController();
    await ctl.listen(port);
    cleanups.push(() => ctl.close());
    const c = await ctl.connection(0, 3000);
    expect(await c.handshake()).toBe(1n);
    // And after a restart of the controller it reconnects again.
    await ctl.close();
    const again = new TestController();
    await again.listen(port);
    cleanups.push(() => again.close());
    expect(await (await again.connection(0, 3000)).handshake()).toBe(1n);
  });

  it.each(['recording double', 'pipeline Datapath'])('answers seeded fuzz over the channel with OFPT_ERRORs and never stops answering (%s)', async (which) => {
    const ctl = await controller();
    const real = which === 'pipeline Datapath' ? new Datapath({ dpid: 1n, autoTick: false }) : undefined;
    if (real) cleanups.push(() => real.close());
    const { agent: ag, metrics } = agent(1n, [ctl.port], real ? { datapath: real } : {});
    await ag.start();
    const c = await ctl.connection(0);
    await c.handshake();

    const corpusDir = RYU_OF13_DIR;
    const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.packet')).sort().map((f) => readFileSync(join(corpusDir, f)));
    expect(corpus.length).toBeGreaterThan(50);
    const rnd = seededRandom(0x51_1ce);
    const ITERATIONS = 600;
    let sent = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const base = Buffer.from(rnd.pick(corpus));
      const msg = rnd.int(4) === 0 ? Buffer.concat([base.subarray(0, 8), Buffer.from(Array.from({ length: rnd.int(64) }, () => rnd.int(256)))]) : base;
      // Flip bytes after the header; keep version 4 and a length that matches, so framing holds
      // and every message reaches the decoder and the agent.
      const flips = 1 + rnd.int(4);
      for (let f = 0; f < flips && msg.length > 8; f++) msg[8 + rnd.int(msg.length - 8)] = rnd.int(256);
      if (rnd.int(8) === 0) msg[1] = rnd.int(40);
      msg[0] = 4;
      msg.writeUInt16BE(msg.length, 2);
      msg.writeUInt32BE(0x10000 + i, 4);
      // HELLO mid-session is ignored; ECHO would be answered: both fine, but keep probes distinct.
      if (msg[1] === 2) msg[1] = 3;
      c.sendRaw(msg);
      sent++;
      if (i % 100 === 99) {
        c.send({ type: 'ECHO_REQUEST', xid: 0xe000 + i, data: Buffer.from('alive') });
        expect((await c.next('ECHO_REPLY', (m) => m.xid === 0xe000 + i, 5000)).data.toString()).toBe('alive');
      }
    }
    expect(sent).toBe(ITERATIONS);
    expect(c.closed).toBe(false);
    const errors = c.received.filter((r) => r.msg?.type === 'ERROR');
    expect(errors.length).toBeGreaterThan(50);
    // Every error answers one of our messages: its xid is one we sent (or our framing sentinel).
    for (const e of errors) expect(e.msg!.xid).toBeGreaterThanOrEqual(0x10000);
    expect(await metrics.metricsText()).toMatch(/sluice_switch_openflow_errors_total\{dpid="0000000000000001",kind="decode"\} \d+/);

    // A header that cannot be framed: answered with BAD_LEN, then the connection closes and the
    // switch dials again.
    c.sendRaw(Buffer.from([4, 0, 0, 4, 0, 0, 0, 99]));
    const bad = await c.next('ERROR', (m) => m.xid === 99);
    expect(bad).toMatchObject({ errorType: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN });
    await c.waitClosed();
    expect(await (await ctl.connection(1, 3000)).handshake()).toBe(1n);
    if (real) expect(real.internalErrors).toBe(0);
  });

  it('rejects messages a controller must not send and experimenter messages with the right codes', async () => {
    const ctl = await controller();
    const { agent: ag } = agent(1n, [ctl.port]);
    await ag.start();
    const c = await ctl.connection(0);
    await c.handshake();
    c.send({ type: 'PACKET_IN', xid: 50, bufferId: OFP_NO_BUFFER, totalLen: 0, reason: 0, tableId: 0, cookie: 0n, match: { fields: [] }, data: Buffer.alloc(0) });
    expect(await c.next('ERROR')).toMatchObject({ xid: 50, errorType: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE });
    c.send({ type: 'EXPERIMENTER', xid: 51, experimenter: 0x2320, expType: 1, data: Buffer.alloc(4) });
    expect(await c.next('ERROR')).toMatchObject({ xid: 51, code: OFPBRC.BAD_EXPERIMENTER });
    // A message of another version is BAD_VERSION; the session continues.
    c.sendRaw(Buffer.from([1, 20, 0, 8, 0, 0, 0, 52]));
    expect(await c.next('ERROR')).toMatchObject({ xid: 52, code: OFPBRC.BAD_VERSION });
    c.send({ type: 'BARRIER_REQUEST', xid: 53 });
    expect((await c.next('BARRIER_REPLY')).xid).toBe(53);
  });

  it('management clients on the passive listener get replies but no async messages until they ask', async () => {
    const { agent: ag, dp } = agent(7n, [], { passive: { kind: 'ptcp', host: '127.0.0.1', port: 0 } });
    await ag.start();
    const port = ag.passivePort!;
    const sock = await new Promise<Socket>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    cleanups.push(() => { sock.destroy(); });
    const c = new PeerConnection(sock);
    expect(await c.handshake()).toBe(7n);
    dp.emitPacketIn(OFPR.NO_MATCH);
    expect(await c.none('PACKET_IN')).toBe(true);
    c.send({ type: 'SET_ASYNC', xid: 2, packetInMask: [1, 0], portStatusMask: [0, 0], flowRemovedMask: [0, 0] });
    c.send({ type: 'BARRIER_REQUEST', xid: 3 });
    await c.next('BARRIER_REPLY');
    dp.emitPacketIn(OFPR.NO_MATCH);
    expect((await c.next('PACKET_IN')).data.length).toBe(60);
  });
});
