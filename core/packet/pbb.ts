import { readU32, writeU32 } from './byte-order.js';
import { clampEnd, needBytes } from './packet-decode-error.js';

/**
 * The 802.1ah Backbone Service Instance tag (I-TAG) that follows EtherType 0x88e7: a 32-bit TCI
 * of I-PCP (3), I-DEI (1), UCA (1), reserved (3) and the 24-bit I-SID. The customer frame
 * (destination, source, EtherType …) follows it.
 */
export interface PbbItag {
  pcp: number;
  dei: number;
  uca: number;
  isid: number;
}

export const PBB_ITAG_LENGTH = 4;

export function decodePbbItag(buf: Uint8Array, offset = 0, end?: number): PbbItag {
  needBytes('pbb.itag', offset, PBB_ITAG_LENGTH, clampEnd(buf, end));
  const w = readU32(buf, offset);
  return { pcp: w >>> 29, dei: (w >>> 28) & 1, uca: (w >>> 27) & 1, isid: w & 0xffffff };
}

export function encodePbbItag(t: PbbItag): Buffer {
  const out = Buffer.alloc(PBB_ITAG_LENGTH);
  writeU32(out, 0, (((t.pcp & 7) << 29) | ((t.dei & 1) << 28) | ((t.uca & 1) << 27) | (t.isid & 0xffffff)) >>> 0);
  return out;
}
