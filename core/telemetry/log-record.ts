// Turns one log call into one line of text, in either of the two formats the logger offers.
//
// JSON lines (the default) are for machines: one object per line, fixed leading keys
// `time`, `level`, `msg`, then the bound and per-call fields. `text` is for a person at a
// terminal: `2025-01-02T03:04:05.678Z INFO  [ofchannel] connected dpid=0x1 peer=10.0.0.1:51234`.
//
// Field values come from anywhere in the program, so serialisation must never throw:
// bigint (datapath ids) becomes a decimal string, Error becomes {name, message, stack},
// cycles become "[circular]".

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export type LogFormat = 'json' | 'text';
export type LogFields = Readonly<Record<string, unknown>>;

/** Numeric severity, higher is more severe; `silent` is above every level. */
export const LOG_LEVEL_VALUE = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: 100,
} as const satisfies Record<LogLevel | 'silent', number>;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const satisfies readonly LogLevel[];

function errorToPlain(err: Error): Record<string, unknown> {
  const plain: Record<string, unknown> = { name: err.name, message: err.message };
  const code = (err as { code?: unknown }).code;
  if (code !== undefined) plain['code'] = code;
  if (err.stack !== undefined) plain['stack'] = err.stack;
  return plain;
}

function jsonReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return function replace(_key, value) {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return errorToPlain(value);
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  };
}

function safeStringify(value: unknown): string {
  // Primitives are most fields (ports, names, counts): skip the replacer machinery for them.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    default:
      break;
  }
  try {
    return JSON.stringify(value, jsonReplacer()) ?? 'null';
  } catch (err) {
    // A throwing toJSON or getter: keep the line, say why the value is missing.
    return JSON.stringify(`[unserialisable: ${err instanceof Error ? err.message : String(err)}]`);
  }
}

export function formatJsonRecord(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  const head = `{"time":"${time.toISOString()}","level":"${level}","msg":${JSON.stringify(msg)}`;
  let body = '';
  for (const key of Object.keys(fields)) {
    // Bound fields must not overwrite the fixed keys a log shipper indexes on.
    const name = key === 'time' || key === 'level' || key === 'msg' ? `field.${key}` : key;
    const value = fields[key];
    if (value === undefined) continue;
    body += `,${JSON.stringify(name)}:${safeStringify(value)}`;
  }
  return `${head}${body}}\n`;
}

function textValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? safeStringify(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Error) return safeStringify(value.message);
  return safeStringify(value);
}

export function formatTextRecord(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  let component = '';
  let rest = '';
  let stack = '';
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined) continue;
    if (key === 'component' && typeof value === 'string') {
      component = ` [${value}]`;
      continue;
    }
    if (value instanceof Error && value.stack !== undefined) stack += `\n${value.stack}`;
    rest += ` ${key}=${textValue(value)}`;
  }
  return `${time.toISOString()} ${level.toUpperCase().padEnd(5)}${component} ${msg}${rest}${stack}\n`;
}
