/** sluice.v1.Plugins over a PluginsBackend. */
import { FieldViolationError, NotFoundError } from '../backend-errors.js';
import type { PluginsBackend } from '../backend.js';
import { unary } from '../call-handlers.js';
import type { PluginsHandlers } from '../generated/sluice/v1/Plugins.js';
import { pluginMessage } from '../proto-mapping.js';
import { RequestChecks } from '../request-checks.js';

export function pluginsService(backend: PluginsBackend): PluginsHandlers {
  /** The name, checked present and known, so backends only ever see real plugin names. */
  const knownName = (checks: RequestChecks, name: string): string => {
    checks.name('name', name);
    checks.done();
    if (!backend.list().some((p) => p.name === name)) throw new NotFoundError('plugin', name);
    return name;
  };

  return {
    List: unary(() => ({ plugins: backend.list().map(pluginMessage) })),

    Enable: unary(async (req) => pluginMessage(await backend.enable(knownName(new RequestChecks(), req.name)))),

    Disable: unary(async (req) => pluginMessage(await backend.disable(knownName(new RequestChecks(), req.name)))),

    Reload: unary(async (req) => {
      const checks = new RequestChecks();
      let config: unknown;
      if (req.config_json !== '') {
        try {
          config = JSON.parse(req.config_json);
        } catch (err) {
          checks.add('config_json', `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
          checks.add('config_json', 'must be a JSON object (the plugin\'s config section)');
        }
      }
      const name = knownName(checks, req.name);
      try {
        return pluginMessage(await backend.reload(name, config));
      } catch (err) {
        // The backend names paths inside the config section; the client sent them in config_json.
        if (err instanceof FieldViolationError) {
          throw new FieldViolationError(
            err.violations.map((v) => ({ field: `config_json.${v.field}`, description: v.description })),
          );
        }
        throw err;
      }
    }),
  };
}
