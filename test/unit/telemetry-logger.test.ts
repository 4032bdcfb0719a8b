import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from '../../core/telemetry/logger.js';

const FIXED = new Date('2025-01-02T03:04:05.678Z');

function capture(level: LogLevel | 'silent' = 'trace', format: 'json' | 'text' = 'json') {
  const lines: string[] = [];
  const log = createLogger({ level, format, sink: (l) => lines.push(l), now: () => FIXED });
  return { log, lines };
}

describe('logger, JSON lines', () => {
  it('writes one JSON object per line with time, level, msg first and bound child fields', () => {
    const { log, lines } = capture();
    const ch = log.child({ component: 'ofchannel', dpid: 0x1n }).child({ peer: '10.0.0.1:5000' });
    ch.info('connected', { version: 4 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(lines[0]!.split('\n')).toHaveLength(2);
    expect(lines[0]!.startsWith('{"time":"2025-01-02T03:04:05.678Z","level":"info","msg":"connected"')).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2025-01-02T03:04:05.678Z',
      level: 'info',
      msg: 'connected',
      component: 'ofchannel',
      dpid: '1',
      peer: '10.0.0.1:5000',
      version: 4,
    });
  });

  it('filters below the level, and setLevel on the root reaches existing children', () => {
    const { log, lines } = capture('warn');
    const child = log.child({ component: 'x' });
    child.info('dropped');
    child.debug('dropped');
    child.warn('kept');
    expect(child.enabled('info')).toBe(false);
    log.setLevel('debug');
    child.debug('now kept');
    expect(child.enabled('debug')).toBe(true);
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['kept', 'now kept']);
    log.setLevel('silent');
    child.fatal('nothing');
    expect(lines).toHaveLength(2);
  });

  it('never throws on awkward values: errors, cycles, throwing toJSON, reserved keys', () => {
    const { log, lines } = capture();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const bad = {
      toJSON() {
        throw new Error('nope');
      },
    };
    log.error('boom', { err: new TypeError('bad thing'), cyclic, msg: 'shadow' });
    log.warn('odd', { bad });
    const first = JSON.parse(lines[0]!);
    expect(first.msg).toBe('boom');
    expect(first['field.msg']).toBe('shadow');
    expect(first.err).toMatchObject({ name: 'TypeError', message: 'bad thing' });
    expect(first.err.stack).toContain('TypeError: bad thing');
    expect(first.cyclic).toEqual({ a: 1, self: '[circular]' });
    expect(JSON.parse(lines[1]!).bad).toBe('[unserialisable: nope]');
  });
});

describe('logger, text format', () => {
  it('prints time, padded level, [component], message and key=value pairs', () => {
    const { log, lines } = capture('info', 'text');
    log.child({ component: 'lldp', dpid: 5 }).warn('link down', { port: 3, why: 'port status', n: undefined });
    expect(lines).toEqual(['2025-01-02T03:04:05.678Z WARN  [lldp] link down dpid=5 port=3 why="port status"\n']);
  });
});
