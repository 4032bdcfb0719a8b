import { copyBytes } from './byte-order.js';
import { PacketDecodeError } from './packet-decode-error.js';

/**
 * Classic libpcap capture files (the format `tcpdump -w` writes; draft-ietf-opsawg-pcap).
 *
 * The magic number says the writer's byte order and timestamp resolution: 0xa1b2c3d4
 * microseconds, 0xa1b23c4d nanoseconds, either byte-swapped. pcapng is not this format and is
 * rejected with a clear error.
 */

export const LINKTYPE_ETHERNET = 1;
const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;
const PCAPNG_MAGIC = 0x0a0d0d0a;

export interface PcapHeader {
  versionMajor: number;
  versionMinor: number;
  snaplen: number;
  linkType: number;
  /** True when timestamps' fractional part is nanoseconds. */
  nanosecond: boolean;
  littleEndian: boolean;
}

export interface PcapRecord {
  /** Seconds since the epoch. */
  tsSec: number;
  /** Fraction: microseconds, or nanoseconds when the file says so. */
  tsFrac: number;
  /** Length on the wire (may exceed data.length when the capture was truncated by snaplen). */
  originalLength: number;
  data: Uint8Array;
}

export interface PcapFile {
  header: PcapHeader;
  records: PcapRecord[];
}

export function readPcap(buf: Uint8Array): PcapFile {
  if (buf.length < 24) throw new PacketDecodeError('pcap.header', 0, `needs 24 bytes, ${buf.length} left`, true);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const be = dv.getUint32(0, false);
  const le = dv.getUint32(0, true);
  let littleEndian: boolean, nanosecond: boolean;
  if (be === MAGIC_US || be === MAGIC_NS) { littleEndian = false; nanosecond = be === MAGIC_NS; }
  else if (le === MAGIC_US || le === MAGIC_NS) { littleEndian = true; nanosecond = le === MAGIC_NS; }
  else if (be === PCAPNG_MAGIC) throw new PacketDecodeError('pcap.header', 0, 'this is pcapng, not classic pcap (use tcpdump -w, or editcap -F pcap)');
  else throw new PacketDecodeError('pcap.header', 0, `bad magic 0x${be.toString(16)}`);
  const u16 = (o: number) => dv.getUint16(o, littleEndian);
  const u32 = (o: number) => dv.getUint32(o, littleEndian);
  const header: PcapHeader = {
    versionMajor: u16(4), versionMinor: u16(6), snaplen: u32(16), linkType: u32(20) & 0x0fffffff, nanosecond, littleEndian,
  };
  const records: PcapRecord[] = [];
  for (let pos = 24; pos < buf.length;) {
    if (pos + 16 > buf.length) throw new PacketDecodeError(`pcap.record[${records.length}]`, pos, 'record header cut short', true);
    const inclLen = u32(pos + 8);
    // A record bigger than the snaplen (or absurdly big) means a corrupt file, not a huge packet.
    if (inclLen > Math.max(header.snaplen, 262144)) {
      throw new PacketDecodeError(`pcap.record[${records.length}]`, pos + 8, `captured length ${inclLen} exceeds snaplen ${header.snaplen}`);
    }
    if (pos + 16 + inclLen > buf.length) {
      throw new PacketDecodeError(`pcap.record[${records.length}]`, pos + 16, `needs ${inclLen} bytes, ${buf.length - pos - 16} left`, true);
    }
    records.push({
      tsSec: u32(pos), tsFrac: u32(pos + 4), originalLength: u32(pos + 12),
      data: copyBytes(buf, pos + 16, pos + 16 + inclLen),
    });
    pos += 16 + inclLen;
  }
  return { header, records };
}

export interface PcapWriteOptions {
  linkType?: number;
  snaplen?: number;
  nanosecond?: boolean;
  littleEndian?: boolean;
}

export function writePcap(records: readonly PcapRecord[], opts: PcapWriteOptions = {}): Buffer {
  const le = opts.littleEndian ?? true;
  const total = 24 + records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = Buffer.alloc(total);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  dv.setUint32(0, opts.nanosecond ? MAGIC_NS : MAGIC_US, le);
  dv.setUint16(4, 2, le);
  dv.setUint16(6, 4, le);
  dv.setUint32(16, opts.snaplen ?? 262144, le);
  dv.setUint32(20, opts.linkType ?? LINKTYPE_ETHERNET, le);
  let pos = 24;
  for (const r of records) {
    dv.setUint32(pos, r.tsSec, le);
    dv.setUint32(pos + 4, r.tsFrac, le);
    dv.setUint32(pos + 8, r.data.length, le);
    dv.setUint32(pos + 12, r.originalLength, le);
    out.set(r.data, pos + 16);
    pos += 16 + r.data.length;
  }
  return out;
}
