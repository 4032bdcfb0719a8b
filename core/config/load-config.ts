// loadConfig: the one way a sluice program reads its configuration.
//
// Input is a file path, inline YAML text (tests, the demo), or nothing (all defaults).
// The result carries the parsed value and the source, so later validation of plugin
// sections can still point at lines in the same file. Every failure, including an
// unreadable file and YAML syntax, is a ConfigError: callers print `err.message` and
// exit non-zero before opening any socket.

import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { YamlConfigSource, type ConfigSource } from './config-source.js';
import { validateSection } from './validate-section.js';

export type ConfigInput = { path: string } | { text: string; origin?: string } | undefined;

export interface LoadedConfig<T> {
  readonly value: T;
  /** Absent when the config came from defaults alone. */
  readonly source: ConfigSource | undefined;
}

export function loadConfig<S extends z.ZodType>(input: ConfigInput, schema: S): LoadedConfig<z.output<S>> {
  if (input === undefined) return { value: validateSection(schema, {}), source: undefined };
  let text: string;
  let origin: string;
  if ('path' in input) {
    origin = input.path;
    try {
      text = readFileSync(input.path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(err);
      throw new ConfigError([{ path: [], message: `cannot read config file: ${why}`, origin }]);
    }
  } else {
    text = input.text;
    origin = input.origin ?? '<inline>';
  }
  const { value, source } = YamlConfigSource.parse(text, origin);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([{ path: [], message: 'the config must be a mapping of sections', origin, line: 1, column: 1 }]);
  }
  return { value: validateSection(schema, value, { source }), source };
}
