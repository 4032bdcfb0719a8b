/**
 * Datapath ids as the path code sees them.
 *
 * A dpid is an OpenFlow `datapath_id` (uint64), carried as a `bigint` because that is what the
 * codec's reader yields and because 64 bits do not fit a JS number. Graph node keys and link ids
 * need strings, so each dpid also has one canonical text form: 16 lowercase hex digits without
 * separators — the form `ovs-vsctl set bridge … other-config:datapath-id=` accepts and
 * `ovs-ofctl show` prints.
 */
export type Dpid = bigint;

const DPID_MAX = (1n << 64n) - 1n;

/** Canonical text form: exactly 16 lowercase hex digits. */
export function dpidToHex(dpid: Dpid): string {
  return dpid.toString(16).padStart(16, '0');
}

/**
 * Accepts a bigint, a non-negative safe integer, or hex text with or without `0x` and colons
 * ("00:00:00:00:00:00:00:01"). Returns undefined for anything that is not a uint64.
 */
export function parseDpid(value: bigint | number | string): Dpid | undefined {
  let n: bigint;
  if (typeof value === 'bigint') {
    n = value;
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return undefined;
    n = BigInt(value);
  } else {
    const hex = value.trim().toLowerCase().replace(/^0x/, '').replaceAll(':', '');
    if (!/^[0-9a-f]{1,16}$/.test(hex)) return undefined;
    n = BigInt(`0x${hex}`);
  }
  return n >= 0n && n <= DPID_MAX ? n : undefined;
}
