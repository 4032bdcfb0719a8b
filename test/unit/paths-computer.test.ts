import { describe, expect, it } from 'vitest';
import { PathComputer, configuredCost, fatTree } from '../../controller/paths/index.js';

describe('PathComputer', () => {
  it('applies default weights unless a query names its own', () => {
    const ft = fatTree(4);
    const core0 = ft.core[0]!;
    for (const l of ft.graph.links()) if (l.src.dpid === core0 || l.dst.dpid === core0) ft.graph.setLinkAttrs(l.id, { cost: 10 });
    const pc = new PathComputer(ft.graph, { weight: configuredCost() });
    const a = ft.edge[0]![0]!;
    const b = ft.edge[1]![0]!;
    const byCost = pc.equalCost(a, b);
    expect(byCost.ok && byCost.value.paths.length).toBe(3);
    const byHops = pc.equalCost(a, b, { weight: () => 1 });
    expect(byHops.ok && byHops.value.paths.length).toBe(4);
    expect(pc.kShortest(a, b, 5).ok && pc.shortest(a, b).ok).toBe(true);
  });

  it('routes a flow the same way every time and only over the equal-cost set', () => {
    const ft = fatTree(4);
    const pc = new PathComputer(ft.graph, { maxEcmpPaths: 2 });
    const a = ft.edge[0]![0]!;
    const b = ft.edge[2]![1]!;
    const set = pc.equalCost(a, b);
    expect(set.ok && set.value.paths.length).toBe(2);
    const keys = new Set(set.ok ? set.value.paths.map((p) => p.key) : []);
    const first = pc.forFlow(a, b, 'flow-1');
    expect(first.ok && keys.has(first.value.key)).toBe(true);
    expect(pc.forFlow(a, b, 'flow-1')).toEqual(first);
    expect(pc.forFlow(a, 99n, 'flow-1')).toEqual({ ok: false, error: { kind: 'unknown-switch', dpid: 99n } });
  });

  it('caches the flooding tree until the graph changes', () => {
    const ft = fatTree(4);
    const pc = new PathComputer(ft.graph);
    const t1 = pc.floodTree();
    expect(pc.floodTree()).toBe(t1);
    ft.graph.removeSwitch(ft.core[0]!);
    const t2 = pc.floodTree();
    expect(t2).not.toBe(t1);
    expect(t2.ok && t2.value.roots).toEqual([ft.core[1]]);
  });
});
