/**
 * ofp_port (OpenFlow 1.3.5 §7.2.1): the 64-byte port description of FEATURES/PORT_DESC replies and
 * PORT_STATUS, plus the reserved port numbers and the config/state/feature bits.
 */
import { OfpEncodeError } from './encode-error.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';
import { macBytes, macText } from '../net/index.js';

export const OFP_PORT_LEN = 64;
export const OFP_MAX_PORT_NAME_LEN = 16;

/** enum ofp_port_no: the reserved port numbers. */
export const OFPP = {
  /** Highest number of a physical or logical port. */
  MAX: 0xffffff00,
  IN_PORT: 0xfffffff8,
  TABLE: 0xfffffff9,
  NORMAL: 0xfffffffa,
  FLOOD: 0xfffffffb,
  ALL: 0xfffffffc,
  CONTROLLER: 0xfffffffd,
  LOCAL: 0xfffffffe,
  ANY: 0xffffffff,
} as const;

/** enum ofp_port_config bits. */
export const OFPPC = { PORT_DOWN: 1 << 0, NO_RECV: 1 << 2, NO_FWD: 1 << 5, NO_PACKET_IN: 1 << 6 } as const;

/** enum ofp_port_state bits. */
export const OFPPS = { LINK_DOWN: 1 << 0, BLOCKED: 1 << 1, LIVE: 1 << 2 } as const;

/** enum ofp_port_features bits (curr, advertised, supported, peer). */
export const OFPPF = {
  '10MB_HD': 1 << 0,
  '10MB_FD': 1 << 1,
  '100MB_HD': 1 << 2,
  '100MB_FD': 1 << 3,
  '1GB_HD': 1 << 4,
  '1GB_FD': 1 << 5,
  '10GB_FD': 1 << 6,
  '40GB_FD': 1 << 7,
  '100GB_FD': 1 << 8,
  '1TB_FD': 1 << 9,
  OTHER: 1 << 10,
  COPPER: 1 << 11,
  FIBER: 1 << 12,
  AUTONEG: 1 << 13,
  PAUSE: 1 << 14,
  PAUSE_ASYM: 1 << 15,
} as const;

export interface PortDesc {
  readonly portNo: number;
  /** "aa:bb:cc:dd:ee:ff". */
  readonly hwAddr: string;
  /**
   * Interface name: UTF-8, up to 16 bytes, NUL-padded. Bytes that are not UTF-8 decode to
   * U+DC80..U+DCFF (Python's surrogateescape) so any name a peer sends re-encodes unchanged.
   */
  readonly name: string;
  /** OFPPC_* bits. */
  readonly config: number;
  /** OFPPS_* bits. */
  readonly state: number;
  /** OFPPF_* bits. */
  readonly curr: number;
  readonly advertised: number;
  readonly supported: number;
  readonly peer: number;
  /** kb/s. */
  readonly currSpeed: number;
  readonly maxSpeed: number;
}

export function decodePortDesc(r: OfpReader): PortDesc {
  r.need(OFP_PORT_LEN, 'ofp_port');
  const portNo = r.u32('ofp_port.port_no');
  r.skip(4, 'ofp_port.pad');
  const hwAddr = macText(r.buf, r.pos);
  r.skip(8, 'ofp_port.hw_addr');
  const name = fixedUtf8(r, OFP_MAX_PORT_NAME_LEN, 'ofp_port.name');
  return {
    portNo, hwAddr, name,
    config: r.u32('ofp_port.config'),
    state: r.u32('ofp_port.state'),
    curr: r.u32('ofp_port.curr'),
    advertised: r.u32('ofp_port.advertised'),
    supported: r.u32('ofp_port.supported'),
    peer: r.u32('ofp_port.peer'),
    currSpeed: r.u32('ofp_port.curr_speed'),
    maxSpeed: r.u32('ofp_port.max_speed'),
  };
}

export function encodePortDesc(w: OfpWriter, p: PortDesc): void {
  w.u32(p.portNo);
  w.zeros(4);
  w.zeros(8);
  if (!macBytes(p.hwAddr, w.buf, w.pos - 8)) throw new OfpEncodeError('ofp_port.hw_addr', `${JSON.stringify(p.hwAddr)} is not a MAC`);
  writeFixedUtf8(w, p.name, OFP_MAX_PORT_NAME_LEN, 'ofp_port.name');
  w.u32(p.config);
  w.u32(p.state);
  w.u32(p.curr);
  w.u32(p.advertised);
  w.u32(p.supported);
  w.u32(p.peer);
  w.u32(p.currSpeed);
  w.u32(p.maxSpeed);
}

/**
 * A NUL-padded name field read as UTF-8: OVS and Ryu put UTF-8 there (the corpus has Japanese port
 * and table names), and ASCII names read the same either way.
 *
 * Bytes that are not valid UTF-8 become lone surrogates U+DC80..U+DCFF (Python's
 * "surrogateescape"), and a field filled to the last byte is accepted, so every name a peer sends
 * decodes and re-encodes to the same bytes.
 */
export function fixedUtf8(r: OfpReader, n: number, field: string): string {
  r.need(n, field);
  const raw = r.buf.subarray(r.pos, r.pos + n);
  r.pos += n;
  const nul = raw.indexOf(0);
  const text = raw.subarray(0, nul < 0 ? n : nul);
  const s = text.toString('utf8');
  return Buffer.byteLength(s, 'utf8') === text.length && !s.includes('\ufffd') ? s : escapeInvalidUtf8(text);
}

function escapeInvalidUtf8(b: Buffer): string {
  let out = '';
  for (let i = 0; i < b.length;) {
    const lead = b[i]!;
    const len = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (len > 0 && i + len <= b.length) {
      const seq = b.subarray(i, i + len);
      const ch = seq.toString('utf8');
      if (!ch.includes('\ufffd') && Buffer.byteLength(ch, 'utf8') === len) {
        out += ch;
        i += len;
        continue;
      }
    }
    out += String.fromCharCode(0xdc00 + lead);
    i++;
  }
  return out;
}

/**
 * Writes `s` as UTF-8 into an n-byte NUL-padded field (lone surrogates U+DC80..U+DCFF as the raw
 * bytes fixedUtf8 escaped). Longer names are an error, not cut mid-character.
 */
export function writeFixedUtf8(w: OfpWriter, s: string, n: number, field: string): void {
  const bytes = /[\udc80-\udcff]/.test(s) ? unescapeUtf8(s) : Buffer.from(s, 'utf8');
  if (bytes.length > n) throw new OfpEncodeError(field, `${JSON.stringify(s)} is ${bytes.length} bytes, at most ${n} fit`);
  w.bytes(bytes);
  w.zeros(n - bytes.length);
}

function unescapeUtf8(s: string): Buffer {
  const parts: Buffer[] = [];
  let run = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xdc80 && c <= 0xdcff) {
      parts.push(Buffer.from(run, 'utf8'), Buffer.from([c - 0xdc00]));
      run = '';
    } else {
      run += ch;
    }
  }
  parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}
