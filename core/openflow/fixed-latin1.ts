import { OfpEncodeError } from './encode-error.js';
import type { OfpWriter } from './ofp-writer.js';

/**
 * Writes `s` into an n-byte NUL-padded char[] field, one byte per character (Latin-1), the
 * inverse of OfpReader.fixedString. The spec wants these fields NUL-terminated, but peers do fill
 * all n bytes, and a decoded message must re-encode as it came, so all n bytes may be used;
 * anything that would not survive the trip (too long, a character above U+00FF) is an error.
 */
export function writeFixedLatin1(w: OfpWriter, s: string, n: number, field: string): void {
  if (s.length > n) throw new OfpEncodeError(field, `${JSON.stringify(s)} is longer than ${n} bytes`);
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) throw new OfpEncodeError(field, `${JSON.stringify(s)} has a character above U+00FF`);
  }
  const start = w.pos;
  w.zeros(n);
  w.buf.write(s, start, 'latin1');
}
