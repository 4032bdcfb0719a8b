/**
 * Constraints a path must satisfy, compiled once per query into flat lookups the searches test
 * per link and per switch.
 */
import type { Dpid } from './dpid.js';
import type { Link, LinkId } from './link.js';
import type { SwitchIndex } from './topology-graph.js';

export interface PathConstraints {
  /** Directed links the path may not use (remove both ids to avoid a cable). */
  readonly excludeLinks?: Iterable<LinkId>;
  /** Switches the path may not cross. Excluding the source or destination is an error result. */
  readonly excludeSwitches?: Iterable<Dpid>;
  /** Links whose `availableBps` is below this are unusable; links with no measurement are too. */
  readonly minAvailableBps?: number;
}

/** Per-query form: a bitmap over switch positions and a predicate over links. */
export interface CompiledConstraints {
  readonly blockedSwitch: Uint8Array;
  linkAllowed(link: Link): boolean;
}

export function compileConstraints(index: SwitchIndex, c: PathConstraints = {}): CompiledConstraints {
  const blockedSwitch = new Uint8Array(index.dpids.length);
  for (const d of c.excludeSwitches ?? []) {
    const i = index.position.get(d);
    if (i !== undefined) blockedSwitch[i] = 1;
  }
  const excluded = new Set(c.excludeLinks ?? []);
  const minBw = c.minAvailableBps;
  const linkAllowed =
    excluded.size === 0 && minBw === undefined
      ? () => true
      : (l: Link) => !excluded.has(l.id) && (minBw === undefined || (l.attrs.availableBps ?? -1) >= minBw);
  return { blockedSwitch, linkAllowed };
}
