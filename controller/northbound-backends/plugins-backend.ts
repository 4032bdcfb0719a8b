/**
 * The northbound's Plugins face over the kernel's PluginHost.
 *
 * The host's vocabulary is its own lifecycle (loaded, started, skipped, stopped …); the API's
 * is what an operator asks about (running, failed, disabled), so states are translated here.
 * Errors too: an unknown name is NOT_FOUND, a refused operation FAILED_PRECONDITION, and a bad
 * config section INVALID_ARGUMENT with the path inside the plugin's section ("rules[3].dst").
 */
import { ConfigError } from '../../core/config/config-error.js';
import { formatConfigPath } from '../../core/config/config-path.js';
import type { PluginsSection } from '../../core/config/sluice-config.js';
import { PluginOperationError } from '../../core/kernel/plugin-errors.js';
import type { PluginHost, PluginStatus as HostPluginStatus } from '../../core/kernel/plugin-host.js';
import { FailedPreconditionError, FieldViolationError, NotFoundError } from '../northbound/backend-errors.js';
import type { PluginLifecycleState, PluginsBackend, PluginStatus } from '../northbound/backend.js';

const STATE: Record<HostPluginStatus['state'], PluginLifecycleState> = {
  loaded: 'starting',
  started: 'running',
  failed: 'failed',
  skipped: 'disabled',
  stopped: 'disabled',
  disabled: 'disabled',
};

/** Keys of a plugin entry the kernel owns; the rest is the plugin's own config. */
const KERNEL_KEYS = new Set(['enabled', 'required']);

export class PluginsAdapter implements PluginsBackend {
  /** Sections set at run time by reload, which replace the file's. */
  private readonly configs = new Map<string, unknown>();

  constructor(
    private readonly host: PluginHost,
    private readonly section: PluginsSection,
  ) {}

  list(): readonly PluginStatus[] {
    return this.host.list().map((s) => this.status(s));
  }

  async enable(name: string): Promise<PluginStatus> {
    this.exists(name);
    return this.status(await this.run(name, () => this.host.enable(name)));
  }

  async disable(name: string): Promise<PluginStatus> {
    const current = this.exists(name);
    if (current.required) throw new FailedPreconditionError(`plugin ${name} is required by config and cannot be disabled`);
    return this.status(await this.run(name, () => this.host.disable(name)));
  }

  async reload(name: string, config: unknown): Promise<PluginStatus> {
    this.exists(name);
    const status = await this.run(name, () => this.host.reload(name, config ?? undefined));
    if (config !== undefined && config !== null) this.configs.set(name, config);
    return this.status(status);
  }

  private exists(name: string): HostPluginStatus {
    const s = this.host.status(name);
    if (!s) throw new NotFoundError('plugin', name);
    return s;
  }

  private async run(name: string, op: () => Promise<HostPluginStatus>): Promise<HostPluginStatus> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof ConfigError) {
        // Paths come rooted at plugins.<name>; the client sent only the section.
        throw new FieldViolationError(err.issues.map((i) => ({
          field: formatConfigPath(i.path.slice(0, 2).join('.') === `plugins.${name}` ? i.path.slice(2) : i.path),
          description: i.message,
        })));
      }
      if (err instanceof PluginOperationError) throw new FailedPreconditionError(err.message);
      throw err;
    }
  }

  private status(s: HostPluginStatus): PluginStatus {
    return {
      name: s.name,
      version: s.version,
      description: s.description,
      state: STATE[s.state],
      reason: s.state === 'started' ? '' : (s.reason ?? ''),
      config: this.configs.get(s.name) ?? ownConfig(this.section[s.name]),
      dependsOn: s.dependsOn,
      required: s.required,
    };
  }
}

function ownConfig(entry: unknown): unknown {
  if (entry === null || typeof entry !== 'object') return {};
  return Object.fromEntries(Object.entries(entry).filter(([k]) => !KERNEL_KEYS.has(k)));
}
