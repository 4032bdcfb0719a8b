/**
 * Text forms of the address-typed OXM values, converted straight from and into wire bytes.
 *
 * The codec keeps MAC/IPv4/IPv6 match values as canonical strings (lowercase colon MAC, dotted
 * quad, RFC 5952 IPv6) so decoded matches print, compare and serialise to JSON as they are.
 * These functions work on the bytes in place and allocate only the resulting string; the richer
 * address types in core/net are for application code.
 */

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function macText(buf: Uint8Array, off: number): string {
  return `${HEX2[buf[off]!]}:${HEX2[buf[off + 1]!]}:${HEX2[buf[off + 2]!]}:${HEX2[buf[off + 3]!]}:${HEX2[buf[off + 4]!]}:${HEX2[buf[off + 5]!]}`;
}

export function ipv4Text(buf: Uint8Array, off: number): string {
  return `${buf[off]}.${buf[off + 1]}.${buf[off + 2]}.${buf[off + 3]}`;
}

/**
 * RFC 5952 §4: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as "::";
 * §5: IPv4-mapped addresses end in a dotted quad ("::ffff:192.0.2.1").
 */
export function ipv6Text(buf: Uint8Array, off: number): string {
  const g: number[] = new Array<number>(8);
  for (let i = 0; i < 8; i++) g[i] = (buf[off + 2 * i]! << 8) | buf[off + 2 * i + 1]!;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${ipv4Text(buf, off + 12)}`;
  }
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (from: number, to: number): string => g.slice(from, to).map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

/** Writes a MAC ("aa:bb:cc:dd:ee:ff", also '-' separated) into 6 bytes; false if it is not one. */
export function macBytes(text: string, out: Uint8Array, off: number): boolean {
  if (text.length !== 17) return false;
  for (let i = 0; i < 6; i++) {
    const p = i * 3;
    if (i > 0 && text[p - 1] !== ':' && text[p - 1] !== '-') return false;
    const hi = hexDigit(text.charCodeAt(p));
    const lo = hexDigit(text.charCodeAt(p + 1));
    if (hi < 0 || lo < 0) return false;
    out[off + i] = (hi << 4) | lo;
  }
  return true;
}

/** Writes a dotted quad into 4 bytes; false if it is not one (no leading zeros, each octet ≤ 255). */
export function ipv4Bytes(text: string, out: Uint8Array, off: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return false;
    const v = Number(p);
    if (v > 255) return false;
    out[off + i] = v;
  }
  return true;
}

/** Writes an IPv6 address (any RFC 4291 §2.2 text form, incl. embedded IPv4) into 16 bytes. */
export function ipv6Bytes(text: string, out: Uint8Array, off: number): boolean {
  let hexPart = text;
  let groupCount = 8;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) {
    // Trailing dotted quad (e.g. "::ffff:192.0.2.1"): it fills the last two groups.
    if (!ipv4Bytes(text.slice(lastColon + 1), out, off + 12)) return false;
    hexPart = text.slice(0, lastColon + 1);
    if (!hexPart.endsWith('::')) hexPart = hexPart.slice(0, -1);
    groupCount = 6;
  }
  const halves = hexPart.split('::');
  if (halves.length > 2) return false;
  const head = hexGroups(halves[0]!);
  const tail = halves.length === 2 ? hexGroups(halves[1]!) : [];
  if (!head || !tail) return false;
  const zeros = groupCount - head.length - tail.length;
  if (halves.length === 2 ? zeros < 1 : zeros !== 0) return false;
  const groups = [...head, ...new Array<number>(zeros).fill(0), ...tail];
  for (let i = 0; i < groupCount; i++) {
    out[off + 2 * i] = groups[i]! >> 8;
    out[off + 2 * i + 1] = groups[i]! & 0xff;
  }
  return true;
}

function hexGroups(s: string): number[] | undefined {
  if (s === '') return [];
  const out: number[] = [];
  for (const h of s.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(h)) return undefined;
    out.push(parseInt(h, 16));
  }
  return out;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
