import { describe, expect, it } from 'vitest';
import { PacketInChain, packetInPriority, packetInStageOf } from '../../core/kernel/packet-in-chain.js';
import { createLogger } from '../../core/telemetry/logger.js';

interface Ctx {
  port: number;
  trail: string[];
}

function setup() {
  const lines: string[] = [];
  const chain = new PacketInChain<Ctx>(createLogger({ sink: (l) => lines.push(l) }));
  return { chain, lines };
}

const trace = (name: string, verdict: 'consume' | 'continue' = 'continue') => (c: Ctx) => {
  c.trail.push(name);
  return verdict;
};

describe('PacketInChain', () => {
  it('runs processors by priority across stages, whatever the registration order', () => {
    const { chain } = setup();
    chain.register('l2', packetInPriority('forwarding', 10), trace('l2'));
    chain.register('ids', packetInPriority('inspection'), trace('ids'));
    chain.register('firewall', packetInPriority('admission', 20), trace('firewall'));
    chain.register('zerotrust', packetInPriority('admission', 10), trace('zerotrust'));
    chain.register('dns', packetInPriority('services'), trace('dns'));
    chain.register('l3', packetInPriority('forwarding', 5), trace('l3'));
    const ctx = { port: 1, trail: [] };
    expect(chain.dispatch(ctx)).toBeUndefined();
    expect(ctx.trail).toEqual(['zerotrust', 'firewall', 'ids', 'dns', 'l3', 'l2']);
    expect(chain.list().map((p) => [p.name, p.priority, p.stage])).toEqual([
      ['zerotrust', 110, 'admission'],
      ['firewall', 120, 'admission'],
      ['ids', 200, 'inspection'],
      ['dns', 300, 'services'],
      ['l3', 405, 'forwarding'],
      ['l2', 410, 'forwarding'],
    ]);
  });

  it('equal priorities keep registration order', () => {
    const { chain } = setup();
    chain.register('b', 300, trace('b'));
    chain.register('a', 300, trace('a'));
    const ctx = { port: 1, trail: [] };
    chain.dispatch(ctx);
    expect(ctx.trail).toEqual(['b', 'a']);
  });

  it('a consuming processor stops the chain and is reported', () => {
    const { chain } = setup();
    chain.register('firewall', 110, (c) => (c.trail.push('firewall'), c.port === 66 ? 'consume' : 'continue'));
    chain.register('l2', 410, trace('l2', 'consume'));
    const blocked = { port: 66, trail: [] };
    expect(chain.dispatch(blocked)).toBe('firewall');
    expect(blocked.trail).toEqual(['firewall']);
    const passed = { port: 1, trail: [] };
    expect(chain.dispatch(passed)).toBe('l2');
    expect(chain.list().map(({ name, seen, consumed }) => ({ name, seen, consumed }))).toEqual([
      { name: 'firewall', seen: 2, consumed: 1 },
      { name: 'l2', seen: 1, consumed: 1 },
    ]);
  });

  it('a throwing processor counts as continue, is counted, and is logged on errors 1, 2, 4, 8…', () => {
    const { chain, lines } = setup();
    chain.register('buggy', 200, () => {
      throw new Error('processor bug');
    });
    chain.register('l2', 410, trace('l2', 'consume'));
    for (let i = 0; i < 9; i++) {
      const ctx = { port: 1, trail: [] as string[] };
      expect(chain.dispatch(ctx)).toBe('l2');
      expect(ctx.trail).toEqual(['l2']);
    }
    expect(chain.list()[0]).toMatchObject({ name: 'buggy', errors: 9, seen: 9, consumed: 0 });
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged.map((l) => l.errors)).toEqual([1, 2, 4, 8]);
    expect(logged[0]).toMatchObject({ level: 'error', processor: 'buggy', err: { message: 'processor bug' } });
  });

  it('dispose unregisters; duplicate names and bad priorities are refused', () => {
    const { chain } = setup();
    const reg = chain.register('x', 100, trace('x', 'consume'));
    expect(() => chain.register('x', 200, trace('x'))).toThrow(/already registered/);
    expect(() => chain.register('y', -1, trace('y'))).toThrow(RangeError);
    expect(() => chain.register('y', 1.5, trace('y'))).toThrow(RangeError);
    reg.dispose();
    expect(chain.dispatch({ port: 1, trail: [] })).toBeUndefined();
    expect(chain.list()).toEqual([]);
  });

  it('a processor may unregister itself during dispatch', () => {
    const { chain } = setup();
    const once = chain.register('once', 100, (c) => {
      c.trail.push('once');
      once.dispose();
      return 'continue';
    });
    chain.register('next', 200, trace('next'));
    const a = { port: 1, trail: [] as string[] };
    chain.dispatch(a);
    const b = { port: 1, trail: [] as string[] };
    chain.dispatch(b);
    expect([a.trail, b.trail]).toEqual([['once', 'next'], ['next']]);
  });

  it('stage helpers', () => {
    expect(packetInPriority('forwarding')).toBe(400);
    expect(() => packetInPriority('admission', 100)).toThrow(RangeError);
    expect(packetInStageOf(199)).toBe('admission');
    expect(packetInStageOf(50)).toBeUndefined();
  });
});
