/**
 * The OpenFlow 1.0 codec against a real OF1.0-only switch: an Open vSwitch bridge limited to
 * OpenFlow10 connects to a controller made of OfpFramer + decodeOf10Message/encodeOf10Message.
 * Every message OVS sends must decode and re-encode to the same bytes; what we send is checked
 * through ovs-ofctl and the switch's behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OFP10_VERSION, OFPFW10, OFPP10, decodeOf10Message, encodeOf10Message, of10MatchAll, type Of10Message,
} from '../../core/openflow/index.js';
import { BridgeDialingUs } from '../support/bridge-dialing-us.js';
import { CodecCheckChannel } from '../support/codec-check-channel.js';
import { NetLab } from '../support/netns.js';
import { runCommand, type OvsInstance } from '../support/ovs.js';

describe('OpenFlow 1.0 codec with an OpenFlow10-only Open vSwitch', () => {
  const lab = new NetLab();
  const fixture = new BridgeDialingUs();
  let ovs: OvsInstance | undefined;
  let ch: CodecCheckChannel<Of10Message>;
  const bridge = lab.ifname('o10');
  let port = 0;
  let hostNs = '';
  const ofctl10 = async (cmd: string, ...args: string[]): Promise<string> =>
    (await runCommand('ovs-ofctl', ['-O', 'OpenFlow10', '--no-names', cmd, ovs!.mgmtSocket(bridge), ...args], ovs!.env)).stdout;

  beforeAll(async () => {
    const sock = await fixture.start(lab, {
      bridge, dpid: 0x10n, protocols: 'OpenFlow10', hostNs: 'o10h', hostIf: lab.ifname('qh'), portIf: lab.ifname('qp'), hostAddr: '10.79.0.1/24',
    });
    ({ ovs, port, hostNs } = fixture);
    ch = new CodecCheckChannel<Of10Message>(sock, { decode: (raw) => decodeOf10Message(raw), encode: (msg) => encodeOf10Message(msg) });
  });

  afterAll(async () => {
    await fixture.stop();
    lab.cleanup();
  });

  it('exchanges OF1.0 HELLOs', async () => {
    ch.send({ type: 'HELLO', xid: 1, data: Buffer.alloc(0) });
    expect(await ch.next((m) => m.type === 'HELLO')).toMatchObject({ version: OFP10_VERSION });
  });

  it('reads FEATURES_REPLY with ofp_phy_port entries', async () => {
    ch.send({ type: 'FEATURES_REQUEST', xid: 2 });
    const reply = await ch.next((m) => m.type === 'FEATURES_REPLY');
    if (reply.type !== 'FEATURES_REPLY') throw new Error('unreachable');
    expect(reply.datapathId).toBe(0x10n);
    expect(reply.ports.map((p) => [p.portNo, p.name])).toEqual(expect.arrayContaining([[port, lab.ifname('qp')], [OFPP10.LOCAL, bridge]]));
  });

  it('installs an OF1.0 FLOW_MOD that ovs-ofctl shows', async () => {
    ch.send({ type: 'SET_CONFIG', xid: 3, flags: 0, missSendLen: 0xffff });
    ch.send({
      type: 'FLOW_MOD', xid: 4, cookie: 0x10a1n, command: 0, idleTimeout: 0, hardTimeout: 0, priority: 200,
      bufferId: 0xffffffff, outPort: OFPP10.NONE, flags: 0,
      match: { ...of10MatchAll(), wildcards: OFPFW10.ALL & ~(OFPFW10.IN_PORT | OFPFW10.DL_TYPE), inPort: port, dlType: 0x0806 },
      actions: [{ type: 'OUTPUT', port: OFPP10.CONTROLLER, maxLen: 0xffff }],
    });
    ch.send({ type: 'BARRIER_REQUEST', xid: 5 });
    await ch.next((m) => m.type === 'BARRIER_REPLY' && m.xid === 5);
    const flows = await ofctl10('dump-flows');
    expect(flows).toMatch(new RegExp(`cookie=0x10a1, .*priority=200,arp,in_port=${port} actions=CONTROLLER:65535`));
  });

  it('receives the host ARP request as an OF1.0 PACKET_IN', async () => {
    lab.tryExec(hostNs, 'ping', ['-c', '1', '-W', '1', '10.79.0.2']);
    const pin = await ch.next((m) => m.type === 'PACKET_IN' && m.data.readUInt16BE(12) === 0x0806, 8_000);
    if (pin.type !== 'PACKET_IN') throw new Error('unreachable');
    expect(pin.inPort).toBe(port);
    expect(pin.reason).toBe(1); // OFPR_ACTION: our flow's output:CONTROLLER
    expect(pin.totalLen).toBe(pin.data.length);
  });

  it('sends OF1.0 PACKET_OUTs that leave through the port', async () => {
    const txPackets = async (): Promise<number> => {
      await ovs!.appctl('revalidator/wait');
      const m = /tx pkts=(\d+)/.exec(await ofctl10('dump-ports', String(port)));
      return Number(m?.[1] ?? NaN);
    };
    const before = await txPackets();
    const frame = Buffer.alloc(60);
    frame.fill(0xff, 0, 6);
    Buffer.from('02000000c10a', 'hex').copy(frame, 6);
    frame.writeUInt16BE(0x88b5, 12);
    for (let i = 0; i < 3; i++) {
      ch.send({ type: 'PACKET_OUT', xid: 10 + i, bufferId: 0xffffffff, inPort: OFPP10.NONE, actions: [{ type: 'OUTPUT', port, maxLen: 0 }], data: frame });
    }
    ch.send({ type: 'BARRIER_REQUEST', xid: 20 });
    await ch.next((m) => m.type === 'BARRIER_REPLY' && m.xid === 20);
    let after = before;
    for (let tries = 0; tries < 20 && after < before + 3; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await txPackets();
    }
    expect(after - before).toBeGreaterThanOrEqual(3);
  });

  it('gets an OF1.0 ERROR for an OF1.3 message on the OF1.0 channel', async () => {
    const of13Barrier = Buffer.from('0414000800000063', 'hex');
    ch.sendRaw(of13Barrier);
    const err = await ch.next((m) => m.type === 'ERROR' && m.xid === 0x63);
    // OFPET_BAD_REQUEST / OFPBRC_BAD_VERSION, sent in the version of the message it rejects.
    expect(err).toMatchObject({ version: 4, errorType: 1, code: 0 });
  });

  it('decoded every OF1.0 message OVS sent and re-encoded each to the same bytes', () => {
    expect(ch.problems).toEqual([]);
    expect(ch.received.length).toBeGreaterThan(4);
  });
});
