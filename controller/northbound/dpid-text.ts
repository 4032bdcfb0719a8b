/**
 * Text forms of a datapath id, shared by the API (Dpid.text) and `sluice ctl --switch`.
 *
 * Output is 16 lower-case hex digits, the form ovs-ofctl and ovs-vsctl print, so ids copied from
 * either tool paste straight back. Input also takes the forms people type: eight colon-separated
 * hex bytes, "0x"-prefixed hex, and short decimal ("1"). A bare digit string of exactly 16
 * characters is hex, because that is what OVS prints; shorter bare digit strings are decimal.
 */

const MAX_DPID = (1n << 64n) - 1n;

export function formatDpid(dpid: bigint): string {
  return dpid.toString(16).padStart(16, '0');
}

/** Parses a dpid; returns the reason text instead of throwing so callers can name the field. */
export function parseDpid(text: string): { ok: true; dpid: bigint } | { ok: false; reason: string } {
  const t = text.trim();
  let value: bigint | undefined;
  if (/^[0-9a-fA-F]{16}$/.test(t)) value = BigInt(`0x${t}`);
  else if (/^([0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2}$/.test(t)) value = BigInt(`0x${t.replaceAll(':', '')}`);
  else if (/^0[xX][0-9a-fA-F]{1,16}$/.test(t)) value = BigInt(t);
  else if (/^[0-9]{1,15}$/.test(t)) value = BigInt(t);
  if (value === undefined) {
    return {
      ok: false,
      reason: `"${text}" is not a datapath id (16 hex digits, aa:bb:..:hh, 0x-hex or decimal)`,
    };
  }
  if (value > MAX_DPID) return { ok: false, reason: `"${text}" does not fit in 64 bits` };
  return { ok: true, dpid: value };
}
