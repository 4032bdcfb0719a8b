/**
 * `sluice controller`: the OpenFlow 1.3 controller in the foreground.
 *
 *   sluice controller [--config sluice.yaml] [--listen tcp:0.0.0.0:6653] [--connect tcp:HOST:PORT]...
 *                     [--log-level info] [--check-config]
 *
 * Options override `controller.listen` and `logging.level`. The whole config (plugin sections
 * included) is validated before any socket opens; a problem is printed as the ConfigError's
 * `file:line:col: path: reason` lines and the process exits 1. `--check-config` stops there
 * with exit 0. Otherwise the controller runs until SIGTERM/SIGINT and stops in order.
 */
import { Command, Option } from 'commander';
import { ConfigError, type ConfigIssue } from '../core/config/config-error.js';
import { parseEndpoint } from '../core/config/endpoint.js';
import { loadConfig } from '../core/config/load-config.js';
import { sluiceConfigSchema } from '../core/config/sluice-config.js';
import { Kernel } from '../core/kernel/kernel.js';
import { LOG_LEVELS } from '../core/telemetry/logger.js';
import { startController } from './controller-main.js';
import { PLUGIN_REGISTRY } from './plugin-registry.js';

export interface ControllerCliOptions {
  config?: string;
  listen?: string;
  connect: string[];
  logLevel?: string;
  checkConfig?: boolean;
}

/** Where the command writes; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const stdio: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function optionIssue(option: string, message: string): ConfigIssue {
  return { path: [], message, origin: option };
}

/**
 * Loads and checks everything; returns the loaded config with command-line overrides applied,
 * or throws ConfigError. Opens nothing.
 */
export function resolveControllerConfig(opts: ControllerCliOptions) {
  const loaded = loadConfig(opts.config === undefined ? undefined : { path: opts.config }, sluiceConfigSchema);
  const issues: ConfigIssue[] = [];
  const checkTcp = (text: string, option: string): void => {
    const parsed = parseEndpoint(text);
    if (!parsed.ok) issues.push(optionIssue(option, parsed.reason));
    else if (parsed.endpoint.kind !== 'tcp') issues.push(optionIssue(option, `expected tcp:HOST:PORT, got ${JSON.stringify(text)}`));
  };
  if (opts.listen !== undefined) checkTcp(opts.listen, '--listen');
  for (const c of opts.connect) checkTcp(c, '--connect');
  if (opts.logLevel !== undefined && ![...LOG_LEVELS, 'silent'].includes(opts.logLevel)) {
    issues.push(optionIssue('--log-level', `expected one of ${[...LOG_LEVELS, 'silent'].join(', ')}, got ${JSON.stringify(opts.logLevel)}`));
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const value = {
    ...loaded.value,
    controller: { ...loaded.value.controller, ...(opts.listen === undefined ? {} : { listen: opts.listen }) },
    logging: { ...loaded.value.logging, ...(opts.logLevel === undefined ? {} : { level: opts.logLevel as typeof loaded.value.logging.level }) },
  };
  const config = { value, source: loaded.source };
  // Plugin sections are judged by each plugin's own schema; the kernel's plan does that
  // without starting anything, and throws ConfigError (or PluginDependencyError).
  new Kernel({ config, registry: PLUGIN_REGISTRY, logSink: () => {} }).check();
  return config;
}

/** Runs the command; resolves with the exit code once the controller has stopped (or failed to start). */
export async function runController(opts: ControllerCliOptions, io: CliIo = stdio, signal?: AbortSignal): Promise<number> {
  let config;
  try {
    config = resolveControllerConfig(opts);
  } catch (err) {
    // ConfigError, or a plugin dependency problem: either way the message says what and where.
    io.err(err instanceof Error ? err.message : String(err));
    return 1;
  }
  if (opts.checkConfig) {
    io.out(`config OK${opts.config === undefined ? ' (defaults)' : `: ${opts.config}`}`);
    return 0;
  }
  let ctl;
  try {
    ctl = await startController({ config, connect: [...config.value.controller.connect, ...opts.connect], northbound: {} });
  } catch (err) {
    io.err(`sluice controller: cannot start: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done, { once: true });
  });
  await ctl.stop();
  return 0;
}

export function controllerCommand(): Command {
  return new Command('controller')
    .description('run the OpenFlow 1.3 controller (default listen tcp:0.0.0.0:6653)')
    .option('-c, --config <file>', 'sluice.yaml to load (defaults apply to everything missing)')
    .option('-l, --listen <endpoint>', 'OpenFlow listen address, tcp:HOST:PORT (overrides controller.listen)')
    .option('--connect <endpoint>', 'dial a passive switch, tcp:HOST:PORT (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option('--log-level <level>', 'lowest log level written (overrides logging.level)').choices([...LOG_LEVELS, 'silent']))
    .option('--check-config', 'validate the config and options, then exit without opening any socket')
    .action(async (opts: ControllerCliOptions) => {
      process.exitCode = await runController(opts);
    });
}
