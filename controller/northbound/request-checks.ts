/**
 * Validation of incoming requests. A `RequestChecks` collects every problem in a request (not
 * just the first) with the field's path, then throws one FieldViolationError, which the client
 * receives as INVALID_ARGUMENT with a google.rpc.BadRequest listing all of them.
 */
import { isIP } from 'node:net';
import { FieldViolationError, type FieldViolation } from './backend-errors.js';
import { parseDpid } from './dpid-text.js';
import type { Dpid__Output } from './generated/sluice/v1/Dpid.js';

const MAC_TEXT = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;
const UINT64_MAX = (1n << 64n) - 1n;

export class RequestChecks {
  private readonly violations: FieldViolation[] = [];

  add(field: string, description: string): void {
    this.violations.push({ field, description });
  }

  /** Throws the collected violations, if any. Call once after all fields are checked. */
  done(): void {
    if (this.violations.length > 0) throw new FieldViolationError(this.violations);
  }

  /**
   * A Dpid message → bigint. Returns undefined when absent (and records a violation if
   * required) or invalid (always recorded).
   */
  dpid(field: string, msg: Dpid__Output | null | undefined, required: boolean): bigint | undefined {
    if (!msg) {
      if (required) this.add(field, 'required');
      return undefined;
    }
    const numeric = BigInt(msg.value);
    if (msg.text === '') return numeric;
    const parsed = parseDpid(msg.text);
    if (!parsed.ok) {
      this.add(`${field}.text`, parsed.reason);
      return undefined;
    }
    if (numeric !== 0n && numeric !== parsed.dpid) {
      this.add(field, `value ${numeric} and text "${msg.text}" disagree`);
      return undefined;
    }
    return parsed.dpid;
  }

  /** A uint64 sent as decimal string (LOADER_OPTIONS longs: String) → bigint. */
  uint64(field: string, text: string): bigint {
    // protobuf decoding guarantees the range; this guards values built in-process.
    const v = /^[0-9]+$/.test(text) ? BigInt(text) : -1n;
    if (v < 0n || v > UINT64_MAX) {
      this.add(field, `"${text}" is not an unsigned 64-bit integer`);
      return 0n;
    }
    return v;
  }

  /** Records a violation unless lo <= value <= hi. */
  range(field: string, value: number, lo: number, hi: number): number {
    if (value < lo || value > hi) this.add(field, `${value} is outside ${lo}..${hi}`);
    return value;
  }

  mac(field: string, text: string): string {
    if (!MAC_TEXT.test(text)) this.add(field, `"${text}" is not a MAC address (aa:bb:cc:dd:ee:ff)`);
    return text.toLowerCase();
  }

  ip(field: string, text: string): string {
    if (isIP(text) === 0) this.add(field, `"${text}" is not an IPv4 or IPv6 address`);
    return text;
  }

  /** Required non-empty string. */
  name(field: string, text: string): string {
    if (text.trim() === '') this.add(field, 'required');
    return text;
  }
}
