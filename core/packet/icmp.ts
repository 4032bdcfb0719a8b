import { readU16, readU32, writeU16, writeU32 } from './byte-order.js';
import { checksumVerifies, internetChecksum } from './checksum.js';
import { clampEnd, needBytes } from './packet-decode-error.js';

/** ICMP types (RFC 792, IANA "ICMP Type Numbers"). */
export const ICMP_TYPE = {
  ECHO_REPLY: 0, DEST_UNREACHABLE: 3, REDIRECT: 5, ECHO_REQUEST: 8, TIME_EXCEEDED: 11, PARAMETER_PROBLEM: 12,
} as const;

export interface IcmpHeader {
  type: number;
  code: number;
  /** Left undefined when building: computed over header and body. */
  checksum?: number;
  /** The type-specific second word: identifier and sequence for echo, gateway for redirect, unused otherwise. */
  restOfHeader: number;
}

export interface IcmpMessage extends IcmpHeader {
  checksum: number;
  checksumValid: boolean;
  /** Echo data, or the offending datagram's header for errors. */
  body: Uint8Array;
}

export function decodeIcmp(buf: Uint8Array, offset = 0, end?: number): IcmpMessage {
  const stop = clampEnd(buf, end);
  needBytes('icmp', offset, 8, stop);
  return {
    type: buf[offset]!,
    code: buf[offset + 1]!,
    checksum: readU16(buf, offset + 2),
    restOfHeader: readU32(buf, offset + 4),
    checksumValid: checksumVerifies(buf, offset, stop - offset),
    body: buf.subarray(offset + 8, stop),
  };
}

export function encodeIcmp(h: IcmpHeader, body: Uint8Array = new Uint8Array(0)): Buffer {
  const out = Buffer.alloc(8 + body.length);
  out[0] = h.type;
  out[1] = h.code;
  writeU32(out, 4, h.restOfHeader);
  out.set(body, 8);
  writeU16(out, 2, h.checksum ?? internetChecksum(out));
  return out;
}

/** Echo identifier and sequence number from the rest-of-header word. */
export function icmpEcho(m: IcmpHeader): { identifier: number; sequence: number } {
  return { identifier: m.restOfHeader >>> 16, sequence: m.restOfHeader & 0xffff };
}

export function icmpEchoRest(identifier: number, sequence: number): number {
  return (((identifier & 0xffff) << 16) | (sequence & 0xffff)) >>> 0;
}

