/**
 * fail-mode standalone as the agent drives the datapath: what it installs when the controllers
 * are gone, how it answers frames while learning, and that it removes exactly its own flows when
 * a controller gets through the handshake. The datapath is a recording double; the system test
 * (switch-testcontroller) checks the same behaviour with real traffic.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OFPFC, OFPR, OFPTT_ALL, OFP_NO_BUFFER, encodeMessage, versionBitmapElement, type FlowMod, type FlowRemoved,
  type OfpMessage, type PacketIn, type PacketOut, type PortStatus,
} from '../../core/openflow/index.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { STANDALONE_COOKIE, SwitchAgent, type DatapathLike } from '../../switch/agent/index.js';

class RecordingDatapath implements DatapathLike {
  readonly handled: OfpMessage[] = [];
  private pi: ((pi: PacketIn) => void) | undefined;
  handle(msg: OfpMessage): OfpMessage[] {
    this.handled.push(msg);
    return [];
  }
  onPacketIn(cb: (pi: PacketIn) => void): void { this.pi = cb; }
  onFlowRemoved(_cb: (fr: FlowRemoved) => void): void {}
  onPortStatus(_cb: (ps: PortStatus) => void): void {}
  frame(inPort: number, dst: string, src: string, cookie = STANDALONE_COOKIE): void {
    const mac = (t: string): Buffer => Buffer.from(t.replaceAll(':', ''), 'hex');
    const data = Buffer.concat([mac(dst), mac(src), Buffer.from([0x08, 0x00]), Buffer.alloc(46)]);
    this.pi?.({ type: 'PACKET_IN', xid: 0, bufferId: OFP_NO_BUFFER, totalLen: data.length, reason: OFPR.ACTION, tableId: 0,
      cookie, match: { fields: [{ field: 'in_port', value: inPort }] }, data });
  }
  take<T extends OfpMessage['type']>(type: T): Extract<OfpMessage, { type: T }>[] {
    const out = this.handled.filter((m) => m.type === type) as Extract<OfpMessage, { type: T }>[];
    this.handled.length = 0;
    return out;
  }
}

const A = '02:00:00:00:00:0a';
const B = '02:00:00:00:00:0b';
const BCAST = 'ff:ff:ff:ff:ff:ff';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(pred: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!pred() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return pred();
}

describe('fail-mode standalone', () => {
  it('learns MACs, floods unknowns with OFPP_ALL, installs learned flows, and leaves when a controller connects', async () => {
    // A controller port that is closed at first.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));

    const dp = new RecordingDatapath();
    const agent = new SwitchAgent({
      datapath: dp, dpid: 1n, controllers: [{ kind: 'tcp', host: '127.0.0.1', port }],
      failMode: 'standalone', standaloneAfterMs: 100, backoff: { initialMs: 50, maxMs: 100 },
    });
    cleanups.push(() => agent.stop());
    await agent.start();
    expect(await until(() => agent.standaloneEngaged, 2000)).toBe(true);

    const [miss] = dp.take('FLOW_MOD');
    expect(miss).toMatchObject({ command: OFPFC.ADD, tableId: 0, priority: 0xfffe, cookie: STANDALONE_COOKIE, match: { fields: [] } });
    expect(miss!.instructions).toEqual([{ type: 'APPLY_ACTIONS', actions: [{ type: 'OUTPUT', port: OFPP.CONTROLLER, maxLen: 0xffff }] }]);

    // A → broadcast from port 1: flooded, nothing installed.
    dp.frame(1, BCAST, A);
    let outs = dp.handled.filter((m): m is PacketOut => m.type === 'PACKET_OUT');
    expect(outs.map((o) => [o.inPort, o.actions])).toEqual([[1, [{ type: 'OUTPUT', port: OFPP.ALL, maxLen: 0 }]]]);
    expect(dp.take('FLOW_MOD')).toEqual([]);
    // B → A from port 2: A is known on 1, so a flow (in_port 2, eth_dst A) → 1 and a packet-out to 1.
    dp.frame(2, A, B);
    outs = dp.handled.filter((m): m is PacketOut => m.type === 'PACKET_OUT');
    expect(outs[0]!.actions).toEqual([{ type: 'OUTPUT', port: 1, maxLen: 0 }]);
    const [learned] = dp.take('FLOW_MOD');
    expect(learned).toMatchObject({ command: OFPFC.ADD, priority: 0xffff, cookie: STANDALONE_COOKIE, idleTimeout: 60 });
    expect(learned!.match.fields).toEqual([{ field: 'in_port', value: 2 }, { field: 'eth_dst', value: A }]);
    // A moves to port 3: flows towards A are deleted.
    dp.frame(3, B, A);
    const moved = dp.take('FLOW_MOD');
    expect(moved[0]).toMatchObject({ command: OFPFC.DELETE, tableId: OFPTT_ALL, cookie: STANDALONE_COOKIE });
    expect(moved[0]!.match.fields).toEqual([{ field: 'eth_dst', value: A }]);
    expect(moved[1]).toMatchObject({ command: OFPFC.ADD, match: { fields: [{ field: 'in_port', value: 3 }, { field: 'eth_dst', value: B }] } });
    // Packet-ins of the controller's own flows are not the learning switch's business.
    dp.frame(1, B, A, 0x99n);
    expect(dp.handled).toEqual([]);

    // The controller comes up: standalone flows (and only those, by cookie) are deleted.
    const server: Server = createServer((s: Socket) => {
      s.write(encodeMessage({ type: 'HELLO', xid: 1, elements: [versionBitmapElement([4])] }));
      s.on('error', () => {});
      s.resume(); // read to EOF, so the socket closes when the switch hangs up
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    expect(await until(() => !agent.standaloneEngaged, 3000)).toBe(true);
    const [leave] = dp.take('FLOW_MOD') as FlowMod[];
    expect(leave).toMatchObject({ command: OFPFC.DELETE, tableId: OFPTT_ALL, cookie: STANDALONE_COOKIE, cookieMask: 0xffffffffffffffffn, match: { fields: [] } });
    await agent.stop();
  });
});
