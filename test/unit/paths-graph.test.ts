import { describe, expect, it } from 'vitest';
import { TopologyGraph, dpidToHex, parseDpid, linkId } from '../../controller/paths/index.js';

describe('dpid text form', () => {
  it('formats as 16 lowercase hex digits and parses the usual spellings', () => {
    expect(dpidToHex(0x1an)).toBe('000000000000001a');
    expect(parseDpid('00:00:00:00:00:00:00:1A')).toBe(0x1an);
    expect(parseDpid('0x1a')).toBe(0x1an);
    expect(parseDpid(26)).toBe(26n);
    expect(parseDpid('ffffffffffffffff')).toBe((1n << 64n) - 1n);
  });

  it('rejects what is not a uint64', () => {
    expect(parseDpid('1ffffffffffffffff')).toBeUndefined();
    expect(parseDpid('xyz')).toBeUndefined();
    expect(parseDpid(-1)).toBeUndefined();
    expect(parseDpid(1.5)).toBeUndefined();
    expect(parseDpid(-1n)).toBeUndefined();
  });
});

describe('TopologyGraph', () => {
  it('adds missing switches with a link and keeps parallel links apart', () => {
    const g = new TopologyGraph();
    g.addLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 });
    g.addLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 });
    expect(g.switches()).toEqual([1n, 2n]);
    expect(g.outLinks(1n).map((l) => l.id)).toEqual([
      linkId({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 }),
      linkId({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 }),
    ]);
    expect(g.outLinks(2n)).toEqual([]);
  });

  it('replaces the link leaving a port when the cable moves', () => {
    const g = new TopologyGraph();
    g.addLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 });
    g.addLink({ dpid: 1n, port: 1 }, { dpid: 3n, port: 7 });
    expect(g.links().map((l) => l.dst)).toEqual([{ dpid: 3n, port: 7 }]);
    expect(g.linkFrom({ dpid: 1n, port: 1 })?.dst.dpid).toBe(3n);
  });

  it('removes a switch with its links and hosts', () => {
    const g = new TopologyGraph();
    g.addBidirectionalLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 });
    g.addBidirectionalLink({ dpid: 2n, port: 2 }, { dpid: 3n, port: 1 });
    expect(g.addHost('h2', { dpid: 2n, port: 9 })).toBe(true);
    expect(g.removeSwitch(2n)).toBe(true);
    expect(g.removeSwitch(2n)).toBe(false);
    expect(g.links()).toEqual([]);
    expect(g.host('h2')).toBeUndefined();
    expect(g.switches()).toEqual([1n, 3n]);
  });

  it('removes both directions at a port that went down', () => {
    const g = new TopologyGraph();
    g.addBidirectionalLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 });
    g.addBidirectionalLink({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 });
    expect(g.removePort({ dpid: 2n, port: 1 })).toHaveLength(2);
    expect(g.links().map((l) => [l.src.port, l.dst.port])).toEqual([[2, 2], [2, 2]]);
  });

  it('attaches, moves and refuses hosts', () => {
    const g = new TopologyGraph();
    g.addSwitch(1n);
    g.addSwitch(2n);
    expect(g.addHost('aa:bb', { dpid: 9n, port: 1 })).toBe(false);
    g.addHost('aa:bb', { dpid: 1n, port: 3 });
    g.addHost('aa:bb', { dpid: 2n, port: 4 });
    expect(g.hosts()).toEqual([{ id: 'aa:bb', at: { dpid: 2n, port: 4 } }]);
    expect(g.removeHost('aa:bb')).toBe(true);
    expect(g.removeHost('aa:bb')).toBe(false);
  });

  it('updates attributes without rebuilding the index, and counts versions', () => {
    const g = new TopologyGraph();
    const [ab] = g.addBidirectionalLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 }, { cost: 5 });
    const index = g.index();
    const v = g.version;
    expect(g.setLinkAttrs(ab.id, { latencyUs: 30 })).toBe(true);
    expect(g.link(ab.id)?.attrs).toEqual({ cost: 5, latencyUs: 30 });
    expect(g.setLinkAttrs(ab.id, { cost: 1 }, { replace: true })).toBe(true);
    expect(g.link(ab.id)?.attrs).toEqual({ cost: 1 });
    expect(g.setLinkAttrs('nope', { cost: 1 })).toBe(false);
    expect(g.index()).toBe(index);
    expect(g.version).toBe(v + 2);
    g.addSwitch(3n);
    expect(g.index()).not.toBe(index);
  });

  it('groups switches into components, ignoring hosts', () => {
    const g = new TopologyGraph();
    g.addBidirectionalLink({ dpid: 5n, port: 1 }, { dpid: 4n, port: 1 });
    g.addLink({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 }); // one-way still joins
    g.addSwitch(9n);
    g.addHost('h', { dpid: 9n, port: 1 });
    expect(g.components()).toEqual([[1n, 2n], [4n, 5n], [9n]]);
  });
});
