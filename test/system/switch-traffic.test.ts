/**
 * Traffic through our switch: two host namespaces joined by the in-process switch (AF_PACKET
 * ports on veths), flows installed by ovs-ofctl over the passive listener. Ping and a bounded
 * TCP transfer must succeed; VLAN push/pop and set-field rewrites are checked with tcpdump on
 * the far side, so what is judged is what the kernel really received.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNativeBindingAvailable } from '../../switch/port/native-binding.js';
import type { RunningSwitch } from '../../switch/switch-main.js';
import { collect, execIn, spawnIn } from '../support/async-exec.js';
import { canUseNetns, NetLab, trySh } from '../support/netns.js';
import { addTwoHosts, ofctl13, startManagedSwitch } from '../support/switch-lab.js';
import { TCP_SINK } from '../support/tcp-sink.js';

const READY = canUseNetns() && isNativeBindingAvailable()
  && trySh('ovs-ofctl', ['--version']).status === 0 && trySh('tcpdump', ['--version']).status === 0;
if (!READY) console.warn('switch-traffic system tests skipped: need root, netns, the native addon, ovs-ofctl and tcpdump');

const PY = '/usr/bin/python3';

/** TCP source: sends N seeded pseudo-random bytes, prints "<bytes> <sha256>". */
const TCP_SOURCE = `
import hashlib, random, socket, sys
n = int(sys.argv[3])
data = random.Random(1234).randbytes(n)
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=20)
s.sendall(data)
s.close()
print(n, hashlib.sha256(data).hexdigest(), flush=True)
`;

async function waitFor(pred: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!pred() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return pred();
}

describe.skipIf(!READY)('traffic through sluice switch between two namespaces', () => {
  const lab = new NetLab();
  const children: ChildProcess[] = [];
  let sw: RunningSwitch | undefined;
  let target = '';
  let h1 = '';
  let h2 = '';
  let p1 = '';
  let p2 = '';

  const ofctl = (cmd: string, ...args: string[]): Promise<string> => ofctl13(target, cmd, ...args);

  /** tcpdump on a host's interface; resolves with its text once `count` packets were seen or time ran out. */
  async function capture(at: 'h1' | 'h2', filter: string[], count: number, run: () => Promise<void>): Promise<string> {
    const [ns, ifname] = at === 'h1' ? [h1, p1] : [h2, p2];
    const child = spawnIn(ns, 'timeout', ['8', 'tcpdump', '-l', '-n', '-e', '-v', '-i', ifname, '-c', String(count), ...filter]);
    children.push(child);
    const c = collect(child);
    // tcpdump reports "listening on" on stderr once the capture is armed.
    await waitFor(() => c.out().includes('listening on'), 5000);
    await run();
    await c.done;
    return c.out();
  }

  beforeAll(async () => {
    try {
      const hosts = addTwoHosts(lab, 't', '10.8.0');
      ({ h1, h2, p1, p2 } = hosts);
      ({ sw, target } = await startManagedSwitch(hosts.ports, 0x7777n));
    } catch (e) {
      await sw?.close();
      lab.cleanup();
      throw e;
    }
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await sw?.close();
    lab.cleanup();
  });

  it('ping and a 4 MB TCP transfer pass both ways through in_port flows', async () => {
    await ofctl('add-flow', 'priority=10,in_port=1,actions=output:2');
    await ofctl('add-flow', 'priority=10,in_port=2,actions=output:1');
    const ping = await execIn(h1, 'ping', ['-c', '5', '-i', '0.2', '-W', '2', '10.8.0.2']);
    expect(ping.status, ping.out).toBe(0);
    expect(ping.out).toMatch(/5 received/);

    const sink = spawnIn(h2, PY, ['-c', TCP_SINK, '10.8.0.2', '5001']);
    children.push(sink);
    const s = collect(sink);
    expect(await waitFor(() => s.out().includes('ready'), 5000)).toBe(true);
    const source = spawnIn(h1, PY, ['-c', TCP_SOURCE, '10.8.0.2', '5001', String(4 << 20)]);
    children.push(source);
    const src = collect(source);
    expect(await src.done, src.out()).toBe(0);
    expect(await s.done, s.out()).toBe(0);
    const sent = src.out().trim().split('\n').pop();
    const got = s.out().trim().split('\n').pop();
    expect(got).toBe(sent);
    expect(sent).toMatch(/^4194304 [0-9a-f]{64}$/);
  });

  it('VLAN push towards h2 and pop towards h1, seen by tcpdump on the receiving side', async () => {
    // Push: h1's ICMP leaves port 2 tagged 100 (ARP stays untagged, so h1 can resolve h2).
    await ofctl('add-flow', 'priority=50,in_port=1,icmp,actions=push_vlan:0x8100,set_field:4196->vlan_vid,output:2');
    const pushed = await capture('h2', ['icmp', 'or', '(vlan', 'and', 'icmp)'], 1, async () => {
      await execIn(h1, 'ping', ['-c', '2', '-i', '0.2', '-W', '1', '10.8.0.2']);
    });
    expect(pushed).toMatch(/vlan 100, p 0, ethertype IPv4/);
    expect(pushed).toMatch(/10\.8\.0\.1 > 10\.8\.0\.2: ICMP echo request/);

    // Pop: h2 sends a frame tagged 100 (raw socket, no VLAN driver needed); h1 gets it untagged.
    await ofctl('add-flow', 'priority=50,in_port=2,dl_vlan=100,actions=pop_vlan,output:1');
    const tagged = "import socket,sys; s=socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind((sys.argv[1], 0)); "
      + "s.send(bytes.fromhex('ffffffffffff020000000b0b8100006488b5') + b'sluice-pop' + bytes(36))";
    const popped = await capture('h1', ['ether', 'proto', '0x88b5', 'or', '(vlan', 'and', 'ether', 'proto', '0x88b5)'], 1, async () => {
      const send = await execIn(h2, PY, ['-c', tagged, p2]);
      expect(send.status, send.out).toBe(0);
    });
    expect(popped).toMatch(/02:00:00:00:0b:0b > ff:ff:ff:ff:ff:ff, ethertype Unknown \(0x88b5\)/);
    expect(popped).not.toMatch(/vlan 100/);
  });

  it('set-field rewrites eth_src and ipv4_src with correct checksums', async () => {
    await ofctl('add-flow', 'priority=60,in_port=1,udp,udp_dst=7777,actions=set_field:02:00:00:00:77:77->eth_src,set_field:10.8.0.77->ip_src,output:2');
    const text = await capture('h2', ['udp', 'port', '7777'], 1, async () => {
      const send = await execIn(h1, PY, ['-c', "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(b'x'*32, ('10.8.0.2', 7777))"]);
      expect(send.status, send.out).toBe(0);
    });
    expect(text).toMatch(/02:00:00:00:77:77 >/);
    expect(text).toMatch(/10\.8\.0\.77\.\d+ > 10\.8\.0\.2\.7777/);
    // tcpdump -v checks the IPv4 header checksum and the UDP checksum.
    expect(text).not.toMatch(/bad cksum|bad udp cksum|incorrect/);
  });
});
