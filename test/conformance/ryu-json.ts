import { readFileSync } from 'node:fs';

/**
 * Loads Ryu's expected-decoding JSON with integers kept exact.
 *
 * Ryu writes 64-bit fields (cookies, metadata, datapath ids) as plain JSON integers, and
 * `JSON.parse` rounds anything above 2^53 to the nearest double (1311768467463790320 becomes
 * 1311768467463790300). Node 20 has no reviver access to the source text, so this is a small
 * strict JSON parser of its own: integers within the safe range stay `number`, larger ones
 * become `bigint`; numbers with a fraction or exponent stay `number`.
 */
export function loadRyuJson(path: string): unknown {
  return parseRyuJson(readFileSync(path, 'utf8'));
}

/** Parses JSON text (RFC 8259) with exact big integers. Throws SyntaxError naming the offset. */
export function parseRyuJson(text: string): unknown {
  const p = new JsonParser(text);
  p.ws();
  const v = p.value();
  p.ws();
  if (p.i !== text.length) p.fail('trailing characters');
  return v;
}

// Sticky (y) so each match starts exactly at the cursor without slicing the text.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class JsonParser {
  i = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new SyntaxError(`JSON: ${what} at offset ${this.i}`);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.i++;
    }
  }

  value(): unknown {
    const c = this.s[this.i];
    switch (c) {
      case '{': return this.object();
      case '[': return this.array();
      case '"': return this.string();
      case 't': return this.literal('true', true);
      case 'f': return this.literal('false', false);
      case 'n': return this.literal('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        return this.fail(c === undefined ? 'unexpected end' : `unexpected '${c}'`);
    }
  }

  private literal<T>(word: string, v: T): T {
    if (!this.s.startsWith(word, this.i)) this.fail(`expected ${word}`);
    this.i += word.length;
    return v;
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return out; }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a key');
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail("expected ':'");
      this.i++;
      this.ws();
      // defineProperty so a key named "__proto__" is data, not a prototype change.
      Object.defineProperty(out, k, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') this.fail("expected ',' or '}'");
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') { this.i++; return out; }
    for (;;) {
      this.ws();
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail("expected ',' or ']'");
    }
  }

  private string(): string {
    STRING.lastIndex = this.i;
    const m = STRING.exec(this.s);
    if (!m) this.fail('bad string');
    this.i += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (!m) this.fail('bad number');
    this.i += m[0].length;
    if (m[1] !== undefined || m[2] !== undefined) return Number(m[0]);
    const n = Number(m[0]);
    return Number.isSafeInteger(n) ? n : BigInt(m[0]);
  }
}
