/**
 * Yen's k shortest loopless paths (J. Y. Yen, "Finding the K Shortest Loopless Paths in a
 * Network", Management Science 17(11), 1971).
 *
 * Paths are sequences of links, so two parallel links between the same switches give two
 * distinct paths. Results ascend by cost; equal costs are ordered by hop count, then by path
 * key, so the answer is deterministic for a given graph.
 *
 * Cost: up to k·L spur searches (L = hops of a found path), each one Dijkstra run.
 */
import { firstPathTo, sameCost, shortestPathTree } from './dijkstra.js';
import type { Link, LinkId } from './link.js';
import { type Path, type PathResult, fail, ok } from './path.js';
import { type Endpoint, type PathQuery, type PreparedQuery, assemblePath, pathCost, prepareQuery } from './query.js';
import type { TopologyGraph } from './topology-graph.js';

interface Candidate {
  readonly links: readonly Link[];
  /** Switch positions along the path: nodes[i] is where links[i] starts. */
  readonly nodes: readonly number[];
  readonly cost: number;
  readonly key: string;
}

const candidateKey = (links: readonly Link[]): string => links.map((l) => l.id).join(',');

function better(a: Candidate, b: Candidate): boolean {
  if (!sameCost(a.cost, b.cost)) return a.cost < b.cost;
  if (a.links.length !== b.links.length) return a.links.length < b.links.length;
  return a.key < b.key;
}

export function kShortestPaths(graph: TopologyGraph, src: Endpoint, dst: Endpoint, k: number, q: PathQuery = {}): PathResult<Path[]> {
  if (!Number.isInteger(k) || k < 1) return fail({ kind: 'invalid-argument', message: `k must be a positive integer, got ${k}` });
  const prep = prepareQuery(graph, src, dst, q);
  if (!prep.ok) return prep;
  const found = yen(prep.value, k);
  if (!found.ok) return found;
  if (found.value.length === 0) return fail({ kind: 'no-path', src: prep.value.src.dpid, dst: prep.value.dst.dpid });
  return ok(found.value.map((c) => assemblePath(prep.value, c.links, c.cost)));
}

function yen(prep: PreparedQuery, k: number): PathResult<Candidate[]> {
  const { space, src, dst } = prep;
  const { index, weight } = space;
  const toCandidate = (links: readonly Link[]): Candidate => ({
    links,
    nodes: [src.pos, ...links.map((l) => index.position.get(l.dst.dpid)!)],
    cost: pathCost(weight, links),
    key: candidateKey(links),
  });

  const first = shortestPathTree(space, src.pos, dst.pos);
  if (!first.ok) return first;
  const firstLinks = firstPathTo(first.value, dst.pos);
  if (!firstLinks) return ok([]);
  const accepted: Candidate[] = [toCandidate(firstLinks.map((il) => il.link))];
  // A path from a switch to itself has no links: nothing can deviate from it.
  if (src.pos === dst.pos) return ok(accepted);

  const pending: Candidate[] = [];
  const seen = new Set<string>([accepted[0]!.key]);

  while (accepted.length < k) {
    const last = accepted[accepted.length - 1]!;
    for (let i = 0; i < last.links.length; i++) {
      const spurNode = last.nodes[i]!;
      const root = last.links.slice(0, i);
      // Links already used to leave this root: the spur must deviate from all of them.
      const bannedLinks = new Set<LinkId>();
      for (const p of accepted) {
        if (p.links.length > i && root.every((l, j) => p.links[j] === l)) bannedLinks.add(p.links[i]!.id);
      }
      // Root switches other than the spur node are off limits: the result must stay loopless.
      const bannedSwitch = new Uint8Array(index.dpids.length);
      for (let j = 0; j < i; j++) bannedSwitch[last.nodes[j]!] = 1;
      const spurTree = shortestPathTree({ ...space, bannedSwitch, bannedLinks }, spurNode, dst.pos);
      if (!spurTree.ok) return spurTree;
      const spur = firstPathTo(spurTree.value, dst.pos);
      if (!spur) continue;
      const total = toCandidate([...root, ...spur.map((il) => il.link)]);
      if (seen.has(total.key)) continue;
      seen.add(total.key);
      pending.push(total);
    }
    if (pending.length === 0) break;
    let best = 0;
    for (let j = 1; j < pending.length; j++) if (better(pending[j]!, pending[best]!)) best = j;
    accepted.push(pending.splice(best, 1)[0]!);
  }
  return ok(accepted);
}
