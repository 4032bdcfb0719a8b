/**
 * The `sluice ctl` commands: each fetches over the northbound and renders a table or JSON.
 * Commands return an exit code; transport and status errors are left to runCtl, which words them
 * once for all commands.
 */
import { isIP } from 'node:net';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { parseDpid } from '../northbound/dpid-text.js';
import type { Dpid__Output } from '../northbound/generated/sluice/v1/Dpid.js';
import type { PathEndpoint } from '../northbound/generated/sluice/v1/PathEndpoint.js';
import type { PathMode } from '../northbound/generated/sluice/v1/PathMode.js';
import type { PortRef__Output } from '../northbound/generated/sluice/v1/PortRef.js';
import type { Severity } from '../northbound/generated/sluice/v1/Severity.js';
import type { TopologyEvent__Output } from '../northbound/generated/sluice/v1/TopologyEvent.js';
import type { Timestamp__Output } from '../northbound/generated/google/protobuf/Timestamp.js';
import type { CtlOptions } from './ctl-args.js';
import type { SluiceClient } from './ctl-client.js';
import { formatBps, formatTable } from './table-format.js';

export interface CtlIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Ends watch/events early (Ctrl-C in the CLI, a test's abort). */
  signal?: AbortSignal;
}

/** A usage problem found while interpreting arguments; runCtl prints it and exits 2. */
export class CtlUsageError extends Error {
  override readonly name = 'CtlUsageError';
}

type Command = (client: SluiceClient, opts: CtlOptions, io: CtlIo) => Promise<number>;

const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** JSON with Buffers as hex (instructions) rather than Node's {type, data} form. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
      return Buffer.from((v as { data: number[] }).data).toString('hex');
    }
    return v;
  });
}

const dpidText = (d: Dpid__Output | null | undefined) => d?.text ?? '?';
const portText = (p: PortRef__Output | null | undefined) => (p ? `${dpidText(p.dpid)}:${p.port_no}` : '?');
const timeText = (t: Timestamp__Output | null | undefined) =>
  t ? new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6)).toISOString() : '-';

function switchFilter(opts: CtlOptions): { text: string } | undefined {
  if (opts.switch === undefined) return undefined;
  const parsed = parseDpid(opts.switch);
  if (!parsed.ok) throw new CtlUsageError(`--switch: ${parsed.reason}`);
  return { text: opts.switch };
}

const switches: Command = async (client, opts, io) => {
  const { datapaths } = await client.datapaths.List({});
  if (opts.json) {
    io.stdout(toJson(datapaths) + '\n');
    return 0;
  }
  io.stdout(
    formatTable(
      [{ header: 'DPID' }, { header: 'STATE' }, { header: 'ADDRESS' }, { header: 'PORTS', numeric: true }, { header: 'TABLES', numeric: true }, { header: 'DESCRIPTION' }],
      datapaths.map((d) => [
        dpidText(d.dpid),
        d.connected ? 'connected' : 'disconnected',
        d.remote_address,
        String(d.port_count),
        String(d.n_tables),
        d.description,
      ]),
    ),
  );
  return 0;
};

const links: Command = async (client, opts, io) => {
  const { links: list } = await client.topology.ListLinks({ dpid: switchFilter(opts) });
  if (opts.json) {
    io.stdout(toJson(list) + '\n');
    return 0;
  }
  io.stdout(
    formatTable(
      [{ header: 'SRC' }, { header: 'DST' }, { header: 'BANDWIDTH', numeric: true }, { header: 'DISCOVERED' }],
      list.map((l) => [portText(l.src), portText(l.dst), formatBps(BigInt(l.bandwidth_bps)), timeText(l.discovered_at)]),
    ),
  );
  return 0;
};

const hosts: Command = async (client, opts, io) => {
  const { hosts: list } = await client.topology.ListHosts({ dpid: switchFilter(opts) });
  if (opts.json) {
    io.stdout(toJson(list) + '\n');
    return 0;
  }
  io.stdout(
    formatTable(
      [{ header: 'MAC' }, { header: 'IPS' }, { header: 'VLAN', numeric: true }, { header: 'LOCATION' }, { header: 'LAST SEEN' }],
      list.map((h) => [h.mac, h.ips.join(',') || '-', h.vlan_vid ? String(h.vlan_vid) : '-', portText(h.location), timeText(h.last_seen)]),
    ),
  );
  return 0;
};

const flows: Command = async (client, opts, io) => {
  const { flows: list } = await client.flows.List({
    dpid: switchFilter(opts),
    table_id: opts.table === undefined ? undefined : { value: opts.table },
    owner: opts.owner ?? '',
  });
  if (opts.json) {
    io.stdout(toJson(list) + '\n');
    return 0;
  }
  io.stdout(
    formatTable(
      [
        { header: 'DPID' }, { header: 'TABLE', numeric: true }, { header: 'PRIORITY', numeric: true }, { header: 'COOKIE' },
        { header: 'OWNER' }, { header: 'PACKETS', numeric: true }, { header: 'BYTES', numeric: true }, { header: 'MATCH' },
        { header: 'INSTRUCTIONS' },
      ],
      list.map((f) => [
        dpidText(f.dpid),
        String(f.table_id),
        String(f.priority),
        `0x${BigInt(f.cookie).toString(16).padStart(16, '0')}`,
        f.owner || '-',
        f.packet_count,
        f.byte_count,
        f.match.map((m) => `${m.field}=${m.value}${m.mask ? `/${m.mask}` : ''}`).join(',') || '*',
        f.instructions_text || '-',
      ]),
    ),
  );
  return 0;
};

function endpoint(name: string, text: string | undefined): PathEndpoint {
  if (text === undefined) throw new CtlUsageError('path wants two endpoints: sluice ctl path A B');
  if (MAC.test(text)) return { mac: text };
  if (isIP(text) !== 0) return { ip: text };
  if (parseDpid(text).ok) return { dpid: { text } };
  throw new CtlUsageError(`${name}: "${text}" is not a MAC, an IP address or a datapath id`);
}

const MODES: Record<string, PathMode> = {
  shortest: 'PATH_MODE_SHORTEST',
  'k-shortest': 'PATH_MODE_K_SHORTEST',
  ecmp: 'PATH_MODE_ECMP',
};

const path: Command = async (client, opts, io) => {
  const src = endpoint('A', opts.positionals[0]);
  const dst = endpoint('B', opts.positionals[1]);
  const mode = MODES[opts.mode ?? 'shortest'];
  if (!mode) throw new CtlUsageError(`--mode: "${opts.mode}" is not one of ${Object.keys(MODES).join(', ')}`);
  const k = opts.k ?? (mode === 'PATH_MODE_K_SHORTEST' ? 3 : 0);
  const { paths } = await client.paths.Compute({ src, dst, mode, k });
  if (opts.json) {
    io.stdout(toJson(paths) + '\n');
    return 0;
  }
  if (paths.length === 0) {
    io.stdout('no path\n');
    return 0;
  }
  io.stdout(
    formatTable(
      [{ header: '#', numeric: true }, { header: 'COST', numeric: true }, { header: 'HOPS' }],
      paths.map((p, i) => [
        String(i + 1),
        String(p.cost),
        p.hops.map((h) => `${dpidText(h.dpid)}[${h.in_port || '-'}>${h.out_port || '-'}]`).join(' -> '),
      ]),
    ),
  );
  return 0;
};

const plugins: Command = async (client, opts, io) => {
  const { plugins: list } = await client.plugins.List({});
  if (opts.json) {
    io.stdout(toJson(list) + '\n');
    return 0;
  }
  io.stdout(
    formatTable(
      [{ header: 'NAME' }, { header: 'STATE' }, { header: 'VERSION' }, { header: 'REQUIRED' }, { header: 'REASON' }],
      list.map((p) => [
        p.name,
        p.state.replace('PLUGIN_STATE_', '').toLowerCase(),
        p.version,
        p.required ? 'yes' : 'no',
        p.reason || '-',
      ]),
    ),
  );
  return 0;
};

/**
 * Prints a stream's messages until the server ends it, --count messages arrived, or the io signal
 * aborts. Resolves 0 on a clean end; rejects with the stream's error otherwise.
 */
function follow<T>(stream: ClientReadableStream<T>, opts: CtlOptions, io: CtlIo, line: (m: T) => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      io.signal?.removeEventListener('abort', stop);
      stream.cancel();
      resolve(0);
    };
    io.signal?.addEventListener('abort', stop);
    if (io.signal?.aborted) stop();
    stream.on('data', (m: T) => {
      if (stopped) return;
      io.stdout((opts.json ? toJson(m) : line(m)) + '\n');
      if (opts.count !== undefined && ++seen >= opts.count) stop();
    });
    stream.on('error', (err) => {
      if (stopped) return; // our own cancel
      stopped = true;
      reject(err);
    });
    stream.on('end', () => {
      if (!stopped) {
        stopped = true;
        resolve(0);
      }
    });
  });
}

function topologyLine(e: TopologyEvent__Output): string {
  const type = e.type.replace('TOPOLOGY_EVENT_TYPE_', '').toLowerCase().replaceAll('_', '-');
  let subject = '';
  if (e.switch) subject = `switch ${dpidText(e.switch.dpid)}`;
  else if (e.link) subject = `link ${portText(e.link.src)} -> ${portText(e.link.dst)}`;
  else if (e.host) {
    subject = `host ${e.host.mac} at ${portText(e.host.location)}`;
    if (e.previous_host) subject += ` (was ${portText(e.previous_host.location)})`;
  }
  return `${timeText(e.time)}  ${type}${subject ? `  ${subject}` : ''}`;
}

const watch: Command = (client, opts, io) =>
  follow(client.watchTopology({ include_snapshot: opts.snapshot }), opts, io, topologyLine);

const SEVERITIES: Record<string, Severity> = {
  debug: 'SEVERITY_DEBUG',
  info: 'SEVERITY_INFO',
  warning: 'SEVERITY_WARNING',
  critical: 'SEVERITY_CRITICAL',
};

const events: Command = (client, opts, io) => {
  const min = opts.minSeverity === undefined ? 'SEVERITY_UNSPECIFIED' : SEVERITIES[opts.minSeverity];
  if (!min) throw new CtlUsageError(`--min-severity: "${opts.minSeverity}" is not one of ${Object.keys(SEVERITIES).join(', ')}`);
  return follow(client.subscribeEvents({ kinds: opts.positionals, min_severity: min }), opts, io, (e) => {
    const sev = e.severity.replace('SEVERITY_', '').toLowerCase();
    return `${timeText(e.time)}  ${sev.padEnd(8)}  ${e.kind}  ${e.source}: ${e.message}`;
  });
};

export const CTL_COMMANDS: Readonly<Record<string, Command>> = {
  switches,
  links,
  hosts,
  flows,
  path,
  plugins,
  watch,
  events,
};
