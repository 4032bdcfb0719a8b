/**
 * `sluice switch`: the software switch in the foreground.
 *
 *   sluice switch --port veth1 --port veth2=7 --controller tcp:127.0.0.1:6653 --dpid 0x1 \
 *                 --listen ptcp:6634 --fail-mode standalone --metrics off
 *
 * Options override the `switch:`, `logging:` and `metrics:` sections of `--config`. Every value
 * is checked, and every named interface looked up, before a socket or port is opened; a problem
 * is printed naming the option (or config path) and the process exits non-zero. The switch then
 * runs until SIGTERM or SIGINT and closes its connections and ports before exiting.
 */
import { Command, Option } from 'commander';
import {
  ConfigError, DEFAULT_SWITCH_CONTROLLER, DEFAULT_SWITCH_PASSIVE_LISTEN, loadConfig, parseEndpoint,
  sluiceConfigSchema, type SluiceConfig, type TcpEndpoint,
} from '../core/config/index.js';
import {
  LOG_LEVELS, MetricsRegistry, createLogger, parseMetricsUrl, startMetricsServer, type LogLevel, type MetricsEndpoint,
} from '../core/telemetry/index.js';
import type { FailMode } from './agent/index.js';
import { errnoName, errnoOf, loadNativeBinding } from './port/native-binding.js';
import { startSwitch, type PortSpec, type SwitchOptions } from './switch-main.js';

/** A value on the command line or in the config that cannot be used; the message names it. */
export class SwitchOptionError extends Error {
  override readonly name = 'SwitchOptionError';
}

/** What commander hands the action. */
export interface SwitchCliOptions {
  port: string[];
  controller: string[];
  dpid?: string;
  listen?: string;
  failMode?: string;
  config?: string;
  logLevel?: string;
  metrics?: string;
  probeInterval?: string;
}

export interface ResolvedSwitchCommand {
  switch: Omit<SwitchOptions, 'logger' | 'metrics'>;
  logLevel: LogLevel | 'silent';
  logFormat: 'json' | 'text';
  /** undefined: metrics off. */
  metrics: MetricsEndpoint | undefined;
}

/**
 * Datapath id as `--dpid` takes it: decimal (`10`), hex with 0x (`0xa`), or exactly 16 hex digits
 * like Open vSwitch prints (`000000000000000a`). Config files use hex (`switch.datapathId`).
 */
export function parseDpid(text: string, where: string, hexOnly = false): bigint {
  const t = text.trim();
  let value: bigint | undefined;
  if (/^0x[0-9a-f]{1,16}$/i.test(t)) value = BigInt(t);
  else if (/^[0-9a-f]{16}$/i.test(t) || (hexOnly && /^[0-9a-f]{1,16}$/i.test(t))) value = BigInt(`0x${t}`);
  else if (/^\d{1,20}$/.test(t)) value = BigInt(t);
  if (value === undefined || value > 0xffffffffffffffffn) {
    throw new SwitchOptionError(`${where}: expected a 64-bit datapath id (decimal, 0x-hex or 16 hex digits), got ${JSON.stringify(text)}`);
  }
  return value;
}

/** `veth1` or `veth1=7` (interface name, optional OpenFlow port number). */
export function parsePortSpec(text: string, where: string): PortSpec {
  const eq = text.lastIndexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  if (!/^[^\s/=:]{1,15}$/.test(name)) {
    throw new SwitchOptionError(`${where}: ${JSON.stringify(name)} is not a Linux interface name (1-15 characters, no spaces, '/' or ':')`);
  }
  if (eq < 0) return { name };
  const numText = text.slice(eq + 1);
  const portNo = /^\d{1,10}$/.test(numText) ? Number(numText) : NaN;
  if (!(portNo >= 1 && portNo <= 0xffffff00)) {
    throw new SwitchOptionError(`${where}: OpenFlow port number for ${name} must be 1..4294967040, got ${JSON.stringify(numText)}`);
  }
  return { name, portNo };
}

function endpoint(text: string, kind: 'tcp' | 'ptcp', where: string): TcpEndpoint {
  const parsed = parseEndpoint(text);
  if (!parsed.ok) throw new SwitchOptionError(`${where}: ${parsed.reason}`);
  if (parsed.endpoint.kind !== kind) throw new SwitchOptionError(`${where}: expected ${kind}:…, got ${JSON.stringify(text)}`);
  return parsed.endpoint;
}

function seconds(text: string, where: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 3600) throw new SwitchOptionError(`${where}: expected seconds 0..3600, got ${JSON.stringify(text)}`);
  return n;
}

/** Turns CLI options plus the config file into a switch description; opens nothing. */
export function resolveSwitchCommand(opts: SwitchCliOptions): ResolvedSwitchCommand {
  const cfg: SluiceConfig = loadConfig(opts.config === undefined ? undefined : { path: opts.config }, sluiceConfigSchema).value;
  const sw = cfg.switch;

  const ports = opts.port.length > 0
    ? opts.port.map((p) => parsePortSpec(p, '--port'))
    : sw.ports.map((p, i) => parsePortSpec(p, `switch.ports[${i}]`));
  const controllers = opts.controller.length > 0
    ? opts.controller.map((c) => endpoint(c, 'tcp', '--controller'))
    : sw.controllers.map((c, i) => endpoint(c, 'tcp', `switch.controllers[${i}]`));
  let dpid: bigint | undefined;
  if (opts.dpid !== undefined) dpid = parseDpid(opts.dpid, '--dpid');
  else if (sw.datapathId !== undefined) dpid = parseDpid(sw.datapathId, 'switch.datapathId', true);

  let passive: TcpEndpoint | undefined;
  if (opts.listen !== undefined) {
    if (opts.listen !== 'off') passive = endpoint(opts.listen, 'ptcp', '--listen');
  } else if (sw.passive.enabled) {
    passive = endpoint(sw.passive.listen, 'ptcp', 'switch.passive.listen');
  }

  const failMode = (opts.failMode ?? sw.failMode) as FailMode;
  if (failMode !== 'secure' && failMode !== 'standalone') {
    throw new SwitchOptionError(`--fail-mode: expected secure or standalone, got ${JSON.stringify(opts.failMode)}`);
  }
  const logLevel = (opts.logLevel ?? cfg.logging.level) as LogLevel | 'silent';
  if (logLevel !== 'silent' && !(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new SwitchOptionError(`--log-level: expected one of ${[...LOG_LEVELS, 'silent'].join(', ')}, got ${JSON.stringify(opts.logLevel)}`);
  }
  let metrics: MetricsEndpoint | undefined;
  const metricsText = opts.metrics ?? (cfg.metrics.enabled ? cfg.metrics.listen : 'off');
  if (metricsText !== 'off') {
    try {
      metrics = parseMetricsUrl(metricsText);
    } catch (err) {
      throw new SwitchOptionError(`--metrics: ${(err as Error).message}`);
    }
  }
  const probeMs = opts.probeInterval === undefined ? undefined : seconds(opts.probeInterval, '--probe-interval') * 1000;

  return {
    switch: {
      ports, controllers, failMode,
      ...(dpid === undefined ? {} : { dpid }),
      ...(passive === undefined ? {} : { passive }),
      ...(probeMs === undefined ? {} : { echoIntervalMs: probeMs, echoTimeoutMs: probeMs, standaloneAfterMs: Math.max(probeMs * 3, 1000) }),
    },
    logLevel,
    logFormat: cfg.logging.format,
    metrics,
  };
}

/** Looks every interface up before anything is opened, so a typo names the interface. */
export function checkInterfacesExist(ports: readonly PortSpec[]): void {
  const native = loadNativeBinding();
  for (const p of ports) {
    try {
      native.getInterfaceInfo(p.name);
    } catch (err) {
      const errno = errnoOf(err);
      const code = errno === undefined ? '' : errnoName(errno);
      if (code === 'ENODEV' || code === 'ENXIO') throw new SwitchOptionError(`--port: no such network interface: ${p.name}`);
      throw new SwitchOptionError(`--port: cannot read interface ${p.name}: ${(err as Error).message}`);
    }
  }
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function switchCommand(): Command {
  return new Command('switch')
    .description('run the OpenFlow 1.3 software switch on Linux interfaces (AF_PACKET ports)')
    .option('-p, --port <name[=ofport]>', 'interface to open as a port, repeatable; numbered 1, 2, … in order unless =N is given', collect, [])
    .option('-c, --controller <tcp:HOST:PORT>', `controller to connect to, repeatable (default ${DEFAULT_SWITCH_CONTROLLER})`, collect, [])
    .option('--dpid <id>', 'datapath id: decimal, 0x-hex or 16 hex digits (default: from the first port\'s MAC)')
    .option('--listen <ptcp:PORT[:HOST]|off>', `passive listener for ovs-ofctl (off by default; usual value ${DEFAULT_SWITCH_PASSIVE_LISTEN})`)
    .addOption(new Option('--fail-mode <mode>', 'secure: keep flows when controllers are gone; standalone: act as a learning switch').choices(['secure', 'standalone']))
    .option('--config <file>', 'YAML config (switch:, logging:, metrics: sections); options override it')
    .addOption(new Option('--log-level <level>', 'lowest log level written').choices([...LOG_LEVELS, 'silent']))
    .option('--metrics <url|off>', 'Prometheus endpoint, e.g. http://0.0.0.0:9464/metrics, or off')
    .option('--probe-interval <seconds>', 'idle time before ECHO_REQUEST, also its timeout (default 5)')
    .action(async (opts: SwitchCliOptions) => {
      process.exitCode = await runSwitchCommand(opts);
    });
}

/** Runs the switch until a signal; returns the exit status. */
export async function runSwitchCommand(opts: SwitchCliOptions): Promise<number> {
  let resolved: ResolvedSwitchCommand;
  try {
    resolved = resolveSwitchCommand(opts);
    if (resolved.switch.ports.length === 0) throw new SwitchOptionError('--port: give at least one interface (or switch.ports in the config)');
    checkInterfacesExist(resolved.switch.ports);
  } catch (err) {
    if (err instanceof SwitchOptionError || err instanceof ConfigError) {
      process.stderr.write(`sluice switch: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger({ level: resolved.logLevel, format: resolved.logFormat, fields: { program: 'sluice-switch' } });
  const metrics = new MetricsRegistry({ processMetricsPrefix: 'sluice_switch_process_' });
  let sw: Awaited<ReturnType<typeof startSwitch>>;
  try {
    sw = await startSwitch({ ...resolved.switch, logger, metrics });
  } catch (err) {
    process.stderr.write(`sluice switch: ${(err as Error).message}\n`);
    return 1;
  }
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  if (resolved.metrics) {
    try {
      metricsServer = await startMetricsServer(metrics, resolved.metrics);
    } catch (err) {
      await sw.close();
      process.stderr.write(`sluice switch: metrics: ${(err as Error).message}\n`);
      return 1;
    }
  }
  // Ports and sockets may all be unref'd or absent (no controller reachable yet); hold the
  // event loop open until a signal arrives.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info('stopping', { signal });
  clearInterval(keepAlive);
  await metricsServer?.stop();
  await sw.close();
  return 0;
}
