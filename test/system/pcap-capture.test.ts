/**
 * Real traffic between two namespaces, captured by tcpdump, parsed by our codecs and flow-key
 * extractor. The assertions compare what the kernel put on the wire with what the test sent.
 *
 * SLUICE_WRITE_FIXTURES=1 also saves the capture to test/fixtures/pcap/ for the unit tests
 * that run without root.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ipv4Address, Ipv6Address, MacAddress } from '../../core/net/index.js';
import {
  DNS_TYPE, ETH_TYPE, FlowKey, buildFrame, vlanTag, type VlanTag, ICMPV6_TYPE, IP_PROTO, TCP_FLAG, decodePacket, extractFlowKey, flowKeyToObject, readPcap,
  transportChecksumValid, type DecodedPacket, type FlowKeyObject, type PcapRecord,
} from '../../core/packet/index.js';
import { NetLab, canUseNetns, trySh } from '../support/netns.js';

const MAC_A = '02:5c:00:00:00:0a';
const MAC_B = '02:5c:00:00:00:0b';
const A4 = '10.77.0.1', B4 = '10.77.0.2';
const A6 = 'fd77::1', B6 = 'fd77::2';
const VA4 = '10.78.0.1', VB4 = '10.78.0.2';
const VLAN_ID = 100;
const DNS_ANSWER = '192.0.2.77';

// A DNS responder small enough to read at a glance: it echoes the question and answers A 192.0.2.77.
const RESPONDER = `
const dgram = require('dgram');
const s = dgram.createSocket('udp4');
s.on('message', (q, r) => {
  let p = 12; while (q[p] !== 0) p += q[p] + 1; p += 5;
  const h = Buffer.from(q.subarray(0, p));
  h.writeUInt16BE(0x8180, 2); h.writeUInt16BE(1, 6); h.writeUInt16BE(0, 8); h.writeUInt16BE(0, 10);
  const a = Buffer.from('c00c000100010000003c0004' + '${Buffer.from(Ipv4Address.parse(DNS_ANSWER).toBytes()).toString('hex')}', 'hex');
  s.send(Buffer.concat([h, a]), r.port, r.address);
});
s.bind(53, '${B4}', () => console.log('ready'));
`;

// Sends one raw frame (hex) out of an interface.
const INJECT = `
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
s.send(bytes.fromhex(sys.argv[2]))
`;

interface Frame { data: Uint8Array; p: DecodedPacket; key: FlowKeyObject }

const enabled = canUseNetns() && trySh('which', ['tcpdump']).status === 0;

describe.skipIf(!enabled)('real captures over veth', () => {
  const lab = new NetLab();
  const started: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pcap-'));
  const pcapPath = join(dir, 'capture.pcap');
  let frames: Frame[] = [];
  let records: PcapRecord[] = [];
  let vlanSubinterfaces = true;

  function start(ns: string, cmd: string, args: string[], readyText: RegExp): Promise<ChildProcess> {
    const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    return new Promise((resolve, reject) => {
      let seen = '';
      const onData = (d: Buffer) => { seen += d.toString(); if (readyText.test(seen)) resolve(child); };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`${cmd} exited (${code}) before ready: ${seen}`)));
      setTimeout(() => reject(new Error(`${cmd} not ready after 10 s: ${seen}`)), 10_000);
    });
  }

  function stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGINT'); });
  }

  beforeAll(async () => {
    lab.onCleanup(() => { for (const c of started) if (c.exitCode === null && c.pid) { try { process.kill(c.pid, 'SIGKILL'); } catch { /* gone */ } } });
    const nsA = lab.addNamespace('pa');
    const nsB = lab.addNamespace('pb');
    const [ifA, ifB] = lab.addVeth(lab.ifname('pa'), lab.ifname('pb'), nsA, nsB);
    for (const [ns, ifn, mac, v4, v6] of [[nsA, ifA, MAC_A, A4, A6], [nsB, ifB, MAC_B, B4, B6]] as const) {
      lab.exec(ns, 'ip', ['link', 'set', ifn, 'address', mac]);
      // The kernel would otherwise move VLAN tags into metadata; we want them in the bytes.
      lab.tryExec(ns, 'ethtool', ['-K', ifn, 'rxvlan', 'off', 'txvlan', 'off']);
      lab.exec(ns, 'ip', ['addr', 'add', `${v4}/24`, 'dev', ifn]);
      lab.exec(ns, 'ip', ['addr', 'add', `${v6}/64`, 'dev', ifn, 'nodad']);
      lab.exec(ns, 'sysctl', ['-qw', 'net.ipv6.conf.all.disable_ipv6=0']);
      if (lab.tryExec(ns, 'ip', ['link', 'add', 'link', ifn, 'name', 'vl', 'type', 'vlan', 'id', String(VLAN_ID)]).status === 0) {
        lab.exec(ns, 'ip', ['addr', 'add', `${ns === nsA ? VA4 : VB4}/24`, 'dev', 'vl']);
        lab.exec(ns, 'ip', ['link', 'set', 'vl', 'up']);
      } else {
        vlanSubinterfaces = false;
      }
    }

    // --immediate-mode: without it packets wait in the kernel ring for a 1 s block timeout, and
    // a capture stopped sooner than that can lose them all.
    const tcpdump = await start(nsB, 'tcpdump', ['-i', ifB, '--immediate-mode', '-U', '-n', '-s', '0', '-w', pcapPath], /listening on/);
    await start(nsB, 'node', ['-e', RESPONDER], /ready/);
    const listener = await start(nsB, 'nc', ['-n', '-v', '-l', B4, '5555'], /Listening|listening/);
    let received = '';
    listener.stdout!.on('data', (d: Buffer) => { received += d.toString(); });

    const run = (args: string[]) => {
      const r = lab.tryExec(nsA, args[0]!, args.slice(1));
      if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };
    run(['ping', '-c', '2', '-i', '0.2', '-W', '2', B4]);
    run(['ping', '-6', '-c', '2', '-i', '0.2', '-W', '2', B6]);
    // An 802.1Q ping through VLAN subinterfaces when the kernel has 8021q; this one does not, so
    // then the tagged echo request is sent through an AF_PACKET socket instead. The 802.1ad +
    // 802.1Q stack is always sent that way (no QinQ subinterfaces needed).
    const tagged = (vlans: VlanTag[]) => buildFrame({
      dst: MacAddress.parse(MAC_B), src: MacAddress.parse(MAC_A), vlans,
      network: { ipv4: { src: Ipv4Address.parse(VA4), dst: Ipv4Address.parse(VB4) }, transport: { icmp: { type: 8, restOfHeader: 0x00420001 } }, payload: Buffer.from('tagged') },
    });
    if (vlanSubinterfaces) run(['ping', '-c', '1', '-W', '2', VB4]);
    else run(['/usr/bin/python3', '-c', INJECT, ifA, tagged([vlanTag(VLAN_ID, 3)]).toString('hex')]);
    run(['/usr/bin/python3', '-c', INJECT, ifA, tagged([vlanTag(200, 1, ETH_TYPE.QINQ), vlanTag(VLAN_ID, 3)]).toString('hex')]);
    run(['sh', '-c', `printf 'hello over tcp' | nc -n -N -w 2 ${B4} 5555`]);
    run(['sh', '-c', `printf 'udp datagram' | nc -n -u -w 1 -p 40000 ${B4} 5556`]);
    const dig = run(['dig', `@${B4}`, 'sluice.test', 'A', '+tries=1', '+time=2', '+short']);
    expect(dig.trim()).toBe(DNS_ANSWER);
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toBe('hello over tcp');
    await stop(tcpdump);

    const file = readFileSync(pcapPath);
    records = readPcap(file).records;
    const key = new FlowKey();
    frames = records.map((r) => ({ data: r.data, p: decodePacket(r.data), key: flowKeyToObject(extractFlowKey(r.data, 1, key)) }));
    if (process.env.SLUICE_WRITE_FIXTURES === '1') {
      writeFileSync(new URL('../fixtures/pcap/veth-traffic.pcap', import.meta.url), file);
    }
  }, 60_000);

  afterAll(async () => {
    for (const c of started) await Promise.race([stop(c), new Promise((r) => setTimeout(r, 2000))]);
    lab.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const find = (pred: (f: Frame) => boolean, what: string): Frame => {
    const f = frames.find(pred);
    if (!f) throw new Error(`no ${what} in ${frames.length} captured frames`);
    return f;
  };

  it('parses every captured frame without error, with valid checksums', () => {
    expect(frames.length).toBeGreaterThan(15);
    for (const f of frames) {
      expect(f.p.error).toBeUndefined();
      if (f.p.ipv4) expect(f.p.ipv4.checksumValid).toBe(true);
      const ip = f.p.ipv4 ?? f.p.ipv6;
      const seg = f.p.tcp ? IP_PROTO.TCP : f.p.udp ? IP_PROTO.UDP : f.p.icmpv6 ? IP_PROTO.ICMPV6 : undefined;
      if (ip && seg !== undefined) {
        const start = f.p.eth.headerLength + ip.headerLength;
        const end = f.p.eth.headerLength + (f.p.ipv4 ? f.p.ipv4.totalLength : 40 + f.p.ipv6!.payloadLength);
        const pseudo = f.p.ipv4 ? { src: f.p.ipv4.src, dst: f.p.ipv4.dst } : { src: f.p.ipv6!.src, dst: f.p.ipv6!.dst };
        expect(transportChecksumValid(pseudo, seg, f.data.subarray(start, end))).toBe(true);
      }
    }
  });

  it('sees ARP for the IPv4 ping, with the sender and target addresses', () => {
    const req = find((f) => f.key.arp_op === 1 && f.key.arp_tpa === B4, 'ARP request');
    expect(req.key).toMatchObject({ eth_type: 0x0806, eth_dst: 'ff:ff:ff:ff:ff:ff', arp_spa: A4, arp_sha: MAC_A });
    const rep = find((f) => f.key.arp_op === 2 && f.key.arp_spa === B4 && f.key.vlan_vid === 0, 'ARP reply');
    expect(rep.key).toMatchObject({ arp_sha: MAC_B, arp_tpa: A4, arp_tha: MAC_A, eth_dst: MAC_A });
  });

  it('sees the IPv4 echo request and reply', () => {
    const req = find((f) => f.key.icmpv4_type === 8 && f.key.ipv4_dst === B4, 'ICMP echo request');
    expect(req.key).toMatchObject({ eth_src: MAC_A, eth_dst: MAC_B, eth_type: 0x0800, ip_proto: 1, ipv4_src: A4, icmpv4_code: 0, vlan_vid: 0 });
    expect(req.p.icmp?.checksumValid).toBe(true);
    find((f) => f.key.icmpv4_type === 0 && f.key.ipv4_src === B4 && f.key.ipv4_dst === A4, 'ICMP echo reply');
  });

  it('sees Neighbor Discovery and the ICMPv6 echo', () => {
    const ns = find((f) => f.key.icmpv6_type === ICMPV6_TYPE.NEIGHBOR_SOLICITATION && f.key.ipv6_nd_target === B6, 'neighbor solicitation');
    expect(ns.key).toMatchObject({ eth_type: 0x86dd, ip_proto: 58, ipv6_src: A6, ipv6_nd_sll: MAC_A });
    expect(ns.p.icmpv6?.nd?.kind).toBe('ns');
    const na = find((f) => f.key.icmpv6_type === ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT && f.key.ipv6_nd_target === B6, 'neighbor advertisement');
    expect(na.key).toMatchObject({ ipv6_src: B6, ipv6_nd_tll: MAC_B });
    const echo = find((f) => f.key.icmpv6_type === ICMPV6_TYPE.ECHO_REQUEST && f.key.ipv6_dst === B6, 'ICMPv6 echo request');
    expect(echo.key).toMatchObject({ ipv6_src: A6, icmpv6_code: 0, ipv6_exthdr: 0, eth_src: MAC_A });
  });

  it('sees the TCP handshake and the data the test sent', () => {
    const syn = find((f) => f.key.tcp_dst === 5555 && f.p.tcp!.flags === TCP_FLAG.SYN, 'TCP SYN');
    expect(syn.key).toMatchObject({ ip_proto: 6, ipv4_src: A4, ipv4_dst: B4 });
    expect(syn.p.tcp!.options.map((o) => o.kind)).toContain('mss');
    const data = find((f) => f.key.tcp_dst === 5555 && (f.p.tcp?.payload.length ?? 0) > 0, 'TCP data');
    expect(Buffer.from(data.p.tcp!.payload).toString()).toBe('hello over tcp');
    find((f) => f.key.tcp_src === 5555 && (f.p.tcp!.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === (TCP_FLAG.SYN | TCP_FLAG.ACK), 'TCP SYN-ACK');
  });

  it('sees the UDP datagram with the chosen ports', () => {
    const u = find((f) => f.key.udp_dst === 5556, 'UDP datagram');
    expect(u.key).toMatchObject({ udp_src: 40000, ipv4_src: A4, ip_proto: 17 });
    expect(Buffer.from(u.p.udp!.payload).toString()).toBe('udp datagram');
  });

  it('decodes dig\'s query (with EDNS) and the answer', () => {
    const q = find((f) => f.key.udp_dst === 53 && f.p.dns !== undefined, 'DNS query');
    expect(q.p.dns!.questions).toEqual([{ name: 'sluice.test', type: DNS_TYPE.A, class: 1 }]);
    expect(q.p.dns!.flags.qr).toBe(false);
    expect(q.p.dns!.edns?.udpPayloadSize).toBeGreaterThanOrEqual(512);
    const r = find((f) => f.key.udp_src === 53 && f.p.dns !== undefined, 'DNS response');
    expect(r.p.dns!.id).toBe(q.p.dns!.id);
    expect(r.p.dns!.answers).toEqual([{ name: 'sluice.test', type: 1, class: 1, ttl: 60, data: { kind: 'A', address: Ipv4Address.parse(DNS_ANSWER) } }]);
  });

  it('sees the 802.1Q tag of the VLAN ping (and the QinQ stack when injected)', () => {
    const pcp = vlanSubinterfaces ? 0 : 3;
    const v = find((f) => f.key.icmpv4_type === 8 && f.key.ipv4_dst === VB4 && f.p.eth.vlans.length === 1, 'tagged echo request');
    expect(v.key).toMatchObject({ vlan_vid: 0x1000 | VLAN_ID, vlan_pcp: pcp, eth_type: 0x0800, ipv4_src: VA4 });
    expect(v.p.eth.vlans).toEqual([{ tpid: 0x8100, pcp, dei: 0, vid: VLAN_ID }]);
    const qinq = find((f) => f.p.eth.vlans.length === 2, 'double-tagged echo request');
    expect(qinq.key).toMatchObject({ vlan_vid: 0x1000 | 200, vlan_pcp: 1, eth_type: 0x0800, ipv4_dst: VB4, icmpv4_type: 8 });
    expect(Buffer.from(qinq.p.icmp!.body).toString()).toBe('tagged');
  });

  it('walks the hop-by-hop header of any MLD report the kernel sent', () => {
    for (const f of frames.filter((x) => x.p.ipv6?.extensions.length)) {
      expect(f.p.ipv6!.extensions[0]!.type).toBe(0);
      expect((f.key.ipv6_exthdr as number) & 0x40).toBe(0x40);
      expect(Ipv6Address.parse(f.key.ipv6_dst as string).isMulticast).toBe(true);
    }
  });
});
