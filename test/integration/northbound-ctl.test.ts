/**
 * `sluice ctl` in-process against a real NorthboundServer: table and --json output for each
 * command, streaming commands, status errors, usage errors and the unreachable-controller line.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCtl } from '../../controller/ctl/run-ctl.js';
import { NorthboundServer } from '../../controller/northbound/grpc-server.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../fixtures/tls/self-signed.js';
import { FakeController, T0 } from './northbound-fake-backend.js';

const TOKEN = 'ctl-token-5521';
let fake: FakeController;
let server: NorthboundServer;
let target: string;
let cert: SelfSignedCert;
let tlsServer: NorthboundServer;
let tlsTarget: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ctl(argv: string[], signal?: AbortSignal, env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCtl(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), signal }, env);
  return { code, stdout, stderr };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error('condition not met in time');
}

beforeAll(async () => {
  fake = new FakeController();
  server = new NorthboundServer(fake.backends(), { host: '127.0.0.1', port: 0, token: TOKEN });
  target = `127.0.0.1:${await server.start()}`;
  cert = makeSelfSignedCert();
  tlsServer = new NorthboundServer(fake.backends(), { host: '127.0.0.1', port: 0, tls: { certChain: cert.cert, privateKey: cert.key } });
  tlsTarget = `localhost:${await tlsServer.start()}`;
});

afterAll(async () => {
  await server?.stop();
  await tlsServer?.stop();
  cert?.remove();
});

const base = () => ['--server', target, '--token', TOKEN];

describe('tables', () => {
  it('switches', async () => {
    const r = await ctl([...base(), 'switches']);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'DPID              STATE         ADDRESS          PORTS  TABLES  DESCRIPTION',
        '0000000000000001  connected     127.0.0.1:40001      3     254  switch 1',
        '0000000000000002  connected     127.0.0.1:40002      2     254  switch 2',
        '0000000000000003  connected     127.0.0.1:40003      3     254  switch 3',
        'fedcba9876543210  disconnected  127.0.0.1:40002      1     254  disconnected switch',
        '',
      ].join('\n'),
    });
  });

  it('links and hosts, filtered by --switch', async () => {
    const links = await ctl([...base(), 'links', '--switch', '3']);
    expect(links.stdout.split('\n')).toEqual([
      'SRC                 DST                 BANDWIDTH  DISCOVERED',
      '0000000000000001:3  0000000000000003:3         1G  2024-05-01T12:00:00.000Z',
      '0000000000000002:2  0000000000000003:1        10G  2024-05-01T12:00:00.000Z',
      '0000000000000003:1  0000000000000002:2        10G  2024-05-01T12:00:00.000Z',
      '0000000000000003:3  0000000000000001:3         1G  2024-05-01T12:00:00.000Z',
      '',
    ]);
    const hosts = await ctl([...base(), 'hosts']);
    expect(hosts.stdout.split('\n')).toEqual([
      'MAC                IPS               VLAN  LOCATION            LAST SEEN',
      '00:00:00:00:00:01  10.0.0.1             -  0000000000000001:1  2024-05-01T12:00:00.000Z',
      '00:00:00:00:00:03  10.0.0.3,fd00::3     -  0000000000000003:2  2024-05-01T12:00:00.000Z',
      '',
    ]);
  });

  it('flows with owner and cookie, filtered by --switch, in table then priority order', async () => {
    const r = await ctl([...base(), 'flows', '--switch', '0000000000000001']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'DPID              TABLE  PRIORITY  COOKIE              OWNER     PACKETS  BYTES  MATCH                      INSTRUCTIONS',
      '0000000000000001      0        10  0x0200000000000002  firewall        0      0  *                          drop',
      '0000000000000001      4       100  0x0100000000000001  l2              0      0  eth_dst=00:00:00:00:00:01  drop',
      '',
    ]);
  });

  it('path between hosts, and k-shortest between switches', async () => {
    const r = await ctl([...base(), 'path', '00:00:00:00:00:01', '10.0.0.3']);
    expect(r.stdout).toBe(
      ['#  COST  HOPS', '1     1  0000000000000001[1>3] -> 0000000000000003[3>2]', ''].join('\n'),
    );
    const k = await ctl([...base(), 'path', '1', '3', '--mode', 'k-shortest', '--k', '2']);
    expect(k.stdout.split('\n').slice(1, 3)).toEqual([
      '1     1  0000000000000001[->3] -> 0000000000000003[3>-]',
      '2     2  0000000000000001[->2] -> 0000000000000002[1>2] -> 0000000000000003[1>-]',
    ]);
  });

  it('plugins', async () => {
    const r = await ctl([...base(), 'plugins']);
    expect(r.stdout.split('\n')).toEqual([
      'NAME      STATE     VERSION  REQUIRED  REASON',
      'l2        running   0.1.0    yes       -',
      'firewall  running   0.1.0    no        -',
      'ids       disabled  0.2.0    no        not enabled in config',
      '',
    ]);
  });
});

describe('--json', () => {
  it('prints the API messages as JSON with exact 64-bit values', async () => {
    const r = await ctl([...base(), '--json', 'switches']);
    const parsed = JSON.parse(r.stdout) as { dpid: { value: string; text: string }; connected: boolean }[];
    expect(parsed.map((d) => d.dpid.value)).toEqual(['1', '2', '3', '18364758544493064720']);
    const flows = JSON.parse((await ctl([...base(), 'flows', '--json', '--owner', 'l2'])).stdout) as { cookie: string; instructions: string }[];
    expect(flows.map((f) => f.cookie)).toEqual([((1n << 56n) | 1n).toString(), ((1n << 56n) | 1n).toString()]);
    expect(flows[0]!.instructions).toBe(''); // Buffers render as hex
  });

  it('reads server and token from the environment', async () => {
    const r = await ctl(['plugins', '--json'], undefined, { SLUICE_SERVER: target, SLUICE_TOKEN: TOKEN });
    expect(JSON.parse(r.stdout)).toHaveLength(3);
  });
});

describe('streams', () => {
  it('watch prints the snapshot and live changes until --count', async () => {
    const run = ctl([...base(), 'watch', '--snapshot', '--count', '13']);
    await until(() => fake.topologySubscribers === 1);
    fake.emitTopology({ type: 'host-moved', host: { ...fake.hosts[0]!, location: { dpid: 2n, portNo: 2 } }, previous: fake.hosts[0]!, time: T0 });
    const r = await run;
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^\S+Z {2}switch-added {2}switch 0000000000000001$/);
    expect(lines[11]).toMatch(/ {2}snapshot-complete$/);
    expect(lines[12]).toBe(
      '2024-05-01T12:00:00.000Z  host-moved  host 00:00:00:00:00:01 at 0000000000000002:2 (was 0000000000000001:1)',
    );
    await until(() => fake.topologySubscribers === 0);
  });

  it('events filters by kind and stops on abort, as NDJSON with --json', async () => {
    const abort = new AbortController();
    const run = ctl([...base(), 'events', 'alert', '--json'], abort.signal);
    await until(() => fake.eventSubscribers === 1);
    fake.emitEvent({ kind: 'plugin.started', source: 'kernel', severity: 'info', message: 'x', attributes: {} });
    fake.emitEvent({ kind: 'alert.ids', source: 'ids', severity: 'critical', message: 'scan', attributes: { src_ip: '10.0.0.9' } });
    await until(() => fake.eventSubscribers === 1);
    // Give the event time to cross the loopback before aborting.
    await new Promise((r) => setTimeout(r, 100));
    abort.abort();
    const r = await run;
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; attributes: Record<string, string> });
    expect(lines).toEqual([expect.objectContaining({ kind: 'alert.ids', attributes: { src_ip: '10.0.0.9' } })]);
    await until(() => fake.eventSubscribers === 0);
  });
});

describe('errors', () => {
  it('says in one line that the controller is unreachable, and exits non-zero', async () => {
    // A port that was free a moment ago and has nothing listening now.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await ctl(['--server', `127.0.0.1:${port}`, '--timeout', '3000', 'switches']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^sluice ctl: cannot reach sluice controller at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED.*\\n$`));
  });

  it('reports status errors with their field violations', async () => {
    const noToken = await ctl(['--server', target, 'switches']);
    expect(noToken).toMatchObject({ code: 1, stderr: 'sluice ctl: UNAUTHENTICATED: missing "authorization: Bearer <token>" metadata\n' });
    const badK = await ctl([...base(), 'path', '1', '3', '--mode', 'k-shortest', '--k', '1000']);
    expect(badK.code).toBe(1);
    expect(badK.stderr).toBe('sluice ctl: INVALID_ARGUMENT: invalid request: k: 1000 is outside 1..64\n  k: 1000 is outside 1..64\n');
    const unknownHost = await ctl([...base(), 'path', '10.9.9.9', '10.0.0.1']);
    expect(unknownHost.stderr).toBe('sluice ctl: NOT_FOUND: host 10.9.9.9 not found\n');
  });

  it('rejects usage errors with exit code 2 before any call', async () => {
    expect((await ctl([...base(), 'teleport'])).code).toBe(2);
    const badSwitch = await ctl([...base(), 'flows', '--switch', 'sw1']);
    expect(badSwitch).toMatchObject({ code: 2, stderr: expect.stringContaining('--switch: "sw1" is not a datapath id') });
    expect((await ctl([...base(), 'path', 'nowhere', '1'])).stderr).toContain('A: "nowhere" is not a MAC, an IP address or a datapath id');
    expect((await ctl([...base(), '--count', 'many', 'watch'])).code).toBe(2);
    expect((await ctl([...base(), '--bogus'])).code).toBe(2);
    const help = await ctl(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: sluice ctl');
  });
});

describe('TLS', () => {
  it('connects with --tls-ca and fails clearly without it', async () => {
    const ok = await ctl(['--server', tlsTarget, '--tls-ca', cert.certPath, 'plugins', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveLength(3);
    const plain = await ctl(['--server', tlsTarget, '--timeout', '3000', 'plugins']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^sluice ctl: cannot reach sluice controller at localhost:\d+: /);
    const missing = await ctl(['--server', tlsTarget, '--tls-ca', '/nonexistent/ca.pem', 'plugins']);
    expect(missing).toMatchObject({ code: 2, stderr: 'sluice ctl: --tls-ca: cannot read /nonexistent/ca.pem: ENOENT\n' });
  });
});
