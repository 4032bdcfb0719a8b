/**
 * Cookie owners: who installed a flow, readable from its cookie alone.
 *
 * The high 16 bits of every cookie sluice sends name the owner; the low 48 bits are the owner's
 * own. The high byte is always 0x5c (a mark for "sluice"), so `ovs-ofctl dump-flows` shows
 * cookie=0x5c10… for L2's flows, and flows someone else added by hand (cookie 0 by default)
 * are never mistaken for ours and never deleted by a re-sync.
 *
 * Ids are fixed here, in one list, never derived from load order: a controller restarted with
 * a different plugin set must still recognise (and clean up) the flows of a plugin it no longer
 * runs. New owners are appended with the next free id; ids are never reused.
 */

export const SLUICE_COOKIE_MARK = 0x5c;

/** The owner part of a cookie: its high 16 bits. */
export const OWNER_COOKIE_MASK = 0xffff_0000_0000_0000n;
const LOCAL_COOKIE_MASK = 0x0000_ffff_ffff_ffffn;

export const COOKIE_OWNERS = {
  controller: 0x5c00, // base pipeline (table-miss flows)
  topology: 0x5c01, // LLDP capture
  hosts: 0x5c02,
  l2: 0x5c10,
  l3: 0x5c11,
  nat: 0x5c12,
  firewall: 0x5c13,
  ids: 0x5c14,
  qos: 0x5c15,
  dns: 0x5c16,
  bgp: 0x5c17,
  ml: 0x5c18,
  zerotrust: 0x5c19,
  telemetry: 0x5c1a,
  northbound: 0x5c1b, // flows added through the gRPC API
} as const;

export type CookieOwner = keyof typeof COOKIE_OWNERS;

export function isCookieOwner(name: string): name is CookieOwner {
  return Object.hasOwn(COOKIE_OWNERS, name);
}

/** The full cookie: owner prefix | local part. Throws for an owner not in the list. */
export function cookieFor(owner: string, local: bigint): bigint {
  if (!isCookieOwner(owner)) {
    throw new RangeError(`unknown cookie owner ${JSON.stringify(owner)}; add it to COOKIE_OWNERS in controller/pipeline/cookie-owners.ts`);
  }
  if (local < 0n || local > LOCAL_COOKIE_MASK) throw new RangeError(`${owner}: local cookie must fit 48 bits, got ${local}`);
  return (BigInt(COOKIE_OWNERS[owner]) << 48n) | local;
}

/** The owner named by a cookie, or undefined when the cookie is not one of ours. */
export function cookieOwnerOf(cookie: bigint): CookieOwner | undefined {
  const id = Number(cookie >> 48n);
  for (const [name, value] of Object.entries(COOKIE_OWNERS)) if (value === id) return name as CookieOwner;
  return undefined;
}

/** True for any cookie carrying sluice's mark, including owners this build no longer knows. */
export function isOurCookie(cookie: bigint): boolean {
  return Number(cookie >> 56n) === SLUICE_COOKIE_MARK;
}
