/**
 * What a path query returns: a path as the hops a flow installer needs, or a typed reason why
 * there is none. Queries never throw for bad topology input; they return `PathResult`.
 */
import { type Dpid, dpidToHex } from './dpid.js';
import type { Link, LinkId } from './link.js';

/**
 * One switch on a path: packets arrive on `inPort` and leave on `outPort`. `inPort` is absent
 * on the first hop when the path starts at a bare switch (no attachment port given: traffic the
 * switch or controller originates); `outPort` is absent on the last hop when it ends at one.
 */
export interface Hop {
  readonly dpid: Dpid;
  readonly inPort?: number;
  readonly outPort?: number;
}

export interface Path {
  readonly src: Dpid;
  readonly dst: Dpid;
  readonly hops: readonly Hop[];
  /** The inter-switch links in order; empty when src and dst are the same switch. */
  readonly links: readonly Link[];
  /** Sum of link weights under the weight function of the query. */
  readonly cost: number;
  /** Stable identity of the route: the link ids joined, or the dpid's hex for a one-switch path. */
  readonly key: string;
}

export type PathError =
  | { readonly kind: 'unknown-switch'; readonly dpid: Dpid }
  | { readonly kind: 'unknown-host'; readonly host: string }
  /** The source or destination switch is itself excluded by the constraints. */
  | { readonly kind: 'endpoint-excluded'; readonly dpid: Dpid }
  | { readonly kind: 'no-path'; readonly src: Dpid; readonly dst: Dpid }
  /** A weight function returned a value that is not a positive number (or +Infinity to skip). */
  | { readonly kind: 'invalid-weight'; readonly link: LinkId; readonly weight: number }
  | { readonly kind: 'invalid-argument'; readonly message: string };

export type PathResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PathError };

export function ok<T>(value: T): PathResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: PathError): PathResult<T> {
  return { ok: false, error };
}

/** A readable one-liner for logs and gRPC error details. */
export function describePathError(e: PathError): string {
  switch (e.kind) {
    case 'unknown-switch': return `unknown switch ${dpidToHex(e.dpid)}`;
    case 'unknown-host': return `unknown host ${e.host}`;
    case 'endpoint-excluded': return `switch ${dpidToHex(e.dpid)} is excluded by the constraints`;
    case 'no-path': return `no path from ${dpidToHex(e.src)} to ${dpidToHex(e.dst)}`;
    case 'invalid-weight': return `link ${e.link} has invalid weight ${e.weight}`;
    case 'invalid-argument': return e.message;
  }
}
