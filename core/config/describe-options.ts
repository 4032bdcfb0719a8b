// Lists every option of a schema with its type, default and description, for `--help`,
// `sluice config defaults` and the README. It reads the zod schema itself, so the list
// cannot drift from what the loader accepts.

import { z } from 'zod';
import { formatConfigPath, type ConfigPath } from './config-path.js';
import { sluiceConfigSchema } from './sluice-config.js';

export interface OptionDescription {
  /** Dotted path; arrays use `[]`, record keys `<name>`. */
  path: string;
  type: string;
  /** JSON text of the default, or undefined when the option has none (optional or required). */
  default: string | undefined;
  description: string | undefined;
}

type AnySchema = z.core.$ZodType;

function describe(schema: AnySchema): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

function typeName(schema: AnySchema): string {
  const def = schema._zod.def;
  switch (def.type) {
    case 'enum':
      return Object.values((def as z.core.$ZodEnumDef).entries).map((v) => JSON.stringify(v)).join(' | ');
    case 'literal':
      return (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values.map((v) => JSON.stringify(v)).join(' | ');
    case 'array':
      return `${typeName((def as z.core.$ZodArrayDef).element)}[]`;
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return typeName((def as z.core.$ZodOptionalDef).innerType);
    case 'pipe':
      return typeName((def as z.core.$ZodPipeDef).out);
    case 'union':
      return (def as z.core.$ZodUnionDef).options.map(typeName).join(' | ');
    case 'object':
      return 'mapping';
    case 'record':
      return 'mapping';
    case 'int':
      return 'integer';
    default:
      return def.type;
  }
}

function collect(schema: AnySchema, path: string[], inherited: { default?: string; description?: string }, out: OptionDescription[]): void {
  const def = schema._zod.def;
  const description = describe(schema) ?? inherited.description;
  switch (def.type) {
    case 'default': {
      const value = (def as z.core.$ZodDefaultDef).defaultValue;
      collect((def as z.core.$ZodDefaultDef).innerType, path, { default: JSON.stringify(value), ...(description === undefined ? {} : { description }) }, out);
      return;
    }
    case 'prefault':
    case 'optional':
    case 'nullable':
      collect((def as z.core.$ZodOptionalDef).innerType, path, { ...inherited, ...(description === undefined ? {} : { description }) }, out);
      return;
    case 'pipe':
      // Preprocess wraps the real schema as the pipe's output.
      collect((def as z.core.$ZodPipeDef).out, path, { ...inherited, ...(description === undefined ? {} : { description }) }, out);
      return;
    case 'object': {
      const shape = (def as z.core.$ZodObjectDef).shape;
      for (const [key, child] of Object.entries(shape)) collect(child, [...path, key], {}, out);
      return;
    }
    case 'record': {
      out.push({ path: formatConfigPath(path as ConfigPath), type: 'mapping', default: inherited.default, description });
      collect((def as z.core.$ZodRecordDef).valueType, [...path, '<name>'], {}, out);
      return;
    }
    default:
      out.push({ path: formatConfigPath(path as ConfigPath).replace(/\["<name>"\]/g, '.<name>'), type: typeName(schema), default: inherited.default, description });
  }
}

/** Every leaf option of `schema` (default: the whole sluice.yaml), prefixed by `base`. */
export function describeOptions(schema: AnySchema = sluiceConfigSchema, base: readonly string[] = []): OptionDescription[] {
  const out: OptionDescription[] = [];
  collect(schema, [...base], {}, out);
  return out.map((o) => ({ ...o, path: o.path.replace(/\["<name>"\]/g, '.<name>') }));
}

/** One option per entry: `path = default`, then its type and description indented below. */
export function formatOptions(options: readonly OptionDescription[]): string {
  const width = Math.max(...options.map((o) => o.path.length));
  return options
    .map((o) => {
      const head = `${o.path.padEnd(width)}  = ${o.default ?? '(none)'}`;
      return `${head}\n${' '.repeat(4)}${o.type}${o.description === undefined ? '' : ` — ${o.description}`}`;
    })
    .join('\n');
}

/** The full option list of sluice.yaml with defaults, as text for `--help` and the README. */
export function describeDefaults(): string {
  return formatOptions(describeOptions());
}
