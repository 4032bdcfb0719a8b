/**
 * OFPT_HELLO elements (OpenFlow 1.3.5 §7.5.1). VERSIONBITMAP keeps its 32-bit words as sent, so a
 * bitmap with extra zero words still re-encodes byte-exact; `helloVersions` and
 * `versionBitmapElement` convert to and from a list of wire versions. Unknown element types are
 * kept opaque, since §6.3.1 says a switch must ignore elements it does not understand.
 */
import { OfpEncodeError } from './encode-error.js';
import { OFPBRC, OFPET } from './error-codes.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';

/** enum ofp_hello_elem_type. */
export const OFPHET = { VERSIONBITMAP: 1 } as const;

export type HelloElement =
  /** bitmaps[i] bit j set means wire version 32 * i + j is supported. */
  | { readonly type: 'VERSIONBITMAP'; readonly bitmaps: readonly number[] }
  | { readonly type: 'UNKNOWN'; readonly elementType: number; readonly data: Buffer };

const BAD_LEN = { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN } as const;

/**
 * Reads exactly `len` bytes of elements. Each element's length excludes the padding to 8 that
 * follows it; the last element's padding may be missing (some peers stop at the length).
 */
export function decodeHelloElements(r: OfpReader, len: number): HelloElement[] {
  const list = r.sub(len, 'ofp_hello.elements');
  const out: HelloElement[] = [];
  while (list.remaining > 0) {
    const where = `ofp_hello.elements[${out.length}]`;
    if (list.remaining < 4) throw list.error(where, `needs 4 bytes, ${list.remaining} left`, BAD_LEN);
    const type = list.u16(`${where}.type`);
    const elen = list.u16(`${where}.length`);
    if (elen < 4 || elen - 4 > list.remaining) {
      list.pos -= 2;
      throw list.error(`${where}.length`, `element length ${elen} is not within 4..${list.remaining + 4}`, BAD_LEN);
    }
    if (type === OFPHET.VERSIONBITMAP && elen % 4 === 0) {
      const bitmaps: number[] = [];
      for (let i = 4; i < elen; i += 4) bitmaps.push(list.u32(`${where}.bitmaps`));
      out.push({ type: 'VERSIONBITMAP', bitmaps });
    } else {
      out.push({ type: 'UNKNOWN', elementType: type, data: list.bytes(elen - 4, `${where}.data`) });
    }
    list.skip(Math.min(((elen + 7) & ~7) - elen, list.remaining), `${where}.pad`);
  }
  return out;
}

export function encodeHelloElements(w: OfpWriter, list: readonly HelloElement[]): void {
  for (const e of list) {
    const start = w.pos;
    if (e.type === 'VERSIONBITMAP') {
      w.u16(OFPHET.VERSIONBITMAP);
      w.u16(4 + 4 * e.bitmaps.length);
      for (const word of e.bitmaps) w.u32(word);
    } else if (e.type === 'UNKNOWN') {
      w.u16(e.elementType);
      w.u16(4 + e.data.length);
      w.bytes(e.data);
    } else {
      throw new OfpEncodeError('ofp_hello_elem.type', `unknown element ${String((e as { type: unknown }).type)}`);
    }
    w.padTo(start, 8);
  }
}

/** The wire versions a VERSIONBITMAP element announces, ascending. */
export function helloVersions(e: Extract<HelloElement, { type: 'VERSIONBITMAP' }>): number[] {
  const out: number[] = [];
  e.bitmaps.forEach((word, i) => {
    for (let bit = 0; bit < 32; bit++) if ((word >>> bit) & 1) out.push(32 * i + bit);
  });
  return out;
}

/** A VERSIONBITMAP element announcing exactly `versions` (with as few words as they need). */
export function versionBitmapElement(versions: readonly number[]): Extract<HelloElement, { type: 'VERSIONBITMAP' }> {
  const bitmaps: number[] = [];
  for (const v of versions) {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new OfpEncodeError('ofp_hello_elem_versionbitmap', `bad version ${v}`);
    const i = v >>> 5;
    while (bitmaps.length <= i) bitmaps.push(0);
    bitmaps[i] = (bitmaps[i]! | (1 << (v & 31))) >>> 0;
  }
  return { type: 'VERSIONBITMAP', bitmaps };
}
