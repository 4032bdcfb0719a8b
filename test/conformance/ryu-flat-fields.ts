/**
 * Field-copying helpers shared by the message-level Ryu adapters (ryu-messages.ts,
 * ryu-multipart.ts). Our camelCase field names are the spec's snake_case names, which are also
 * Ryu's, so one rule maps them.
 */
import { OfpWriter, type MultipartReplyBody, type MultipartRequestBody, type OfpMessage } from '../../core/openflow/index.js';
import { ryuInt, type RyuJson } from './ryu-structures.js';

export type Obj = Record<string, unknown>;

export const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Copies `keys` of `o` under their snake_case names; u64 values as loadRyuJson would give them. */
export function flatTo(o: object, keys: readonly string[]): Obj {
  const src = o as Obj;
  const out: Obj = {};
  for (const k of keys) {
    const v = src[k];
    out[snake(k)] = typeof v === 'bigint' ? ryuInt(v) : v;
  }
  return out;
}

/** Reads `ints` (numbers) and `bigs` (bigint) from their snake_case names in `j`. */
export function flatFrom(j: Obj, ints: readonly string[], bigs: readonly string[] = []): Obj {
  const out: Obj = {};
  for (const k of ints) {
    const v = j[snake(k)];
    if (typeof v !== 'number') throw new Error(`${snake(k)}: expected a number, got ${String(v)}`);
    out[k] = v;
  }
  for (const k of bigs) {
    const v = j[snake(k)];
    if (typeof v !== 'number' && typeof v !== 'bigint') throw new Error(`${snake(k)}: expected an integer`);
    out[k] = BigInt(v);
  }
  return out;
}

export function list(j: Obj, k: string): unknown[] {
  const v = j[k];
  if (!Array.isArray(v)) throw new Error(`${k}: expected an array`);
  return v;
}

export function bytes(j: Obj, k: string): Buffer {
  const v = j[k];
  if (typeof v === 'string') return Buffer.from(v, 'base64');
  if (Array.isArray(v)) return Buffer.from(v as number[]);
  throw new Error(`${k}: expected base64 data`);
}

export function str(j: Obj, k: string): string {
  const v = j[k];
  if (typeof v !== 'string') throw new Error(`${k}: expected a string`);
  return v;
}

export const b64 = (b: Buffer): string => b.toString('base64');
export const wrap = (cls: string, body: Obj): RyuJson => ({ [cls]: body });

export function wireLength(encode: (w: OfpWriter) => void): number {
  const w = new OfpWriter(64);
  encode(w);
  return w.pos;
}

// Built from untyped JSON; the byte comparison in the conformance test is what checks the shape.
export const asMessage = (m: object): OfpMessage => m as OfpMessage;
export const asRequestBody = (b: object): MultipartRequestBody => b as MultipartRequestBody;
export const asReplyBody = (b: object): MultipartReplyBody => b as MultipartReplyBody;
