import type { OfpReader } from './ofp-reader.js';

/**
 * Decodes entries back to back from the next `len` bytes of `r` (an action list, an instruction
 * list), with `r` itself bounded to them while they are read, so a list costs no sub-reader.
 * A list longer than what is left is a truncation error naming `field`.
 */
export function readList<T>(r: OfpReader, len: number, field: string, decodeOne: (r: OfpReader) => T): T[] {
  r.need(len, field);
  const end = r.pos + len;
  const outerEnd = r.end;
  r.end = end;
  const out: T[] = [];
  try {
    while (r.pos < end) out.push(decodeOne(r));
  } finally {
    r.end = outerEnd;
  }
  return out;
}
