/**
 * The OpenFlow codec against a real switch: a private Open vSwitch bridge connects to a minimal
 * controller made of nothing but OfpFramer + decodeMessage/encodeMessage over a TCP socket.
 * Every message OVS sends must decode and re-encode to the very bytes it sent; what we send must
 * do what it says (checked through OVS's own tools and its replies).
 */
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OFP_NO_BUFFER, OFPCML_NO_BUFFER, OFPFC, OFPG, OFPMPF_REPLY_MORE, OFPP, OFPR, OFPTT_ALL, decodeMessage,
  encodeMessage, helloFor, negotiateVersion, type MultipartReplyBody, type OfpMessage,
} from '../../core/openflow/index.js';
import { BridgeDialingUs } from '../support/bridge-dialing-us.js';
import { CodecCheckChannel } from '../support/codec-check-channel.js';
import { NetLab } from '../support/netns.js';
import type { OvsInstance } from '../support/ovs.js';

/** Our end of the OpenFlow 1.3 channel, with xids, multipart gathering and barriers. */
class OfpChannel extends CodecCheckChannel<OfpMessage> {
  private nextXid = 1;

  constructor(sock: Socket) {
    super(sock, { decode: (raw) => decodeMessage(raw), encode: (msg) => encodeMessage(msg) });
  }

  xid(): number {
    return this.nextXid++;
  }

  /** Sends a multipart request and gathers every reply part of its xid (until no REPLY_MORE). */
  async multipart(body: Extract<OfpMessage, { type: 'MULTIPART_REQUEST' }>['body']): Promise<MultipartReplyBody[]> {
    const xid = this.xid();
    this.send({ type: 'MULTIPART_REQUEST', xid, flags: 0, body });
    const parts: MultipartReplyBody[] = [];
    for (;;) {
      const reply = await this.next((m): m is Extract<OfpMessage, { type: 'MULTIPART_REPLY' }> => m.type === 'MULTIPART_REPLY' && m.xid === xid);
      parts.push(reply.body);
      if ((reply.flags & OFPMPF_REPLY_MORE) === 0) return parts;
    }
  }

  async barrier(): Promise<void> {
    const xid = this.xid();
    this.send({ type: 'BARRIER_REQUEST', xid });
    await this.next((m) => m.type === 'BARRIER_REPLY' && m.xid === xid);
  }
}

const DPID = 0x5c0dec0de0001n;

describe('OpenFlow codec with Open vSwitch as the switch', () => {
  const lab = new NetLab();
  const fixture = new BridgeDialingUs();
  let ovs: OvsInstance | undefined;
  let ch: OfpChannel;
  const bridge = lab.ifname('ofc');
  let port = 0;
  let hostNs = '';

  beforeAll(async () => {
    const sock = await fixture.start(lab, {
      bridge, dpid: DPID, hostNs: 'ofh', hostIf: lab.ifname('oh'), portIf: lab.ifname('op'), hostAddr: '10.78.0.1/24',
    });
    ({ ovs, port, hostNs } = fixture);
    ch = new OfpChannel(sock);
  });

  afterAll(async () => {
    await fixture.stop();
    lab.cleanup();
  });

  it('negotiates OpenFlow 1.3 through HELLO version bitmaps', async () => {
    ch.send(helloFor([1, 4], ch.xid()));
    const hello = await ch.next((m) => m.type === 'HELLO');
    if (hello.type !== 'HELLO') throw new Error('unreachable');
    expect(hello.elements.some((e) => e.type === 'VERSIONBITMAP')).toBe(true);
    expect(negotiateVersion([1, 4], hello)).toBe(4);
  });

  it('reads FEATURES_REPLY and the switch description', async () => {
    const xid = ch.xid();
    ch.send({ type: 'FEATURES_REQUEST', xid });
    const features = await ch.next((m) => m.type === 'FEATURES_REPLY' && m.xid === xid);
    expect(features).toMatchObject({ datapathId: DPID, auxiliaryId: 0 });
    const [desc] = await ch.multipart({ mpType: 'DESC' });
    expect(desc).toMatchObject({ mpType: 'DESC', mfrDesc: expect.stringMatching(/Nicira|Open vSwitch/) });
  });

  it('reads PORT_DESC: the veth port and the bridge LOCAL port', async () => {
    const parts = await ch.multipart({ mpType: 'PORT_DESC' });
    const ports = parts.flatMap((p) => (p.mpType === 'PORT_DESC' ? p.ports : []));
    expect(ports.map((p) => [p.portNo, p.name])).toEqual(expect.arrayContaining([[port, lab.ifname('op')], [OFPP.LOCAL, bridge]]));
  });

  it('installs a FLOW_MOD that ovs-ofctl dump-flows shows, and reads it back as FLOW stats', async () => {
    const match = {
      fields: [
        { field: 'in_port' as const, value: port },
        { field: 'eth_type' as const, value: 0x0800 },
        { field: 'ipv4_dst' as const, value: '10.78.0.0', mask: '255.255.255.0' },
      ],
    };
    const flowMod = {
      type: 'FLOW_MOD' as const, xid: ch.xid(), cookie: 0xc0den, cookieMask: 0n, tableId: 0, command: OFPFC.ADD,
      idleTimeout: 0, hardTimeout: 0, priority: 100, bufferId: OFP_NO_BUFFER, outPort: OFPP.ANY, outGroup: OFPG.ANY,
      flags: 0, match,
      instructions: [{ type: 'APPLY_ACTIONS' as const, actions: [{ type: 'OUTPUT' as const, port: OFPP.CONTROLLER, maxLen: OFPCML_NO_BUFFER }] }],
    };
    ch.send(flowMod);
    // Table miss: everything else to the controller too, so the next test sees ARP as PACKET_IN.
    ch.send({ ...flowMod, xid: ch.xid(), cookie: 0xc0dfn, priority: 0, match: { fields: [] } });
    await ch.barrier();

    const flows = await ovs!.dumpFlows(bridge);
    const ours = flows.find((f) => f.cookie === 0xc0den);
    expect(ours).toMatchObject({ priority: 100, actions: 'CONTROLLER:65535' });
    expect(ours!.match).toContain(`in_port=${port}`);
    expect(ours!.match).toContain('nw_dst=10.78.0.0/24');

    const [stats] = await ch.multipart({
      mpType: 'FLOW', tableId: OFPTT_ALL, outPort: OFPP.ANY, outGroup: OFPG.ANY, cookie: 0xc0den, cookieMask: 0xffffffffffffffffn,
      match: { fields: [] },
    });
    expect(stats?.mpType).toBe('FLOW');
    if (stats?.mpType !== 'FLOW') return;
    expect(stats.stats).toHaveLength(1);
    expect(stats.stats[0]).toMatchObject({ priority: 100, cookie: 0xc0den, match, instructions: flowMod.instructions });
  });

  it('receives the host ARP request as PACKET_IN', async () => {
    lab.tryExec(hostNs, 'ping', ['-c', '1', '-W', '1', '10.78.0.2']);
    const pin = await ch.next((m) => m.type === 'PACKET_IN' && m.data.readUInt16BE(12) === 0x0806, 8_000);
    if (pin.type !== 'PACKET_IN') throw new Error('unreachable');
    // The priority-0 match-all flow is the table-miss entry, which OF1.3 §7.4.1 reports as NO_MATCH.
    expect(pin.reason).toBe(OFPR.NO_MATCH);
    expect(pin.cookie).toBe(0xc0dfn);
    expect(pin.match.fields).toContainEqual({ field: 'in_port', value: port });
    expect(pin.data.subarray(0, 6).toString('hex')).toBe('ffffffffffff');
    expect(pin.totalLen).toBe(pin.data.length);
  });

  it('sends a PACKET_OUT that leaves through the port (PORT_STATS tx_packets grows)', async () => {
    const txPackets = async (): Promise<bigint> => {
      await ovs!.appctl('revalidator/wait');
      const [reply] = await ch.multipart({ mpType: 'PORT_STATS', portNo: port });
      if (reply?.mpType !== 'PORT_STATS') throw new Error('no PORT_STATS reply');
      return reply.stats.find((s) => s.portNo === port)!.txPackets;
    };
    const before = await txPackets();
    const frame = Buffer.alloc(60);
    frame.fill(0xff, 0, 6);
    Buffer.from('02000000c0de', 'hex').copy(frame, 6);
    frame.writeUInt16BE(0x88b5, 12); // IEEE local experimental ethertype
    for (let i = 0; i < 3; i++) {
      ch.send({ type: 'PACKET_OUT', xid: ch.xid(), bufferId: OFP_NO_BUFFER, inPort: OFPP.CONTROLLER, actions: [{ type: 'OUTPUT', port, maxLen: 0 }], data: frame });
    }
    await ch.barrier();
    let after = before;
    for (let tries = 0; tries < 20 && after < before + 3n; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await txPackets();
    }
    expect(after - before).toBeGreaterThanOrEqual(3n);
  });

  it('gets OFPT_ERROR for a malformed FLOW_MOD, echoing our bytes', async () => {
    const xid = ch.xid();
    const bad = Buffer.from(encodeMessage({
      type: 'FLOW_MOD', xid, cookie: 0n, cookieMask: 0n, tableId: 0, command: OFPFC.ADD, idleTimeout: 0, hardTimeout: 0,
      priority: 1, bufferId: OFP_NO_BUFFER, outPort: OFPP.ANY, outGroup: OFPG.ANY, flags: 0, match: { fields: [] },
      instructions: [{ type: 'GOTO_TABLE', tableId: 1 }],
    }));
    bad.writeUInt16BE(0x77, 56); // instruction type 0x77 does not exist
    ch.sendRaw(bad);
    const err = await ch.next((m) => m.type === 'ERROR' && m.xid === xid);
    expect(err).toMatchObject({ errorType: 3, code: 0 }); // OFPET_BAD_INSTRUCTION / OFPBIC_UNKNOWN_INST
    if (err.type !== 'ERROR') return;
    expect(err.data.subarray(0, 16).equals(bad.subarray(0, 16))).toBe(true);
  });

  it('reassembles a large multi-part TABLE_FEATURES reply', async () => {
    const parts = await ch.multipart({ mpType: 'TABLE_FEATURES', tables: [] });
    const tables = parts.flatMap((p) => (p.mpType === 'TABLE_FEATURES' ? p.tables : []));
    expect(parts.length).toBeGreaterThan(1);
    expect(tables.length).toBeGreaterThanOrEqual(254);
    expect(tables[0]!.properties.some((p) => p.type === 'MATCH')).toBe(true);
  });

  it('answers echo and round-trips its payload', async () => {
    const xid = ch.xid();
    ch.send({ type: 'ECHO_REQUEST', xid, data: Buffer.from('sluice') });
    expect(await ch.next((m) => m.type === 'ECHO_REPLY' && m.xid === xid)).toMatchObject({ data: Buffer.from('sluice') });
  });

  it('decoded every message OVS sent and re-encoded each to the same bytes', () => {
    expect(ch.problems).toEqual([]);
    expect(ch.received.length).toBeGreaterThan(10);
    const bytes = ch.received.reduce((n, r) => n + r.raw.length, 0);
    console.log(`openflow codec vs ovs: ${ch.received.length} messages (${bytes} bytes) from Open vSwitch decoded and re-encoded byte-exact`);
  });
});
