import { copyBytes, readU16, readU32 } from './byte-order.js';
import { DnsWriter, decodeDnsName } from './dns-name.js';
import { DNS_TYPE, type DnsRData, decodeRData, encodeRData } from './dns-rdata.js';
import { PacketDecodeError, clampEnd, needBytes } from './packet-decode-error.js';

/** DNS messages (RFC 1035 §4) with EDNS(0) (RFC 6891). */

export const DNS_OPCODE = { QUERY: 0, IQUERY: 1, STATUS: 2, NOTIFY: 4, UPDATE: 5 } as const;
export const DNS_RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export interface DnsFlags {
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  /** The reserved Z bit (must be zero, kept for byte-exact round trips). */
  z: boolean;
  ad: boolean;
  cd: boolean;
  /** The header's 4-bit RCODE; with EDNS the full code is (edns.extendedRcode << 4) | rcode. */
  rcode: number;
}

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

export interface DnsRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  data: DnsRData;
}

export interface DnsEdnsOption {
  code: number;
  data: Uint8Array;
}

/** The OPT pseudo-record's meaning (RFC 6891 §6.1.3). */
export interface DnsEdns {
  udpPayloadSize: number;
  extendedRcode: number;
  version: number;
  dnssecOk: boolean;
  options: DnsEdnsOption[];
}

export interface DnsMessage {
  id: number;
  flags: DnsFlags;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authority: DnsRecord[];
  /** Additional records, the OPT record excluded (it is in `edns`, and is written last). */
  additional: DnsRecord[];
  edns?: DnsEdns;
}

export const DNS_PORT = 53;

export function dnsFlags(partial: Partial<DnsFlags> = {}): DnsFlags {
  return { qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: false, ad: false, cd: false, rcode: 0, ...partial };
}

export function decodeDns(buf: Uint8Array, offset = 0, end?: number): DnsMessage {
  const stop = clampEnd(buf, end);
  needBytes('dns.header', offset, 12, stop);
  const f = readU16(buf, offset + 2);
  const flags: DnsFlags = {
    qr: (f & 0x8000) !== 0, opcode: (f >>> 11) & 0xf, aa: (f & 0x0400) !== 0, tc: (f & 0x0200) !== 0,
    rd: (f & 0x0100) !== 0, ra: (f & 0x0080) !== 0, z: (f & 0x0040) !== 0, ad: (f & 0x0020) !== 0,
    cd: (f & 0x0010) !== 0, rcode: f & 0xf,
  };
  const counts = [readU16(buf, offset + 4), readU16(buf, offset + 6), readU16(buf, offset + 8), readU16(buf, offset + 10)];
  let pos = offset + 12;
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < counts[0]!; i++) {
    const layer = `dns.question[${i}]`;
    const n = decodeDnsName(buf, offset, pos, stop, layer);
    needBytes(layer, n.next, 4, stop);
    questions.push({ name: n.name, type: readU16(buf, n.next), class: readU16(buf, n.next + 2) });
    pos = n.next + 4;
  }
  const sections: DnsRecord[][] = [[], [], []];
  const names = ['answer', 'authority', 'additional'];
  let edns: DnsEdns | undefined;
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      const layer = `dns.${names[s]}[${i}]`;
      const n = decodeDnsName(buf, offset, pos, stop, layer);
      needBytes(layer, n.next, 10, stop);
      const type = readU16(buf, n.next);
      const cls = readU16(buf, n.next + 2);
      const ttl = readU32(buf, n.next + 4);
      const rdlen = readU16(buf, n.next + 8);
      const rdStart = n.next + 10;
      needBytes(`${layer}.rdata`, rdStart, rdlen, stop);
      if (type === DNS_TYPE.OPT) {
        if (s !== 2) throw new PacketDecodeError(layer, n.next, 'OPT record outside the additional section');
        if (edns) throw new PacketDecodeError(layer, n.next, 'more than one OPT record');
        if (n.name !== '') throw new PacketDecodeError(layer, pos, 'OPT record owner is not the root');
        edns = {
          udpPayloadSize: cls, extendedRcode: ttl >>> 24, version: (ttl >>> 16) & 0xff, dnssecOk: (ttl & 0x8000) !== 0,
          options: decodeEdnsOptions(buf, rdStart, rdStart + rdlen, layer),
        };
      } else {
        const data = decodeRData(buf, offset, type, rdStart, rdStart + rdlen, `${layer}.rdata`);
        sections[s]!.push({ name: n.name, type, class: cls, ttl, data });
      }
      pos = rdStart + rdlen;
    }
  }
  return { id: readU16(buf, offset), flags, questions, answers: sections[0]!, authority: sections[1]!, additional: sections[2]!, edns };
}

function decodeEdnsOptions(buf: Uint8Array, start: number, end: number, layer: string): DnsEdnsOption[] {
  const out: DnsEdnsOption[] = [];
  for (let pos = start; pos < end;) {
    needBytes(`${layer}.option`, pos, 4, end);
    const len = readU16(buf, pos + 2);
    needBytes(`${layer}.option`, pos + 4, len, end);
    out.push({ code: readU16(buf, pos), data: copyBytes(buf, pos + 4, pos + 4 + len) });
    pos += 4 + len;
  }
  return out;
}

/** Encodes with name compression for owner names, questions and the RDATA of well-known types. */
export function encodeDns(m: DnsMessage): Buffer {
  const w = new DnsWriter();
  const f = m.flags;
  w.u16(m.id);
  w.u16((f.qr ? 0x8000 : 0) | ((f.opcode & 0xf) << 11) | (f.aa ? 0x0400 : 0) | (f.tc ? 0x0200 : 0) | (f.rd ? 0x0100 : 0) |
    (f.ra ? 0x0080 : 0) | (f.z ? 0x0040 : 0) | (f.ad ? 0x0020 : 0) | (f.cd ? 0x0010 : 0) | (f.rcode & 0xf));
  w.u16(m.questions.length);
  w.u16(m.answers.length);
  w.u16(m.authority.length);
  w.u16(m.additional.length + (m.edns ? 1 : 0));
  for (const q of m.questions) { w.name(q.name, true); w.u16(q.type); w.u16(q.class); }
  for (const r of [...m.answers, ...m.authority, ...m.additional]) {
    w.name(r.name, true);
    w.u16(r.type); w.u16(r.class); w.u32(r.ttl);
    const lenAt = w.length;
    w.u16(0);
    encodeRData(w, r.data);
    w.patchU16(lenAt, w.length - lenAt - 2);
  }
  if (m.edns) {
    const e = m.edns;
    w.u8(0);
    w.u16(DNS_TYPE.OPT);
    w.u16(e.udpPayloadSize);
    w.u32(((e.extendedRcode & 0xff) << 24) | ((e.version & 0xff) << 16) | (e.dnssecOk ? 0x8000 : 0));
    w.u16(e.options.reduce((n, o) => n + 4 + o.data.length, 0));
    for (const o of e.options) { w.u16(o.code); w.u16(o.data.length); w.raw(o.data); }
  }
  return w.toBuffer();
}
