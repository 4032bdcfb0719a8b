// Runs a zod schema over one part of a config and turns its issues into ConfigIssues with
// full paths and source positions.
//
// The top-level config and each plugin's section are validated by this same function; the
// plugin host passes `base = ['plugins', name]`, which is how a plugin's own schema error
// comes out as `plugins.firewall.rules[3].dst` with the line of `dst:` in sluice.yaml.

import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error.js';
import type { ConfigPath, ConfigPathSegment } from './config-path.js';
import type { ConfigSource } from './config-source.js';

export interface SectionContext {
  /** Path of `value` inside the whole config document. */
  base?: ConfigPath;
  source?: ConfigSource | undefined;
}

type ZodIssue = z.core.$ZodIssue;

/** Returns the parsed (defaults applied) value, or the list of issues. */
export function checkSection<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: SectionContext = {},
): { ok: true; value: z.output<S> } | { ok: false; issues: ConfigIssue[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const base = context.base ?? [];
  const issues = result.error.issues.flatMap((issue) => toConfigIssues(issue, base, context.source));
  return { ok: false, issues };
}

/** Like checkSection, but throws ConfigError. */
export function validateSection<S extends z.ZodType>(schema: S, value: unknown, context: SectionContext = {}): z.output<S> {
  const result = checkSection(schema, value, context);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.value;
}

function toConfigIssues(issue: ZodIssue, base: ConfigPath, source: ConfigSource | undefined): ConfigIssue[] {
  const here: ConfigPathSegment[] = [...base, ...issue.path.map(toSegment)];
  if (issue.code === 'unrecognized_keys') {
    // zod reports the object; users need the key itself, one issue per key, positioned on it.
    return issue.keys.map((key) => positioned([...here, key], 'unknown key', source, true));
  }
  if (issue.code === 'invalid_key') {
    // A record key failed its own schema (e.g. a plugin name); the inner issues say why.
    const why = issue.issues.map((i) => i.message).join('; ');
    return [positioned(here, `bad key: ${why}`, source, true)];
  }
  return [positioned(here, describeIssue(issue), source, false)];
}

function describeIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // "Invalid input: expected string, received number" → "expected string, received number"
      return issue.message.replace(/^Invalid input: /, '');
    case 'invalid_value':
      return issue.message.replace(/^Invalid (option|input): /, '');
    default:
      return issue.message;
  }
}

function positioned(path: ConfigPathSegment[], message: string, source: ConfigSource | undefined, key: boolean): ConfigIssue {
  const pos = source?.locate(path, { key });
  return {
    path,
    message,
    ...(source === undefined ? {} : { origin: source.origin }),
    ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
  };
}

function toSegment(seg: PropertyKey): ConfigPathSegment {
  return typeof seg === 'symbol' ? String(seg) : seg;
}
