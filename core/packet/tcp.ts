import { copyBytes, readU16, readU32, writeU16, writeU32 } from './byte-order.js';
import { PacketDecodeError, clampEnd, needBytes } from './packet-decode-error.js';
import { IP_PROTO } from './protocol-numbers.js';
import { type PseudoHeader, transportChecksum } from './transport-checksum.js';

/** Flag bits of the 12-bit TCP flags field (RFC 9293, RFC 3168 for ECE/CWR, RFC 3540 NS). */
export const TCP_FLAG = {
  FIN: 0x001, SYN: 0x002, RST: 0x004, PSH: 0x008, ACK: 0x010, URG: 0x020, ECE: 0x040, CWR: 0x080, NS: 0x100,
} as const;

/** Option kinds (IANA "TCP Option Kind Numbers"). */
export const TCP_OPT = { EOL: 0, NOP: 1, MSS: 2, WS: 3, SACK_PERMITTED: 4, SACK: 5, TIMESTAMP: 8 } as const;

export type TcpOption =
  | { kind: 'eol' }
  | { kind: 'nop' }
  | { kind: 'mss'; mss: number }
  | { kind: 'ws'; shift: number }
  | { kind: 'sack-permitted' }
  | { kind: 'sack'; blocks: Array<[left: number, right: number]> }
  | { kind: 'timestamps'; tsval: number; tsecr: number }
  | { kind: 'other'; type: number; data: Uint8Array };

export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** TCP_FLAG bits. */
  flags: number;
  window: number;
  /** Left undefined when building: computed over the pseudo-header. */
  checksum?: number;
  urgentPointer: number;
  options: TcpOption[];
}

export interface TcpSegment extends TcpHeader {
  checksum: number;
  /** Data offset × 4. */
  headerLength: number;
  payload: Uint8Array;
}

export function decodeTcp(buf: Uint8Array, offset = 0, end?: number): TcpSegment {
  const stop = clampEnd(buf, end);
  needBytes('tcp', offset, 20, stop);
  const headerLength = (buf[offset + 12]! >>> 4) * 4;
  if (headerLength < 20) throw new PacketDecodeError('tcp', offset + 12, `data offset ${headerLength / 4} is below 5`);
  needBytes('tcp.options', offset + 20, headerLength - 20, stop);
  return {
    srcPort: readU16(buf, offset),
    dstPort: readU16(buf, offset + 2),
    seq: readU32(buf, offset + 4),
    ack: readU32(buf, offset + 8),
    flags: readU16(buf, offset + 12) & 0x1ff,
    window: readU16(buf, offset + 14),
    checksum: readU16(buf, offset + 16),
    urgentPointer: readU16(buf, offset + 18),
    options: decodeTcpOptions(buf, offset + 20, offset + headerLength),
    headerLength,
    payload: buf.subarray(offset + headerLength, stop),
  };
}

/** Parses options in [start, end); bytes after End of Option List are padding and ignored. */
export function decodeTcpOptions(buf: Uint8Array, start: number, end: number): TcpOption[] {
  const out: TcpOption[] = [];
  for (let i = start; i < end;) {
    const kind = buf[i]!;
    if (kind === TCP_OPT.EOL) { out.push({ kind: 'eol' }); break; }
    if (kind === TCP_OPT.NOP) { out.push({ kind: 'nop' }); i++; continue; }
    needBytes('tcp.options', i + 1, 1, end);
    const len = buf[i + 1]!;
    if (len < 2) throw new PacketDecodeError('tcp.options', i + 1, `option ${kind} has length ${len}`);
    needBytes('tcp.options', i, len, end);
    const badLen = (want: string) => new PacketDecodeError('tcp.options', i + 1, `option ${kind} needs length ${want}, got ${len}`);
    switch (kind) {
      case TCP_OPT.MSS:
        if (len !== 4) throw badLen('4');
        out.push({ kind: 'mss', mss: readU16(buf, i + 2) });
        break;
      case TCP_OPT.WS:
        if (len !== 3) throw badLen('3');
        out.push({ kind: 'ws', shift: buf[i + 2]! });
        break;
      case TCP_OPT.SACK_PERMITTED:
        if (len !== 2) throw badLen('2');
        out.push({ kind: 'sack-permitted' });
        break;
      case TCP_OPT.SACK: {
        if ((len - 2) % 8 !== 0) throw badLen('2 + 8n');
        const blocks: Array<[number, number]> = [];
        for (let j = i + 2; j < i + len; j += 8) blocks.push([readU32(buf, j), readU32(buf, j + 4)]);
        out.push({ kind: 'sack', blocks });
        break;
      }
      case TCP_OPT.TIMESTAMP:
        if (len !== 10) throw badLen('10');
        out.push({ kind: 'timestamps', tsval: readU32(buf, i + 2), tsecr: readU32(buf, i + 6) });
        break;
      default:
        out.push({ kind: 'other', type: kind, data: copyBytes(buf, i + 2, i + len) });
    }
    i += len;
  }
  return out;
}

/** Option bytes zero-padded (with EOL) to a multiple of 4. */
export function encodeTcpOptions(options: readonly TcpOption[]): Uint8Array {
  const b: number[] = [];
  const u16 = (v: number) => b.push(v >>> 8, v & 0xff);
  const u32 = (v: number) => b.push(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  for (const o of options) {
    switch (o.kind) {
      case 'eol': b.push(TCP_OPT.EOL); break;
      case 'nop': b.push(TCP_OPT.NOP); break;
      case 'mss': b.push(TCP_OPT.MSS, 4); u16(o.mss); break;
      case 'ws': b.push(TCP_OPT.WS, 3, o.shift); break;
      case 'sack-permitted': b.push(TCP_OPT.SACK_PERMITTED, 2); break;
      case 'sack': b.push(TCP_OPT.SACK, 2 + 8 * o.blocks.length); for (const [l, r] of o.blocks) { u32(l); u32(r); } break;
      case 'timestamps': b.push(TCP_OPT.TIMESTAMP, 10); u32(o.tsval); u32(o.tsecr); break;
      case 'other': b.push(o.type, o.data.length + 2, ...o.data); break;
    }
  }
  while (b.length % 4 !== 0) b.push(0);
  return Uint8Array.from(b);
}

export function encodeTcp(h: TcpHeader, payload: Uint8Array, ip: PseudoHeader): Buffer {
  const opts = encodeTcpOptions(h.options);
  const headerLength = 20 + opts.length;
  if (headerLength > 60) throw new RangeError(`TCP options too long (${opts.length} bytes)`);
  const out = Buffer.alloc(headerLength + payload.length);
  writeU16(out, 0, h.srcPort);
  writeU16(out, 2, h.dstPort);
  writeU32(out, 4, h.seq);
  writeU32(out, 8, h.ack);
  writeU16(out, 12, ((headerLength / 4) << 12) | (h.flags & 0x1ff));
  writeU16(out, 14, h.window);
  writeU16(out, 18, h.urgentPointer);
  out.set(opts, 20);
  out.set(payload, headerLength);
  writeU16(out, 16, h.checksum ?? transportChecksum(ip, IP_PROTO.TCP, out));
  return out;
}
