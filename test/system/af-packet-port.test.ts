/**
 * AfPacketPort against real interfaces: a veth pair whose far end lives in a network namespace.
 * The namespace side is driven by small Python programs (raw AF_PACKET and ordinary sockets),
 * so what we check is what the kernel really puts on and takes off the wire.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AfPacketPort, PortOpenError } from '../../switch/port/af-packet-port.js';
import { LinkMonitor } from '../../switch/port/link-monitor.js';
import { ERRNO, loadNativeBinding, NATIVE_COUNTER_COUNT } from '../../switch/port/native-binding.js';
import type { FrameBurst, PortStatusEvent } from '../../switch/port/port.js';
import { canUseNetns, NetLab, sh, trySh } from '../support/netns.js';
import { TCP_SINK } from '../support/tcp-sink.js';

const ROOT = canUseNetns();
if (!ROOT) console.warn('af-packet-port system tests skipped: need root with iproute2 (network namespaces, veth)');

const PY = '/usr/bin/python3';
const MARKER = 0x88b5;  // IEEE 802 local experimental ethertype: nothing else on the link uses it

/** Raw sender: python3 -c SEND ifname dst_mac count [first_seq] */
const SEND = `
import socket, sys
ifname, dst, n = sys.argv[1], bytes.fromhex(sys.argv[2].replace(':', '')), int(sys.argv[3])
first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
src = bytes.fromhex('020000aa0001')
for i in range(first, first + n):
    s.send(dst + src + b'\\x88\\xb5' + bytes([i & 255, i >> 8]) + bytes(44))
`;

/** Raw sniffer of MARKER frames: prints "ready", then the sequence numbers seen. */
const SNIFF = `
import socket, sys
ifname, n, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x88b5))
s.bind((ifname, 0))
s.settimeout(timeout)
print('ready', flush=True)
seen = []
try:
    while len(seen) < n:
        f = s.recv(65535)
        seen.append(f[14] | f[15] << 8)
except socket.timeout:
    pass
print(' '.join(map(str, seen)), flush=True)
`;

const TCP_SOURCE = `
import socket, sys
data = bytes(range(256)) * (int(sys.argv[3]) // 256)
c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=20)
c.sendall(data)
c.shutdown(socket.SHUT_WR)
c.recv(1)
c.close()
`;

interface Proc {
  lines: string[];
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  waitForLine(text: string, ms?: number): Promise<void>;
  kill(): void;
}

/** Starts a command asynchronously (the event loop must keep running our ports meanwhile). */
function start(cmd: string, args: string[]): Proc {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lines: string[] = [];
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    lines.splice(0, lines.length, ...stdout.split('\n'));
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return {
    lines,
    done,
    waitForLine: (text, ms = 5000) => waitFor(() => lines.includes(text), ms, `line "${text}" from ${cmd} ${args.join(' ')}: ${stderr}`),
    kill: () => {
      if (child.exitCode === null && child.pid) child.kill('SIGKILL');
    },
  };
}

async function waitFor(cond: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function markerFrame(seq: number, dst = 'ff:ff:ff:ff:ff:ff'): Uint8Array {
  const f = new Uint8Array(60);
  f.set(dst.split(':').map((h) => parseInt(h, 16)));
  f.set([0x02, 0, 0, 0xbb, 0, 0x01], 6);
  f[12] = MARKER >> 8;
  f[13] = MARKER & 0xff;
  f[14] = seq & 0xff;
  f[15] = seq >> 8;
  return f;
}

const be16 = (f: Uint8Array, o: number): number => (f[o]! << 8) | f[o + 1]!;

/** Verifies an IPv4 TCP/UDP checksum from scratch (RFC 1071 over pseudo-header + segment). */
function l4ChecksumOk(f: Uint8Array, l3: number): boolean {
  const ihl = (f[l3]! & 0x0f) * 4;
  const proto = f[l3 + 9]!;
  const total = be16(f, l3 + 2);
  const l4 = l3 + ihl;
  const l4len = total - ihl;
  let sum = proto + l4len;
  for (let o = l3 + 12; o < l3 + 20; o += 2) sum += be16(f, o);
  for (let o = l4; o < l4 + l4len; o += 2) sum += o + 1 < l4 + l4len ? be16(f, o) : f[o]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff;
}

/** Kernels built without CONFIG_VLAN_8021Q cannot make 802.1Q subinterfaces. */
function vlanDevicesAvailable(): boolean {
  if (!ROOT) return false;
  const probe = `vp${process.pid.toString(36)}`.slice(0, 15);
  const ok = trySh('ip', ['link', 'add', probe, 'type', 'vlan', 'id', '2', 'link', 'lo']).status === 0;
  if (ok) trySh('ip', ['link', 'del', probe]);
  else console.warn('802.1Q subinterface test skipped: kernel has no VLAN device support (CONFIG_VLAN_8021Q)');
  return ok;
}

function macOf(ns: string | undefined, ifname: string): string {
  const pre = ns ? ['-n', ns] : [];
  const out = sh('ip', [...pre, '-j', 'link', 'show', ifname]);
  return (JSON.parse(out) as Array<{ address: string }>)[0]!.address;
}

describe.skipIf(!ROOT)('AfPacketPort on veth', () => {
  const lab = new NetLab();
  let ns = '';
  let outer = '';  // root-namespace end, opened as the port
  let inner = '';  // namespace end
  let port: AfPacketPort;
  const bursts: number[] = [];
  const received: Uint8Array[] = [];
  const events: PortStatusEvent[] = [];

  beforeAll(() => {
    ns = lab.addNamespace('afp');
    outer = lab.ifname('afo');
    inner = lab.ifname('afi');
    lab.addVeth(outer, inner, undefined, ns);
    trySh('sysctl', ['-qw', `net.ipv6.conf.${outer}.disable_ipv6=1`]);
    port = AfPacketPort.open(outer, { portNo: 1 });
    port.onFrames((b: FrameBurst) => {
      bursts.push(b.count);
      for (let i = 0; i < b.count; i++) received.push(b.frame(i).slice());
    });
    port.onStatus((e) => events.push(e));
  });

  afterAll(() => {
    port?.close();
    lab.cleanup();
  });

  const clear = (): void => {
    bursts.length = 0;
    received.length = 0;
  };
  const markerSeqs = (): number[] => received.filter((f) => be16(f, 12) === MARKER).map((f) => f[14]! | (f[15]! << 8));

  it('reports interface facts', () => {
    expect(port.name).toBe(outer);
    expect(port.portNo).toBe(1);
    expect(port.ifindex).toBeGreaterThan(0);
    expect([...port.hwAddr].map((b) => b.toString(16).padStart(2, '0')).join(':')).toBe(macOf(undefined, outer));
    expect(port.mtu).toBe(1500);
    expect(port.link).toMatchObject({ adminUp: true, linkUp: true, speedKbps: 10_000_000 });
    expect(port.features.vnetHdr).toBe(true);
    expect(port.features.ignoreOutgoing).toBe(true);
    expect(port.lifecycle).toBe('open');
  });

  it('refuses an interface that does not exist with a typed error', () => {
    let err: unknown;
    try {
      AfPacketPort.open('nosuch0x9', { portNo: 9 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PortOpenError);
    expect((err as PortOpenError).code).toBe('ENODEV');
  });

  it('receives frames sent from the namespace, in order', async () => {
    clear();
    const p = start('ip', ['netns', 'exec', ns, PY, '-c', SEND, inner, macOf(undefined, outer), '20']);
    await p.done;
    await waitFor(() => markerSeqs().length >= 20);
    expect(markerSeqs()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('drains more than 32 queued frames in large bursts', async () => {
    clear();
    // Synchronous on purpose: our event loop is blocked while the frames queue in the socket,
    // so the first readiness wake finds all of them and must hand them up in full bursts.
    sh('ip', ['netns', 'exec', ns, PY, '-c', SEND, inner, macOf(undefined, outer), '300']);
    await waitFor(() => markerSeqs().length >= 300);
    expect(markerSeqs()).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(Math.max(...bursts)).toBeGreaterThan(32);
  });

  it('caps bursts per wake so one busy port cannot starve another', async () => {
    const pairs = ['afp', 'afr'].map((role) => {
      const [o, i] = lab.addVeth(lab.ifname(role), lab.ifname(`${role}x`), undefined, ns);
      trySh('sysctl', ['-qw', `net.ipv6.conf.${o}.disable_ipv6=1`]);
      return [o, i] as const;
    });
    const order: number[] = [];
    const busy = pairs.map(([o], id) => {
      const p = AfPacketPort.open(o, { portNo: 20 + id, rxMaxFrames: 32, maxBurstsPerWake: 1 });
      p.onFrames((b) => {
        for (let i = 0; i < b.count; i++) if (be16(b.frame(i), 12) === MARKER) order.push(id);
      });
      return p;
    });
    try {
      // Both sockets fill while our event loop is blocked; then both are readable at once.
      for (const [o, i] of pairs) sh('ip', ['netns', 'exec', ns, PY, '-c', SEND, i, macOf(undefined, o), '160']);
      await waitFor(() => order.length >= 320, 3000, 'both ports drained');
      // With one 32-frame burst per wake, neither port finishes before the other has started.
      expect(order.indexOf(1)).toBeLessThan(order.lastIndexOf(0));
      expect(order.indexOf(0)).toBeLessThan(order.lastIndexOf(1));
    } finally {
      for (const p of busy) p.close();
    }
  });

  it('sends a burst of more than 32 frames into the namespace and never hears its own frames', async () => {
    clear();
    const sniff = start('ip', ['netns', 'exec', ns, PY, '-c', SNIFF, inner, '200', '3']);
    await sniff.waitForLine('ready');
    const before = port.counters();
    const frames = Array.from({ length: 200 }, (_, i) => markerFrame(i));
    expect(port.sendBurst(frames)).toBe(200);
    const out = await sniff.done;
    expect(out.stdout.trim().split('\n').pop()!.split(' ').map(Number)).toEqual(frames.map((_, i) => i));
    await sleep(100);
    expect(markerSeqs()).toEqual([]);
    const after = port.counters();
    expect(after.txPackets - before.txPackets).toBe(200);
    expect(after.txBytes - before.txBytes).toBe(200 * 60);
  });

  it('batches frame-by-frame send() into one flush at the end of the task', async () => {
    const sniff = start('ip', ['netns', 'exec', ns, PY, '-c', SNIFF, inner, '50', '3']);
    await sniff.waitForLine('ready');
    for (let i = 0; i < 50; i++) expect(port.send(markerFrame(1000 + i))).toBe(true);
    const out = await sniff.done;
    expect(out.stdout.trim().split('\n').pop()!.split(' ').map(Number)).toEqual(Array.from({ length: 50 }, (_, i) => 1000 + i));
  });

  it('re-inserts VLAN tags the kernel stripped (802.1Q, 802.1ad, QinQ)', async () => {
    clear();
    // Tagged frames written raw in the namespace: the receiving veth's core path always moves
    // the outer tag into skb metadata (skb_vlan_untag), so what reaches the socket is untagged.
    const cases: Array<[string, number, number[]]> = [
      ['8100000700', 0x8100, [7]],
      ['88a8006400', 0x88a8, [100]],
      ['88a800c88100012c', 0x88a8, [200, 300]],
    ];
    const script = `
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
dst = bytes.fromhex(sys.argv[2].replace(':', ''))
for i, tags in enumerate(sys.argv[3:]):
    s.send(dst + bytes.fromhex('020000aa0002') + bytes.fromhex(tags) + b'\\x88\\xb5' + bytes([i, 0]) + bytes(40))
`;
    const tags = cases.map(([hex, , vids]) => (vids.length === 1 ? hex.slice(0, 8) : hex));
    await start('ip', ['netns', 'exec', ns, PY, '-c', script, inner, macOf(undefined, outer), ...tags]).done;
    const isTagged = (f: Uint8Array): boolean => [0x8100, 0x88a8].includes(be16(f, 12));
    await waitFor(() => received.filter(isTagged).length >= cases.length, 3000, 'tagged frames');
    const tagged = received.filter(isTagged);
    for (const [i, [, tpid, vids]] of cases.entries()) {
      const f = tagged[i]!;
      expect(be16(f, 12)).toBe(tpid);
      let off = 12;
      for (const vid of vids) {
        expect(be16(f, off + 2) & 0x0fff).toBe(vid);
        off += 4;
      }
      expect(be16(f, off)).toBe(MARKER);  // the payload follows the re-inserted tag intact
      expect(f[off + 2]).toBe(i);
      expect(f).toHaveLength(6 + 6 + 4 * vids.length + 2 + 2 + 40);
    }
  });

  it.skipIf(!vlanDevicesAvailable())('re-inserts the tag of a frame sent through an 802.1Q subinterface', async () => {
    clear();
    const vlanIf = `${inner}.7`.slice(0, 15);
    sh('ip', ['-n', ns, 'link', 'add', 'link', inner, 'name', vlanIf, 'type', 'vlan', 'id', '7']);
    sh('ip', ['-n', ns, 'addr', 'add', '192.0.2.1/24', 'dev', vlanIf]);
    sh('ip', ['-n', ns, 'link', 'set', vlanIf, 'up']);
    sh('ip', ['-n', ns, 'neigh', 'replace', '192.0.2.2', 'lladdr', '02:00:00:00:07:02', 'dev', vlanIf, 'nud', 'permanent']);
    await start('ip', ['netns', 'exec', ns, 'ping', '-c', '1', '-W', '0.2', '192.0.2.2']).done;
    await waitFor(() => received.some((f) => be16(f, 12) === 0x8100));
    const tagged = received.find((f) => be16(f, 12) === 0x8100)!;
    expect(be16(tagged, 14) & 0x0fff).toBe(7);  // VID
    expect(be16(tagged, 16)).toBe(0x0800);      // inner ethertype
    expect(tagged[18]! >> 4).toBe(4);           // an IPv4 header follows the tag
    expect([...tagged.subarray(0, 6)]).toEqual([0x02, 0, 0, 0, 0x07, 0x02]);
  });

  it('completes checksums the sender left to offload (veth with tx checksumming on)', async () => {
    clear();
    lab.tryExec(ns, 'ethtool', ['-K', inner, 'tx', 'on', 'tso', 'on', 'gso', 'on']);
    sh('ip', ['-n', ns, 'addr', 'add', '198.51.100.1/24', 'dev', inner]);
    sh('ip', ['-n', ns, 'neigh', 'replace', '198.51.100.2', 'lladdr', '02:00:00:00:64:02', 'dev', inner, 'nud', 'permanent']);
    const before = port.offloadCounters().checksumCompleted;
    const udp = `import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x' * 301, ('198.51.100.2', 9))`;
    await start('ip', ['netns', 'exec', ns, PY, '-c', udp]).done;
    const tcp = `import socket\ntry: socket.create_connection(('198.51.100.2', 80), timeout=0.3)\nexcept OSError: pass`;
    await start('ip', ['netns', 'exec', ns, PY, '-c', tcp]).done;
    const ipv4 = (proto: number) => received.filter((f) => be16(f, 12) === 0x0800 && f[14 + 9] === proto);
    await waitFor(() => ipv4(17).length > 0 && ipv4(6).length > 0);
    for (const f of [...ipv4(17), ...ipv4(6)]) expect(l4ChecksumOk(f, 14)).toBe(true);
    expect(port.offloadCounters().checksumCompleted).toBeGreaterThan(before);
  });

  it('reports carrier loss and recovery when the far end goes down and up', async () => {
    events.length = 0;
    sh('ip', ['-n', ns, 'link', 'set', inner, 'down']);
    await waitFor(() => events.some((e) => e.reason === 'modify' && !e.link.linkUp), 3000, 'link down event');
    expect(port.link).toMatchObject({ adminUp: true, linkUp: false });
    sh('ip', ['-n', ns, 'link', 'set', inner, 'up']);
    await waitFor(() => port.link.linkUp, 3000, 'link up event');
    const last = events[events.length - 1]!;
    expect(last.reason === 'modify' && last.previous.linkUp).toBe(false);
  });

  it('reports administrative down/up of its own interface and keeps working after', async () => {
    events.length = 0;
    sh('ip', ['link', 'set', outer, 'down']);
    await waitFor(() => !port.link.adminUp, 3000, 'admin down');
    sh('ip', ['link', 'set', outer, 'up']);
    await waitFor(() => port.link.adminUp && port.link.linkUp, 3000, 'admin up');
    expect(port.lifecycle).toBe('open');
    clear();
    await start('ip', ['netns', 'exec', ns, PY, '-c', SEND, inner, macOf(undefined, outer), '5', '500']).done;
    await waitFor(() => markerSeqs().length >= 5, 3000, 'frames after link flap');
    expect(markerSeqs()).toEqual([500, 501, 502, 503, 504]);
  });

  it('goes to removed when the interface is deleted, without crashing', async () => {
    events.length = 0;
    const counted = port.counters().rxPackets;
    sh('ip', ['link', 'del', outer]);
    await waitFor(() => port.lifecycle === 'removed', 3000, 'removal');
    expect(events.map((e) => e.reason)).toContain('delete');
    expect(port.link.linkUp).toBe(false);
    expect(port.send(markerFrame(1))).toBe(false);
    expect(port.sendBurst([markerFrame(2)])).toBe(0);
    expect(port.counters().rxPackets).toBe(counted);  // last counters stay readable
    port.close();
    port.close();
    expect(port.lifecycle).toBe('closed');
  });
});

describe.skipIf(!ROOT)('AfPacketPort pair forwarding TCP with offloads on', () => {
  const lab = new NetLab();
  const ports: AfPacketPort[] = [];
  let monitor: LinkMonitor | undefined;

  afterAll(() => {
    for (const p of ports) p.close();
    monitor?.close();
    lab.cleanup();
  });

  it.each([
    ['IPv4', '10.231.0.1/24', '10.231.0.2/24', '10.231.0.2'],
    ['IPv6', 'fd00:231::1/64', 'fd00:231::2/64', 'fd00:231::2'],
  ])('carries a 4 MiB TCP stream over %s intact between two namespaces (GSO frames segmented)', async (family, addr1, addr2, dst) => {
    const v = family.slice(-1);  // names unique per case within this lab
    const ns1 = lab.addNamespace(`tc${v}a`);
    const ns2 = lab.addNamespace(`tc${v}b`);
    const [s1, h1] = lab.addVeth(lab.ifname(`s${v}a`), lab.ifname(`h${v}a`), undefined, ns1);
    const [s2, h2] = lab.addVeth(lab.ifname(`s${v}b`), lab.ifname(`h${v}b`), undefined, ns2);
    for (const [n, h] of [[ns1, h1], [ns2, h2]] as const) {
      // Offloads back on for the hosts: their stacks hand veth TSO super-frames and partial checksums.
      lab.tryExec(n, 'ethtool', ['-K', h, 'tx', 'on', 'tso', 'on', 'gso', 'on']);
    }
    for (const s of [s1, s2]) trySh('sysctl', ['-qw', `net.ipv6.conf.${s}.disable_ipv6=1`]);
    sh('ip', ['-n', ns1, 'addr', 'add', addr1, 'dev', h1, ...(addr1.includes(':') ? ['nodad'] : [])]);
    sh('ip', ['-n', ns2, 'addr', 'add', addr2, 'dev', h2, ...(addr2.includes(':') ? ['nodad'] : [])]);
    monitor ??= new LinkMonitor();
    const p1 = AfPacketPort.open(s1, { portNo: 1, linkMonitor: monitor });
    const p2 = AfPacketPort.open(s2, { portNo: 2, linkMonitor: monitor });
    ports.push(p1, p2);
    // The smallest possible switch: everything from one port goes out of the other.
    p1.onFrames((b) => p2.sendBurst(b));
    p2.onFrames((b) => p1.sendBurst(b));

    const size = 4 << 20;
    const sink = start('ip', ['netns', 'exec', ns2, PY, '-c', TCP_SINK, dst, '5201']);
    try {
      await sink.waitForLine('ready');
      const source = start('ip', ['netns', 'exec', ns1, PY, '-c', TCP_SOURCE, dst, '5201', String(size)]);
      const result = await sink.done;
      await source.done;
      const data = Buffer.alloc(size);
      for (let i = 0; i < size; i++) data[i] = i & 0xff;
      const expected = createHash('sha256').update(data).digest('hex');
      expect(result.stdout.trim().split('\n').pop()).toBe(`${size} ${expected}`);
    } finally {
      sink.kill();
    }
    const offload = p1.offloadCounters();
    expect(offload.segmentedFrames).toBeGreaterThan(0);
    expect(offload.segments).toBeGreaterThan(offload.segmentedFrames);
    expect(p1.counters().rxErrors).toBe(0);
    expect(p2.counters().txErrors).toBe(0);
  });
});

describe.skipIf(!ROOT)('native PacketSocket lifecycle', () => {
  const lab = new NetLab();
  let a = '';
  let b = '';

  beforeAll(() => {
    [a, b] = lab.addVeth(lab.ifname('lca'), lab.ifname('lcb'));
  });

  afterAll(() => lab.cleanup());

  const sockets = (): number =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:');
      } catch {
        return false;
      }
    }).length;

  it('returns errors, not crashes, once closed (and close is idempotent)', () => {
    const native = loadNativeBinding();
    const s = new native.PacketSocket(a);
    s.setRxBuffers(new Uint8Array(128 * 1024), new Uint32Array(256));
    s.setTxBuffers(new Uint8Array(4096), new Uint32Array(64));
    s.close();
    s.close();
    expect(s.recvBurst()).toBe(-ERRNO.EBADF);
    expect(s.sendBurst(1)).toBe(-ERRNO.EBADF);
    expect(() => s.startPolling(() => {})).toThrow(/closed/);
    const out = new Float64Array(NATIVE_COUNTER_COUNT);
    s.readCounters(out);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('rejects wrong argument types with TypeError', () => {
    const native = loadNativeBinding();
    const s = new native.PacketSocket(a);
    try {
      expect(() => s.setRxBuffers(new Uint8Array(8), new Uint8Array(8) as unknown as Uint32Array)).toThrow(TypeError);
      expect(() => s.sendBurst(1)).toThrow(/setTxBuffers/);
      expect(() => s.recvBurst()).toThrow(/setRxBuffers/);
      expect(() => new native.PacketSocket(42 as unknown as string)).toThrow(TypeError);
    } finally {
      s.close();
    }
  });

  it('counts a frame above the MTU as a tx error and keeps sending the rest', () => {
    const port = AfPacketPort.open(a, { portNo: 3 });
    try {
      const big = markerFrame(0);
      const jumbo = new Uint8Array(3000);
      jumbo.set(big);
      expect(port.sendBurst([markerFrame(1), jumbo, markerFrame(2)])).toBe(2);
      expect(port.counters()).toMatchObject({ txPackets: 2, txErrors: 1 });
    } finally {
      port.close();
    }
  });

  it('reclaims sockets dropped without close() when collected', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const native = loadNativeBinding();
    const before = sockets();
    (() => {
      for (let i = 0; i < 16; i++) new native.PacketSocket(b).setRxBuffers(new Uint8Array(80 * 1024), new Uint32Array(64));
    })();
    expect(sockets()).toBeGreaterThanOrEqual(before + 16);
    for (let i = 0; i < 50 && sockets() > before + 2; i++) {
      gc();
      await new Promise((r) => setImmediate(r));
    }
    expect(sockets()).toBeLessThanOrEqual(before + 2);
  });
});
