/**
 * The northbound over real gRPC on loopback: a TypeScript client calls every RPC of the six
 * services against NorthboundServer backed by the in-memory FakeController, and checks both the
 * answers and the status codes of bad requests.
 */
import { status, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SluiceClient } from '../../controller/ctl/ctl-client.js';
import type { TopologyEvent__Output } from '../../controller/northbound/generated/sluice/v1/TopologyEvent.js';
import type { Event__Output } from '../../controller/northbound/generated/sluice/v1/Event.js';
import { NorthboundServer } from '../../controller/northbound/grpc-server.js';
import { fieldViolationsOf } from '../../controller/northbound/status-details.js';
import { FakeController, OWNER_PREFIX, T0 } from './northbound-fake-backend.js';

let fake: FakeController;
let server: NorthboundServer;
let client: SluiceClient;

beforeAll(async () => {
  fake = new FakeController();
  server = new NorthboundServer(fake.backends(), { host: '127.0.0.1', port: 0 });
  const port = await server.start();
  client = new SluiceClient({ server: `127.0.0.1:${port}` });
});

afterAll(async () => {
  client?.close();
  await server?.stop();
});

/** The ServiceError of a call expected to fail. */
async function failure(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (err) {
    return err as ServiceError;
  }
  throw new Error('call succeeded but was expected to fail');
}

/** Collects `n` messages from a stream, failing after a timeout instead of hanging. */
function take<T>(stream: ClientReadableStream<T>, n: number, timeoutMs = 5000): Promise<T[]> {
  const got: T[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out with ${got.length}/${n} messages`)), timeoutMs);
    const onData = (m: T) => {
      got.push(m);
      if (got.length === n) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(got);
      }
    };
    stream.on('data', onData);
    stream.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Polls until `cond` holds; for server-side effects of client actions (subscribe, cancel). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const dpid = (value: bigint) => ({ value: value.toString() });

describe('Datapaths', () => {
  it('lists datapaths ordered by dpid with both dpid forms, 64-bit ids intact', async () => {
    const res = await client.datapaths.List({});
    expect(res.datapaths.map((d) => d.dpid)).toEqual([
      { value: '1', text: '0000000000000001' },
      { value: '2', text: '0000000000000002' },
      { value: '3', text: '0000000000000003' },
      { value: 0xfedcba9876543210n.toString(), text: 'fedcba9876543210' },
    ]);
    const connectedOnly = await client.datapaths.List({ connected_only: true });
    expect(connectedOnly.datapaths).toHaveLength(3);
  });

  it('gets one datapath by numeric or text dpid', async () => {
    const byText = await client.datapaths.Get({ dpid: { text: 'fe:dc:ba:98:76:54:32:10' } });
    expect(byText.description).toBe('disconnected switch');
    expect(byText.connected).toBe(false);
    const byValue = await client.datapaths.Get({ dpid: dpid(2n) });
    expect(byValue).toMatchObject({
      connected: true,
      remote_address: '127.0.0.1:40002',
      n_tables: 254,
      serial_number: 'SN2',
      port_count: 2,
      connected_since: { seconds: String(T0.getTime() / 1000), nanos: 0 },
    });
  });

  it('answers NOT_FOUND for an unknown dpid and INVALID_ARGUMENT with details for a bad one', async () => {
    const nf = await failure(client.datapaths.Get({ dpid: dpid(99n) }));
    expect(nf.code).toBe(status.NOT_FOUND);
    expect(nf.details).toBe('datapath 0000000000000063 not found');

    const bad = await failure(client.datapaths.Get({ dpid: { text: 'switch-one' } }));
    expect(bad.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolationsOf(bad.metadata)).toEqual([
      { field: 'dpid.text', description: expect.stringContaining('"switch-one" is not a datapath id') },
    ]);

    const missing = await failure(client.datapaths.Get({}));
    expect(missing.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolationsOf(missing.metadata)).toEqual([{ field: 'dpid', description: 'required' }]);

    const disagree = await failure(
      client.datapaths.Get({ dpid: { value: '2', text: '3' } }),
    );
    expect(fieldViolationsOf(disagree.metadata)[0]?.field).toBe('dpid');
  });

  it('lists ports with derived link state', async () => {
    const res = await client.datapaths.ListPorts({ dpid: dpid(1n) });
    expect(res.ports.map((p) => [p.port_no, p.name, p.link_up])).toEqual([
      [1, 's1-eth1', true],
      [2, 's1-eth2', true],
      [3, 's1-eth3', true],
    ]);
    const down = await client.datapaths.ListPorts({ dpid: { text: 'fedcba9876543210' } });
    expect(down.ports[0]).toMatchObject({ name: 'big-eth1', link_up: false, hw_addr: '02:00:00:00:00:01' });
  });

  it('gets port stats with counters above 2^53 exact, and UNAVAILABLE for a disconnected switch', async () => {
    const res = await client.datapaths.GetPortStats({ dpid: dpid(3n), port_no: 2 });
    expect(res.stats).toHaveLength(1);
    expect(res.stats[0]).toMatchObject({ port_no: 2, rx_packets: '20', tx_packets: '40', rx_bytes: '9007199254740993' });
    const all = await client.datapaths.GetPortStats({ dpid: dpid(3n), port_no: 0xffffffff });
    expect(all.stats.map((s) => s.port_no)).toEqual([1, 2, 3]);

    const un = await failure(
      client.datapaths.GetPortStats({ dpid: { text: 'fedcba9876543210' } }),
    );
    expect(un.code).toBe(status.UNAVAILABLE);
  });

  it('sends raw FLOW_MOD/GROUP_MOD/METER_MOD bytes and reports a switch error', async () => {
    const header = (type: number, len: number) => {
      const b = Buffer.alloc(len);
      b.writeUInt8(4, 0);
      b.writeUInt8(type, 1);
      b.writeUInt16BE(len, 2);
      b.writeUInt32BE(7, 4);
      return b;
    };
    const flowMod = header(14, 56);
    const ok = await client.datapaths.SendFlowMod({ dpid: dpid(1n), message: flowMod });
    expect(ok.error).toBeNull();
    expect(fake.sentRaw.at(-1)).toEqual({ dpid: 1n, message: flowMod, barrier: false });

    fake.nextSwitchError = { type: 5, code: 1, data: flowMod.subarray(0, 16) };
    const rejected = await client.datapaths.SendGroupMod({ dpid: dpid(2n), message: header(15, 16), barrier: true });
    expect(rejected.error).toEqual({ type: 5, code: 1, data: flowMod.subarray(0, 16) });
    expect(fake.sentRaw.at(-1)?.barrier).toBe(true);

    await client.datapaths.SendMeterMod({ dpid: dpid(3n), message: header(29, 16) });
    expect(fake.sentRaw.at(-1)?.message.readUInt8(1)).toBe(29);
  });

  it('rejects raw messages whose header is wrong, naming every problem', async () => {
    const wrong = Buffer.alloc(16);
    wrong.writeUInt8(1, 0); // OpenFlow 1.0
    wrong.writeUInt8(15, 1); // GROUP_MOD on the FLOW_MOD RPC
    wrong.writeUInt16BE(20, 2); // claims 20 bytes, has 16
    const err = await failure(client.datapaths.SendFlowMod({ dpid: dpid(1n), message: wrong }));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolationsOf(err.metadata).map((v) => v.description)).toEqual([
      'ofp_header.version is 1, expected 4 (OpenFlow 1.3)',
      'ofp_header.type is 15, expected 14 (OFPT_FLOW_MOD)',
      'ofp_header.length is 20 but 16 bytes were sent',
    ]);
    const short = await failure(
      client.datapaths.SendFlowMod({ dpid: dpid(1n), message: Buffer.alloc(3) }),
    );
    expect(short.code).toBe(status.INVALID_ARGUMENT);

    const off = Buffer.from([4, 14, 0, 8, 0, 0, 0, 1]);
    const unavailable = await failure(
      client.datapaths.SendFlowMod({ dpid: { text: 'fedcba9876543210' }, message: off }),
    );
    expect(unavailable.code).toBe(status.UNAVAILABLE);
  });
});

describe('Topology', () => {
  it('lists switches, links and hosts', async () => {
    const sw = await client.topology.ListSwitches({});
    expect(sw.switches.map((s) => [s.dpid?.text, s.port_nos])).toEqual([
      ['0000000000000001', [1, 2, 3]],
      ['0000000000000002', [1, 2]],
      ['0000000000000003', [1, 2, 3]],
    ]);
    const links = await client.topology.ListLinks({});
    expect(links.links).toHaveLength(6);
    expect(links.links[0]).toMatchObject({
      src: { dpid: { value: '1' }, port_no: 2 },
      dst: { dpid: { value: '2' }, port_no: 1 },
      bandwidth_bps: '10000000000',
    });
    const at2 = await client.topology.ListLinks({ dpid: dpid(2n) });
    expect(at2.links).toHaveLength(4);

    const hosts = await client.topology.ListHosts({});
    expect(hosts.hosts.map((h) => [h.mac, h.ips, h.location?.port_no])).toEqual([
      ['00:00:00:00:00:01', ['10.0.0.1'], 1],
      ['00:00:00:00:00:03', ['10.0.0.3', 'fd00::3'], 2],
    ]);
    const hostsAt3 = await client.topology.ListHosts({ dpid: dpid(3n) });
    expect(hostsAt3.hosts.map((h) => h.mac)).toEqual(['00:00:00:00:00:03']);
  });

  it('streams a snapshot, SNAPSHOT_COMPLETE, then live changes, and unsubscribes on cancel', async () => {
    const stream = client.watchTopology({ include_snapshot: true });
    // 3 switches + 6 links + 2 hosts + the completion marker.
    const snapshot = await take<TopologyEvent__Output>(stream, 12);
    expect(snapshot.slice(0, 3).map((e) => [e.type, e.subject, e.snapshot])).toEqual([
      ['TOPOLOGY_EVENT_TYPE_SWITCH_ADDED', 'switch', true],
      ['TOPOLOGY_EVENT_TYPE_SWITCH_ADDED', 'switch', true],
      ['TOPOLOGY_EVENT_TYPE_SWITCH_ADDED', 'switch', true],
    ]);
    expect(snapshot[11]?.type).toBe('TOPOLOGY_EVENT_TYPE_SNAPSHOT_COMPLETE');
    await until(() => fake.topologySubscribers === 1, 'watch subscription');

    const live = take<TopologyEvent__Output>(stream, 2);
    const moved = { ...fake.hosts[0]!, location: { dpid: 2n, portNo: 2 } };
    fake.emitTopology({ type: 'link-removed', link: fake.links[0]!, time: T0 });
    fake.emitTopology({ type: 'host-moved', host: moved, previous: fake.hosts[0]!, time: T0 });
    const [linkGone, hostMoved] = await live;
    expect(linkGone).toMatchObject({ type: 'TOPOLOGY_EVENT_TYPE_LINK_REMOVED', subject: 'link', snapshot: false });
    expect(hostMoved).toMatchObject({
      type: 'TOPOLOGY_EVENT_TYPE_HOST_MOVED',
      host: { location: { dpid: { value: '2' }, port_no: 2 } },
      previous_host: { location: { dpid: { value: '1' }, port_no: 1 } },
    });

    stream.on('error', () => {}); // the cancel surfaces as CANCELLED on the client
    stream.cancel();
    await until(() => fake.topologySubscribers === 0, 'unsubscribe after cancel');
    expect(server.openStreams).toBe(0);
  });
});

describe('Paths', () => {
  it('computes the shortest path between hosts by MAC and IP', async () => {
    const res = await client.paths.Compute({ src: { mac: '00:00:00:00:00:01' }, dst: { ip: '10.0.0.3' } });
    expect(res.paths).toHaveLength(1);
    expect(res.paths[0]!.hops.map((h) => [h.dpid?.value, h.in_port, h.out_port])).toEqual([
      ['1', 1, 3],
      ['3', 3, 2],
    ]);
    expect(res.paths[0]!.cost).toBe(1);
  });

  it('computes k-shortest between switches and honours exclusions and min bandwidth', async () => {
    const k = await client.paths.Compute({ src: { dpid: dpid(1n) }, dst: { dpid: dpid(3n) }, mode: 'PATH_MODE_K_SHORTEST', k: 5 });
    expect(k.paths.map((p) => p.hops.map((h) => h.dpid?.value))).toEqual([
      ['1', '3'],
      ['1', '2', '3'],
    ]);
    const excluded = await client.paths.Compute({
          src: { dpid: dpid(1n) },
          dst: { dpid: dpid(3n) },
          mode: 'PATH_MODE_ECMP',
          constraints: { exclude_links: [{ src: { dpid: dpid(1n), port_no: 3 }, dst: { dpid: dpid(3n), port_no: 3 } }] },
        });
    expect(excluded.paths.map((p) => p.hops.length)).toEqual([3]);
    const fat = await client.paths.Compute({ src: { dpid: dpid(1n) }, dst: { dpid: dpid(3n) }, constraints: { min_bandwidth_bps: '5000000000' } });
    expect(fat.paths[0]!.hops.map((h) => h.dpid?.value)).toEqual(['1', '2', '3']);
  });

  it('rejects bad endpoints and k, and answers NOT_FOUND for an unknown host', async () => {
    const bad = await failure(
      client.paths.Compute({ src: { mac: 'zz:00' }, mode: 'PATH_MODE_K_SHORTEST', k: 1000 }),
    );
    expect(bad.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolationsOf(bad.metadata).map((v) => v.field)).toEqual(['src.mac', 'dst', 'k']);
    const noK = await failure(
      client.paths.Compute({ src: { ip: '10.0.0.1' }, dst: { ip: '10.0.0.3' }, mode: 'PATH_MODE_K_SHORTEST' }),
    );
    expect(fieldViolationsOf(noK.metadata)).toEqual([{ field: 'k', description: 'required for PATH_MODE_K_SHORTEST' }]);
    const nf = await failure(
      client.paths.Compute({ src: { ip: '10.9.9.9' }, dst: { ip: '10.0.0.3' } }),
    );
    expect(nf.code).toBe(status.NOT_FOUND);
    expect(nf.details).toBe('host 10.9.9.9 not found');
  });
});

describe('Flows', () => {
  it('lists by switch, table, owner and cookie/mask', async () => {
    const all = await client.flows.List({});
    expect(all.flows).toHaveLength(3);
    const s1 = await client.flows.List({ dpid: dpid(1n) });
    expect(s1.flows.map((f) => f.owner).sort()).toEqual(['firewall', 'l2']);
    const t4 = await client.flows.List({ table_id: { value: 4 } });
    expect(t4.flows.map((f) => f.dpid?.value)).toEqual(['1', '3']);
    // table 0 is a real filter, not "absent": the wrapper type keeps them apart.
    const t0 = await client.flows.List({ table_id: { value: 0 } });
    expect(t0.flows.map((f) => f.owner)).toEqual(['firewall']);
    const byCookie = await client.flows.List({ cookie: OWNER_PREFIX.firewall!.toString(), cookie_mask: (0xffn << 56n).toString() });
    expect(byCookie.flows.map((f) => [f.owner, f.cookie])).toEqual([['firewall', ((2n << 56n) | 2n).toString()]]);
    const byOwner = await client.flows.List({ owner: 'l2' });
    expect(byOwner.flows).toHaveLength(2);
  });

  it('adds a flow stamped with the owner prefix and deletes it by owner', async () => {
    const instructions = Buffer.from([0, 1, 0, 8, 5, 0, 0, 0]); // OFPIT_GOTO_TABLE 5
    const added = await client.flows.Add({
          dpid: dpid(2n),
          table_id: 3,
          priority: 200,
          cookie: '5',
          match: [{ field: 'eth_type', value: '0x0800' }, { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' }],
          instructions,
        });
    expect(added.flow).toMatchObject({
      owner: 'northbound',
      cookie: (OWNER_PREFIX.northbound! | 5n).toString(),
      table_id: 3,
      priority: 200,
      instructions,
      instructions_text: 'goto_table:1',
      match: [
        { field: 'eth_type', value: '0x0800', mask: '' },
        { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' },
      ],
    });
    const del = await client.flows.Delete({ owner: 'northbound' });
    expect(del.deleted).toBe(1);
    expect(fake.flows).toHaveLength(3);
  });

  it('rejects invalid flows with every violation, and passes backend field errors through', async () => {
    const bad = await failure(
      client.flows.Add({ table_id: 255, priority: 70000, match: [{ field: 'Eth Dst', value: '' }], instructions: Buffer.alloc(5) }),
    );
    expect(bad.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolationsOf(bad.metadata).map((v) => v.field)).toEqual([
      'dpid', 'table_id', 'priority', 'match[0].field', 'match[0].value', 'instructions',
    ]);
    const fromBackend = await failure(
      client.flows.Add({ dpid: dpid(1n), match: [{ field: 'eth_dst', value: 'nope' }] }),
    );
    expect(fieldViolationsOf(fromBackend.metadata)).toEqual([{ field: 'match[0].value', description: 'not a MAC address' }]);
    const unknownOwner = await failure(
      client.flows.Add({ dpid: dpid(1n), owner: 'nobody' }),
    );
    expect(unknownOwner.code).toBe(status.NOT_FOUND);
    const disconnected = await failure(
      client.flows.Add({ dpid: { text: 'fedcba9876543210' } }),
    );
    expect(disconnected.code).toBe(status.UNAVAILABLE);
  });

  it('refuses a delete with no selector at all', async () => {
    const err = await failure(client.flows.Delete({}));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(fake.flows).toHaveLength(3);
  });
});

describe('Plugins', () => {
  it('lists plugins with state, version, config JSON and reason', async () => {
    const res = await client.plugins.List({});
    expect(res.plugins.map((p) => [p.name, p.state, p.version])).toEqual([
      ['l2', 'PLUGIN_STATE_RUNNING', '0.1.0'],
      ['firewall', 'PLUGIN_STATE_RUNNING', '0.1.0'],
      ['ids', 'PLUGIN_STATE_DISABLED', '0.2.0'],
    ]);
    expect(JSON.parse(res.plugins[0]!.config_json)).toEqual({ floodUnknown: true });
    expect(res.plugins[2]).toMatchObject({ reason: 'not enabled in config', depends_on: ['l2'], required: false });
  });

  it('enables, disables and reloads, with the right codes for each refusal', async () => {
    const on = await client.plugins.Enable({ name: 'ids' });
    expect(on.state).toBe('PLUGIN_STATE_RUNNING');
    const off = await client.plugins.Disable({ name: 'ids' });
    expect(off).toMatchObject({ state: 'PLUGIN_STATE_DISABLED', reason: 'disabled through the API' });

    const required = await failure(client.plugins.Disable({ name: 'l2' }));
    expect(required.code).toBe(status.FAILED_PRECONDITION);
    const unknown = await failure(client.plugins.Enable({ name: 'bgp' }));
    expect(unknown.code).toBe(status.NOT_FOUND);
    const noName = await failure(client.plugins.Enable({}));
    expect(noName.code).toBe(status.INVALID_ARGUMENT);

    const reloaded = await client.plugins.Reload({ name: 'firewall', config_json: '{"rules":[{"dst":"10.0.0.0/8"}]}' });
    expect(JSON.parse(reloaded.config_json)).toEqual({ rules: [{ dst: '10.0.0.0/8' }] });
    const badJson = await failure(client.plugins.Reload({ name: 'firewall', config_json: '{' }));
    expect(fieldViolationsOf(badJson.metadata)[0]?.field).toBe('config_json');
    const badConfig = await failure(
      client.plugins.Reload({ name: 'firewall', config_json: '{"rules":3}' }),
    );
    expect(fieldViolationsOf(badConfig.metadata)).toEqual([{ field: 'config_json.rules', description: 'must be a list' }]);
  });
});

describe('Events', () => {
  it('streams events filtered by kind prefix and minimum severity', async () => {
    const stream = client.subscribeEvents({ kinds: ['alert', 'plugin.failed'], min_severity: 'SEVERITY_WARNING' });
    await until(() => fake.eventSubscribers === 1, 'event subscription');
    const got = take<Event__Output>(stream, 2);
    fake.emitEvent({ kind: 'plugin.started', source: 'kernel', severity: 'info', message: 'l2 started', attributes: {} });
    fake.emitEvent({ kind: 'alert.ids', source: 'ids', severity: 'debug', message: 'too quiet', attributes: {} });
    fake.emitEvent({ kind: 'alerting', source: 'x', severity: 'critical', message: 'not an alert', attributes: {} });
    fake.emitEvent({
      kind: 'alert.ids',
      source: 'ids',
      severity: 'critical',
      message: 'port scan from 10.0.0.9',
      attributes: { src_ip: '10.0.0.9', dpid: '0000000000000001' },
      payload: { ports: 1024 },
    });
    fake.emitEvent({ kind: 'plugin.failed', source: 'kernel', severity: 'warning', message: 'dns failed', attributes: {} });
    const [alert, failed] = await got;
    expect(alert).toMatchObject({
      kind: 'alert.ids',
      source: 'ids',
      severity: 'SEVERITY_CRITICAL',
      message: 'port scan from 10.0.0.9',
      attributes: { src_ip: '10.0.0.9', dpid: '0000000000000001' },
    });
    expect(JSON.parse(alert!.payload_json)).toEqual({ ports: 1024 });
    expect(failed).toMatchObject({ kind: 'plugin.failed', severity: 'SEVERITY_WARNING' });
    expect(BigInt(failed!.seq)).toBeGreaterThan(BigInt(alert!.seq));
    stream.on('error', () => {});
    stream.cancel();
    await until(() => fake.eventSubscribers === 0, 'unsubscribe after cancel');
  });

  it('ends a subscription with a malformed kind filter with INVALID_ARGUMENT', async () => {
    const stream = client.subscribeEvents({ kinds: ['Alert!'] });
    const err = await new Promise<ServiceError>((resolve) => stream.on('error', resolve));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolationsOf(err.metadata)[0]?.field).toBe('kinds[0]');
    expect(fake.eventSubscribers).toBe(0);
  });
});
