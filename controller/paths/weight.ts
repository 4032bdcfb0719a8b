/**
 * Link weights. A `WeightFn` maps a link to a positive number; `Infinity` removes the link from
 * consideration. Zero, negative and NaN are rejected by the searches (as an `invalid-weight`
 * result): zero-cost links make equal-cost path sets unbounded and break the early stop of
 * Dijkstra, and OSPF-style metrics are ≥ 1 anyway.
 *
 * Weight functions are read at query time, so updated link attributes take effect on the
 * next query without rebuilding anything.
 */
import type { Link } from './link.js';

export type WeightFn = (link: Link) => number;

/** Every link costs 1: fewest switches crossed. */
export const hopCount: WeightFn = () => 1;

/** The configured `cost` attribute, `fallback` where a link has none. */
export function configuredCost(fallback = 1): WeightFn {
  return (l) => l.attrs.cost ?? fallback;
}

/**
 * Measured latency in microseconds. Links never measured get `fallbackUs`; measurements are
 * clamped to at least `floorUs` because a loopback or same-host link can measure 0 µs and a zero
 * weight is not allowed.
 */
export function latency(opts: { fallbackUs?: number; floorUs?: number } = {}): WeightFn {
  const fallback = opts.fallbackUs ?? 1000;
  const floor = opts.floorUs ?? 1;
  return (l) => Math.max(floor, l.attrs.latencyUs ?? fallback);
}

/**
 * OSPF-style bandwidth metric (RFC 2328 leaves the metric to the operator; the common
 * convention is reference bandwidth / interface bandwidth, at least 1). The default reference
 * is 100 Gb/s so 1, 10, 40 and 100 Gb/s links stay distinguishable (cost 100, 10, 2.5→3, 1).
 * Links of unknown speed get `fallbackBps`.
 */
export function bandwidth(opts: { referenceBps?: number; fallbackBps?: number } = {}): WeightFn {
  const ref = opts.referenceBps ?? 100e9;
  const fallback = opts.fallbackBps ?? 1e9;
  return (l) => {
    const bw = l.attrs.capacityBps ?? fallback;
    return bw > 0 ? Math.max(1, Math.ceil(ref / bw)) : Infinity;
  };
}
