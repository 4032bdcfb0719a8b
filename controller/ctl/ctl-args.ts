/**
 * Command-line parsing for `sluice ctl`. Uses node:util parseArgs (no process.exit, no global
 * state) so runCtl can be called in-process by tests and by the `sluice` dispatcher alike.
 */
import { parseArgs } from 'node:util';

export const DEFAULT_CTL_SERVER = '127.0.0.1:50051';

export const CTL_USAGE = `usage: sluice ctl [options] <command>

commands:
  switches                 datapaths known to the controller
  links [--switch DPID]    links discovered by LLDP
  hosts [--switch DPID]    hosts learned at edge ports
  flows [--switch DPID] [--table N] [--owner NAME]
                           flow entries with their owning plugin
  path A B [--mode shortest|k-shortest|ecmp] [--k N]
                           paths between hosts (MAC or IP) or switches (DPID)
  plugins                  plugins with state, version and reason
  watch [--snapshot] [--count N]
                           topology changes as they happen
  events [KIND...] [--min-severity debug|info|warning|critical] [--count N]
                           controller events and alerts as they happen

options:
  --server HOST:PORT       northbound address (default $SLUICE_SERVER or ${DEFAULT_CTL_SERVER})
  --token TOKEN            bearer token (default $SLUICE_TOKEN)
  --tls-ca FILE            PEM CA of the server certificate; enables TLS
  --timeout MS             per-call deadline (default 10000)
  --json                   JSON instead of a table (one object per line for watch/events)
  -h, --help               this text
`;

export interface CtlOptions {
  command: string;
  positionals: string[];
  server: string;
  token?: string;
  tlsCa?: string;
  timeoutMs: number;
  json: boolean;
  switch?: string;
  table?: number;
  owner?: string;
  mode?: string;
  k?: number;
  snapshot: boolean;
  count?: number;
  minSeverity?: string;
  help: boolean;
}

/** Parsed options, or a usage error message. */
export function parseCtlArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CtlOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        'tls-ca': { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean', default: false },
        switch: { type: 'string' },
        table: { type: 'string' },
        owner: { type: 'string' },
        mode: { type: 'string' },
        k: { type: 'string' },
        snapshot: { type: 'boolean', default: false },
        count: { type: 'string' },
        'min-severity': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  const v = parsed.values;
  const [command = '', ...positionals] = parsed.positionals;
  const int = (name: string, text: string | undefined, min: number): number | string | undefined => {
    if (text === undefined) return undefined;
    if (!/^[0-9]+$/.test(text) || Number(text) < min) return `--${name} wants an integer >= ${min}, got "${text}"`;
    return Number(text);
  };
  const timeout = int('timeout', v.timeout, 1);
  const table = int('table', v.table, 0);
  const k = int('k', v.k, 1);
  const count = int('count', v.count, 1);
  for (const n of [timeout, table, k, count]) if (typeof n === 'string') return n;
  return {
    command,
    positionals,
    server: v.server ?? env.SLUICE_SERVER ?? DEFAULT_CTL_SERVER,
    token: v.token ?? env.SLUICE_TOKEN,
    tlsCa: v['tls-ca'],
    timeoutMs: (timeout as number | undefined) ?? 10_000,
    json: v.json ?? false,
    switch: v.switch,
    table: table as number | undefined,
    owner: v.owner,
    mode: v.mode,
    k: k as number | undefined,
    snapshot: v.snapshot ?? false,
    count: count as number | undefined,
    minSeverity: v['min-severity'],
    help: v.help ?? false,
  };
}
