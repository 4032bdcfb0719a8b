// The parsed YAML document kept next to the plain value, so a validation problem found on
// the plain value can be traced back to a line and column in the file.
//
// `yaml`'s Document keeps every node's byte range; a LineCounter turns offsets into
// 1-based line:col. A path that does not exist in the file (a required key that is
// missing) resolves to the nearest ancestor that does, which is where the key belongs.

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, type ConfigIssue } from './config-error.js';
import type { ConfigPath } from './config-path.js';

export interface SourcePosition {
  line: number;
  column: number;
}

/** Maps config paths to positions; implemented for YAML text, absent for built-in defaults. */
export interface ConfigSource {
  readonly origin: string;
  /** Position of the value at `path` (or of its key when `key` is set), else its nearest ancestor. */
  locate(path: ConfigPath, options?: { key?: boolean }): SourcePosition | undefined;
}

export class YamlConfigSource implements ConfigSource {
  private constructor(
    readonly origin: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Parses YAML text. Syntax errors (and duplicate keys, which YAML forbids and which would
   * otherwise silently keep the last value) become a ConfigError with positions.
   */
  static parse(text: string, origin: string): { value: unknown; source: YamlConfigSource } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new ConfigError(
        doc.errors.map((e): ConfigIssue => {
          const pos = lines.linePos(e.pos[0]);
          return { path: [], message: `YAML ${e.code}: ${firstLine(e.message)}`, line: pos.line, column: pos.col, origin };
        }),
      );
    }
    const source = new YamlConfigSource(origin, doc, lines);
    // An empty file (or one holding only comments) means "all defaults", like no file.
    const value: unknown = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 });
    return { value: value ?? {}, source };
  }

  locate(path: ConfigPath, options: { key?: boolean } = {}): SourcePosition | undefined {
    let node: unknown = this.doc.contents;
    let best: unknown = node;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyMatches(p.key, seg));
        if (pair === undefined) break;
        if (last && options.key === true && pair.key !== null) {
          best = pair.key;
          break;
        }
        // `key:` with no value has a null value node; point at the key then.
        best = pair.value ?? pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item: unknown = node.items[seg];
        if (item === undefined || item === null) break;
        best = item;
        node = item;
      } else {
        break;
      }
    }
    return this.position(best);
  }

  private position(node: unknown): SourcePosition | undefined {
    const range = (node as Node | null | undefined)?.range;
    if (range === undefined || range === null) return undefined;
    const pos = this.lines.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  }
}

function keyMatches(key: unknown, seg: string | number): boolean {
  if (isScalar(key)) return String(key.value) === String(seg);
  return false;
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}
