import { describe, expect, it } from 'vitest';
import { TopologyState } from '../../controller/topology/topology-state.js';

const up = (...ports: number[]) => ports.map((portNo) => ({ portNo, live: true }));

/** A triangle: s1:2–s2:2, s2:3–s3:3, s3:2–s1:3; port 1 on each is host-facing. */
function triangle(): TopologyState {
  const t = new TopologyState({ edgeHoldMs: 100 });
  for (const d of [1n, 2n, 3n]) {
    t.addSwitch(d, up(1, 2, 3));
    for (const p of [1, 2, 3]) t.probeSent(d, p, 0);
  }
  let seq = 1n;
  const cable = (a: bigint, pa: number, b: bigint, pb: number) => {
    t.observe({ dpid: a, port: pa }, { dpid: b, port: pb }, seq++, 10, 10);
    t.observe({ dpid: b, port: pb }, { dpid: a, port: pa }, seq++, 10, 10);
  };
  cable(1n, 2, 2n, 2);
  cable(2n, 3, 3n, 3);
  cable(3n, 2, 1n, 3);
  return t;
}

describe('TopologyState', () => {
  it('learns the wiring: 3 switches, 6 directed links, port 1 as the only edge port', () => {
    const t = triangle();
    const snap = t.snapshot();
    expect(snap.switches).toEqual([1n, 2n, 3n]);
    expect(snap.links).toHaveLength(6);
    expect(t.graph.links()).toHaveLength(6);
    for (const d of [1n, 2n, 3n]) expect([1, 2, 3].filter((p) => t.isEdgePort(d, p, 200))).toEqual([1]);
  });

  it('does not call a port an edge port before it was probed and had time to hear back', () => {
    const t = new TopologyState({ edgeHoldMs: 100 });
    t.addSwitch(1n, up(1));
    expect(t.isEdgePort(1n, 1, 1000)).toBe(false);
    t.probeSent(1n, 1, 1000);
    expect(t.isEdgePort(1n, 1, 1050)).toBe(false);
    expect(t.isEdgePort(1n, 1, 1100)).toBe(true);
  });

  it('drops both directions of a cable at once when a port goes down', () => {
    const t = triangle();
    const changes = t.setPort(1n, 2, 'down');
    expect(changes.map((c) => c.type === 'link-removed' && c.reason)).toEqual(['port-down', 'port-down']);
    expect(t.snapshot().links).toHaveLength(4);
    expect(t.paths.shortest({ dpid: 1n, port: 1 }, { dpid: 2n, port: 1 }).ok).toBe(true);
  });

  it('declares a silent link down after the dead interval, and keeps refreshed ones', () => {
    const t = triangle();
    t.observe({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 }, 100n, 3000, 3000);
    const gone = t.expire(3600, 3500);
    expect(gone.map((c) => c.type === 'link-removed' && `${c.link.src.dpid}:${c.link.src.port}>${c.link.dst.dpid}:${c.link.dst.port}`).sort()).toEqual(
      ['2:2>1:2', '2:3>3:3', '3:2>1:3', '3:3>2:3', '1:3>3:2'].sort(),
    );
    expect(t.snapshot().links).toHaveLength(1);
  });

  it('ignores a replayed sequence number and a probe that claims its own port', () => {
    const t = triangle();
    expect(t.observe({ dpid: 1n, port: 2 }, { dpid: 2n, port: 2 }, 1n, 50, 50).kind).toBe('replay');
    expect(t.observe({ dpid: 1n, port: 1 }, { dpid: 1n, port: 1 }, 1000n, 50, 50).kind).toBe('self-loop');
  });

  it('removing a switch removes its links first, then the switch', () => {
    const t = triangle();
    const types = t.removeSwitch(2n).map((c) => c.type);
    expect(types).toEqual(['link-removed', 'link-removed', 'link-removed', 'link-removed', 'switch-removed']);
    expect(t.snapshot().switches).toEqual([1n, 3n]);
  });
});
