// The structured logger every part of sluice writes to.
//
// One record per call, written as a single line to a sink (stderr by default, so a CLI's
// stdout stays free for its own output). Child loggers carry bound fields, e.g.
// `log.child({ component: 'ofchannel', dpid })`, and share the parent's level and sink.
//
// Cost when disabled: a level check against a number and nothing else; callers that build
// expensive fields guard with `if (log.enabled('debug'))`. The level lives in a shared
// state object so `setLevel` on the root reaches every child already handed out.

import {
  formatJsonRecord,
  formatTextRecord,
  LOG_LEVEL_VALUE,
  type LogFields,
  type LogFormat,
  type LogLevel,
} from './log-record.js';

export type { LogFields, LogFormat, LogLevel } from './log-record.js';
export { LOG_LEVELS } from './log-record.js';

export interface Logger {
  trace(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  fatal(msg: string, fields?: LogFields): void;
  /** True when a record at `level` would be written. */
  enabled(level: LogLevel): boolean;
  /** A logger that adds `fields` to every record; later keys override earlier ones. */
  child(fields: LogFields): Logger;
}

/** Where finished lines go. Must not throw; the logger does not catch for it. */
export type LogSink = (line: string) => void;

export interface LoggerOptions {
  level?: LogLevel | 'silent';
  format?: LogFormat;
  sink?: LogSink;
  /** Injected so tests get stable timestamps. */
  now?: () => Date;
  fields?: LogFields;
}

interface SharedState {
  threshold: number;
  readonly format: (time: Date, level: LogLevel, msg: string, fields: LogFields) => string;
  readonly sink: LogSink;
  readonly now: () => Date;
}

export const stderrSink: LogSink = (line) => {
  process.stderr.write(line);
};

class StructuredLogger implements Logger {
  constructor(
    private readonly state: SharedState,
    private readonly bound: LogFields,
  ) {}

  private write(level: LogLevel, msg: string, fields: LogFields | undefined): void {
    if (LOG_LEVEL_VALUE[level] < this.state.threshold) return;
    const all = fields === undefined ? this.bound : { ...this.bound, ...fields };
    this.state.sink(this.state.format(this.state.now(), level, msg, all));
  }

  trace(msg: string, fields?: LogFields): void {
    this.write('trace', msg, fields);
  }
  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }
  fatal(msg: string, fields?: LogFields): void {
    this.write('fatal', msg, fields);
  }
  enabled(level: LogLevel): boolean {
    return LOG_LEVEL_VALUE[level] >= this.state.threshold;
  }
  child(fields: LogFields): Logger {
    return new StructuredLogger(this.state, { ...this.bound, ...fields });
  }
}

/** The root logger plus the one knob that is changed at run time. */
export interface RootLogger extends Logger {
  setLevel(level: LogLevel | 'silent'): void;
}

export function createLogger(options: LoggerOptions = {}): RootLogger {
  const state: SharedState = {
    threshold: LOG_LEVEL_VALUE[options.level ?? 'info'],
    format: (options.format ?? 'json') === 'json' ? formatJsonRecord : formatTextRecord,
    sink: options.sink ?? stderrSink,
    now: options.now ?? (() => new Date()),
  };
  const root = new StructuredLogger(state, options.fields ?? {});
  return Object.assign(root, {
    setLevel(level: LogLevel | 'silent'): void {
      state.threshold = LOG_LEVEL_VALUE[level];
    },
  });
}

/** Writes nothing; for tests and for code handed no logger. */
export function silentLogger(): Logger {
  return createLogger({ level: 'silent', sink: () => {} });
}
