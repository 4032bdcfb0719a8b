import { readU32, writeU32 } from './byte-order.js';
import { clampEnd, needBytes } from './packet-decode-error.js';

/** One MPLS label stack entry (RFC 3032 §2.1): label 20 bits, TC 3, bottom-of-stack 1, TTL 8. */
export interface MplsLabel {
  label: number;
  tc: number;
  bos: number;
  ttl: number;
}

/** Reads entries until the one with the bottom-of-stack bit; the payload follows it. */
export function decodeMplsStack(buf: Uint8Array, offset = 0, end?: number): { labels: MplsLabel[]; headerLength: number } {
  const stop = clampEnd(buf, end);
  const labels: MplsLabel[] = [];
  let pos = offset;
  for (;;) {
    needBytes(`mpls[${labels.length}]`, pos, 4, stop);
    const w = readU32(buf, pos);
    pos += 4;
    const entry = { label: w >>> 12, tc: (w >>> 9) & 7, bos: (w >>> 8) & 1, ttl: w & 0xff };
    labels.push(entry);
    if (entry.bos) break;
  }
  return { labels, headerLength: pos - offset };
}

/** Writes the stack in order; the caller sets `bos` on the last entry (it is not forced). */
export function encodeMplsStack(labels: readonly MplsLabel[]): Buffer {
  const out = Buffer.alloc(4 * labels.length);
  labels.forEach((l, i) => {
    writeU32(out, 4 * i, (((l.label & 0xfffff) << 12) | ((l.tc & 7) << 9) | ((l.bos & 1) << 8) | (l.ttl & 0xff)) >>> 0);
  });
  return out;
}
