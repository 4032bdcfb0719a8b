import { describe, expect, it } from 'vitest';
import { EventBus, EventBusTimeoutError } from '../../core/kernel/event-bus.js';
import { createLogger } from '../../core/telemetry/logger.js';

interface TestEvents {
  'link.down': { dpid: number; port: number };
  'host.added': { mac: string };
}

function setup() {
  const lines: string[] = [];
  const log = createLogger({ level: 'trace', sink: (l) => lines.push(l) });
  return { bus: new EventBus<TestEvents>(log), logged: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('EventBus', () => {
  it('delivers to listeners in registration order; off and dispose remove them', () => {
    const { bus } = setup();
    const seen: string[] = [];
    const a = (e: { dpid: number }) => void seen.push(`a${e.dpid}`);
    bus.on('link.down', a);
    const b = bus.on('link.down', (e) => void seen.push(`b${e.port}`));
    bus.emit('link.down', { dpid: 1, port: 2 });
    bus.off('link.down', a);
    bus.emit('link.down', { dpid: 3, port: 4 });
    b.dispose();
    bus.emit('link.down', { dpid: 5, port: 6 });
    expect(seen).toEqual(['a1', 'b2', 'b4']);
    expect(bus.listenerCount('link.down')).toBe(0);
  });

  it('once fires a single time', () => {
    const { bus } = setup();
    let n = 0;
    bus.once('host.added', () => void n++);
    bus.emit('host.added', { mac: 'x' });
    bus.emit('host.added', { mac: 'y' });
    expect(n).toBe(1);
  });

  it('a throwing listener is logged and does not stop emit or later listeners', () => {
    const { bus, logged } = setup();
    const seen: string[] = [];
    bus.on('host.added', function brokenListener() {
      throw new Error('listener bug');
    });
    bus.on('host.added', (e) => void seen.push(e.mac));
    expect(() => bus.emit('host.added', { mac: 'aa' })).not.toThrow();
    expect(seen).toEqual(['aa']);
    expect(logged()).toEqual([
      expect.objectContaining({ level: 'error', msg: 'event listener threw', event: 'host.added', listener: 'brokenListener', err: expect.objectContaining({ message: 'listener bug' }) }),
    ]);
  });

  it('a rejecting async listener is logged too, and settled() waits for async listeners', async () => {
    const { bus, logged } = setup();
    const done: string[] = [];
    bus.on('host.added', async (e) => {
      await new Promise((r) => setTimeout(r, 5));
      done.push(e.mac);
    });
    bus.on('host.added', async () => {
      await Promise.resolve();
      throw new Error('async bug');
    });
    bus.emit('host.added', { mac: 'bb' });
    expect(done).toEqual([]);
    await bus.settled();
    expect(done).toEqual(['bb']);
    expect(logged()).toEqual([expect.objectContaining({ msg: 'async event listener failed', err: expect.objectContaining({ message: 'async bug' }) })]);
  });

  it('a listener added during emit sees only later events', () => {
    const { bus } = setup();
    const seen: string[] = [];
    bus.on('host.added', () => {
      bus.on('host.added', (e) => void seen.push(`late ${e.mac}`));
    });
    bus.emit('host.added', { mac: '1' });
    expect(seen).toEqual([]);
  });

  it('subscribe() yields events of the chosen types as an async iterator and ends on dispose', async () => {
    const { bus } = setup();
    const sub = bus.subscribe(['link.down', 'host.added']);
    bus.emit('host.added', { mac: 'm1' });
    bus.emit('link.down', { dpid: 1, port: 9 });
    const got: string[] = [];
    const reader = (async () => {
      for await (const ev of sub) {
        got.push(ev.type === 'host.added' ? `host ${ev.payload.mac}` : `link ${ev.payload.port}`);
        if (got.length === 3) break;
      }
    })();
    await new Promise((r) => setTimeout(r, 1));
    bus.emit('host.added', { mac: 'm2' });
    await reader;
    expect(got).toEqual(['host m1', 'link 9', 'host m2']);
    // break → return() → listeners removed
    expect(bus.listenerCount('host.added')).toBe(0);
  });

  it('a slow subscriber loses the oldest events beyond its buffer and counts them', async () => {
    const { bus } = setup();
    const sub = bus.subscribe(['host.added'], { bufferSize: 2 });
    for (const mac of ['a', 'b', 'c', 'd']) bus.emit('host.added', { mac });
    expect(sub.dropped).toBe(2);
    expect((await sub.next()).value).toEqual({ type: 'host.added', payload: { mac: 'c' } });
    expect((await sub.next()).value?.payload.mac).toBe('d');
    const pending = sub.next();
    sub.dispose();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(() => bus.subscribe(['host.added'], { bufferSize: 0 })).toThrow(RangeError);
  });

  it('waitFor resolves on a matching event, rejects on timeout', async () => {
    const { bus } = setup();
    const p = bus.waitFor('link.down', { predicate: (e) => e.port === 2, timeoutMs: 1000 });
    bus.emit('link.down', { dpid: 1, port: 1 });
    bus.emit('link.down', { dpid: 1, port: 2 });
    expect(await p).toEqual({ dpid: 1, port: 2 });
    await expect(bus.waitFor('link.down', { timeoutMs: 5 })).rejects.toBeInstanceOf(EventBusTimeoutError);
    expect(bus.listenerCount('link.down')).toBe(0);
    const ac = new AbortController();
    const aborted = bus.waitFor('link.down', { signal: ac.signal });
    ac.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
  });
});
